import { tzOffset } from '@date-fns/tz';
import {
  resolveWorkingTimeConfig,
  parseHhmm,
  type OfficeHours,
  type WorkingTimeConfig,
  type WorkingTimeConfigInput,
} from './config';
import { nlHolidays, isGoodFriday, isLiberationDay } from './holidays';
import {
  addCalendarDays,
  isoWeekdayOf,
  localDayFromUtcMs,
  localDayToUtcMs,
  yearOf,
  type LocalDay,
} from './localDay';
import {
  CLOSED_CLOSING_DAY,
  CLOSED_NO_OFFICE_HOURS,
  CLOSED_WEEKEND,
  GOOD_FRIDAY,
  LIBERATION_DAY,
} from '../../texts/nl/workingTime';

export type { LocalDay } from './localDay';

/** Give up looking for a working day after this many consecutive closed days (misconfiguration). */
const MAX_CLOSED_STREAK = 3660;

function assertInstant(instant: Date, what = 'instant'): number {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`Invalid ${what}: ${String(instant)}`);
  return ms;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * Working days and office hours of the organisation, in its own time zone (Europe/Amsterdam by
 * default) whatever the server's TZ. Pure: it never reads the clock; pass instants in.
 *
 * Working day = a weekday with office hours, not a Dutch public holiday (date-holidays NL, type
 * `public`), not Goede Vrijdag / Bevrijdingsdag when configured closed, not an extra closing day.
 */
export class WorkingCalendar {
  readonly config: WorkingTimeConfig;
  /** Per year: closed day → reason (holiday name or 'sluitingsdag'). */
  private readonly closedByYear = new Map<number, ReadonlyMap<LocalDay, string>>();
  /** `${day} ${hhmm}` → instant (ms). */
  private readonly instantCache = new Map<string, number>();

  constructor(config?: WorkingTimeConfigInput) {
    this.config = resolveWorkingTimeConfig(config);
  }

  /** The calendar day (in the calendar's zone) an instant falls on. */
  dayOf(instant: Date): LocalDay {
    const ms = assertInstant(instant);
    return localDayFromUtcMs(ms + tzOffset(this.config.timeZone, instant) * 60_000);
  }

  /** The local wall-clock time 'HH:mm' of an instant (seconds dropped). */
  timeOf(instant: Date): string {
    const ms = assertInstant(instant);
    const local = new Date(ms + tzOffset(this.config.timeZone, instant) * 60_000);
    return `${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())}`;
  }

  isWorkingDay(day: LocalDay | Date): boolean {
    const d = this.toDay(day);
    if (this.config.officeHours[isoWeekdayOf(d)] === null) return false;
    return !this.closedDays(yearOf(d)).has(d);
  }

  /** Why `day` is not a working day (holiday name, 'weekend', 'sluitingsdag', 'gesloten'), or null on a working day. */
  closedReason(day: LocalDay): string | null {
    const d = this.toDay(day);
    const closed = this.closedDays(yearOf(d)).get(d);
    if (closed !== undefined) return closed;
    const wd = isoWeekdayOf(d);
    if (this.config.officeHours[wd] === null) return wd >= 6 ? CLOSED_WEEKEND : CLOSED_NO_OFFICE_HOURS;
    return null;
  }

  /** The first working day strictly after `day` (a Date is taken as its local day). */
  nextWorkingDay(day: LocalDay | Date): LocalDay {
    let d = this.toDay(day);
    for (let i = 0; i < MAX_CLOSED_STREAK; i++) {
      d = addCalendarDays(d, 1);
      if (this.isWorkingDay(d)) return d;
    }
    throw new RangeError(`No working day within ${MAX_CLOSED_STREAK} days after ${this.toDay(day)}: check the closing days`);
  }

