// Open items as people look at them: each with its state against its deadline, soonest first,
// filtered (kind, owner, state), counted, grouped (per state, per owner) and cut to a length.
// `mijn`, `overzicht` and the daily digest use the same functions. Pure: no I/O.
import type { Item, ItemKind, Person } from '../types';
import { addCalendarDays, isLocalDay, type DeadlineState, type WorkingCalendar } from '../workingTime';
import { itemTerm, termOf } from '../items/term';

export type ItemState = DeadlineState | 'noDeadline';

export interface OpenRow {
  item: Item;
  state: ItemState;
  /** The deadline falls on the calendar day after today (the digest's "morgen"). */
  dueTomorrow: boolean;
  /** The item's stored values cannot be read (e.g. a deadline in the year 10000): shown as one line. */
  unreadable?: boolean;
}

export interface OpenFilter {
  kind?: ItemKind;
  /** A person's id, or 'none' for items nobody has claimed yet. */
  owner?: string;
  state?: ItemState;
}

export function stateOf(item: Item, cal: WorkingCalendar, now: Date): ItemState {
  // The one decision for every surface (domain/items/term.ts): an interpreter booking is judged on its confirmation term.
  return itemTerm(item, cal, now).state;
}

/** One open item as a row: its state against its term, or one unreadable line (issue 13). */
function openRow(item: Item, cal: WorkingCalendar, now: Date, tomorrow: string): OpenRow {
  try {
    const term = termOf(item).term;
    const day = term ? cal.dayOf(term) : null;
    if (day !== null && !isLocalDay(day)) throw new RangeError(`unreadable deadline of ${item.id}`);
    return { item, state: stateOf(item, cal, now), dueTomorrow: day === tomorrow };
  } catch {
    // One bad item must not take the list down for everyone: it becomes one line (issue 13).
    return { item, state: 'noDeadline', dueTomorrow: false, unreadable: true };
  }
}

/** Row order: soonest term first, no term last; ties by creation and id (Dutch numeric order). */
export function compareRows(a: OpenRow, b: OpenRow): number {
  const da = termOf(a.item).term?.getTime() ?? Number.POSITIVE_INFINITY;
  const db = termOf(b.item).term?.getTime() ?? Number.POSITIVE_INFINITY;
  if (da !== db) return da - db;
  const ca = a.item.createdAt.getTime() - b.item.createdAt.getTime();
  return ca !== 0 ? ca : a.item.id.localeCompare(b.item.id, 'nl', { numeric: true });
}

/** Open items (not closed), soonest deadline first; no deadline last; ties by creation and id. */
export function openRows(items: readonly Item[], cal: WorkingCalendar, now: Date): OpenRow[] {
  const tomorrow = addCalendarDays(cal.dayOf(now), 1);
  return items
    .filter((i) => i.closedAt === null)
    .map((item) => openRow(item, cal, now, tomorrow))
    .sort(compareRows);
}

/** Whether a row passes the filter (kind, owner or 'none', state). */
export function matchesFilter(r: OpenRow, f: OpenFilter): boolean {
  return (
    (!f.kind || r.item.kind === f.kind) &&
    (!f.owner || (f.owner === 'none' ? r.item.owner === null : r.item.owner?.id === f.owner)) &&
    (!f.state || r.state === f.state)
  );
}

export function filterRows(rows: readonly OpenRow[], f: OpenFilter): OpenRow[] {
  return rows.filter((r) => matchesFilter(r, f));
}

export interface StateCounts {
  total: number;
  overdue: number;
  dueToday: number;
  onTime: number;
  noDeadline: number;
  unclaimed: number;
}

export function countRows(rows: readonly OpenRow[]): StateCounts {
  const c: StateCounts = { total: 0, overdue: 0, dueToday: 0, onTime: 0, noDeadline: 0, unclaimed: 0 };
  for (const r of rows) countRow(c, r);
  return c;
}

function countRow(c: StateCounts, r: OpenRow): void {
  c.total++;
  c[r.state]++;
  if (!r.item.owner) c.unclaimed++;
}

export interface OwnerGroup {
  owner: Person | null;
  rows: OpenRow[];
}

/** Rows per owner, owners by name (Dutch collation), unclaimed last; row order kept within a group. */
export function groupByOwner(rows: readonly OpenRow[]): OwnerGroup[] {
  const groups = new Map<string, OwnerGroup>();
  for (const r of rows) {
    const key = r.item.owner?.id ?? '';
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { owner: r.item.owner, rows: [] }));
    g.rows.push(r);
  }
  return [...groups.values()].sort((a, b) => {
    if (!a.owner) return 1;
    if (!b.owner) return -1;
    return a.owner.name.localeCompare(b.owner.name, 'nl');
  });
}

/** The first `max` of a list and how many were left out ("en nog N…"). */
export function capList<T>(list: readonly T[], max: number): { shown: T[]; more: number } {
  const n = Math.max(0, Math.floor(max));
  return { shown: list.slice(0, n), more: Math.max(0, list.length - n) };
}

/** What a list (`mijn`, `overzicht`) shows of all the open items it was given. */
export interface OpenList {
  /** Counts over every open item given (the title and the summary line). */
  counts: StateCounts;
  /** How many of them pass the filter ("N van M"). */
  filtered: number;
  /** The first `keep` rows that pass the filter, in row order: the most a card shows. */
  rows: OpenRow[];
  /** The owners of the items given, by id, each with the name on their soonest item. */
  owners: Map<string, string>;
}

export interface OpenListAccumulator {
  /** Folds a page of items (any order, any size; closed ones are skipped). */
  add(items: readonly Item[]): void;
  result(): OpenList;
}

/**
 * A list folded page by page: it keeps the counts and only the `keep` soonest rows that pass the
 * filter, so a list over 10,000 open items never holds them all. The result does not depend on
 * the pages or their order: it is what openRows, countRows, filterRows and capList give over all
 * the items at once (test/unit/paging.properties.test.ts).
 */
export function openListAccumulator(o: { calendar: WorkingCalendar; now: Date; filter: OpenFilter; keep: number }): OpenListAccumulator {
  const tomorrow = addCalendarDays(o.calendar.dayOf(o.now), 1);
  const keep = Math.max(0, Math.floor(o.keep));
  const counts: StateCounts = { total: 0, overdue: 0, dueToday: 0, onTime: 0, noDeadline: 0, unclaimed: 0 };
  const kept: OpenRow[] = [];
  const owners = new Map<string, OpenRow>();
  let filtered = 0;
  return {
    add(items) {
      for (const item of items) {
        if (item.closedAt !== null) continue;
        const row = openRow(item, o.calendar, o.now, tomorrow);
        countRow(counts, row);
        const owner = item.owner;
        if (owner) {
          const known = owners.get(owner.id);
          if (!known || compareRows(row, known) < 0) owners.set(owner.id, row);
        }
        if (!matchesFilter(row, o.filter)) continue;
        filtered++;
        if (kept.length === keep && (keep === 0 || compareRows(row, kept[keep - 1]!) >= 0)) continue;
        kept.splice(sortedIndex(kept, row), 0, row);
        if (kept.length > keep) kept.pop();
      }
    },
    result: () => ({
      counts: { ...counts },
      filtered,
      rows: [...kept],
      owners: new Map([...owners].map(([id, r]) => [id, r.item.owner!.name])),
    }),
  };
}

/** Where a row goes in a list in row order (after its equals: none, ids differ). */
function sortedIndex(rows: readonly OpenRow[], row: OpenRow): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareRows(rows[mid]!, row) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
