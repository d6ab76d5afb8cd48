// The on-time report: for the last weeks and per week, the promises made and how they went —
// kept on time, late, helped in one go, time to claim — in total, per kind and per channel of
// origin. Computed from items and their history alone. Pure: no I/O, `now` comes in.
//
// Definitions (docs/appointments.md):
// - A promise is an item with a deadline. It belongs to the week (Monday–Sunday, the calendar's
//   zone) in which it was made (created). made = kept + late + open + cancelled.
// - The deadlines an item had are rebuilt from its history: every 'rescheduled' or 'acknowledged'
//   entry carries details.from / details.to. A deadline is missed when the item was still open
//   after it and no new deadline had been set by then (a new appointment made after the deadline
//   passed is late too). late = any deadline missed, also when the item is still open or was
//   cancelled afterwards; kept = finished (not cancelled) without a missed deadline.
// - Helped in one go: finished, not cancelled, without a 'notReached' attempt and without a
//   'rescheduled' new appointment (the charter: "streven is dat de klant in één keer wordt geholpen").
// - Time to claim: office time (working hours only) from creation to the first 'claimed' or
//   'handedOver'; only for items made without an owner (the 'created' entry has no details.for).
import type { HistoryEntry, Item } from '../types';
import { addCalendarDays, isoWeekdayOf, type LocalDay, type WorkingCalendar } from '../workingTime';
import { termOf } from '../items/term';

/** History actions that move an item's deadline, each with details.from and details.to (ISO). */
export const DEADLINE_CHANGES: ReadonlySet<string> = new Set(['rescheduled', 'acknowledged']);
/** Statuses that end an item without keeping the promise. */
export const CANCELLED_STATUSES: ReadonlySet<string> = new Set(['cancelled', 'geannuleerd']);

export type Outcome = 'kept' | 'late' | 'open' | 'cancelled';

export interface ItemVerdict {
  outcome: Outcome;
  done: boolean;
  oneGo: boolean;
  /** Office time from creation to the first claim; undefined when not counted. */
  claimMillis?: number;
}

export interface Figures {
  made: number;
  kept: number;
  late: number;
  open: number;
  cancelled: number;
  done: number;
  oneGo: number;
  /** How many items count for the time to claim, and their total (ms of office time). */
  claimed: number;
  claimMillis: number;
}

export interface WeekFigures {
  /** Monday and Sunday of the week. */
  start: LocalDay;
  end: LocalDay;
  isoWeek: number;
  /** The week `now` falls in (not over yet). */
  running: boolean;
  total: Figures;
  byKind: Record<string, Figures>;
  bySource: Record<string, Figures>;
}

export interface OnTimeReport {
  from: LocalDay;
  to: LocalDay;
  now: Date;
  weeks: WeekFigures[];
  total: Figures;
  byKind: Record<string, Figures>;
  bySource: Record<string, Figures>;
}

export function emptyFigures(): Figures {
  return { made: 0, kept: 0, late: 0, open: 0, cancelled: 0, done: 0, oneGo: 0, claimed: 0, claimMillis: 0 };
}

/** Average time to claim in whole minutes, or null when nothing counted. */
export function averageClaimMinutes(f: Figures): number | null {
  return f.claimed ? Math.round(f.claimMillis / f.claimed / 60_000) : null;
}

/** 'callback', 'appointment:email', …: the charter has a term per contact channel, so appointments are split by theirs. */
export function kindKey(item: Item): string {
  const pk = item.data?.promiseKind;
  return item.kind === 'appointment' && typeof pk === 'string' ? `appointment:${pk}` : item.kind;
}

function iso(v: unknown): Date | undefined {
  if (typeof v !== 'string') return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** How one promise went, from the item and its history (oldest first). */
export function verdict(item: Item, history: readonly HistoryEntry[], cal: WorkingCalendar, now: Date): ItemVerdict | null {
  const sorted = [...history].sort((a, b) => a.at.getTime() - b.at.getTime());
  const changes = sorted.filter((h) => DEADLINE_CHANGES.has(h.action) && iso(h.details?.to));
  const first = changes.length ? (iso(changes[0]!.details?.from) ?? null) : termOf(item).term;
  if (!first) return null; // no promise with a term
  // Segments: [createdAt → change 1) with the first deadline, [change i → change i+1) with change i's "to", …
  const deadlines = [first, ...changes.map((c) => iso(c.details!.to)!)];
  const ends = [...changes.map((c) => c.at), item.closedAt ?? now];
  const missed = deadlines.some((d, i) => ends[i]!.getTime() > d.getTime());
  const cancelled = item.closedAt !== null && CANCELLED_STATUSES.has(item.status);
  const done = item.closedAt !== null && !cancelled;
  const outcome: Outcome = missed ? 'late' : done ? 'kept' : cancelled ? 'cancelled' : 'open';
  const oneGo = done && !sorted.some((h) => h.action === 'notReached' || h.action === 'rescheduled');
  const created = sorted.find((h) => h.action === 'created');
  const madeOwned = !!created?.details && typeof created.details.for === 'string';
  const firstOwner = sorted.find((h) => h.action === 'claimed' || h.action === 'handedOver');
  const claimMillis = !madeOwned && firstOwner ? cal.workingMillisBetween(item.createdAt, firstOwner.at) : undefined;
  return { outcome, done, oneGo, claimMillis };
}

function add(f: Figures, v: ItemVerdict): void {
  f.made++;
  f[v.outcome]++;
  if (v.done) f.done++;
  if (v.oneGo) f.oneGo++;
  if (v.claimMillis !== undefined) {
    f.claimed++;
    f.claimMillis += v.claimMillis;
  }
}

function addTo(map: Record<string, Figures>, key: string, v: ItemVerdict): void {
  add((map[key] ??= emptyFigures()), v);
}

/** ISO 8601 week number of a calendar day. */
export function isoWeekNumber(day: LocalDay): number {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 4 - (d.getUTCDay() || 7)); // the Thursday of this week
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  return Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
}

