// One nudge in the channel for a twijfelgeval nobody has taken up after EXCEPTION_NUDGE_MINUTES
// working minutes (default 120). Exactly once across instances and restarts: a once-claim per case.
import type { Job } from '../../../app/services';
import type { ExceptionData } from '../../../domain/items/exception';
import type { Item } from '../../../domain/types';
import type { OutboxMessage } from '../../../storage/repository';
import { nl } from '../../../texts/nl';
import { workingDuration } from '../../../texts/nl/exceptions';

const t = nl.exceptions;

export const nudgeKey = (itemId: string) => `exception-nudge:${itemId}`;

export const exceptionNudges: Job = async (s, now) => {
  const cal = s.calendar;
  // Nudges reach people at work, not at night or on holidays.
  if (!cal.isWithinOfficeHours(now)) return;
  const wait = s.config.exceptionNudgeMinutes * 60_000;
  for (const tenantId of await s.repo.tenants()) {
    const waiting = (await s.repo.queryItems(tenantId, { kinds: ['exception'], open: true, unowned: true })) as unknown as Item<ExceptionData>[];
    const messages: OutboxMessage[] = [];
    for (const item of waiting) {
      if (item.status !== 'open' || item.data.takenBy) continue;
      // Working time never exceeds wall time: a case younger than the wait needs no arithmetic.
      if (now.getTime() - item.createdAt.getTime() < wait) continue;
      const waited = cal.workingMillisBetween(item.createdAt, now);
      if (waited < wait) continue;
      if (!(await s.repo.claimOnce(tenantId, nudgeKey(item.id), now))) continue;
      messages.push({
        tenantId, key: `${nudgeKey(item.id)}:${tenantId}`, type: 'notifyChannel', lane: `channel:${tenantId}`,
        payload: { text: t.msg.nudge(item.id, item.data.rule, workingDuration(Math.floor(waited / 60_000))), itemId: item.id },
      });
    }
    if (messages.length) {
      await s.repo.enqueue(messages, now);
      s.outbox.kick();
    }
  }
};
