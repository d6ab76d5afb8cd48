// Resolves a person picked in a card (an Entra object id from the people picker, or a Teams id)
// to a name and Teams id: known users first, then the Teams roster.
import { TeamsInfo } from 'botbuilder';
import type { Person } from '../domain/types';
import type { Turn } from './turn';

export async function resolvePerson(turn: Turn, id: string): Promise<Person | undefined> {
  const trimmed = id.trim();
  if (!trimmed) return undefined;
  const known = await turn.s.repo.getUser(turn.tenantId, trimmed);
  if (known) return { id: known.userId, name: known.name, teamsId: known.teamsId };
  try {
    const m = await TeamsInfo.getMember(turn.ctx, trimmed);
    if (m) {
      const person = { id: m.aadObjectId || m.id, name: m.name || m.givenName || trimmed, teamsId: m.id };
      await turn.s.repo.upsertUser({ tenantId: turn.tenantId, userId: person.id, teamsId: person.teamsId, name: person.name });
      return person;
    }
  } catch {
    // Not resolvable in this conversation (e.g. a personal chat): keep the id.
  }
  return { id: trimmed, name: 'Collega' };
}

/** Combines an Input.Date and Input.Time value into an ISO instant in the organisation's time zone. */
export function momentFrom(turn: Turn, date: unknown, time: unknown): string | undefined {
  if (typeof date !== 'string' || !date) return undefined;
  const hhmm = typeof time === 'string' && /^\d\d:\d\d/.test(time) ? time.slice(0, 5) : '09:00';
  if (!/^\d{4}-\d\d-\d\d$/.test(date)) return 'ongeldig';
  return turn.s.calendar.at(date, hhmm).toISOString();
}
