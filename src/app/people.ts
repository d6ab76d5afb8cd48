// People in the organisation as other features need them: who is someone's manager
// (leidinggevende)? Microsoft Graph (/users/{id}/manager) when configured, with the configured
// fallback MANAGER_FALLBACK_ID when Graph is not set up or a person has no manager.
import type { Clock } from '../domain/clock';
import type { Person } from '../domain/types';
import { GraphFailure, graphServesTenant, toGraphFailure, type GraphService } from '../graph';
import type { GraphConfig } from '../config/config';
import type { Logger } from '../logging';
import type { Repository } from '../storage/repository';
import { nl } from '../texts/nl';

export interface ManagerOptions {
  /** When Graph is unreachable, answer with the fallback instead of throwing. Default false. */
  fallbackOnError?: boolean;
}

export interface People {
  /**
   * The manager of `person` (an Entra object id in person.id):
   * - Graph configured for this tenant and a manager set in Entra ID → that manager
   *   ({ id: Entra object id, name, teamsId when the bot knows them });
   * - no manager in Entra ID, the manager is an organisational contact, Graph not configured, or
   *   person.id is not an Entra id → the fallback
   *   (MANAGER_FALLBACK_ID), or null when no fallback is configured;
   * - Graph refuses the app (no permission) → the fallback, and the managers are told (graphAccess.ts);
   * - Graph temporarily unreachable → throws GraphFailure (transient; `deliveryResultFor(err)`
   *   turns it into an outbox retry), unless { fallbackOnError: true }.
   * Results are cached for 10 minutes.
   */
  managerOf(tenantId: string, person: Person, o?: ManagerOptions): Promise<Person | null>;
}

const CACHE_MS = 10 * 60_000;
const ENTRA_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PeopleDeps {
  graph: GraphService | null;
  graphConfig: GraphConfig | null;
  repo: Repository;
  clock: Clock;
  log: Logger;
  fallbackId: string | null;
  /** Graph refuses the app itself (GraphFailure.accessDenied): record it, tell the managers (graphAccess.ts). */
  onAccessDenied?: (tenantId: string, f: GraphFailure, person: Person) => Promise<void>;
}

export class PeopleDirectory implements People {
  private readonly cache = new Map<string, { at: number; manager: Person | null }>();

  constructor(private readonly d: PeopleDeps) {}

  async managerOf(tenantId: string, person: Person, o: ManagerOptions = {}): Promise<Person | null> {
    const key = `${tenantId}|${person.id}`;
    const now = this.d.clock.now().getTime();
    const hit = this.cache.get(key);
    if (hit && now - hit.at < CACHE_MS) return hit.manager;

    let manager: Person | null;
    if (!this.d.graph || !graphServesTenant(this.d.graphConfig, tenantId) || !ENTRA_ID.test(person.id)) {
      manager = await this.fallback(tenantId);
    } else {
      try {
        const m = await this.d.graph.getManager(person.id, { timeoutMs: 10_000 });
        manager = m ? await this.known(tenantId, m.id, m.displayName) : await this.fallback(tenantId);
      } catch (err) {
        const f = err instanceof GraphFailure ? err : toGraphFailure(err, now);
        this.d.log.warn({ err: f.message, status: f.status }, 'manager lookup failed');
        if (f.accessDenied) await this.d.onAccessDenied?.(tenantId, f, person);
        if (o.fallbackOnError || !f.transient) return this.fallback(tenantId); // not cached: try Graph again next time
        throw f;
      }
    }
    this.cache.set(key, { at: now, manager });
    return manager;
  }

  private async fallback(tenantId: string): Promise<Person | null> {
    const id = this.d.fallbackId;
    return id ? this.known(tenantId, id, nl.agenda.people.managerName) : null;
  }

  /** A person by Entra id, with the name and Teams id the bot knows (so they can be notified and mentioned). */
  private async known(tenantId: string, id: string, name: string): Promise<Person> {
    const u = await this.d.repo.getUser(tenantId, id);
    return u ? { id: u.userId, name: u.name || name, teamsId: u.teamsId } : { id, name };
  }
}
