// Use cases for experiences (`ervaring`, `ervaringen`): store one, post it in the work channel
// (through the outbox, keyed by the record), and list this month's for the team meeting.
import { readExperience, type ExperienceData } from '../domain/experiences/experience';
import type { Person } from '../domain/types';
import { sayText, trusted } from '../domain/userText';
import { nl } from '../texts/nl';
import type { StoredRecord } from '../storage/records';
import type { Services } from './services';

export type ShareOutcome =
  | { status: 'shared'; id: string }
  | { status: 'duplicate' }
  | { status: 'noChannel' }
  | { status: 'invalid'; fields: Record<string, string> };

export async function shareExperience(
  s: Services,
  tenantId: string,
  actor: Person,
  input: Record<string, unknown>,
  formId?: string,
): Promise<ShareOutcome> {
  const read = readExperience(input);
  if (!read.ok) return { status: 'invalid', fields: read.fields };
  if (!(await s.repo.getBinding(tenantId))) return { status: 'noChannel' };
  const now = s.clock.now();
  const id = `ER-${await s.repo.nextSequence('*', 'ER', 1001)}`;
  const saved = await s.repo.records.add(
    {
      tenantId,
      kind: 'experience',
      id,
      at: now,
      by: { id: actor.id, name: actor.name },
      customerKey: null,
      data: { ...read.data },
    },
    formId ? `experience:${formId}:${actor.id}` : undefined,
  );
  if (!saved) return { status: 'duplicate' };
  const d = read.data;
  const t = nl.experiences;
  await s.repo.enqueue(
    [
      {
        tenantId,
        key: `experience:${tenantId}:${id}`,
        type: 'notifyChannel',
        lane: `channel:${tenantId}`,
        payload: {
          text: sayText(t.channelPost, actor.name, trusted(t.kinds[d.kind] ?? d.kind), d.text, d.lesson ?? ''),
        },
      },
    ],
    now,
  );
  s.outbox.kick();
  return { status: 'shared', id };
}

/** This calendar month's experiences (the calendar's zone), oldest first. */
export async function experiencesThisMonth(
  s: Services,
  tenantId: string,
): Promise<{ month: string; list: (StoredRecord & { data: ExperienceData })[] }> {
  const now = s.clock.now();
  const day = s.calendar.dayOf(now);
  const first = s.calendar.at(`${day.slice(0, 8)}01` as typeof day, '00:00');
  const list = await s.repo.records.list(tenantId, 'experience', first, new Date(now.getTime() + 1));
  return { month: day.slice(0, 7), list: list as (StoredRecord & { data: ExperienceData })[] };
}
