import { tzOffset } from '@date-fns/tz';
import { isLocalDay } from './localDay';

/** Whether Bevrijdingsdag (5 May) is a closing day: never, only in lustrum years (2025, 2030, …), or every year. */
export type LiberationDayRule = 'never' | 'lustrum' | 'always';

/** Wall-clock office hours in the calendar's time zone, 'HH:mm' (24h). `open` must be before `close`. */
export interface OfficeHours {
  open: string;
  close: string;
}

export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface WorkingTimeConfig {
  /** IANA time zone; 'Europe/Amsterdam'. The server's own TZ never matters. */
  timeZone: string;
  /** ISO weekday (1 = Monday) → office hours; null = closed that weekday. */
  officeHours: Record<IsoWeekday, OfficeHours | null>;
  /** Close on Goede Vrijdag (type `school` in date-holidays). Default false. */
  goodFridayClosed: boolean;
  /** Default 'lustrum'. */
  liberationDay: LiberationDayRule;
  /** Extra closing days of the organisation, 'YYYY-MM-DD'. */
  closingDays: string[];
}

/** What the WorkingCalendar constructor accepts: like Partial<WorkingTimeConfig>, office hours may be partial too. */
export type WorkingTimeConfigInput = Partial<Omit<WorkingTimeConfig, 'officeHours'>> & {
  officeHours?: Partial<Record<IsoWeekday, OfficeHours | null>>;
};

const DEFAULT_HOURS: OfficeHours = Object.freeze({ open: '08:30', close: '17:00' });

export const defaultWorkingTimeConfig: WorkingTimeConfig = Object.freeze({
  timeZone: 'Europe/Amsterdam',
  officeHours: Object.freeze({
    1: DEFAULT_HOURS,
    2: DEFAULT_HOURS,
    3: DEFAULT_HOURS,
    4: DEFAULT_HOURS,
    5: DEFAULT_HOURS,
    6: null,
    7: null,
  }),
  goodFridayClosed: false,
  liberationDay: 'lustrum',
  closingDays: Object.freeze([]) as unknown as string[],
}) as WorkingTimeConfig;

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes since local midnight of an 'HH:mm' string; throws on anything else. */
export function parseHhmm(hhmm: string): number {
  const m = HHMM.exec(hhmm);
  if (!m) throw new RangeError(`Invalid time '${hhmm}', expected 'HH:mm' (00:00–23:59)`);
  return Number(m[1]) * 60 + Number(m[2]);
}

const WEEKDAYS: readonly IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];
const LIBERATION_RULES: readonly LiberationDayRule[] = ['never', 'lustrum', 'always'];

/**
 * Merges `input` over the defaults, validates it and returns a frozen, normalised configuration
 * (closing days sorted and deduplicated). Throws RangeError/TypeError on invalid configuration.
 */
export function resolveWorkingTimeConfig(input: WorkingTimeConfigInput = {}): WorkingTimeConfig {
  const timeZone = input.timeZone ?? defaultWorkingTimeConfig.timeZone;
  if (typeof timeZone !== 'string' || Number.isNaN(tzOffset(timeZone, new Date(0)))) {
    throw new RangeError(`Unknown time zone '${String(timeZone)}'`);
  }

  const officeHours = {} as Record<IsoWeekday, OfficeHours | null>;
  let anyOpen = false;
  for (const wd of WEEKDAYS) {
    const given = input.officeHours && wd in input.officeHours ? input.officeHours[wd] : defaultWorkingTimeConfig.officeHours[wd];
    if (given === null || given === undefined) {
      officeHours[wd] = null;
      continue;
    }
    const open = parseHhmm(given.open);
    const close = parseHhmm(given.close);
    if (open >= close) {
      throw new RangeError(`Office hours of weekday ${wd}: open ${given.open} must be before close ${given.close}`);
    }
    officeHours[wd] = Object.freeze({ open: given.open, close: given.close });
    anyOpen = true;
  }
  if (!anyOpen) throw new RangeError('Office hours: at least one weekday must be open');

  const goodFridayClosed = input.goodFridayClosed ?? defaultWorkingTimeConfig.goodFridayClosed;
  if (typeof goodFridayClosed !== 'boolean') throw new TypeError('goodFridayClosed must be a boolean');

  const liberationDay = input.liberationDay ?? defaultWorkingTimeConfig.liberationDay;
  if (!LIBERATION_RULES.includes(liberationDay)) {
    throw new RangeError(`liberationDay must be one of ${LIBERATION_RULES.join(', ')}, got '${String(liberationDay)}'`);
  }

  const closingDays = [...new Set(input.closingDays ?? defaultWorkingTimeConfig.closingDays)].sort();
  for (const day of closingDays) {
    if (!isLocalDay(day)) throw new RangeError(`Invalid closing day '${String(day)}', expected an existing date 'YYYY-MM-DD'`);
  }

  return Object.freeze({
    timeZone,
    officeHours: Object.freeze(officeHours),
    goodFridayClosed,
    liberationDay,
    closingDays: Object.freeze(closingDays) as unknown as string[],
  });
}
