// What the views, the digest and the report read (use cases the Teams adapter calls; it only turns
// the result into a card). The digest and the lists show counts of every open item, so they read the
// open items whole; the scheduled jobs read a page at a time instead (app/itemPages.ts).
import { isHeld } from '../domain/customers/pause';
import type { DigestAudience } from '../domain/digest';
import { onTimeReport, reportStart, type OnTimeReport } from '../domain/report/onTime';
import type { HistoryEntry, Item } from '../domain/types';
import type { Services } from './services';

/** The open items a digest lists: a person's own (by Entra and Teams id), or the team's minus held ones. */
export async function digestItems(s: Services, tenantId: string, audience: DigestAudience): Promise<Item[]> {
  if (audience.type === 'personal') {
    const p = audience.person;
    const ids = [...new Set([p.id, p.teamsId].filter((x): x is string => !!x))];
    const seen = new Set<string>();
    const items: Item[] = [];
    for (const id of ids) {
      for (const item of await s.repo.queryItems(tenantId, { open: true, ownerId: id })) {
        if (seen.has(item.id)) continue;
        seen.add(item.id);
        items.push(item);
      }
    }
    return items;
  }
  // Held items (the customer's contact is paused) stay out of the channel (domain/customers/pause.ts).
  return (await s.repo.queryItems(tenantId, { open: true })).filter((i) => !isHeld(i));
}

/** `mijn`: the open items someone owns. */
export function ownOpenItems(s: Services, tenantId: string, ownerId: string): Promise<Item[]> {
  return s.repo.queryItems(tenantId, { ownerId, open: true });
}

/** `overzicht`: the team's open items, and the names of the people the owner filter offers (known users and owners). */
export async function teamOpenItems(s: Services, tenantId: string): Promise<{ items: Item[]; people: Map<string, string> }> {
  const items = await s.repo.queryItems(tenantId, { open: true });
  const people = new Map<string, string>();
  for (const u of await s.repo.listUsers(tenantId)) people.set(u.userId, u.name);
  return { items, people };
}

/** How many weeks `rapport` looks back. */
export const REPORT_WEEKS = 4;

/** Loads the items made since the report's first Monday and their history, and computes the report. */
export async function buildReport(s: Services, tenantId: string): Promise<OnTimeReport> {
  const now = s.clock.now();
  const since = s.calendar.at(reportStart(s.calendar, now, REPORT_WEEKS), '00:00');
  const items = await s.repo.queryItems(tenantId, { createdSince: since });
  const history = new Map<string, HistoryEntry[]>();
  for (const item of items) history.set(item.id, await s.repo.history(tenantId, item.id));
  return onTimeReport(items, history, s.calendar, now, REPORT_WEEKS);
}
