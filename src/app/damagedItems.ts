// Stored values outside the moment horizon, or unreadable (issue 13): found at start, before they
// can make a job walk for minutes or a card throw. Each such open item is marked damaged (a
// history entry by Top Contact, through ItemService) and the managers are told once, in their 1:1
// chat, which items it concerns. Nothing crashes: the rest of the bot works on (docs/reliability.md).
import { isSoundStoredMoment, soundStoredRange } from '../domain/moments';
import type { Item, Person } from '../domain/types';
import { PENDING_TENANT } from '../domain/types';
import { nl } from '../texts/nl';
import type { OutboxMessage } from '../storage/repository';
import type { Services } from './services';
import { eachItem } from './itemPages';

/** The fields of data that hold moments (badMomentFields reads these, and only these). */
export const MOMENT_DATA_FIELDS = ['preferredMoment', 'moment', 'terms', 'agenda'] as const;

/** The moments an item may carry: its deadline and the kinds' moment fields in data. */
export function badMomentFields(item: Item, now: Date, months: number): string[] {
  const bad: string[] = [];
  const check = (field: string, value: unknown) => {
    if (value !== undefined && value !== null && value !== '' && !isSoundStoredMoment(value, now, months)) bad.push(field);
  };
  if (item.deadline !== null) check('deadline', item.deadline);
  const d = item.data ?? {};
  check('preferredMoment', d.preferredMoment);
  check('moment', d.moment);
  const terms = d.terms as { first?: unknown; final?: unknown } | undefined;
  if (terms && typeof terms === 'object') {
    check('terms.first', terms.first);
    check('terms.final', terms.final);
  }
  const agenda = d.agenda as { start?: unknown } | undefined;
  if (agenda && typeof agenda === 'object') check('agenda.start', agenda.start);
  return bad;
}

/** Runs once at start. Returns the ids marked now (per tenant). Never throws: a failure is logged. */
export async function markDamagedItems(s: Services): Promise<Map<string, string[]>> {
  const marked = new Map<string, string[]>();
  try {
    const now = s.clock.now();
    for (const tenantId of await s.repo.tenants()) {
      const ids: string[] = [];
      // Only the items whose deadline is out of range or whose data holds a moment are read (a
      // superset of the damaged ones, checked in full below): at start, before the server answers.
      const momentSuspects = { ...soundStoredRange(now, s.config.momentHorizonMonths), dataFields: MOMENT_DATA_FIELDS };
      for await (const item of eachItem(s.repo, tenantId, { open: true, momentSuspects }, s.itemPageSize)) {
        if (item.data?.damaged) continue; // marked and told at an earlier start
        const fields = badMomentFields(item, now, s.config.momentHorizonMonths);
        if (!fields.length) continue;
        // Several instances start at once: one claims the item and tells about it.
        if (!(await s.repo.claimOnce(tenantId, `damaged:${item.id}`, now))) continue;
        if (await s.items.markDamaged(tenantId, item.id, fields)) ids.push(item.id);
        s.log.warn({ tenantId, itemId: item.id, fields }, 'stored item has an invalid moment: marked damaged');
      }
      if (ids.length) {
        marked.set(tenantId, ids);
        if (tenantId !== PENDING_TENANT) await tellManagers(s, tenantId, ids);
      }
    }
  } catch (err) {
    s.log.error({ err }, 'check of stored moments at start failed');
  }
  return marked;
}

async function tellManagers(s: Services, tenantId: string, ids: string[]): Promise<void> {
  const people = new Map<string, Person>();
  for (const id of [...s.config.managerIds, ...(s.config.managerFallbackId ? [s.config.managerFallbackId] : [])]) {
    const u = await s.repo.getUser(tenantId, id);
    if (u) people.set(u.userId, { id: u.userId, name: u.name, teamsId: u.teamsId });
  }
  if (people.size === 0) {
    s.log.warn({ tenantId, items: ids.length }, 'damaged items found but no manager known to tell');
    return;
  }
  const now = s.clock.now();
  const messages: OutboxMessage[] = [...people.values()].map((to) => ({
    tenantId,
    key: `damaged:${tenantId}:${ids.join(',')}:${to.id}`,
    type: 'notifyPerson',
    lane: `user:${to.id}`,
    payload: { to, text: nl.integrity.damagedFound(ids) },
  }));
  await s.repo.enqueue(messages, now);
  s.outbox.kick();
}