/** Monday of the week `weeks - 1` weeks before the week of `now`: where the report starts. */
export function reportStart(cal: WorkingCalendar, now: Date, weeks = 4): LocalDay {
  const today = cal.dayOf(now);
  const monday = addCalendarDays(today, 1 - isoWeekdayOf(today));
  return addCalendarDays(monday, -7 * (weeks - 1));
}

/**
 * The report over `weeks` weeks ending with the week of `now` (the running week included).
 * `items` may hold more (older ones are left out); `history` maps item id → its entries.
 */
export function onTimeReport(
  items: readonly Item[],
  history: ReadonlyMap<string, readonly HistoryEntry[]>,
  cal: WorkingCalendar,
  now: Date,
  weeks = 4,
): OnTimeReport {
  const acc = onTimeAccumulator(cal, now, weeks);
  acc.add(items, history);
  return acc.result();
}

/**
 * The report folded a page at a time (issue 14): each page of items with the history of those
 * items; the figures are sums, so the pages may come in any order and size.
 */
export interface OnTimeAccumulator {
  add(items: readonly Item[], history: ReadonlyMap<string, readonly HistoryEntry[]>): void;
  result(): OnTimeReport;
}

export function onTimeAccumulator(cal: WorkingCalendar, now: Date, weeks = 4): OnTimeAccumulator {
  const start = reportStart(cal, now, weeks);
  const out: WeekFigures[] = [];
  for (let w = 0; w < weeks; w++) {
    const monday = addCalendarDays(start, 7 * w);
    out.push({
      start: monday,
      end: addCalendarDays(monday, 6),
      isoWeek: isoWeekNumber(monday),
      running: w === weeks - 1,
      total: emptyFigures(),
      byKind: {},
      bySource: {},
    });
  }
  const report: OnTimeReport = { from: start, to: cal.dayOf(now), now, weeks: out, total: emptyFigures(), byKind: {}, bySource: {} };
  return {
    add(items, history) {
      for (const item of items) {
        if (item.createdAt.getTime() > now.getTime()) continue;
        const day = cal.dayOf(item.createdAt);
        const week = out.find((w) => day >= w.start && day <= w.end);
        if (!week) continue;
        const v = verdict(item, history.get(item.id) ?? [], cal, now);
        if (!v) continue;
        const kind = kindKey(item);
        add(week.total, v);
        addTo(week.byKind, kind, v);
        addTo(week.bySource, item.source, v);
        add(report.total, v);
        addTo(report.byKind, kind, v);
        addTo(report.bySource, item.source, v);
      }
    },
    result: () => report,
  };
}

/** CSV (semicolons, for Dutch Excel): one row per week and group (totaal / soort / kanaal), then the 4-week rows. */
export function reportCsv(
  r: OnTimeReport,
  header: readonly string[],
  label: { kind: (k: string) => string; source: (s: string) => string },
): string {
  const cell = (v: string | number | null) => {
    const s = v === null ? '' : String(v);
    return /[";\n\r]/.test(s) || /^[=+\-@]/.test(s) ? `"${s.replace(/^([=+\-@])/, "'$1").replace(/"/g, '""')}"` : s;
  };
  const rows: (string | number | null)[][] = [header.slice()];
  const line = (period: string, from: string, group: string, value: string, f: Figures) =>
    rows.push([
      period,
      from,
      group,
      value,
      f.made,
      f.kept,
      f.late,
      f.open,
      f.cancelled,
      f.done,
      f.oneGo,
      f.claimed,
      averageClaimMinutes(f),
    ]);
  const block = (period: string, from: string, total: Figures, byKind: Record<string, Figures>, bySource: Record<string, Figures>) => {
    line(period, from, 'totaal', '', total);
    for (const k of Object.keys(byKind).sort()) line(period, from, 'soort', label.kind(k), byKind[k]!);
    for (const s of Object.keys(bySource).sort()) line(period, from, 'kanaal', label.source(s), bySource[s]!);
  };
  for (const w of r.weeks) block(`week ${w.isoWeek}`, w.start, w.total, w.byKind, w.bySource);
  block('4 weken', r.from, r.total, r.byKind, r.bySource);
  return rows.map((row) => row.map(cell).join(';')).join('\r\n') + '\r\n';
}
