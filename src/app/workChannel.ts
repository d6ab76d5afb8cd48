// Binding the team's work channel (koppel). The first binding is open to anyone (SPEC); moving a
// bound channel elsewhere needs a manager or the colleague who bound it (policy.mayMoveWorkChannel),
// so a colleague cannot silently send the next customer cards to another team. A move is announced
// in the old channel and told to the managers and the earlier binder in their 1:1 chat.
import type { ConversationReference } from 'botbuilder';
import { PENDING_TENANT, type Person } from '../domain/types';
import { sayText } from '../domain/userText';
import type { ChannelBinding, OutboxMessage } from '../storage/repository';
import { nl } from '../texts/nl';
import type { Services } from './services';

export type BindOutcome =
  | { status: 'bound' }
  | { status: 'already' }
  | { status: 'moved'; previous: ChannelBinding }
  | { status: 'refused'; current: ChannelBinding };

const t = nl.workChannel;

export async function bindWorkChannel(s: Services, wanted: ChannelBinding): Promise<BindOutcome> {
  const actor = wanted.boundBy;
  const current = await s.repo.getBinding(wanted.tenantId);
  if (current && current.channelId !== wanted.channelId && !s.policy.mayMoveWorkChannel(current.boundBy, actor)) {
    s.log.warn({ tenantId: wanted.tenantId }, 'work channel move refused: not a manager nor the colleague who bound it');
    return { status: 'refused', current };
  }
  // Binding the same channel again refreshes its reference but keeps who bound it (else anyone
  // could become "the colleague who bound it" by typing koppel there, and then move it).
  const same = current && current.channelId === wanted.channelId;
  const binding = same ? { ...wanted, boundBy: current.boundBy, boundAt: current.boundAt } : wanted;
  const previous = await s.repo.saveBinding(binding);
  if (
    previous &&
    previous.channelId !== wanted.channelId &&
    (!current || current.channelId !== previous.channelId) &&
    !s.policy.mayMoveWorkChannel(previous.boundBy, actor)
  ) {
    // Someone else bound a channel between our read and our write: put theirs back.
    await s.repo.saveBinding(previous);
    return { status: 'refused', current: previous };
  }
  if (!previous) return { status: 'bound' };
  if (previous.channelId === wanted.channelId) return { status: 'already' };
  await announceMove(s, previous, binding);
  return { status: 'moved', previous };
}

/** The old channel hears where the work went; managers and the earlier binder hear it in 1:1 (not the mover). */
async function announceMove(s: Services, from: ChannelBinding, to: ChannelBinding): Promise<void> {
  const now = s.clock.now();
  const at = now.getTime();
  const by = to.boundBy.name;
  const [fromName, toName, team] = [from.channelName, to.channelName, to.teamName || to.channelName];
  const oldRef = from.conversationRef as Partial<ConversationReference>;
  const messages: OutboxMessage[] = [
    {
      tenantId: to.tenantId,
      key: `channelMoved:${to.tenantId}:${from.channelId}:${at}`,
      type: 'notifyChannel',
      lane: `channel:${from.channelId}`,
      payload: { conversationRef: oldRef, text: sayText(t.movedAwayNotice, toName, team, by) },
    },
  ];
  const people = new Map<string, Person>();
  people.set(from.boundBy.id, from.boundBy);
  for (const id of s.config.managerIds) {
    const u = await s.repo.getUser(to.tenantId, id);
    if (u) people.set(u.userId, { id: u.userId, name: u.name, teamsId: u.teamsId });
  }
  for (const p of people.values()) {
    if (p.id === to.boundBy.id || (p.teamsId && p.teamsId === to.boundBy.teamsId)) continue;
    messages.push({
      tenantId: to.tenantId,
      key: `channelMoved:${to.tenantId}:${from.channelId}:${at}:${p.id}`,
      type: 'notifyPerson',
      lane: `user:${p.id}`,
      payload: { to: p, text: sayText(t.movedToManagers, by, fromName, toName, team) },
    });
  }
  await s.repo.enqueue(messages, now);
  s.outbox.kick();
  s.log.info({ tenantId: to.tenantId, told: messages.length - 1 }, 'work channel moved: old channel and managers told');
}

/**
 * After a binding: problems with an earlier work channel no longer matter once the team has moved
 * on, and intake callbacks that came in before the bot knew its tenant now belong to this one
 * (when no intake tenant is configured, the first team that binds a channel is the organisation).
 */
export async function settleAfterBinding(s: Services, tenantId: string, channelId: string): Promise<void> {
  for (const p of await s.repo.listDeliveryProblems({ tenantId, open: true })) {
    if (p.target.startsWith('channel:') && p.target !== `channel:${channelId}`)
      await s.repo.resolveDeliveryProblem(tenantId, p.target, s.clock.now());
  }
  if (s.config.intake.tenantId) return;
  const adopted = await s.repo.adoptTenant(PENDING_TENANT, tenantId);
  if (adopted > 0) s.log.info({ tenantId, adopted, linked: await s.customers.linkAdopted(tenantId) }, 'pending intake callbacks adopted');
}
