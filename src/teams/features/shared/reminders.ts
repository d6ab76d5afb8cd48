// Reminders for owned items (callbacks, appointments): one nudge in the channel when an unclaimed
// item nears its deadline, and once per working day a note to the owner (or the channel) while it
// is overdue. Exactly once across instances: each reminder is a once-claim in the database.
import { yieldToEventLoop, type Job, type Services } from '../../../app/services';
import { PENDING_TENANT, type Item, type ItemKind } from '../../../domain/types';
import type { OutboxMessage } from '../../../storage/repository';
import { formatTimeLeft } from '../../../domain/workingTime';
import { neutralise } from '../../cards/render';
import { nl } from '../../../texts/nl';
import { isHeld } from '../../../domain/customers/pause';

/** More notices than this for one chat in one round become one message (after a long outage, a busy day). */
const MAX_PER_LANE = 3;

/** Collapses each chat's notices into one message when there are many: a list of ids, not a flood. */
export function bundle(messages: OutboxMessage[], day: string): OutboxMessage[] {
  const byLane = new Map<string, OutboxMessage[]>();
  for (const m of messages) byLane.set(m.lane, [...(byLane.get(m.lane) ?? []), m]);
  const out: OutboxMessage[] = [];
  for (const [lane, group] of byLane) {
    if (group.length <= MAX_PER_LANE) {
      out.push(...group);
      continue;
    }
    const ids = group.map((m) => String(m.payload.itemId));
    const shown = ids.length > 10 ? `${ids.slice(0, 10).join(', ')} en nog ${ids.length - 10}` : ids.join(', ');
    const first = group[0]!;
    const text = first.type === 'notifyPerson' ? nl.common.remindersBundledOwner(ids.length, shown) : nl.common.remindersBundledChannel(ids.length, shown);
    // The key names the day and the first item: the per-item once-claims already keep a rerun from repeating it.
    out.push({ ...first, key: `bundle:${first.tenantId}:${lane}:${day}:${ids[0]}`, payload: { ...first.payload, text, itemId: undefined } });
  }
  return out;
}

/** Working time is counted over at most this much wall time per item per tick (see isNear). */
export const NEAR_PROBE_MS = 14 * 86_400_000;

/**
 * Whether at most `before` working time is left until the deadline, counting over a bounded span:
 * working time never exceeds wall time (a deadline within `before` is near without counting), and
 * more than `before` in the next two weeks settles it as not near. Only a deadline behind long
 * closing days needs the full count.
 */
function isNear(s: Services, now: Date, deadline: Date, before: number): boolean {
  const left = deadline.getTime() - now.getTime();
  if (left <= before) return true;
  const probeEnd = Math.min(deadline.getTime(), now.getTime() + NEAR_PROBE_MS);
  if (s.calendar.workingMillisBetween(now, new Date(probeEnd)) > before) return false;
  return probeEnd === deadline.getTime() || s.calendar.workingMillisBetween(now, deadline) <= before;
}

/**
 * The reminder one item is due now, if any. Working time is counted only for an unclaimed item and
 * over at most two weeks (isNear): a far deadline costs the same small count on every tick.
 */
async function reminderFor(
  s: Services, t: { msg: ReminderTexts }, tenantId: string, item: Item, now: Date, today: string, before: number,
): Promise<OutboxMessage | null> {
  const cal = s.calendar;
  const deadline = item.deadline!;
  const topic = neutralise(item.subject);
  if (deadline.getTime() <= now.getTime()) {
    if (!(await s.repo.claimOnce(tenantId, `overdue:${item.id}:${today}`, now))) return null;
    const late = formatTimeLeft(cal, deadline, now);
    return item.owner
      ? { tenantId, key: `overdue:${tenantId}:${item.id}:${today}`, type: 'notifyPerson', lane: `user:${item.owner.id}`, payload: { to: item.owner, text: t.msg.overdueOwner(item.id, topic, late), itemId: item.id } }
      : { tenantId, key: `overdue:${tenantId}:${item.id}:${today}`, type: 'notifyChannel', lane: `channel:${tenantId}`, payload: { text: t.msg.overdueChannel(item.id, topic, late), itemId: item.id } };
  }
  if (item.owner) return null;
  // One nudge per promise: a new deadline (new appointment) may get its own.
  const nudgeKey = `nudge:${item.id}:${deadline.getTime()}`;
  if (!isNear(s, now, deadline, before)) return null;
  if (!(await s.repo.claimOnce(tenantId, nudgeKey, now))) return null;
  const leftText = formatTimeLeft(cal, deadline, now).replace(/^nog /, '');
  return { tenantId, key: `${tenantId}:${nudgeKey}`, type: 'notifyChannel', lane: `channel:${tenantId}`, payload: { text: t.msg.nudgeUnclaimed(item.id, topic, leftText), itemId: item.id } };
}

export interface ReminderTexts {
  nudgeUnclaimed: (id: string, topic: string, left: string) => string;
  overdueOwner: (id: string, topic: string, late: string) => string;
  overdueChannel: (id: string, topic: string, late: string) => string;
}

export function ownedReminders(kind: ItemKind, t: { msg: ReminderTexts }): Job {
  return async (s, now) => {
    const cal = s.calendar;
    const today = cal.dayOf(now);
    const inOffice = cal.isWorkingDay(today) && cal.isWithinOfficeHours(now);
    if (!inOffice) return; // Reminders reach people at work, not at night or on holidays.
    const before = s.config.reminderBeforeMinutes * 60_000;
    for (const tenantId of await s.repo.tenants()) {
      if (tenantId === PENDING_TENANT) continue; // nowhere to remind yet: the first koppel adopts them
      const open = await s.repo.queryItems(tenantId, { kinds: [kind], open: true });
      const messages: OutboxMessage[] = [];
      for (const [n, item] of open.entries()) {
        if (n % 100 === 99) await yieldToEventLoop();
        if (!item.deadline || isHeld(item)) continue; // held: the customer's contact is paused
        try {
          const m = await reminderFor(s, t, tenantId, item, now, today, before);
          if (m) messages.push(m);
        } catch (err) {
          // One item with a bad stored value must not stop the reminders of all others.
          s.log.warn({ err, tenantId, itemId: item.id }, 'reminder skipped: the item cannot be read');
        }
      }
      if (messages.length) {
        await s.repo.enqueue(bundle(messages, today), now);
        s.outbox.kick();
      }
    }
  };
}
