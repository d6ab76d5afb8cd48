import type { WorkingCalendar } from './calendar';
import { TERM_LABELS } from '../../texts/nl/workingTime';

/** "Within 5 working days" in the service charter. */
export const FULL_ANSWER_WORKING_DAYS = 5;

export type PromiseKind = 'callback' | 'email' | 'letter' | 'walkin' | 'homevisit' | 'other';

/**
 * The term(s) of a promise. `first` is the deadline that counts for overdue/due-today; `final`
 * is a second, later term where the charter has one (e-mail: reply by the end of the next working
 * day, full answer within 5 working days).
 */
export interface PromiseTerms {
  first: Date;
  firstLabel: string;
  final?: Date;
  finalLabel?: string;
}

/** Callback: office closing time on the first working day after the calendar day of the promise. */
export function callbackDeadline(cal: WorkingCalendar, promisedAt: Date): Date {
  return cal.endOfNextWorkingDay(promisedAt);
}

/** Closing time of the n-th working day after the calendar day of the promise. */
export function withinWorkingDays(cal: WorkingCalendar, promisedAt: Date, n: number): Date {
  return cal.closingTime(cal.addWorkingDays(cal.dayOf(promisedAt), n));
}

function requireAppointment(kind: PromiseKind, appointmentAt: Date | undefined): Date {
  if (!(appointmentAt instanceof Date) || Number.isNaN(appointmentAt.getTime())) {
    throw new TypeError(`promiseTerms('${kind}') needs the moment of the appointment (appointmentAt)`);
  }
  return new Date(appointmentAt.getTime());
}

/**
 * The terms of a promise made at `promisedAt` (all counted from its calendar day in the
 * calendar's zone, see docs/working-time.md):
 * - callback: end of the next working day;
 * - email: reply by end of the next working day (first), full answer within 5 working days (final);
 * - letter: answer, or an acknowledgement naming the term, within 5 working days;
 * - walkin / homevisit: the moment of the appointment made (`appointmentAt` required);
 * - other: `appointmentAt` if given, else end of the next working day.
 */
export function promiseTerms(cal: WorkingCalendar, kind: PromiseKind, promisedAt: Date, appointmentAt?: Date): PromiseTerms {
  switch (kind) {
    case 'callback':
      return { first: callbackDeadline(cal, promisedAt), firstLabel: TERM_LABELS.callback };
    case 'email':
      return {
        first: cal.endOfNextWorkingDay(promisedAt),
        firstLabel: TERM_LABELS.emailReply,
        final: withinWorkingDays(cal, promisedAt, FULL_ANSWER_WORKING_DAYS),
        finalLabel: TERM_LABELS.emailAnswer,
      };
    case 'letter':
      return { first: withinWorkingDays(cal, promisedAt, FULL_ANSWER_WORKING_DAYS), firstLabel: TERM_LABELS.letter };
    case 'walkin':
      cal.dayOf(promisedAt); // validates the instant
      return { first: requireAppointment(kind, appointmentAt), firstLabel: TERM_LABELS.walkin };
    case 'homevisit':
      cal.dayOf(promisedAt);
      return { first: requireAppointment(kind, appointmentAt), firstLabel: TERM_LABELS.homevisit };
    case 'other':
      return appointmentAt !== undefined
        ? { first: requireAppointment(kind, appointmentAt), firstLabel: TERM_LABELS.appointment }
        : { first: cal.endOfNextWorkingDay(promisedAt), firstLabel: TERM_LABELS.reply };
    default: {
      const never: never = kind;
      throw new RangeError(`Unknown promise kind '${String(never)}'`);
    }
  }
}

export type DeadlineState = 'onTime' | 'dueToday' | 'overdue';

/**
 * overdue: `now` is after the deadline (the deadline minute itself is still in time);
 * dueToday: not overdue and the deadline falls on today's calendar day (calendar's zone);
 * onTime: otherwise.
 */
export function deadlineState(cal: WorkingCalendar, deadline: Date, now: Date): DeadlineState {
  if (now.getTime() > deadline.getTime()) return 'overdue';
  return cal.dayOf(deadline) === cal.dayOf(now) ? 'dueToday' : 'onTime';
}
