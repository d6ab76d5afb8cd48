// Reminders for owned items (callbacks, appointments): one nudge in the channel when an unclaimed
// item nears its deadline, and once per working day a note to the owner (or the channel) while it
// is overdue. Exactly once across instances: each reminder is a once-claim in the database.
// The database does the first cut (overdue items; unclaimed items with a deadline still ahead),
// a page at a time; when a reminder is due is decided in domain/reminders.ts.
import { bundle, ownedReminderDue } from '../../domain/reminders';
import { isHeld } from '../../domain/customers/pause';
import { PENDING_TENANT, type Item } from '../../domain/types';
import { sayText, trusted } from '../../domain/userText';
import { formatTimeLeft } from '../../domain/workingTime';
import type { ClaimKeyPart, ItemQuery, OutboxMessage } from '../../storage/repository';
import { nl } from '../../texts/nl';
import { claimKeyOf, eachItem, InItemOrder } from '../itemPages';
import type { Job, Services } from '../services';

export type OwnedKind = 'callback' | 'appointment';

/** Once per item and day while overdue; once per promise (deadline) for the nudge. */
const overdueKey = (today: string): ClaimKeyPart[] => ['overdue:', { item: 'id' }, `:${today}`];
const NUDGE_KEY: readonly ClaimKeyPart[] = ['nudge:', { item: 'id' }, ':', { item: 'deadline' }];

const TEXTS = { callback: nl.callbacks.msg, appointment: nl.appointments.msg } as const;

/** The notice for one item if a reminder is due and this instance claims it; null otherwise. */
async function reminderFor(
  s: Services,
  kind: OwnedKind,
  tenantId: string,
  item: Item,
  now: Date,
  today: string,
  before: number,
): Promise<OutboxMessage | null> {
  const due = ownedReminderDue(item, s.calendar, now, before);
  if (!due) return null;
  const msg = TEXTS[kind];
  const deadline = item.deadline!;
  const [id, topic] = [trusted(item.id), item.subject];
  if (due === 'overdue') {
    if (!(await s.repo.claimOnce(tenantId, claimKeyOf(overdueKey(today), item), now))) return null;
    const late = formatTimeLeft(s.calendar, deadline, now);
    return item.owner
      ? {
          tenantId,
          key: `overdue:${tenantId}:${item.id}:${today}`,
          type: 'notifyPerson',
          lane: `user:${item.owner.id}`,
          payload: { to: item.owner, text: sayText(msg.overdueOwner, id, topic, trusted(late)), itemId: item.id },
        }
      : {
          tenantId,
          key: `overdue:${tenantId}:${item.id}:${today}`,
          type: 'notifyChannel',
          lane: `channel:${tenantId}`,
          payload: { text: sayText(msg.overdueChannel, id, topic, trusted(late)), itemId: item.id },
        };
  }
  // One nudge per promise: a new deadline (new appointment) may get its own.
  const nudgeKey = claimKeyOf(NUDGE_KEY, item);
  if (!(await s.repo.claimOnce(tenantId, nudgeKey, now))) return null;
  const leftText = formatTimeLeft(s.calendar, deadline, now).replace(/^nog /, '');
  return {
    tenantId,
    key: `${tenantId}:${nudgeKey}`,
    type: 'notifyChannel',
    lane: `channel:${tenantId}`,
    payload: { text: sayText(msg.nudgeUnclaimed, id, topic, trusted(leftText)), itemId: item.id },
  };
}

export function ownedReminders(kind: OwnedKind): Job {
  return async (s, now) => {
    const cal = s.calendar;
    const today = cal.dayOf(now);
    const inOffice = cal.isWorkingDay(today) && cal.isWithinOfficeHours(now);
    if (!inOffice) return; // Reminders reach people at work, not at night or on holidays.
    const before = s.config.reminderBeforeMinutes * 60_000;
    const justAfter = new Date(now.getTime() + 1);
    // Overdue (deadline at or before now), and unclaimed with the deadline still ahead (a nudge maybe).
    // Items whose reminder this or another instance already claimed are left out by the database
    // (the claim keys below); the claim itself still decides who sends.
    const queries: ItemQuery[] = [
      { kinds: [kind], open: true, deadlineBefore: justAfter, withoutClaim: overdueKey(today) },
      { kinds: [kind], open: true, unowned: true, deadlineFrom: justAfter, withoutClaim: NUDGE_KEY },
    ];
    for (const tenantId of await s.repo.tenants()) {
      if (tenantId === PENDING_TENANT) continue; // nowhere to remind yet: the first koppel adopts them
      // Due notices wait until the tenant's round is done (they are bundled per chat); items are not kept.
      const due = new InItemOrder<OutboxMessage>();
      for (const q of queries) {
        for await (const item of eachItem(s.repo, tenantId, q, s.itemPageSize)) {
          if (isHeld(item)) continue; // held: the customer's contact is paused
          try {
            const m = await reminderFor(s, kind, tenantId, item, now, today, before);
            if (m) due.add(item, m);
          } catch (err) {
            // One item with a bad stored value must not stop the reminders of all others.
            s.log.warn({ err, tenantId, itemId: item.id }, 'reminder skipped: the item cannot be read');
          }
        }
      }
      if (!due.length) continue;
      // In deadline order, as people read them (and as a bundle lists them).
      await s.repo.enqueue(bundle(due.values(), today), now);
      s.outbox.kick();
    }
  };
}
