// When a scheduled reminder is due (pure: the jobs in app/jobs/ read items, claim once and enqueue).
// - owned items (callbacks, appointments): overdue once per working day; one nudge in the channel
//   when an unclaimed item nears its deadline;
// - twijfelgevallen: one nudge when nobody took one up after the wait;
// - the daily digest: which day's digest is due, and when the next one goes out.
// Many notices for one chat in one round become one message (bundle).
import type { Item } from './types';
import type { LocalDay, WorkingCalendar } from './workingTime';
import { nl } from '../texts/nl';

/** Working time is counted over at most this much wall time per item per tick (see isNearDeadline). */
export const NEAR_PROBE_MS = 14 * 86_400_000;

/**
 * Whether at most `before` working time is left until the deadline, counting over a bounded span:
 * working time never exceeds wall time (a deadline within `before` is near without counting), and
 * more than `before` in the next two weeks settles it as not near. Only a deadline behind long
 * closing days needs the full count.
 */
export function isNearDeadline(cal: WorkingCalendar, now: Date, deadline: Date, before: number): boolean {
  const left = deadline.getTime() - now.getTime();
  if (left <= before) return true;
  const probeEnd = Math.min(deadline.getTime(), now.getTime() + NEAR_PROBE_MS);
  if (cal.workingMillisBetween(now, new Date(probeEnd)) > before) return false;
  return probeEnd === deadline.getTime() || cal.workingMillisBetween(now, deadline) <= before;
}

/**
 * The reminder of an owned item due now, before its once-claim: 'overdue' (past its deadline, owner
 * or channel), 'nudge' (unclaimed and near its deadline), or null. Working time is counted only for
 * an unclaimed item and over at most two weeks: a far deadline costs the same small count every tick.
 */
export function ownedReminderDue(item: Item, cal: WorkingCalendar, now: Date, before: number): 'overdue' | 'nudge' | null {
  const deadline = item.deadline;
  if (!deadline) return null;
  if (deadline.getTime() <= now.getTime()) return 'overdue';
  if (item.owner) return null;
  return isNearDeadline(cal, now, deadline, before) ? 'nudge' : null;
}

/** The working time a twijfelgeval has waited, when it is at least `wait` and nobody took it up; else null. */
export function exceptionNudgeDue(item: Item<{ takenBy?: unknown }>, cal: WorkingCalendar, now: Date, wait: number): number | null {
  if (item.status !== 'open' || item.data.takenBy) return null;
  // Working time never exceeds wall time: a case younger than the wait needs no arithmetic.
  if (now.getTime() - item.createdAt.getTime() < wait) return null;
  const waited = cal.workingMillisBetween(item.createdAt, now);
  return waited < wait ? null : waited;
}

/** The day whose digest is due at `now`, or null: not a working day, or before the digest time. */
export function dueDigestDay(cal: WorkingCalendar, digestTime: string, now: Date): LocalDay | null {
  const day = cal.dayOf(now);
  if (!cal.isWorkingDay(day)) return null;
  if (now.getTime() < cal.at(day, digestTime).getTime()) return null;
  // From the digest time until the end of that day: a digest missed while the bot was down goes
  // out when it is back, the same working day; the next day only that day's digest counts.
  return day;
}

/** When the next scheduled digest goes out, seen from `now` (today's when its time has not come yet). */
export function nextDigestAt(cal: WorkingCalendar, digestTime: string, now: Date): Date {
  const today = cal.dayOf(now);
  const todays = cal.at(today, digestTime);
  if (cal.isWorkingDay(today) && now.getTime() < todays.getTime()) return todays;
  return cal.at(cal.nextWorkingDay(today), digestTime);
}

/** A notice as the outbox takes it (storage's OutboxMessage has this shape). */
export interface Notice {
  tenantId: string;
  key: string;
  type: string;
  lane: string;
  payload: Record<string, unknown>;
}

/** More notices than this for one chat in one round become one message (after a long outage, a busy day). */
const MAX_PER_LANE = 3;

/** Collapses each chat's notices into one message when there are many: a list of ids, not a flood. */
export function bundle<M extends Notice>(messages: M[], day: string): M[] {
  const byLane = new Map<string, M[]>();
  for (const m of messages) {
    const group = byLane.get(m.lane);
    if (group) group.push(m);
    else byLane.set(m.lane, [m]);
  }
  const out: M[] = [];
  for (const [lane, group] of byLane) {
    if (group.length <= MAX_PER_LANE) {
      out.push(...group);
      continue;
    }
    const ids = group.map((m) => String(m.payload.itemId));
    const shown = nl.common.remindersIdList(ids.slice(0, 10), Math.max(0, ids.length - 10));
    const first = group[0]!;
    const text =
      first.type === 'notifyPerson'
        ? nl.common.remindersBundledOwner(ids.length, shown)
        : nl.common.remindersBundledChannel(ids.length, shown);
    // The key names the day and the first item: the per-item once-claims already keep a rerun from repeating it.
    out.push({
      ...first,
      key: `bundle:${first.tenantId}:${lane}:${day}:${ids[0]}`,
      payload: { ...first.payload, text, itemId: undefined },
    });
  }
  return out;
}