  /**
   * The n-th working day strictly after `day` (n ≥ 1), counting working days only.
   * n = 0 returns the day itself unchanged (even if it is not a working day).
   */
  addWorkingDays(day: LocalDay | Date, n: number): LocalDay {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`addWorkingDays: n must be an integer ≥ 0, got ${n}`);
    let d = this.toDay(day);
    for (let i = 0; i < n; i++) d = this.nextWorkingDay(d);
    return d;
  }

  /** Opening instant of `day` by its weekday's office hours. Throws if that weekday has none. */
  openingTime(day: LocalDay): Date {
    return this.at(day, this.hoursOf(day).open);
  }

  /** Closing instant of `day` by its weekday's office hours. Throws if that weekday has none. */
  closingTime(day: LocalDay): Date {
    return this.at(day, this.hoursOf(day).close);
  }

  /**
   * The instant of wall-clock time `hhmm` on `day` in the calendar's zone. A time skipped by the
   * spring-forward DST change is moved forward by the gap (02:30 → 03:30); an ambiguous autumn
   * time resolves to the later (winter time) instant.
   */
  at(day: LocalDay, hhmm: string): Date {
    const key = `${day} ${hhmm}`;
    let ms = this.instantCache.get(key);
    if (ms === undefined) {
      const wall = localDayToUtcMs(day) + parseHhmm(hhmm) * 60_000;
      const tz = this.config.timeZone;
      const first = tzOffset(tz, new Date(wall));
      ms = wall - first * 60_000;
      const second = tzOffset(tz, new Date(ms));
      if (second !== first) ms = wall - second * 60_000;
      this.instantCache.set(key, ms);
    }
    return new Date(ms);
  }

  /** Closing time of the first working day after the calendar day of the promise (see docs/working-time.md). */
  endOfNextWorkingDay(promisedAt: Date): Date {
    return this.closingTime(this.nextWorkingDay(this.dayOf(promisedAt)));
  }

  /** On a working day, from opening (inclusive) to closing (exclusive). */
  isWithinOfficeHours(instant: Date): boolean {
    const ms = assertInstant(instant);
    const day = this.dayOf(instant);
    if (!this.isWorkingDay(day)) return false;
    return ms >= this.openingTime(day).getTime() && ms < this.closingTime(day).getTime();
  }

  /** Office time (ms) between two instants, counting working days' office hours only; negative if to < from. */
  workingMillisBetween(from: Date, to: Date): number {
    const a = assertInstant(from, 'from');
    const b = assertInstant(to, 'to');
    if (b < a) return -this.workingMillisBetween(to, from);
    let total = 0;
    const last = this.dayOf(to);
    for (let day = this.dayOf(from); day <= last; day = addCalendarDays(day, 1)) {
      if (!this.isWorkingDay(day)) continue;
      const start = Math.max(a, this.openingTime(day).getTime());
      const end = Math.min(b, this.closingTime(day).getTime());
      if (end > start) total += end - start;
    }
    return total;
  }

  /** Number of working days in (fromDay, toDay]; negative (minus those in (toDay, fromDay]) if toDay < fromDay. */
  workingDaysBetween(fromDay: LocalDay, toDay: LocalDay): number {
    const from = this.toDay(fromDay);
    const to = this.toDay(toDay);
    if (to < from) return -this.workingDaysBetween(to, from);
    let count = 0;
    for (let day = addCalendarDays(from, 1); day <= to; day = addCalendarDays(day, 1)) {
      if (this.isWorkingDay(day)) count++;
    }
    return count;
  }

  private toDay(day: LocalDay | Date): LocalDay {
    if (day instanceof Date) return this.dayOf(day);
    localDayToUtcMs(day); // validates
    return day;
  }

  private hoursOf(day: LocalDay): OfficeHours {
    const hours = this.config.officeHours[isoWeekdayOf(day)];
    if (!hours) throw new RangeError(`No office hours on ${day} (weekday closed by configuration)`);
    return hours;
  }

  private closedDays(year: number): ReadonlyMap<LocalDay, string> {
    let map = this.closedByYear.get(year);
    if (map) return map;
    const closed = new Map<LocalDay, string>();
    const { goodFridayClosed, liberationDay } = this.config;
    const liberationClosed = liberationDay === 'always' || (liberationDay === 'lustrum' && year % 5 === 0);
    let liberationSeen = false;
    for (const h of nlHolidays(year)) {
      if (h.type === 'public') {
        if (!closed.has(h.day)) closed.set(h.day, h.name);
      } else if (isGoodFriday(h)) {
        if (goodFridayClosed && !closed.has(h.day)) closed.set(h.day, GOOD_FRIDAY);
      } else if (isLiberationDay(h)) {
        liberationSeen = true;
        if (liberationClosed && !closed.has(h.day)) closed.set(h.day, LIBERATION_DAY);
      }
    }
    // Bevrijdingsdag is fixed on 5 May; do not depend on date-holidays keeping it listed.
    const fifthOfMay = `${String(year).padStart(4, '0')}-05-05`;
    if (!liberationSeen && liberationClosed && !closed.has(fifthOfMay)) closed.set(fifthOfMay, LIBERATION_DAY);
    const prefix = `${String(year).padStart(4, '0')}-`;
    for (const day of this.config.closingDays) {
      if (day.startsWith(prefix) && !closed.has(day)) closed.set(day, CLOSED_CLOSING_DAY);
    }
    map = closed;
    this.closedByYear.set(year, map);
    return map;
  }
}
