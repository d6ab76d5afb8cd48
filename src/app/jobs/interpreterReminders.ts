// Interpreter reminders, each at most once (a once-claim in the database), in office hours:
// - a booking not confirmed by the end of the next working day: its owner is asked for the reference;
// - a customer's own interpreter: on the working day before the conversation, the owner checks it.
// Both go to the owner's 1:1 chat with the request's card (never to a channel). When one is due is
// decided in domain/items/interpreter.ts (dueReminder); open requests are read a page at a time.
import { isHeld } from '../../domain/customers/pause';
import { dueReminder, type InterpreterData } from '../../domain/items/interpreter';
import type { Item } from '../../domain/types';
import { formatDeadline, formatMoment } from '../../domain/workingTime';
import type { OutboxMessage } from '../../storage/repository';
import { nl } from '../../texts/nl';
import { eachItem, InItemOrder } from '../itemPages';
import type { Job } from '../services';

const t = nl.interpreter;

export const interpreterReminders: Job = async (s, now) => {
  const cal = s.calendar;
  if (!cal.isWorkingDay(cal.dayOf(now)) || !cal.isWithinOfficeHours(now)) return;
  for (const tenantId of await s.repo.tenants()) {
    const messages = new InItemOrder<OutboxMessage>();
    for await (const raw of eachItem(s.repo, tenantId, { kinds: ['interpreter'], open: true }, s.itemPageSize)) {
      const item = raw as unknown as Item<InterpreterData>;
      if (isHeld(raw)) continue; // the customer's contact is paused: no reminders until a manager lifts it
      try {
        const due = dueReminder(item, cal, now);
        if (!due || !item.owner) continue;
        const text =
          due.type === 'confirm'
            ? t.msg.confirmReminder(item.id, formatDeadline(cal, new Date(item.data.confirmBy!), now))
            : t.msg.ownCheckReminder(item.id, formatMoment(cal, new Date(item.data.moment), now));
        if (!(await s.repo.claimOnce(tenantId, due.key, now))) continue;
        messages.add(raw, {
          tenantId,
          key: `${due.key}:${tenantId}`,
          type: 'notifyPerson',
          lane: `user:${item.owner.id}`,
          payload: { to: item.owner, text, itemId: item.id },
        });
      } catch (err) {
        // One request with a bad stored value must not stop the reminders of all others.
        s.log.warn({ err, tenantId, itemId: item.id }, 'interpreter reminder skipped: the item cannot be read');
      }
    }
    if (messages.length) {
      await s.repo.enqueue(messages.values(), now);
      s.outbox.kick();
    }
  }
};
