// Delivers the daily digest (the job that schedules it is app/jobs/digest.ts): the content is built
// when the message is delivered, and a message of an earlier day is dropped, never sent.
// See docs/digest.md for the reasoning.
import type { ConversationReference } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import type { DeliveryHandler, DeliveryResult } from '../../../app/outbox';
import type { DigestPayload } from '../../../app/jobs/digest';
import type { Services } from '../../../app/services';
import { channelRef, channelTarget, guarded } from '../../delivery';
import type { TeamsMessenger } from '../../proactive';
import { channelAudience, digestFor, personalAudience, type DigestPorts } from './card';

/** Sends and classifies a failure; a blocked or removed conversation is recorded for `target` (delivery.ts). */
function send(target: string, fn: () => Promise<unknown>): Promise<DeliveryResult> {
  return guarded(target, async () => {
    await fn();
  });
}

export function digestDelivery(
  s: DigestPorts & Pick<Services, 'clock' | 'bindings' | 'users'>,
  messenger: TeamsMessenger,
): DeliveryHandler {
  return async (m) => {
    const p = m.payload as unknown as DigestPayload;
    const now = s.clock.now();
    if (s.calendar.dayOf(now) !== p.day) {
      // Still pending from an earlier day (the bot was down, or Teams refused until midnight): that day is over.
      s.log.info({ tenantId: m.tenantId, day: p.day, audience: p.audience }, 'digest of an earlier day dropped');
      return { ok: true };
    }
    if (p.audience === 'channel') {
      const binding = await s.bindings.getBinding(m.tenantId);
      if (!binding) return { ok: false, retry: false, error: 'no channel bound' };
      const { card } = await digestFor(s, m.tenantId, channelAudience, now);
      const ref = channelRef(binding.conversationRef) as Partial<ConversationReference>;
      return send(channelTarget(String(ref.conversation?.id ?? '')), () =>
        messenger.post(ref, {
          attachments: [CardFactory.adaptiveCard(card)],
        }),
      );
    }
    const user = p.userId ? await s.users.getUser(m.tenantId, p.userId) : null;
    if (!user || user.settings.personalDigest !== true) return { ok: true }; // opted out since the claim
    const person = { id: user.userId, name: user.name, teamsId: user.teamsId };
    const { digest, card } = await digestFor(s, m.tenantId, personalAudience(person), now);
    if (digest.counts.open === 0) return { ok: true }; // nothing of theirs open: no message at all
    return send(`user:${person.id}`, () => messenger.sendToPerson(m.tenantId, person, { attachments: [CardFactory.adaptiveCard(card)] }));
  };
}
