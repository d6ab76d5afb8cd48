// Use case: the colleague's free moments for the callback and appointment forms ("Vrije momenten
// tonen"), read while Teams waits for the invoke answer: ONE getSchedule call with a 3-second budget
// and no retries. Past the budget the form says the agenda is slow and keeps everything typed.
import { CALLBACK_SLOT_MINUTES } from '../domain/items/callback';
import { nearestMoments, type FreeMoment } from '../domain/conversation/freeMoments';
import { findSlots, searchWindow } from '../domain/scheduling/slots';
import { callbackDeadline, type WorkingCalendar } from '../domain/workingTime';
import { graphServesTenant, toGraphFailure } from '../graph';
import type { Services } from './services';

export const FREE_MOMENTS_BUDGET_MS = 3_000;

export type FreeMomentsResult =
  | { kind: 'notConfigured' }
  | { kind: 'noColleague' }
  /** Graph did not answer within the budget (or failed for now). */
  | { kind: 'slow' }
  /** The colleague's agenda cannot be read (no mailbox, not allowed). */
  | { kind: 'noAgenda' }
  | { kind: 'none'; deadline: Date }
  | { kind: 'moments'; moments: FreeMoment[]; deadline: Date };

/** What differs per form: the term moments are measured against, and how long a moment is. */
export interface MomentsFor {
  /** The term (moments ending later are marked late), given the customer's preferred moment. */
  term(cal: WorkingCalendar, now: Date, preferred: Date | undefined): Date;
  minutes: number;
}

/** Callbacks: the end of the next working day, or the customer's later preferred moment; 15 minutes. */
export const CALLBACK_MOMENTS: MomentsFor = {
  term: (cal, now, preferred) => {
    const due = callbackDeadline(cal, now);
    return preferred && preferred.getTime() > due.getTime() ? preferred : due;
  },
  minutes: CALLBACK_SLOT_MINUTES,
};

export async function freeMomentsFor(
  s: Pick<Services, 'graph' | 'config' | 'clock' | 'calendar' | 'log'>,
  tenantId: string,
  colleagueId: string | undefined,
  preferred: Date | undefined,
  form: MomentsFor = CALLBACK_MOMENTS,
): Promise<FreeMomentsResult> {
  if (!s.graph || !graphServesTenant(s.config.graph, tenantId)) return { kind: 'notConfigured' };
  if (!colleagueId) return { kind: 'noColleague' };
  const now = s.clock.now();
  const deadline = form.term(s.calendar, now, preferred);
  const window = searchWindow(s.calendar, now, deadline);
  try {
    const busy = await s.graph.getSchedule(colleagueId, window.start, window.end, { timeoutMs: FREE_MOMENTS_BUDGET_MS, noRetry: true });
    const r = findSlots({
      calendar: s.calendar,
      now,
      deadline,
      busy,
      horizon: window.end,
      max: 40,
      spacingMinutes: 30,
      durationMinutes: form.minutes,
    });
    if (!r.slots.length) return { kind: 'none', deadline };
    return { kind: 'moments', moments: nearestMoments(r.slots, deadline, preferred), deadline };
  } catch (err) {
    const f = toGraphFailure(err, now.getTime());
    s.log.info({ error: f.message }, 'free moments: free/busy not available');
    return f.transient ? { kind: 'slow' } : { kind: 'noAgenda' };
  }
}
