/**
 * Calendar-day arithmetic on 'YYYY-MM-DD' strings. A LocalDay has no time zone of its own: it is
 * a date on the wall calendar of the WorkingCalendar's zone. All arithmetic here is done in UTC
 * on purpose, so it never depends on the server's TZ or on DST.
 */
export type LocalDay = string;

const MS_PER_DAY = 86_400_000;
const LOCAL_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** UTC midnight (ms) of a LocalDay, or NaN when `day` is not an existing date 'YYYY-MM-DD'. */
function utcMidnight(day: string): number {
  const m = typeof day === 'string' ? LOCAL_DAY.exec(day) : null;
  if (!m) return Number.NaN;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  // Date.UTC maps years 0–99 to 1900–1999; and rolls 2026-02-30 over to March. Reject both.
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return Number.NaN;
  return ms;
}

export function isLocalDay(day: unknown): day is LocalDay {
  return typeof day === 'string' && !Number.isNaN(utcMidnight(day));
}

/** Returns the UTC midnight of `day`; throws RangeError when it is not a valid LocalDay. */
export function localDayToUtcMs(day: LocalDay): number {
  const ms = utcMidnight(day);
  if (Number.isNaN(ms)) throw new RangeError(`Invalid day '${String(day)}', expected an existing date 'YYYY-MM-DD'`);
  return ms;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** The LocalDay whose UTC calendar date contains `ms`. */
export function localDayFromUtcMs(ms: number): LocalDay {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function addCalendarDays(day: LocalDay, n: number): LocalDay {
  return localDayFromUtcMs(localDayToUtcMs(day) + n * MS_PER_DAY);
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekdayOf(day: LocalDay): 1 | 2 | 3 | 4 | 5 | 6 | 7 {
  const wd = new Date(localDayToUtcMs(day)).getUTCDay();
  return (wd === 0 ? 7 : wd) as 1 | 2 | 3 | 4 | 5 | 6 | 7;
}

export function yearOf(day: LocalDay): number {
  return Number(day.slice(0, 4));
}

/** Month 1–12. */
export function monthOf(day: LocalDay): number {
  return Number(day.slice(5, 7));
}

export function dayOfMonthOf(day: LocalDay): number {
  return Number(day.slice(8, 10));
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function calendarDaysBetween(from: LocalDay, to: LocalDay): number {
  return Math.round((localDayToUtcMs(to) - localDayToUtcMs(from)) / MS_PER_DAY);
}
