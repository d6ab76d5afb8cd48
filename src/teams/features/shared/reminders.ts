// Reminders for owned items (callbacks, appointments): one nudge in the channel when an unclaimed
// item nears its deadline, and once per working day a note to the owner (or the channel) while it
// is overdue. Exactly once across instances: each reminder is a once-claim in the database.
import { yieldToEventLoop, type Job } from '../../../app/services';
import { PENDING_TENANT, type ItemKind } from '../../../domain/types';
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
        const left = cal.workingMillisBetween(now, item.deadline);
        const topic = neutralise(item.subject);
        if (item.deadline.getTime() <= now.getTime()) {
          if (!(await s.repo.claimOnce(tenantId, `overdue:${item.id}:${today}`, now))) continue;
          const late = formatTimeLeft(cal, item.deadline, now);
          messages.push(item.owner
            ? { tenantId, key: `overdue:${tenantId}:${item.id}:${today}`, type: 'notifyPerson', lane: `user:${item.owner.id}`, payload: { to: item.owner, text: t.msg.overdueOwner(item.id, topic, late), itemId: item.id } }
            : { tenantId, key: `overdue:${tenantId}:${item.id}:${today}`, type: 'notifyChannel', lane: `channel:${tenantId}`, payload: { text: t.msg.overdueChannel(item.id, topic, late), itemId: item.id } });
        } else if (!item.owner && left <= before) {
          // One nudge per promise: a new deadline (new appointment) may get its own.
          const nudgeKey = `nudge:${item.id}:${item.deadline.getTime()}`;
          if (!(await s.repo.claimOnce(tenantId, nudgeKey, now))) continue;
          const leftText = formatTimeLeft(cal, item.deadline, now).replace(/^nog /, '');
          messages.push({ tenantId, key: `${tenantId}:${nudgeKey}`, type: 'notifyChannel', lane: `channel:${tenantId}`, payload: { text: t.msg.nudgeUnclaimed(item.id, topic, leftText), itemId: item.id } });
        }
      }
      if (messages.length) {
        await s.repo.enqueue(bundle(messages, today), now);
        s.outbox.kick();
      }
    }
  };
}
