// Finding a moment in a colleague's agenda for a callback. Pure: free/busy and `now` come in,
// slots go out. Slots lie inside office hours on working days (WorkingCalendar: weekends, Dutch
// public holidays and closing days are skipped), on a grid of `durationMinutes` counted from the
// day's opening time, and never overlap a busy block.
import type { WorkingCalendar } from '../workingTime';

export interface Interval {
  start: Date;
  end: Date;
}

export interface SlotSearch {
  calendar: WorkingCalendar;
  now: Date;
  /** The promise to the customer: slots must end at or before it. */
  deadline: Date;
  /** Busy blocks of the person (any order, may overlap). End is exclusive. */
  busy: readonly Interval[];
  /** Look no further than this for a late slot (default: searchWindow(…).end). */
  horizon?: Date;
  /** Slot length; default 15. */
  durationMinutes?: number;
  /** Earliest start is now + lead (a colleague needs a moment's notice); default 15. */
  leadMinutes?: number;
  /** How many slots before the deadline at most; default 4. */
  max?: number;
  /** Minimum minutes between the starts of offered slots (0 = consecutive); default 0. */
  spacingMinutes?: number;
}

export interface SlotResult {
  /** The first feasible slots before the deadline; or, when there is none, the earliest slot after it. */
  slots: Interval[];
  /** True when no slot fits before the deadline (slots then holds at most the earliest later one). */
  late: boolean;
}

const MINUTE = 60_000;
/** How many working days after the deadline's day a late slot may lie. */
export const LATE_SEARCH_WORKING_DAYS = 5;

/**
 * The longest free/busy window asked for, in days. Graph's getSchedule refuses 62 days or more
 * (ErrorTimeIntervalTooBig), and a preferred moment far ahead must not make the bot ask for
 * months: the first free moments lie in the coming weeks anyway.
 */
export const MAX_SEARCH_DAYS = 60;

/** The free/busy window to ask for: from now until the end of the late-search horizon, at most MAX_SEARCH_DAYS. */
export function searchWindow(calendar: WorkingCalendar, now: Date, deadline: Date): Interval {
  const cap = now.getTime() + MAX_SEARCH_DAYS * 24 * 60 * MINUTE;
  if (deadline.getTime() >= cap) return { start: now, end: new Date(cap) };
  const from = deadline.getTime() > now.getTime() ? deadline : now;
  const lastDay = calendar.addWorkingDays(calendar.dayOf(from), LATE_SEARCH_WORKING_DAYS);
  return { start: now, end: new Date(Math.min(calendar.closingTime(lastDay).getTime(), cap)) };
}

/** Sorted, merged busy blocks (touching blocks are merged too). */
export function mergeBusy(busy: readonly Interval[]): Interval[] {
  const sorted = busy
    .filter((b) => b.end.getTime() > b.start.getTime())
    .map((b) => ({ start: b.start.getTime(), end: b.end.getTime() }))
    .sort((a, b) => a.start - b.start);
  const out: { start: number; end: number }[] = [];
  for (const b of sorted) {
    const last = out[out.length - 1];
    if (last && b.start <= last.end) last.end = Math.max(last.end, b.end);
    else out.push({ ...b });
  }
  return out.map((b) => ({ start: new Date(b.start), end: new Date(b.end) }));
}

export function findSlots(q: SlotSearch): SlotResult {
  const cal = q.calendar;
  const dur = (q.durationMinutes ?? 15) * MINUTE;
  const max = q.max ?? 4;
  const spacing = (q.spacingMinutes ?? 0) * MINUTE;
  const notBefore = q.now.getTime() + (q.leadMinutes ?? 15) * MINUTE;
  const deadline = q.deadline.getTime();
  const horizon = (q.horizon ?? searchWindow(cal, q.now, q.deadline).end).getTime();
  const busy = mergeBusy(q.busy).map((b) => ({ start: b.start.getTime(), end: b.end.getTime() }));
  if (dur <= 0 || max < 1) throw new RangeError('findSlots: durationMinutes and max must be positive');

  const slots: Interval[] = [];
  let bi = 0; // busy blocks ending at or before the candidate are behind us
  let day = cal.dayOf(new Date(notBefore));
  for (let guard = 0; guard < 3660; guard++, day = cal.nextWorkingDay(day)) {
    if (!cal.isWorkingDay(day)) continue;
    const open = cal.openingTime(day).getTime();
    const close = cal.closingTime(day).getTime();
    if (open > horizon) break;
    let start = open;
    if (notBefore > open) start = open + Math.ceil((notBefore - open) / dur) * dur;
    while (start + dur <= close && start + dur <= horizon) {
      const end = start + dur;
      while (bi < busy.length && busy[bi].end <= start) bi++;
      const b = busy[bi];
      if (b && b.start < end) {
        // Overlaps a busy block: jump to the first grid point at or after its end.
        start = open + Math.ceil((b.end - open) / dur) * dur;
        continue;
      }
      if (end <= deadline) {
        const prev = slots[slots.length - 1];
        if (!prev || start - prev.start.getTime() >= spacing) {
          slots.push({ start: new Date(start), end: new Date(end) });
          if (slots.length >= max) return { slots, late: false };
        }
      } else {
        // Past the deadline: done if we found any; else this is the earliest late slot.
        return slots.length ? { slots, late: false } : { slots: [{ start: new Date(start), end: new Date(end) }], late: true };
      }
      start = end;
    }
    if (close >= horizon) break;
  }
  return { slots, late: slots.length === 0 };
}
