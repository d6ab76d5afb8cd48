// Interpreter reminders, each at most once (a once-claim in the database), in office hours:
// - a booking not confirmed by the end of the next working day: its owner is asked for the reference;
// - a customer's own interpreter: on the working day before the conversation, the owner checks it.
// Both go to the owner's 1:1 chat with the request's card (never to a channel).
import type { Job } from '../../../app/services';
import { dueReminder, type InterpreterData } from '../../../domain/items/interpreter';
import type { Item } from '../../../domain/types';
import { formatDeadline, formatMoment } from '../../../domain/workingTime';
import type { OutboxMessage } from '../../../storage/repository';
import { nl } from '../../../texts/nl';
import { isHeld } from '../../../domain/customers/pause';

const t = nl.interpreter;

export const interpreterReminders: Job = async (s, now) => {
  const cal = s.calendar;
  if (!cal.isWorkingDay(cal.dayOf(now)) || !cal.isWithinOfficeHours(now)) return;
  for (const tenantId of await s.repo.tenants()) {
    const open = await s.repo.queryItems(tenantId, { kinds: ['interpreter'], open: true });
    const messages: OutboxMessage[] = [];
    for (const raw of open) {
      const item = raw as unknown as Item<InterpreterData>;
      if (isHeld(raw)) continue; // the customer's contact is paused: no reminders until a manager lifts it
      const due = dueReminder(item, cal, now);
      if (!due || !item.owner) continue;
      if (!(await s.repo.claimOnce(tenantId, due.key, now))) continue;
      const text = due.type === 'confirm'
        ? t.msg.confirmReminder(item.id, formatDeadline(cal, new Date(item.data.confirmBy!), now))
        : t.msg.ownCheckReminder(item.id, formatMoment(cal, new Date(item.data.moment), now));
      messages.push({
        tenantId, key: `${due.key}:${tenantId}`, type: 'notifyPerson', lane: `user:${item.owner.id}`,
        payload: { to: item.owner, text, itemId: item.id },
      });
    }
    if (messages.length) {
      await s.repo.enqueue(messages, now);
      s.outbox.kick();
    }
  }
};
