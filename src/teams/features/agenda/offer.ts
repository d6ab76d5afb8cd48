// Offering slots in the owner's agenda to the person who made a callback for them: read free/busy
// (within a small time budget: this runs while Teams waits for the invoke answer), find the first
// feasible slots, and say what to do when none fits before the deadline.
import type { AgendaPorts } from '../../ports';
import type { CallbackData } from '../../../domain/items/callback';
import { findSlots, searchWindow, type Interval } from '../../../domain/scheduling/slots';
import type { Item } from '../../../domain/types';
import { userCauseOf } from '../../../app/graphAccess';
import { toGraphFailure } from '../../../graph';
import { agendaReady } from '../../../app/jobs/agendaSync';

export type AgendaOffer =
  | { kind: 'notConfigured' }
  /** Graph did not answer in time or failed for now: the bot plans by itself later (outbox). */
  | { kind: 'unavailable' }
  /** Like unavailable, but Graph's sign-in itself is refused: ICT has to act (the log and /healthz say what). */
  | { kind: 'signInRefused' }
  /** The owner's agenda cannot be read (no mailbox, not allowed by the access policy, unknown person). */
  | { kind: 'noAgenda' }
  /** Graph refuses the bot (no permission, or this mailbox kept out): the cause is said; planned by the bot when it is allowed again. */
  | { kind: 'noAccess'; cause: 'consent' | 'mailbox' }
  /** Nothing free up to the end of the search window. */
  | { kind: 'none' }
  /** Slots before the deadline, or (late) the earliest one after it. */
  | { kind: 'slots'; slots: Interval[]; late: boolean };

/** How many slots to offer, and how far apart their starts are. */
export const OFFER_MAX = 4;
export const OFFER_SPACING_MINUTES = 60;
/** Budget for reading free/busy while the user waits (Teams gives an invoke roughly 10 seconds). */
export const OFFER_TIMEOUT_MS = 4_000;

export async function offerSlots(s: AgendaPorts, item: Item<CallbackData>, timeoutMs = OFFER_TIMEOUT_MS): Promise<AgendaOffer> {
  if (!agendaReady(s, item.tenantId)) return { kind: 'notConfigured' };
  if (!item.owner || !item.deadline) return { kind: 'noAgenda' };
  const now = s.clock.now();
  const window = searchWindow(s.calendar, now, item.deadline);
  // A known refusal: say so at once instead of asking Graph again while the user waits.
  const known = await s.graphAccess.calendarProblemFor(item.tenantId, item.owner.id);
  if (known === 'consent' || known === 'mailbox') return { kind: 'noAccess', cause: known };
  try {
    const busy = await s.graph.getSchedule(item.owner.id, window.start, window.end, { timeoutMs });
    const r = findSlots({
      calendar: s.calendar,
      now,
      deadline: item.deadline,
      busy,
      horizon: window.end,
      max: OFFER_MAX,
      spacingMinutes: OFFER_SPACING_MINUTES,
    });
    if (!r.slots.length) return { kind: 'none' };
    return { kind: 'slots', slots: r.slots, late: r.late };
  } catch (err) {
    const f = toGraphFailure(err, now.getTime());
    s.log.info({ itemId: item.id, error: f.message }, 'agenda offer: free/busy not available');
    if (f.accessDenied) {
      const probe = { op: 'calendar' as const, userId: item.owner.id, name: item.owner.name };
      await s.graphAccess.report(item.tenantId, f, probe);
      return { kind: 'noAccess', cause: userCauseOf(f, probe) };
    }
    if (s.credentials?.graph?.failing) return { kind: 'signInRefused' };
    return f.transient ? { kind: 'unavailable' } : { kind: 'noAgenda' };
  }
}
