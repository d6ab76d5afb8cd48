// Free moments to offer while the customer is on the line: from the colleague's free slots, the
// ones nearest to the customer's preferred moment, each marked late when it ends past the term.
// Pure.
import type { Interval } from '../scheduling/slots';

export interface FreeMoment extends Interval {
  /** Ends after the term (the charter's deadline, or the agreed later moment). */
  late: boolean;
}

/** At most `n` moments, nearest to `preferred` (or the earliest when none), in time order. */
export function nearestMoments(slots: readonly Interval[], deadline: Date, preferred: Date | undefined, n = 5): FreeMoment[] {
  const target = preferred?.getTime();
  const picked =
    target === undefined
      ? [...slots].slice(0, n)
      : [...slots]
          .sort(
            (a, b) => Math.abs(a.start.getTime() - target) - Math.abs(b.start.getTime() - target) || a.start.getTime() - b.start.getTime(),
          )
          .slice(0, n);
  return picked
    .sort((a, b) => a.start.getTime() - b.start.getTime())
    .map((s) => ({ start: s.start, end: s.end, late: s.end.getTime() > deadline.getTime() }));
}
