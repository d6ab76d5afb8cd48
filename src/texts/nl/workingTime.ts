/**
 * Dutch wording for working time: weekday and month names, deadline phrases, closing reasons and
 * labels of promise terms. The domain module (src/domain/workingTime) only assembles these.
 */

/** ISO weekday (1 = Monday … 7 = Sunday) to its Dutch name, lower case as used mid-sentence. */
export const WEEKDAY_NAMES: Readonly<Record<1 | 2 | 3 | 4 | 5 | 6 | 7, string>> = Object.freeze({
  1: 'maandag',
  2: 'dinsdag',
  3: 'woensdag',
  4: 'donderdag',
  5: 'vrijdag',
  6: 'zaterdag',
  7: 'zondag',
});

/** Month names, index 0 = January. */
export const MONTH_NAMES: readonly string[] = Object.freeze([
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
]);

export const TODAY = 'vandaag';
export const TOMORROW = 'morgen';
export const NO_LATER_THAN = 'uiterlijk';

/** 'vrijdag 27 november' or, with a year, 'vrijdag 1 januari 2027'. */
export function dateText(weekday: string, dayOfMonth: number, month: string, year?: number): string {
  return year === undefined ? `${weekday} ${dayOfMonth} ${month}` : `${weekday} ${dayOfMonth} ${month} ${year}`;
}

/** 'vrijdag 27 november, 14:32' */
export function momentText(date: string, time: string): string {
  return `${date}, ${time}`;
}

/** 'vandaag 17:00' */
export function todayAt(time: string): string {
  return `${TODAY} ${time}`;
}

/** 'morgen 17:00' */
export function tomorrowAt(time: string): string {
  return `${TOMORROW} ${time}`;
}

/** 'uiterlijk vrijdag 27 november, 17:00' */
export function noLaterThan(date: string, time: string): string {
  return `${NO_LATER_THAN} ${momentText(date, time)}`;
}

/** 'nog 1 werkuur', 'nog 2 werkuren' */
export function workingHoursLeft(hours: number): string {
  return hours === 1 ? 'nog 1 werkuur' : `nog ${hours} werkuren`;
}

/** 'nog 1 werkminuut', 'nog 45 werkminuten' */
export function workingMinutesLeft(minutes: number): string {
  return minutes === 1 ? 'nog 1 werkminuut' : `nog ${minutes} werkminuten`;
}

export const LESS_THAN_ONE_WORKING_MINUTE_LEFT = 'nog minder dan 1 werkminuut';

/** 'nog 1 werkdag', 'nog 3 werkdagen' */
export function workingDaysLeft(days: number): string {
  return days === 1 ? 'nog 1 werkdag' : `nog ${days} werkdagen`;
}

/** '1 werkdag te laat', '2 werkdagen te laat' */
export function workingDaysLate(days: number): string {
  return days === 1 ? '1 werkdag te laat' : `${days} werkdagen te laat`;
}

/** Overdue, but not yet by a whole working day (same day, or only non-working days since). */
export const LATE = 'te laat';

/** Reasons a day is not a working day (holidays use the name date-holidays gives them). */
export const CLOSED_WEEKEND = 'weekend';
export const CLOSED_CLOSING_DAY = 'sluitingsdag';
/** A weekday the configuration gives no office hours (not Saturday/Sunday). */
export const CLOSED_NO_OFFICE_HOURS = 'gesloten';
export const GOOD_FRIDAY = 'Goede Vrijdag';
export const LIBERATION_DAY = 'Bevrijdingsdag';

/** Labels of the terms of a promise (see deadlines.ts). */
export const TERM_LABELS = Object.freeze({
  callback: 'Terugbellen',
  emailReply: 'Reactie op e-mail',
  emailAnswer: 'Volledig antwoord op e-mail',
  letter: 'Antwoord of ontvangstbevestiging met termijn',
  walkin: 'Afspraak',
  homevisit: 'Huisbezoek',
  appointment: 'Afspraak',
  reply: 'Reactie',
});
