import type Holidays from 'date-holidays';
import type { LocalDay } from './localDay';

/** One holiday of the Netherlands as date-holidays gives it, reduced to what we use. */
export interface NlHoliday {
  day: LocalDay;
  name: string;
  type: string;
  rule: string;
}

/**
 * The raw NL holidays per year from date-holidays. The Holidays instance is expensive to build
 * (and its data does not depend on our configuration), so one instance and one per-year cache
 * serve all calendars in the process. The dates do not depend on the server's TZ.
 */
let instance: Holidays | undefined;
const byYear = new Map<number, readonly NlHoliday[]>();

export function nlHolidays(year: number): readonly NlHoliday[] {
  let list = byYear.get(year);
  if (!list) {
    // Loaded on first use, not at start: date-holidays holds the data of every country, and a
    // start does not need it before the server listens.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    instance ??= new (require('date-holidays') as typeof Holidays)('NL');
    list = Object.freeze(
      instance
        .getHolidays(year, 'nl')
        .map((h) => Object.freeze({ day: String(h.date).slice(0, 10), name: h.name, type: h.type, rule: String(h.rule ?? '') })),
    );
    byYear.set(year, list);
  }
  return list;
}

/** Goede Vrijdag: date-holidays lists it as type `school`, rule 'easter -2'. */
export function isGoodFriday(h: NlHoliday): boolean {
  return h.rule === 'easter -2' || /^goede vrijdag$/i.test(h.name);
}

/** Bevrijdingsdag: date-holidays lists it every year as type `school` (no lustrum rule). */
export function isLiberationDay(h: NlHoliday): boolean {
  return /^bevrijdingsdag$/i.test(h.name) || (h.rule === '05-05' && h.type !== 'observance');
}
