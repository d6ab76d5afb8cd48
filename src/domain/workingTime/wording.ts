import type { WorkingCalendar } from './calendar';
import { addCalendarDays, dayOfMonthOf, isoWeekdayOf, monthOf, yearOf, type LocalDay } from './localDay';
import {
  LATE,
  LESS_THAN_ONE_WORKING_MINUTE_LEFT,
  MONTH_NAMES,
  WEEKDAY_NAMES,
  dateText,
  momentText,
  noLaterThan,
  todayAt,
  tomorrowAt,
  workingDaysLate,
  workingDaysLeft,
  workingHoursLeft,
  workingMinutesLeft,
} from '../../texts/nl/workingTime';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** 'vrijdag 27 november'; with the year added when `now` is given and falls in another year. */
export function formatDay(cal: WorkingCalendar, day: LocalDay, now?: Date): string {
  const withYear = now !== undefined && yearOf(cal.dayOf(now)) !== yearOf(day);
  return dateText(WEEKDAY_NAMES[isoWeekdayOf(day)], dayOfMonthOf(day), MONTH_NAMES[monthOf(day) - 1]!, withYear ? yearOf(day) : undefined);
}

/** '14:32' in the calendar's zone. */
export function formatTime(cal: WorkingCalendar, instant: Date): string {
  return cal.timeOf(instant);
}

/** 'vrijdag 27 november, 14:32'; the year is added when `now` is given and is in another year. */
export function formatMoment(cal: WorkingCalendar, instant: Date, now?: Date): string {
  return momentText(formatDay(cal, cal.dayOf(instant), now), formatTime(cal, instant));
}

/**
 * 'vandaag 17:00' (deadline today), 'morgen 17:00' (deadline on the calendar day after today),
 * otherwise 'uiterlijk vrijdag 27 november, 17:00' (year added when not the current year).
 */
export function formatDeadline(cal: WorkingCalendar, deadline: Date, now: Date): string {
  const today = cal.dayOf(now);
  const day = cal.dayOf(deadline);
  const time = formatTime(cal, deadline);
  if (day === today) return todayAt(time);
  if (day === addCalendarDays(today, 1)) return tomorrowAt(time);
  return noLaterThan(formatDay(cal, day, now), time);
}

/**
 * Working time left until a deadline, or how late it is:
 * - deadline today: 'nog 2 werkuren' / 'nog 1 werkuur' / 'nog 45 werkminuten' (office time, rounded down);
 * - deadline on a later day: 'nog 3 werkdagen' = working days in (today, deadline day];
 * - overdue: '2 werkdagen te laat' = working days in (deadline day, today]; 'te laat' when none yet.
 */
export function formatTimeLeft(cal: WorkingCalendar, deadline: Date, now: Date): string {
  const today = cal.dayOf(now);
  const day = cal.dayOf(deadline);
  if (now.getTime() > deadline.getTime()) {
    const late = cal.workingDaysBetween(day, today);
    return late >= 1 ? workingDaysLate(late) : LATE;
  }
  if (day !== today) {
    const days = cal.workingDaysBetween(today, day);
    if (days >= 1) return workingDaysLeft(days);
    // Deadline on a later non-working day with no working day before it (e.g. a Saturday appointment): office time.
  }
  const ms = cal.workingMillisBetween(now, deadline);
  if (ms >= HOUR) return workingHoursLeft(Math.floor(ms / HOUR));
  if (ms >= MINUTE) return workingMinutesLeft(Math.floor(ms / MINUTE));
  return LESS_THAN_ONE_WORKING_MINUTE_LEFT;
}
