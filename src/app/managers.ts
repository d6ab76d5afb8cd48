// Who is a person's manager (leidinggevende)? The one place that answers it. Sources are asked in
// order; the first that knows wins: Microsoft Graph (GET /users/{id}/manager, via s.people, which
// itself falls back to MANAGER_FALLBACK_ID when Entra knows no manager or Graph is not set up),
// then the configured fallback on its own (when Graph is down).
//
// A source returns null when it does not know (no Graph configured, person not in Entra, error),
// so the next one is asked.
import type { Person } from '../domain/types';
import type { Services } from './services';

export type ManagerSource = (s: Services, tenantId: string, person: Person) => Promise<Person | null>;

/** MANAGER_FALLBACK_ID: one manager for everyone (an Entra object id or a Teams id). */
export const fallbackManager: ManagerSource = async (s, tenantId) => {
  const id = s.config.managerFallbackId;
  if (!id) return null;
  const known = await s.repo.getUser(tenantId, id);
  return known ? { id: known.userId, name: known.name, teamsId: known.teamsId } : { id, name: 'de leidinggevende' };
};

/** Entra ID's manager through Graph; an escalation should not wait for Graph to come back. */
export const graphManager: ManagerSource = (s, tenantId, person) => s.people.managerOf(tenantId, person, { fallbackOnError: true });

export const managerSources: ManagerSource[] = [graphManager, fallbackManager];

export async function managerFor(s: Services, tenantId: string, person: Person): Promise<Person | null> {
  for (const source of managerSources) {
    try {
      const m = await source(s, tenantId, person);
      if (m) return m;
    } catch (err) {
      s.log.warn({ err }, 'manager lookup failed; trying the next source');
    }
  }
  return null;
}
