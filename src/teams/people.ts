// Resolves a person picked in a card (an Entra object id from the people picker, or a Teams id)
// to a name and Teams id: known users first, then the Teams roster; undefined when nobody matches.
import { TeamsInfo, type TeamsChannelAccount } from 'botbuilder';
import type { Person } from '../domain/types';
import { isLocalDay } from '../domain/workingTime';
import type { MomentPorts, PeoplePorts } from './ports';
import type { Turn } from './turn';

export async function resolvePerson(turn: Turn<PeoplePorts>, id: string): Promise<Person | undefined> {
  const trimmed = id.trim();
  if (!trimmed) return undefined;
  const known = await turn.s.users.getUser(turn.tenantId, trimmed);
  if (known) return { id: known.userId, name: known.name, teamsId: known.teamsId };
  // Not known yet: ask Teams, in this conversation first, then in the team of the work channel
  // (a picker used in a 1:1 chat lists colleagues who are not members of that chat).
  const lookups: (() => Promise<TeamsChannelAccount>)[] = [() => TeamsInfo.getMember(turn.ctx, trimmed)];
  const binding = await turn.s.bindings.getBinding(turn.tenantId);
  if (binding?.teamId) lookups.push(() => TeamsInfo.getTeamMember(turn.ctx, binding.teamId, trimmed));
  for (const lookup of lookups) {
    try {
      const m = await lookup();
      if (m?.id) {
        const person = { id: m.aadObjectId || m.id, name: m.name || m.givenName || 'Collega', teamsId: m.id };
        await turn.s.users.upsertUser({ tenantId: turn.tenantId, userId: person.id, teamsId: person.teamsId, name: person.name });
        return person;
      }
    } catch {
      // Not a member there: try the next place.
    }
  }
  return undefined;
}

/** Combines an Input.Date and Input.Time value into an ISO instant in the organisation's time zone. */
export function momentFrom(turn: Turn<MomentPorts>, date: unknown, time: unknown): string | undefined {
  if (typeof date !== 'string' || !date) return undefined;
  const hhmm = typeof time === 'string' && /^\d\d:\d\d/.test(time) ? time.slice(0, 5) : '09:00';
  if (!isLocalDay(date)) return 'ongeldig'; // also 2026-02-30: the rules then ask for a valid date
  return turn.s.calendar.at(date, hhmm).toISOString();
}
