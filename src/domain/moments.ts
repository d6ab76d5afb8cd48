// The moment horizon (issue 13): every moment a person or another system gives (a preferred
// moment, an appointment, a new appointment) lies between now and MOMENT_HORIZON_MONTHS ahead.
// Far-off or unreadable moments once made the working-time arithmetic walk for minutes and every
// render of a card throw; this one rule keeps them out at every entry point (forms, intake API,
// message extension), and finds them among stored values (app/damagedItems.ts). Pure: `now` is passed in.

export const DEFAULT_MOMENT_HORIZON_MONTHS = 12;

/** Stored moments before this are not plausible (no item of this bot is that old). */
const EARLIEST_STORED = Date.UTC(2000, 0, 1);

export type MomentVerdict = 'ok' | 'invalid' | 'past' | 'beyondHorizon';

/** `now` plus `months` calendar months (UTC; the 31st of a short month becomes its last day). */
export function momentHorizon(now: Date, months: number = DEFAULT_MOMENT_HORIZON_MONTHS): Date {
  const d = new Date(now.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d;
}

/**
 * The rule for a given moment: readable, not later than the horizon, and (when `notPast`) later
 * than now. Appointments and new appointments may not lie in the past; every kind's form passes
 * `notPast` (a preferred moment in the past means nothing either).
 */
export function checkMoment(moment: Date, now: Date, months: number = DEFAULT_MOMENT_HORIZON_MONTHS, notPast = true): MomentVerdict {
  const ms = moment instanceof Date ? moment.getTime() : Number.NaN;
  if (Number.isNaN(ms)) return 'invalid';
  if (notPast && ms <= now.getTime()) return 'past';
  if (ms > momentHorizon(now, months).getTime()) return 'beyondHorizon';
  return 'ok';
}

/**
 * Whether a moment read from storage can be trusted by the arithmetic and the cards: readable,
 * not before 2000, not beyond the horizon from now. A past deadline is normal (overdue).
 */
export function isSoundStoredMoment(value: unknown, now: Date, months: number = DEFAULT_MOMENT_HORIZON_MONTHS): boolean {
  const d = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
  if (!d) return false;
  const ms = d.getTime();
  const { from, to } = soundStoredRange(now, months);
  return !Number.isNaN(ms) && ms >= from.getTime() && ms <= to.getTime();
}

/** The range a stored moment must lie in to be sound (isSoundStoredMoment), for a query that prefilters. */
export function soundStoredRange(now: Date, months: number = DEFAULT_MOMENT_HORIZON_MONTHS): { from: Date; to: Date } {
  return { from: new Date(EARLIEST_STORED), to: momentHorizon(now, months) };
}
