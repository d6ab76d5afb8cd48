// What the views, the digest and the report read (use cases the Teams adapter calls; it only turns
// the result into a card). The digest and the report read the items a page at a time
// (app/itemPages.ts) and fold each page into the domain's accumulator, so 10,000 open items are
// never in memory at once and the report asks the history once per page, not once per item.
// The lists (`mijn`, `overzicht`) fold their pages the same way (openListAccumulator).
import { isHeld } from '../domain/customers/pause';
import { DEFAULT_MAX_LINES, digestAccumulator, type DigestAccumulator, type DigestAudience } from '../domain/digest';
import { onTimeAccumulator, reportStart, type OnTimeReport } from '../domain/report/onTime';
import type { Person } from '../domain/types';
import { CHANNEL_KINDS } from '../domain/items/registry';
import { openListAccumulator, type OpenFilter, type OpenList } from '../domain/views/openItems';
import type { ItemQuery } from '../storage/repository';
import { itemPages } from './itemPages';
import type { Services } from './services';

/**
 * The open items a digest lists, folded page by page: a person's own (by Entra and Teams id), or the
 * team's minus held ones. The accumulator gives the digest for DEFAULT_MAX_LINES lines or fewer.
 */
export async function digestOf(s: Services, tenantId: string, audience: DigestAudience, now: Date): Promise<DigestAccumulator> {
  const acc = digestAccumulator({ now, calendar: s.calendar, audience, maxLines: DEFAULT_MAX_LINES });
  if (audience.type === 'personal') {
    const p = audience.person;
    const ids = [...new Set([p.id, p.teamsId].filter((x): x is string => !!x))];
    // An item owned under one id is not owned under the other; the ids guard against one that
    // changed hands between the two reads (a string per item of one person, not the items).
    const seen = new Set<string>();
    for (const id of ids) {
      for await (const page of itemPages(s.repo, tenantId, { open: true, ownerId: id }, s.itemPageSize)) {
        const fresh = page.filter((item) => !seen.has(item.id));
        for (const item of fresh) seen.add(item.id);
        acc.add(fresh);
      }
    }
    return acc;
  }
  // Held items (the customer's contact is paused) stay out of the channel (domain/customers/pause.ts).
  for await (const page of itemPages(s.repo, tenantId, { open: true }, s.itemPageSize)) acc.add(page.filter((i) => !isHeld(i)));
  return acc;
}

/** What a list asks: who looks, where (their own chat or a shared one), the filter, how many rows at most. */
export interface ListRequest {
  actor: Person;
  /** A 1:1 chat: items of every kind show; elsewhere only the kinds that go to the channel. */
  personal: boolean;
  filter?: OpenFilter;
  /** The most rows the card can show. */
  keep: number;
}

/** A list and how many items it left out because the conversation is not private. */
export interface ListResult extends OpenList {
  hidden: number;
}

/**
 * Folds the open items matching `q` page by page: held items (the customer's contact is paused)
 * only for managers and for who may see the item anyway; in a shared conversation items of kinds
 * that never go to the channel (interpreter requests) are left out and counted as hidden.
 */
async function listOf(
  s: Services,
  tenantId: string,
  q: Omit<ItemQuery, 'order' | 'afterId' | 'limit'>,
  r: ListRequest,
): Promise<ListResult> {
  const acc = openListAccumulator({ calendar: s.calendar, now: s.clock.now(), filter: r.filter ?? {}, keep: r.keep });
  const manager = s.policy.isManager(r.actor);
  let hidden = 0;
  for await (const page of itemPages(s.repo, tenantId, q, s.itemPageSize)) {
    const visible = manager ? page : page.filter((i) => !isHeld(i) || s.policy.mayViewPrivate(i, r.actor));
    const shown = r.personal ? visible : visible.filter((i) => CHANNEL_KINDS.has(i.kind));
    hidden += visible.length - shown.length;
    acc.add(shown);
  }
  return { ...acc.result(), hidden };
}

/** `mijn`: the open items someone owns. */
export function ownOpenItems(s: Services, tenantId: string, r: ListRequest): Promise<ListResult> {
  return listOf(s, tenantId, { ownerId: r.actor.id, open: true }, r);
}

/**
 * `overzicht`: the team's open items. `owners` holds the names the owner filter offers: known
 * users, and the owners of the items shown (the name on their soonest item wins).
 */
export async function teamOpenItems(s: Services, tenantId: string, r: ListRequest): Promise<ListResult> {
  const list = await listOf(s, tenantId, { open: true }, r);
  const owners = new Map<string, string>();
  for (const u of await s.repo.listUsers(tenantId)) owners.set(u.userId, u.name);
  for (const [id, name] of list.owners) owners.set(id, name);
  return { ...list, owners };
}

/** How many weeks `rapport` looks back. */
export const REPORT_WEEKS = 4;

/**
 * The items made since the report's first Monday, a page at a time, each page with the history of
 * its items in one query (Repository.historyOf), folded into the report.
 */
export async function buildReport(s: Services, tenantId: string): Promise<OnTimeReport> {
  const now = s.clock.now();
  const since = s.calendar.at(reportStart(s.calendar, now, REPORT_WEEKS), '00:00');
  const acc = onTimeAccumulator(s.calendar, now, REPORT_WEEKS);
  for await (const page of itemPages(s.repo, tenantId, { createdSince: since }, s.itemPageSize)) {
    const ids = page.map((i) => i.id);
    acc.add(page, await s.repo.historyOf(tenantId, ids));
  }
  return acc.result();
}
