// The application's services, built once at start and handed to adapters and features.
import type { Config } from '../config/config';
import type { Clock } from '../domain/clock';
import type { Person } from '../domain/types';
import type { WorkingCalendar } from '../domain/workingTime';
import type { Logger } from '../logging';
import type { GraphService } from '../graph';
import type { Repository } from '../storage/repository';
import type { ItemService } from './itemService';
import type { OutboxDispatcher } from './outbox';
import type { People } from './people';
import type { Policy } from './policy';
import type { CredentialHealth } from '../auth/credentialHealth';
import type { CustomerService } from './customers';
import type { UseCases } from './useCases';

/**
 * The narrow views of storage that adapters may hold (issue 14): a Teams feature declares one of
 * these, never `repo`. At run time each is an object with only these methods (narrowPort).
 */
export interface StoragePorts {
  /** The people the bot knows: names for pickers, settings, 1:1 conversation references. */
  users: Pick<Repository, 'getUser' | 'upsertUser' | 'listUsers'>;
  /** A tenant's work channel binding, read only (binding it is a use case: workChannel.bind). */
  bindings: Pick<Repository, 'getBinding'>;
}

// Storage types the ports speak in, for adapters that may not import src/storage (features).
export type { ChannelBinding, OutboxMessage, UserSettings } from '../storage/repository';

/** Everything the app hands to adapters and features: the core services, the storage ports and the use cases (app/useCases.ts). */
export type Services = CoreServices & StoragePorts & UseCases;

export interface CoreServices {
  config: Config;
  clock: Clock;
  calendar: WorkingCalendar;
  repo: Repository;
  items: ItemService;
  outbox: OutboxDispatcher;
  log: Logger;
  isManager: (p: Person) => boolean;
  /** Who may see and do what (owner or manager, manager only): ask this, never write the rule inline. */
  policy: Policy;
  /** Microsoft Graph (Outlook agenda, directory); null when GRAPH_* is not configured. */
  graph: GraphService | null;
  /** Managers of people (Graph with MANAGER_FALLBACK_ID): s.people.managerOf(tenantId, person). */
  people: People;
  /** Outcome of the last token requests (bot sign-in, Graph), for /healthz and user messages; null when not configured. Required (maybe undefined): a port that needs it must declare it. */
  credentials: { bot: CredentialHealth | null; graph: CredentialHealth | null } | undefined;
  /** Customer records (klant, safety pause); every new item is linked through ItemService. */
  customers: CustomerService;
  /** Items per page when jobs and start-up checks read items (app/itemPages.ts; default ITEM_PAGE_SIZE). */
  itemPageSize: number | undefined;
}

/** An object with only `keys` of `from`, each method bound to it: what a port holds at run time. */
export function narrowPort<T extends object, K extends keyof T>(from: T, keys: readonly K[]): Pick<T, K> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) {
    const v = from[k];
    out[k] = (typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(from) : v) as T[K];
  }
  return Object.freeze(out) as Pick<T, K>;
}

/** A periodic job (reminders, digest, retention). Runs on every tick; must be idempotent via once-claims. */
export type Job = (s: Services, now: Date) => Promise<void>;

/**
 * Lets waiting I/O (an incoming request, /healthz) in between long synchronous stretches: the SQLite
 * adapter answers without real I/O, so a loop of awaits over thousands of items never lets the
 * event loop breathe on its own. Jobs and the outbox call this every so many items.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
