import { tzOffset } from '@date-fns/tz';
import {
  resolveWorkingTimeConfig,
  parseHhmm,
  type IsoWeekday,
  type OfficeHours,
  type WorkingTimeConfig,
  type WorkingTimeConfigInput,
} from './config';
import { nlHolidays, isGoodFriday, isLiberationDay } from './holidays';
import { addCalendarDays, calendarDaysBetween, isoWeekdayOf, localDayFromUtcMs, localDayToUtcMs, yearOf, type LocalDay } from './localDay';
import { CLOSED_CLOSING_DAY, CLOSED_NO_OFFICE_HOURS, CLOSED_WEEKEND, GOOD_FRIDAY, LIBERATION_DAY } from '../../texts/nl/workingTime';

export type { LocalDay } from './localDay';

const QUARTER_HOUR_MS = 15 * 60_000;

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
  /** Per year: the local days on which the UTC offset changes. */
  private readonly dstByYear = new Map<number, LocalDay[]>();
  /** Quarter hour (UTC ms / 15 min) → the zone's UTC offset in minutes, for quarters without an offset change. */
  private readonly offsetByQuarter = new Map<number, number>();

  constructor(config?: WorkingTimeConfigInput) {
    this.config = resolveWorkingTimeConfig(config);
  }

  /** The calendar day (in the calendar's zone) an instant falls on. */
  dayOf(instant: Date): LocalDay {
    const ms = assertInstant(instant);
    return localDayFromUtcMs(ms + this.offsetAt(ms) * 60_000);
  }

  /** The local wall-clock time 'HH:mm' of an instant (seconds dropped). */
  timeOf(instant: Date): string {
    const ms = assertInstant(instant);
    const local = new Date(ms + this.offsetAt(ms) * 60_000);
    return `${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())}`;
  }

  /**
   * The zone's UTC offset (minutes) at an instant, as tzOffset gives it. tzOffset formats a date
   * with Intl on every call, and dayOf/timeOf run for every line of every card: the offset is kept
   * per quarter hour, for a quarter that has the same offset at its first and last millisecond
   * (offsets change at most twice a year, never twice within a quarter hour); a quarter with a
   * change is asked every time.
   */
  private offsetAt(ms: number): number {
    const quarter = Math.floor(ms / QUARTER_HOUR_MS);
    const known = this.offsetByQuarter.get(quarter);
    if (known !== undefined) return known;
    const tz = this.config.timeZone;
    const start = tzOffset(tz, new Date(quarter * QUARTER_HOUR_MS));
    if (start !== tzOffset(tz, new Date((quarter + 1) * QUARTER_HOUR_MS - 1))) return tzOffset(tz, new Date(ms));
    if (this.offsetByQuarter.size >= 10_000) this.offsetByQuarter.clear();
    this.offsetByQuarter.set(quarter, start);
    return start;
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
    let left = n;
    // Walk to the end of the week (Sunday), then jump whole weeks while more than a week is left,
    // then walk the rest (docs/working-time.md): a year ahead costs a few steps, not 365.
    while (left > 0 && isoWeekdayOf(d) !== 7) {
      d = addCalendarDays(d, 1);
      if (this.isWorkingDay(d)) left--;
    }
    const perWeek = this.openWeekdays();
    while (left > perWeek && perWeek > 0) {
      const weeks = Math.floor((left - 1) / perWeek);
      const end = addCalendarDays(d, 7 * weeks);
      const found = this.workingDaysIn(addCalendarDays(d, 1), end);
      if (found === 0) break; // weeks of closing days: the walk below finds the end or gives up
      d = end;
      left -= found;
    }
    for (; left > 0; left--) d = this.nextWorkingDay(d);
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
    const first = this.dayOf(from);
    const last = this.dayOf(to);
    const partial = (day: LocalDay): number => {
      if (!this.isWorkingDay(day)) return 0;
      const start = Math.max(a, this.openingTime(day).getTime());
      const end = Math.min(b, this.closingTime(day).getTime());
      return end > start ? end - start : 0;
    };
    if (first === last) return partial(first);
    // The days strictly between lie wholly inside [from, to]: their full office hours count.
    const inner = calendarDaysBetween(first, last) > 1 ? this.fullOfficeMillisIn(addCalendarDays(first, 1), addCalendarDays(last, -1)) : 0;
    return partial(first) + inner + partial(last);
  }

  /** Number of working days in (fromDay, toDay]; negative (minus those in (toDay, fromDay]) if toDay < fromDay. */
  workingDaysBetween(fromDay: LocalDay, toDay: LocalDay): number {
    const from = this.toDay(fromDay);
    const to = this.toDay(toDay);
    if (to < from) return -this.workingDaysBetween(to, from);
    return from === to ? 0 : this.workingDaysIn(addCalendarDays(from, 1), to);
  }

  // ---- whole-week arithmetic (docs/working-time.md "The week jump") ----
  //
  // A run of whole weeks (Monday to Sunday) holds every weekday once, so its working days are
  // (weeks × weekdays with office hours) minus the closed days on such weekdays in the run, and its
  // office time is (weeks × a week's office time) minus those closed days' hours, corrected on the
  // days a DST change shortens or lengthens office hours. Closed days and DST changes are a handful
  // per year, so a span costs a few steps per year instead of one per day. Only the partial weeks at
  // the ends are walked day by day (at most 6 days each).

  /** Weekdays with office hours (0–7). */
  private openWeekdays(): number {
    let n = 0;
    for (let wd = 1; wd <= 7; wd++) if (this.config.officeHours[wd as IsoWeekday]) n++;
    return n;
  }

  /** Office time of weekday `wd` by the clock on the wall (ms), 0 when closed that weekday. */
  private nominalMs(wd: IsoWeekday): number {
    const h = this.config.officeHours[wd];
    return h ? (parseHhmm(h.close) - parseHhmm(h.open)) * 60_000 : 0;
  }

  /** Working days in [start, end] (both inclusive; 0 when end < start). */
  private workingDaysIn(start: LocalDay, end: LocalDay): number {
    return this.sumOverDays(
      start,
      end,
      (day) => (this.isWorkingDay(day) ? 1 : 0),
      (s, e, weeks) => {
        let n = weeks * this.openWeekdays();
        this.forClosedOpenDays(s, e, () => n--);
        return n;
      },
    );
  }

  /** Full office time (ms) of the working days in [start, end]. */
  private fullOfficeMillisIn(start: LocalDay, end: LocalDay): number {
    const full = (day: LocalDay): number =>
      this.isWorkingDay(day) ? this.closingTime(day).getTime() - this.openingTime(day).getTime() : 0;
    return this.sumOverDays(start, end, full, (s, e, weeks) => {
      let week = 0;
      for (let wd = 1; wd <= 7; wd++) week += this.nominalMs(wd as IsoWeekday);
      let total = weeks * week;
      this.forClosedOpenDays(s, e, (day) => (total -= this.nominalMs(isoWeekdayOf(day))));
      for (const day of this.dstDaysIn(s, e)) if (this.isWorkingDay(day)) total += full(day) - this.nominalMs(isoWeekdayOf(day));
      return total;
    });
  }

  /** Walks the partial weeks at both ends with `perDay`; hands the whole weeks in between to `perWeeks`. */
  private sumOverDays(
    start: LocalDay,
    end: LocalDay,
    perDay: (day: LocalDay) => number,
    perWeeks: (s: LocalDay, e: LocalDay, weeks: number) => number,
  ): number {
    let total = 0;
    let d = start;
    while (d <= end && isoWeekdayOf(d) !== 1) {
      total += perDay(d);
      d = addCalendarDays(d, 1);
    }
    if (d > end) return total;
    const weeks = Math.floor((calendarDaysBetween(d, end) + 1) / 7);
    if (weeks > 0) {
      const last = addCalendarDays(d, 7 * weeks - 1);
      total += perWeeks(d, last, weeks);
      d = addCalendarDays(last, 1);
    }
    for (; d <= end; d = addCalendarDays(d, 1)) total += perDay(d);
    return total;
  }

  /** Calls fn for each closed day (holiday, closing day) in [start, end] on a weekday that has office hours. */
  private forClosedOpenDays(start: LocalDay, end: LocalDay, fn: (day: LocalDay) => void): void {
    for (let y = yearOf(start); y <= yearOf(end); y++) {
      for (const day of this.closedDays(y).keys()) {
        if (day >= start && day <= end && this.config.officeHours[isoWeekdayOf(day)]) fn(day);
      }
    }
  }

  /** The local days in [start, end] on which the zone's UTC offset changes (DST), found per year once. */
  private dstDaysIn(start: LocalDay, end: LocalDay): LocalDay[] {
    const out: LocalDay[] = [];
    for (let y = yearOf(start); y <= yearOf(end); y++) {
      for (const day of this.dstDays(y)) if (day >= start && day <= end) out.push(day);
    }
    return out;
  }

  private dstDays(year: number): LocalDay[] {
    let days = this.dstByYear.get(year);
    if (days) return days;
    days = [];
    const tz = this.config.timeZone;
    const off = (ms: number) => tzOffset(tz, new Date(ms));
    // Monthly samples (a zone changes at most once a month), then halve down to the minute.
    for (let m = 0; m < 12; m++) {
      let lo = Date.UTC(year, m, 1) - 86_400_000;
      let hi = Date.UTC(year, m + 1, 1) + 86_400_000;
      if (off(lo) === off(hi)) continue;
      while (hi - lo > 60_000) {
        const mid = lo + Math.floor((hi - lo) / 2);
        if (off(mid) === off(lo)) lo = mid;
        else hi = mid;
      }
      // The change lies between lo and hi; both local days around it may have irregular hours.
      for (const ms of [lo, hi]) {
        const day = localDayFromUtcMs(ms + off(ms) * 60_000);
        if (yearOf(day) === year && !days.includes(day)) days.push(day);
      }
    }
    this.dstByYear.set(year, days);
    return days;
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
