// What a card of one item shows, loaded in one place: the item, its history, the colleagues a
// picker offers, the linked items (interpreter requests) and the customer record's summary. The
// card renderers (src/teams) are pure functions of a view and a notice; they never read storage.
//
// One click renders twice (the invoke answer for the clicker, then the channel card the outbox
// updates right after). Both get the same view: views are kept in a small in-process cache keyed
// by tenant, item id and version, so the second render does not read history or colleagues again.
// A different version (a newer change) or a miss loads fresh.
import { performance } from 'node:perf_hooks';
import type { CustomerRecord } from '../domain/customers/record';
import type { InterpreterLink } from '../domain/items/interpreter';
import type { HistoryEntry, Item } from '../domain/types';
import type { Services } from './services';
import { shortLived, type ShortLived } from './shortLived';

/** What renderers may use besides the view's data: the clock, the calendar, the configuration, whether Graph is on. */
export type RenderEnv = Pick<Services, 'clock' | 'calendar' | 'config' | 'graph'>;

export interface Colleague {
  userId: string;
  name: string;
}

/** The part of a customer record an owner view shows (klantbeeld, preferred channel, the record's id). */
export type CustomerSummary = Pick<CustomerRecord, 'id' | 'profile' | 'preferredChannel'>;

export interface ItemView<D = Record<string, unknown>> {
  item: Item<D>;
  history: readonly HistoryEntry[];
  /** Everyone the bot knows in the tenant (pickers); loaded with the owner part only. */
  colleagues: readonly Colleague[];
  /** Linked items by id (an owned item's interpreter requests); null when gone. Owner part only. */
  linked: ReadonlyMap<string, Item | null>;
  /** The customer record of a callback, when linked and not erased. Owner part only. */
  customer: CustomerSummary | null;
  env: RenderEnv;
}

interface OwnerPart {
  colleagues: Colleague[];
  linked: Map<string, Item | null>;
  customer: CustomerSummary | null;
}

interface Entry {
  history: Promise<HistoryEntry[]>;
  owner?: Promise<OwnerPart>;
  /** Monotonic time of loading: an entry serves one click's renders, not later ones. */
  at: number;
}

/** Bounded: at most this many views are kept (least recently used go first). */
export const VIEW_CACHE_SIZE = 500;
/** A kept view serves the renders that follow a click closely (the outbox's channel update), no later ones. */
const VIEW_TTL_MS = 60_000;

/** One cache per storage (per running app): tests and tenants never see another app's views. */
const caches = new WeakMap<object, Map<string, Entry>>();

function cacheOf(s: Pick<Services, 'repo'>): Map<string, Entry> {
  let c = caches.get(s.repo);
  if (!c) {
    c = new Map();
    caches.set(s.repo, c);
  }
  return c;
}

function keyOf(item: Item): string {
  return `${item.tenantId}\u0000${item.id}\u0000${item.version}`;
}

function entryFor(s: Services, item: Item): Entry {
  const cache = cacheOf(s);
  const key = keyOf(item);
  const now = performance.now();
  let e = cache.get(key);
  if (e && now - e.at > VIEW_TTL_MS) e = undefined;
  if (e) {
    cache.delete(key); // re-inserted below: most recently used last
  } else {
    e = { history: s.repo.history(item.tenantId, item.id, item.version), at: now };
    // A failed read is not kept: the next render tries again.
    e.history.catch(() => cache.delete(key));
  }
  cache.set(key, e);
  while (cache.size > VIEW_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return e;
}

/**
 * Everyone the bot knows in a tenant, for the pickers of owner views: read at most once per
 * COLLEAGUES_TTL_MS per tenant (every claim answers with an owner view; the list changes only when
 * someone talks to the bot for the first time, and the pickers also search as you type).
 */
const COLLEAGUES_TTL_MS = 10_000;
/** One reader per storage (per running app): tests and tenants never see another app's list. */
const colleagueReaders = new WeakMap<object, ShortLived<Colleague[]>>();

function colleaguesOf(s: Pick<Services, 'repo'>, tenantId: string): Promise<Colleague[]> {
  let read = colleagueReaders.get(s.repo);
  if (!read) {
    read = shortLived(COLLEAGUES_TTL_MS, async (tenant) =>
      (await s.repo.listUsers(tenant)).map((u) => ({ userId: u.userId, name: u.name })),
    );
    colleagueReaders.set(s.repo, read);
  }
  return read(tenantId);
}

async function loadOwnerPart(s: Services, item: Item): Promise<OwnerPart> {
  const d = item.data as { interpreters?: InterpreterLink[]; customerId?: unknown; erased?: unknown };
  const linked = new Map<string, Item | null>();
  for (const l of d.interpreters ?? []) linked.set(l.id, await s.repo.getItem(item.tenantId, l.id));
  const record =
    item.kind === 'callback' && typeof d.customerId === 'string' && !d.erased
      ? await s.customers.store.get(item.tenantId, d.customerId)
      : null;
  return {
    colleagues: await colleaguesOf(s, item.tenantId),
    linked,
    customer: record ? { id: record.id, profile: record.profile, preferredChannel: record.preferredChannel } : null,
  };
}

/**
 * The view of `item` at its version. `owner`: also the parts only the owner view shows (colleagues,
 * linked items, customer record). Shared with every render of the same version that follows soon.
 */
export async function loadItemView<D = Record<string, unknown>>(
  s: Services,
  item: Item<D>,
  o: { owner?: boolean } = {},
): Promise<ItemView<D>> {
  const raw = item as unknown as Item;
  const e = entryFor(s, raw);
  if (o.owner && !e.owner) {
    e.owner = loadOwnerPart(s, raw);
    const key = keyOf(raw);
    e.owner.catch(() => cacheOf(s).delete(key));
  }
  const [history, owner] = await Promise.all([e.history, e.owner ?? null]);
  return {
    item,
    history,
    colleagues: owner?.colleagues ?? [],
    linked: owner?.linked ?? new Map(),
    customer: owner?.customer ?? null,
    // Only what renderers may use, not the services (a renderer cannot reach storage through its view).
    env: { clock: s.clock, calendar: s.calendar, config: s.config, graph: s.graph },
  };
}

/** Drops every kept view of one item (its history changed without a new version: privacy erase). */
export function forgetItemViews(s: Pick<Services, 'repo'>, tenantId: string, itemId: string): void {
  const cache = cacheOf(s);
  const prefix = `${tenantId}\u0000${itemId}\u0000`;
  for (const key of [...cache.keys()]) if (key.startsWith(prefix)) cache.delete(key);
}

/** The view for the owner's private card (all parts). */
export function loadOwnerView<D = Record<string, unknown>>(s: Services, item: Item<D>): Promise<ItemView<D>> {
  return loadItemView(s, item, { owner: true });
}
