// The daily digest on schedule. Exactly once per tenant per working day, across instances and
// restarts: the job claims `digest:YYYY-MM-DD` and writes the outbox messages in ONE transaction
// (repo.enqueueOnce), so the claim and the sends exist together or not at all. The content is
// built when the message is delivered, and a message of an earlier day is dropped, never sent.
// See docs/digest.md for the reasoning.
import type { ConversationReference } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import type { DeliveryHandler, DeliveryResult } from '../../../app/outbox';
import type { Job, Services } from '../../../app/services';
import type { LocalDay } from '../../../domain/workingTime';
import type { OutboxMessage } from '../../../storage/repository';
import { channelRef, channelTarget, guarded } from '../../delivery';
import type { TeamsMessenger } from '../../proactive';
import { channelAudience, digestFor, personalAudience } from './card';

export const DIGEST_MESSAGE = 'digest';

export interface DigestPayload {
  audience: 'channel' | 'personal';
  day: LocalDay;
  userId?: string;
}

export const claimKey = (day: LocalDay): string => `digest:${day}`;

/** The day whose digest is due at `now`, or null: not a working day, or before the digest time. */
export function dueDigestDay(s: Services, now: Date): LocalDay | null {
  const day = s.calendar.dayOf(now);
  if (!s.calendar.isWorkingDay(day)) return null;
  if (now.getTime() < s.calendar.at(day, s.config.digestTime).getTime()) return null;
  // From the digest time until the end of that day: a digest missed while the bot was down goes
  // out when it is back, the same working day; the next day only that day's digest counts.
  return day;
}

/** The outbox messages of one tenant's digest: the bound channel, and everyone who opted in. */
export async function digestMessages(s: Services, tenantId: string, day: LocalDay): Promise<OutboxMessage[]> {
  const out: OutboxMessage[] = [];
  const binding = await s.repo.getBinding(tenantId);
  // A channel bound (koppel) after today's digest time gets its first digest the next working day:
  // right after koppel the team would only see an empty overview of what it just set up.
  if (binding && !boundAfterDigestTime(s, binding.boundAt, day)) {
    out.push({
      tenantId, key: `digest:${tenantId}:${day}:channel`, type: DIGEST_MESSAGE, lane: `channel:${tenantId}`,
      payload: { audience: 'channel', day } satisfies DigestPayload as unknown as Record<string, unknown>,
    });
  }
  for (const u of await s.repo.listUsers(tenantId)) {
    if (u.settings.personalDigest !== true) continue;
    out.push({
      tenantId, key: `digest:${tenantId}:${day}:user:${u.userId}`, type: DIGEST_MESSAGE, lane: `user:${u.userId}`,
      payload: { audience: 'personal', day, userId: u.userId } satisfies DigestPayload as unknown as Record<string, unknown>,
    });
  }
  return out;
}

function boundAfterDigestTime(s: Services, boundAt: Date | undefined, day: LocalDay): boolean {
  return !!boundAt && s.calendar.dayOf(boundAt) === day && boundAt.getTime() >= s.calendar.at(day, s.config.digestTime).getTime();
}

/** When the next scheduled digest goes out, seen from `now` (today's when its time has not come yet). */
export function nextDigestMoment(s: Services, now: Date): Date {
  const today = s.calendar.dayOf(now);
  const todays = s.calendar.at(today, s.config.digestTime);
  if (s.calendar.isWorkingDay(today) && now.getTime() < todays.getTime()) return todays;
  return s.calendar.at(s.calendar.nextWorkingDay(today), s.config.digestTime);
}

export const dailyDigest: Job = async (s, now) => {
  const day = dueDigestDay(s, now);
  if (!day) return;
  for (const tenantId of await s.repo.tenants()) {
    const key = claimKey(day);
    if (await s.repo.hasClaim(tenantId, key)) continue; // cheap check on every tick after the digest time
    const messages = await digestMessages(s, tenantId, day);
    if (messages.length === 0) continue; // no channel and nobody opted in: nothing to claim yet
    if (await s.repo.enqueueOnce(tenantId, key, messages, now)) {
      s.log.info({ tenantId, day, messages: messages.length }, 'daily digest claimed');
      s.outbox.kick();
    }
  }
};

/** Sends and classifies a failure; a blocked or removed conversation is recorded for `target` (delivery.ts). */
function send(target: string, fn: () => Promise<unknown>): Promise<DeliveryResult> {
  return guarded(target, async () => {
    await fn();
  });
}

export function digestDelivery(s: Services, messenger: TeamsMessenger): DeliveryHandler {
  return async (m) => {
    const p = m.payload as unknown as DigestPayload;
    const now = s.clock.now();
    if (s.calendar.dayOf(now) !== p.day) {
      // Still pending from an earlier day (the bot was down, or Teams refused until midnight): that day is over.
      s.log.info({ tenantId: m.tenantId, day: p.day, audience: p.audience }, 'digest of an earlier day dropped');
      return { ok: true };
    }
    if (p.audience === 'channel') {
      const binding = await s.repo.getBinding(m.tenantId);
      if (!binding) return { ok: false, retry: false, error: 'no channel bound' };
      const { card } = await digestFor(s, m.tenantId, channelAudience, now);
      const ref = channelRef(binding.conversationRef) as Partial<ConversationReference>;
      return send(channelTarget(String(ref.conversation?.id ?? '')), () => messenger.post(ref, {
        attachments: [CardFactory.adaptiveCard(card)],
      }));
    }
    const user = p.userId ? await s.repo.getUser(m.tenantId, p.userId) : null;
    if (!user || user.settings.personalDigest !== true) return { ok: true }; // opted out since the claim
    const person = { id: user.userId, name: user.name, teamsId: user.teamsId };
    const { digest, card } = await digestFor(s, m.tenantId, personalAudience(person), now);
    if (digest.counts.open === 0) return { ok: true }; // nothing of theirs open: no message at all
    return send(`user:${person.id}`, () => messenger.sendToPerson(m.tenantId, person, { attachments: [CardFactory.adaptiveCard(card)] }));
  };
}
