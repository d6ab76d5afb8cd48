// The Outlook agenda's scheduled work (the calendarSync delivery itself is teams/features/agenda/sync.ts):
// - expireOffers: offers nobody answered within AGENDA_OFFER_MINUTES: the bot plans the first feasible slot;
// - healCalendars: callbacks out of step after the outbox gave a sync up are queued again;
// - recheckAccess: Graph allows access again: the agenda work that waited is queued.
// Callbacks are read a page at a time; what the event should be is domain/items/callbackAgenda.ts.
import { AGENDA_OFFER_MINUTES, type CallbackData } from '../../domain/items/callback';
import { AGENDA_KINDS, graphUserOf, outOfStep } from '../../domain/items/callbackAgenda';
import { SYSTEM, type Item } from '../../domain/types';
import { graphServesTenant, type GraphService } from '../../graph';
import type { OutboxMessage } from '../../storage/repository';
import { calendarBlocked, recheckGraphAccess } from '../graphAccess';
import { eachItem } from '../itemPages';
import type { Job, Services } from '../services';

/** Whether the agenda works for this tenant: Graph is set up and serves it. */
export function agendaReady<S extends Pick<Services, 'graph' | 'config'>>(s: S, tenantId: string): s is S & { graph: GraphService } {
  return !!s.graph && graphServesTenant(s.config.graph, tenantId);
}

/** Offers nobody answered within AGENDA_OFFER_MINUTES: the bot plans the first feasible slot itself. */
export const expireOffers: Job = async (s, now) => {
  if (!s.graph) return;
  for (const tenantId of await s.repo.tenants()) {
    if (!agendaReady(s, tenantId)) continue;
    for await (const item of eachItem(s.repo, tenantId, { kinds: ['callback'], open: true }, s.itemPageSize)) {
      const agenda = (item.data as unknown as CallbackData).agenda;
      if (agenda?.state !== 'offer') continue;
      if (now.getTime() - new Date(agenda.since).getTime() < AGENDA_OFFER_MINUTES * 60_000) continue;
      // Conditional on the version like every change: with several instances only one succeeds.
      await s.items.act(tenantId, item.id, 'agendaAuto', {}, SYSTEM);
    }
  }
};

/** How often the catch-up looks for callbacks whose calendar sync gave up (outbox attempts exhausted). */
export const HEAL_EVERY_MINUTES = 15;

/**
 * Catch-up: the outbox gives a message up after its last attempt (about half an hour of retries).
 * When Graph was down longer, this finds callbacks that are out of step and have no calendarSync
 * waiting, and queues one again (once per callback per quarter hour, over all instances).
 * Callbacks whose owner's calendar Graph refuses (an open access problem, graphAccess.ts) are left
 * alone: they are queued again when the re-check finds access back (recheckAccess).
 */
export const healCalendars: Job = async (s, now) => {
  if (!s.graph) return;
  const bucket = Math.floor(now.getTime() / (HEAL_EVERY_MINUTES * 60_000));
  for (const tenantId of await s.repo.tenants()) {
    if (!agendaReady(s, tenantId)) continue;
    if (!(await s.repo.claimOnce(tenantId, `agenda-heal:${bucket}`, now))) continue;
    await queueOutOfStep(s, tenantId, now, (id) => `calheal:${tenantId}:${id}:${bucket}`);
  }
};

/** Graph allows access again (one cheap call every quarter hour): queue the agenda work that waited. */
export const recheckAccess: Job = async (s, now) => {
  for (const tenantId of await recheckGraphAccess(s, now)) {
    if (agendaReady(s, tenantId)) await queueOutOfStep(s, tenantId, now, (id) => `calrecheck:${tenantId}:${id}:${now.getTime()}`);
  }
};

/** Queues a calendarSync for every callback out of step with no sync waiting and no open access problem. */
async function queueOutOfStep(s: Services, tenantId: string, now: Date, keyFor: (itemId: string) => string): Promise<void> {
  const waiting = new Set(
    (await s.repo.listOutbox({ status: 'pending', tenantId, type: 'calendarSync', limit: 10_000 })).map((m) => String(m.payload.itemId)),
  );
  const blocked = await calendarBlocked(s, tenantId);
  const recent = new Date(now.getTime() - 7 * 24 * 3600_000);
  const heal: OutboxMessage[] = [];
  for (const q of [{ open: true }, { open: false, closedSince: recent }]) {
    for await (const raw of eachItem(s.repo, tenantId, { kinds: [...AGENDA_KINDS], ...q }, s.itemPageSize)) {
      const i = raw as unknown as Item<CallbackData>;
      if (waiting.has(i.id) || !outOfStep(i) || blocked(graphUserOf(i))) continue;
      heal.push({ tenantId, key: keyFor(i.id), type: 'calendarSync', lane: `graph:${tenantId}:${i.id}`, payload: { itemId: i.id } });
    }
  }
  if (!heal.length) return;
  s.log.info({ tenantId, count: heal.length }, 'calendar sync: queued again for callbacks out of step');
  await s.repo.enqueue(heal, now);
  s.outbox.kick();
}
