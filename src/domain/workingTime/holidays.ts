import type Holidays from 'date-holidays';
import type { LocalDay } from './localDay';
import { FIRST_YEAR, LAST_YEAR, NL_HOLIDAYS } from './holidaysNl.table';

/** One holiday of the Netherlands as date-holidays gives it, reduced to what we use. */
export interface NlHoliday {
  day: LocalDay;
  name: string;
  type: string;
  rule: string;
}

/**
 * The raw NL holidays per year. Years FIRST_YEAR..LAST_YEAR come from holidaysNl.table.ts, a table
 * generated from date-holidays (`npm run holidays:table`; test/unit/holidayTable.test.ts checks it
 * against date-holidays): loading date-holidays costs some 20 MB resident memory per process (the
 * data of every country, moment-timezone, calendar libraries) only for these few lines. Other years
 * load date-holidays on first use. One per-year cache serves all calendars in the process. The
 * dates do not depend on the server's TZ.
 */
const byYear = new Map<number, readonly NlHoliday[]>();

export function nlHolidays(year: number): readonly NlHoliday[] {
  let list = byYear.get(year);
  if (!list) {
    list = Number.isInteger(year) && year >= FIRST_YEAR && year <= LAST_YEAR ? fromTable(year) : nlHolidaysFromDateHolidays(year);
    byYear.set(year, list);
  }
  return list;
}

function fromTable(year: number): readonly NlHoliday[] {
  const prefix = `${year}-`;
  return Object.freeze(
    NL_HOLIDAYS.filter(([day]) => day.startsWith(prefix)).map(([day, name, type, rule]) => Object.freeze({ day, name, type, rule })),
  );
}

/**
 * The Holidays instance is expensive to build (and its data does not depend on our configuration):
 * one per process, created at the first year outside the table.
 */
let instance: Holidays | undefined;

/**
 * The NL holidays of `year` straight from date-holidays, not cached: the source of the table
 * (scripts/holidayTable.ts) and the fallback for years outside it.
 */
export function nlHolidaysFromDateHolidays(year: number): readonly NlHoliday[] {
  // Loaded on first use, not at start: date-holidays holds the data of every country.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  instance ??= new (require('date-holidays') as typeof Holidays)('NL');
  return Object.freeze(
    instance
      .getHolidays(year, 'nl')
      .map((h) => Object.freeze({ day: String(h.date).slice(0, 10), name: h.name, type: h.type, rule: String(h.rule ?? '') })),
  );
}

/** Goede Vrijdag: date-holidays lists it as type `school`, rule 'easter -2'. */
export function isGoodFriday(h: NlHoliday): boolean {
  return h.rule === 'easter -2' || /^goede vrijdag$/i.test(h.name);
}

/** Bevrijdingsdag: date-holidays lists it every year as type `school` (no lustrum rule). */
export function isLiberationDay(h: NlHoliday): boolean {
  return /^bevrijdingsdag$/i.test(h.name) || (h.rule === '05-05' && h.type !== 'observance');
}
