// "Niet bereikt" as a ladder: each attempt is logged, the next one is proposed at another part of
// the day (morning / afternoon) within the item's term, and after the last one the promise ends
// as "niet bereikt". Pure: time comes in.
import { addCalendarDays, formatDeadline, formatMoment, type WorkingCalendar } from '../workingTime';
import type { CustomerNeeds } from './customerNeeds';

/** NOT_REACHED_ATTEMPTS when not configured. */
export const DEFAULT_NOT_REACHED_ATTEMPTS = 2;
/** Noon, local time: before it is morning, from it afternoon. */
const NOON = '12:00';
const MORNING_TRY = '09:30';
const AFTERNOON_TRY = '14:00';

/** How many attempts before giving up: the configured number, one more for a customer who needs help. */
export function attemptsAllowed(configured: number | undefined, needs: CustomerNeeds): number {
  return Math.max(1, configured ?? DEFAULT_NOT_REACHED_ATTEMPTS) + (needs.needsHelp ? 1 : 0);
}

/**
 * The next attempt at the other part of the day: after a morning attempt this afternoon, after an
 * afternoon attempt the next working morning; null when that lies past the term.
 */
export function nextAttemptMoment(cal: WorkingCalendar, now: Date, deadline: Date | null): Date | null {
  const today = cal.dayOf(now);
  const morning = now.getTime() < cal.at(today, NOON).getTime();
  const candidate = morning && cal.isWorkingDay(today) ? cal.at(today, AFTERNOON_TRY) : cal.at(cal.nextWorkingDay(today), MORNING_TRY);
  if (candidate.getTime() <= now.getTime()) return null;
  if (deadline && candidate.getTime() > deadline.getTime()) return null;
  return candidate;
}

/** "vandaag 14:00", "morgen 09:30", or the full moment further ahead. */
export function attemptWording(cal: WorkingCalendar, at: Date, now: Date): string {
  const day = cal.dayOf(at);
  const today = cal.dayOf(now);
  return day === today || day === addCalendarDays(today, 1) ? formatDeadline(cal, at, now) : formatMoment(cal, at, now);
}
