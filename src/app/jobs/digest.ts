// The daily digest on schedule. Exactly once per tenant per working day, across instances and
// restarts: the job claims `digest:YYYY-MM-DD` and writes the outbox messages in ONE transaction
// (repo.enqueueOnce), so the claim and the sends exist together or not at all. The content is
// built when the message is delivered (teams/features/digest/schedule.ts), and a message of an
// earlier day is dropped, never sent. See docs/digest.md for the reasoning.
import { dueDigestDay, nextDigestAt } from '../../domain/reminders';
import type { LocalDay } from '../../domain/workingTime';
import type { OutboxMessage } from '../../storage/repository';
import type { Job, Services } from '../services';

export const DIGEST_MESSAGE = 'digest';

export interface DigestPayload {
  audience: 'channel' | 'personal';
  day: LocalDay;
  userId?: string;
}

export const claimKey = (day: LocalDay): string => `digest:${day}`;

/** The outbox messages of one tenant's digest: the bound channel, and everyone who opted in. */
export async function digestMessages(s: Services, tenantId: string, day: LocalDay): Promise<OutboxMessage[]> {
  const out: OutboxMessage[] = [];
  const binding = await s.repo.getBinding(tenantId);
  // A channel bound (koppel) after today's digest time gets its first digest the next working day:
  // right after koppel the team would only see an empty overview of what it just set up.
  if (binding && !boundAfterDigestTime(s, binding.boundAt, day)) {
    out.push({
      tenantId,
      key: `digest:${tenantId}:${day}:channel`,
      type: DIGEST_MESSAGE,
      lane: `channel:${tenantId}`,
      payload: { audience: 'channel', day } satisfies DigestPayload as unknown as Record<string, unknown>,
    });
  }
  for (const u of await s.repo.listUsers(tenantId)) {
    if (u.settings.personalDigest !== true) continue;
    out.push({
      tenantId,
      key: `digest:${tenantId}:${day}:user:${u.userId}`,
      type: DIGEST_MESSAGE,
      lane: `user:${u.userId}`,
      payload: { audience: 'personal', day, userId: u.userId } satisfies DigestPayload as unknown as Record<string, unknown>,
    });
  }
  return out;
}

function boundAfterDigestTime(s: Services, boundAt: Date | undefined, day: LocalDay): boolean {
  return !!boundAt && s.calendar.dayOf(boundAt) === day && boundAt.getTime() >= s.calendar.at(day, s.config.digestTime).getTime();
}

/** When the next scheduled digest goes out, seen from `now` (today's when its time has not come yet). */
export function nextDigestMoment(s: Pick<Services, 'calendar' | 'config'>, now: Date): Date {
  return nextDigestAt(s.calendar, s.config.digestTime, now);
}

export const dailyDigest: Job = async (s, now) => {
  const day = dueDigestDay(s.calendar, s.config.digestTime, now);
  if (!day) return;
  for (const tenantId of await s.repo.tenants()) {
    const key = claimKey(day);
    if (await s.repo.hasClaim(tenantId, key)) continue; // cheap check on every tick after the digest time
    const messages = await digestMessages(s, tenantId, day);
    if (messages.length === 0) continue; // no channel and nobody opted in: nothing to claim yet
    if (await s.repo.enqueueOnce(tenantId, key, messages, now)) {
      s.log.info({ tenantId, day, messages: messages.length }, 'daily digest claimed');
      s.outbox.kick();
    }
  }
};
