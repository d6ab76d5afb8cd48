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

/** Open items (not closed), soonest deadline first; no deadline last; ties by creation and id. */
export function openRows(items: readonly Item[], cal: WorkingCalendar, now: Date): OpenRow[] {
  const tomorrow = addCalendarDays(cal.dayOf(now), 1);
  return items
    .filter((i) => i.closedAt === null)
    .map((item): OpenRow => {
      try {
        const term = termOf(item).term;
        const day = term ? cal.dayOf(term) : null;
        if (day !== null && !isLocalDay(day)) throw new RangeError(`unreadable deadline of ${item.id}`);
        return { item, state: stateOf(item, cal, now), dueTomorrow: day === tomorrow };
      } catch {
        // One bad item must not take the list down for everyone: it becomes one line (issue 13).
        return { item, state: 'noDeadline', dueTomorrow: false, unreadable: true };
      }
    })
    .sort((a, b) => {
      const da = termOf(a.item).term?.getTime() ?? Number.POSITIVE_INFINITY;
      const db = termOf(b.item).term?.getTime() ?? Number.POSITIVE_INFINITY;
      if (da !== db) return da - db;
      const ca = a.item.createdAt.getTime() - b.item.createdAt.getTime();
      return ca !== 0 ? ca : a.item.id.localeCompare(b.item.id, 'nl', { numeric: true });
    });
}

export function filterRows(rows: readonly OpenRow[], f: OpenFilter): OpenRow[] {
  return rows.filter(
    (r) =>
      (!f.kind || r.item.kind === f.kind) &&
      (!f.owner || (f.owner === 'none' ? r.item.owner === null : r.item.owner?.id === f.owner)) &&
      (!f.state || r.state === f.state),
  );
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
  const c: StateCounts = { total: rows.length, overdue: 0, dueToday: 0, onTime: 0, noDeadline: 0, unclaimed: 0 };
  for (const r of rows) {
    c[r.state]++;
    if (!r.item.owner) c.unclaimed++;
  }
  return c;
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
