// One nudge in the channel for a twijfelgeval nobody has taken up after EXCEPTION_NUDGE_MINUTES
// working minutes (default 120). Exactly once across instances and restarts: a once-claim per case.
// The database leaves out cases younger than the wait (working time never exceeds wall time).
import type { ExceptionData } from '../../domain/items/exception';
import { exceptionNudgeDue } from '../../domain/reminders';
import type { Item } from '../../domain/types';
import type { ClaimKeyPart, OutboxMessage } from '../../storage/repository';
import { nl } from '../../texts/nl';
import { workingDuration } from '../../texts/nl/exceptions';
import { claimKeyOf, eachItem, InItemOrder } from '../itemPages';
import type { Job } from '../services';

const t = nl.exceptions;

/** One nudge per case (the once-claim key; the query leaves nudged cases out). */
const NUDGE_KEY: readonly ClaimKeyPart[] = ['exception-nudge:', { item: 'id' }];

export const exceptionNudges: Job = async (s, now) => {
  const cal = s.calendar;
  // Nudges reach people at work, not at night or on holidays.
  if (!cal.isWithinOfficeHours(now)) return;
  const wait = s.config.exceptionNudgeMinutes * 60_000;
  const oldEnough = new Date(now.getTime() - wait + 1); // created at least `wait` ago (wall time)
  for (const tenantId of await s.repo.tenants()) {
    const messages = new InItemOrder<OutboxMessage>();
    for await (const raw of eachItem(
      s.repo,
      tenantId,
      // Cases already nudged (by any instance) are left out by the database.
      { kinds: ['exception'], open: true, unowned: true, createdBefore: oldEnough, withoutClaim: NUDGE_KEY },
      s.itemPageSize,
    )) {
      const item = raw as unknown as Item<ExceptionData>;
      const waited = exceptionNudgeDue(item, cal, now, wait);
      if (waited === null) continue;
      const key = claimKeyOf(NUDGE_KEY, raw);
      if (!(await s.repo.claimOnce(tenantId, key, now))) continue;
      messages.add(raw, {
        tenantId,
        key: `${key}:${tenantId}`,
        type: 'notifyChannel',
        lane: `channel:${tenantId}`,
        payload: { text: t.msg.nudge(item.id, item.data.rule, workingDuration(Math.floor(waited / 60_000))), itemId: item.id },
      });
    }
    if (messages.length) {
      await s.repo.enqueue(messages.values(), now);
      s.outbox.kick();
    }
  }
};
