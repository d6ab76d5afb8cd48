// Customer records: linked automatically when an item names a customer (ItemService calls
// onCreate), found with `klant` (every lookup recorded), paused for safety and lifted by a manager,
// erased by retention and `vergeet`. See docs/customers.md.
import { contactPoint } from '../domain/customers/contact';
import { creationUnderPause, markLifted, markPaused, type ItemChange } from '../domain/customers/pause';
import {
  customerFacts,
  linkItem,
  matchesName,
  mergeFacts,
  newRecord,
  type CustomerFacts,
  type CustomerRecord,
} from '../domain/customers/record';
import type { Refusal } from '../domain/items/lifecycle';
import type { Clock } from '../domain/clock';
import { PENDING_TENANT, type Item, type Person } from '../domain/types';
import { sayText, trusted } from '../domain/userText';
import { nl } from '../texts/nl';
import type { CustomerStore } from '../storage/customerStore';
import type { OutboxMessage, Repository } from '../storage/repository';
import { DAY_MS } from './privacy';
import { yieldToEventLoop, type Job, type Services } from './services';
import { eachItem, ITEM_PAGE_SIZE } from './itemPages';

const t = nl.customers;
/** Many items for one customer at once (a burst of intake, several instances): each lost race re-reads and merges. */
const MAX_RETRIES = 100;

/** A short random pause after a lost race, growing a little with each attempt, so racing writers spread out. */
function backoff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2 + attempt, 25)));
}
/** A name search shows at most this many records to pick from. */
export const PICK_LIST_MAX = 10;
const SHORT_ID = /^KL-\d+$/i;

export type CreationLink = { ok: true; data: Record<string, unknown> } | { ok: false; refusal: Refusal };

/** What ItemService asks before it writes a new item. */
export interface CustomerLinker {
  onCreate(item: Item): Promise<CreationLink>;
}

export type FindResult =
  { status: 'none' } | { status: 'one'; record: CustomerRecord } | { status: 'many'; records: CustomerRecord[]; more: boolean };

export class CustomerService implements CustomerLinker {
  constructor(
    readonly store: CustomerStore,
    private readonly repo: Repository,
    private readonly clock: Clock,
    private readonly pageSize?: number,
  ) {}

  /**
   * Links a new item to its customer's record (created when new): the item's contact point, or
   * for an interpreter request the record of the item it belongs to. While the customer's contact
   * is paused the item is held, and a home visit is refused.
   */
  async onCreate(item: Item): Promise<CreationLink> {
    // Intake before the bot knows its tenant: records are per tenant; linked when a `koppel` adopts it (linkAdopted).
    if (item.tenantId === PENDING_TENANT) return { ok: true, data: item.data };
    const facts = customerFacts(item);
    let record: CustomerRecord | null = null;
    if (facts) record = await this.upsert(item.tenantId, facts, item.id);
    else if (typeof item.data.relatedId === 'string') record = await this.linkToRelated(item.tenantId, item.data.relatedId, item.id);
    if (!record) return { ok: true, data: item.data };
    const data = { ...item.data, customerId: record.id };
    return record.pause ? creationUnderPause(item.kind, data, record, record.pause) : { ok: true, data };
  }

  /**
   * Links items that came in without a tenant (intake before the first `koppel`) once a tenant adopts
   * them: the record is made or joined and the item learns its customerId (no state change).
   */
  async linkAdopted(tenantId: string): Promise<number> {
    let linked = 0;
    for await (const item of eachItem(this.repo, tenantId, { open: true }, this.pageSize)) {
      if (typeof item.data.customerId === 'string') continue;
      const facts = customerFacts(item);
      if (!facts) continue;
      const r = await this.upsert(tenantId, facts, item.id);
      if (await this.repo.updateData(tenantId, item.id, item.version, { ...item.data, customerId: r.id })) linked++;
    }
    return linked;
  }

  /**
   * The record of the customer a contact log (`geholpen`) names by phone or e-mail, created when new,
   * so `inzage`, `vergeet` and retention reach the log through the record (the log keeps the record id).
   */
  async forContactLog(tenantId: string, phoneOrEmail: string): Promise<CustomerRecord | null> {
    const point = contactPoint(phoneOrEmail);
    return point ? this.upsert(tenantId, { contacts: [point], profile: {} }, '') : null;
  }

  /** `itemId` empty: nothing to link (a contact log links itself). */
  private async upsert(tenantId: string, facts: CustomerFacts, itemId: string): Promise<CustomerRecord> {
    for (let attempt = 0; attempt < MAX_RETRIES; attempt++) {
      const now = this.clock.now();
      let existing: CustomerRecord | null = null;
      for (const c of facts.contacts) if (!existing) existing = await this.store.byKey(tenantId, c.key);
      if (existing) {
        const next = { ...mergeFacts(existing, facts, itemId, now), version: existing.version + 1 };
        if (await this.store.update(next, existing.version)) return next;
        await backoff(attempt); // changed meanwhile: merge into the new state
        continue;
      }
      const seq = await this.repo.nextSequence(tenantId, 'KL', 1);
      const fresh = { ...newRecord(tenantId, `KL-${seq}`, facts, itemId, now), version: 1 };
      if (await this.store.insert(fresh)) return fresh;
      // Someone created the record for this contact point at the same moment: link to theirs.
    }
    throw new Error('customer record: too many concurrent changes');
  }

  private async linkToRelated(tenantId: string, relatedId: string, itemId: string): Promise<CustomerRecord | null> {
    const related = await this.repo.getItem(tenantId, relatedId);
    const cid = related && typeof related.data.customerId === 'string' ? related.data.customerId : null;
    return cid ? this.change(tenantId, cid, (r) => linkItem(r, itemId, this.clock.now())) : null;
  }

  /** Applies fn to the record's current state and writes it (retried on a lost race); null when gone or fn says no. */
  async change(tenantId: string, id: string, fn: (r: CustomerRecord) => CustomerRecord | null): Promise<CustomerRecord | null> {
    for (let attempt = 0; attempt < MAX_RETRIES; attempt++) {
      const r = await this.store.get(tenantId, id);
      if (!r) return null;
      const next = fn(r);
      if (!next) return null;
      if (next === r) return r;
      const written = { ...next, version: r.version + 1 };
      if (await this.store.update(written, r.version)) return written;
      await backoff(attempt);
    }
    throw new Error('customer record: too many concurrent changes');
  }

  /** `klant <…>`: by short id (KL-12), phone number in any notation, e-mail address, or name. */
  async find(tenantId: string, query: string): Promise<FindResult> {
    const q = query.trim();
    if (!q) return { status: 'none' };
    if (SHORT_ID.test(q)) {
      const r = await this.store.get(tenantId, q.toUpperCase());
      return r ? { status: 'one', record: r } : { status: 'none' };
    }
    const point = contactPoint(q);
    if (point) {
      const r = await this.store.byKey(tenantId, point.key);
      return r ? { status: 'one', record: r } : { status: 'none' };
    }
    // A name: the latest customers first.
    const found = (await this.store.list(tenantId))
      .filter((r) => matchesName(r, q))
      .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
    if (found.length === 0) return { status: 'none' };
    if (found.length === 1) return { status: 'one', record: found[0]! };
    return { status: 'many', records: found.slice(0, PICK_LIST_MAX), more: found.length > PICK_LIST_MAX };
  }

  /** Every record a privacy request is about (inzage, vergeet): no cut-off for a name. */
  async findAll(tenantId: string, query: string): Promise<CustomerRecord[]> {
    const found = await this.find(tenantId, query);
    if (found.status === 'none') return [];
    if (found.status === 'one') return [found.record];
    return (await this.store.list(tenantId)).filter((r) => matchesName(r, query));
  }

  /** The items of a record that still exist, oldest first. */
  async items(r: CustomerRecord): Promise<Item[]> {
    const items: Item[] = [];
    for (const id of r.itemIds) {
      const i = await this.repo.getItem(r.tenantId, id);
      if (i) items.push(i);
    }
    return items.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }

  /** Records that someone looked at this customer (shown by `inzage`). */
  async recordLookup(r: CustomerRecord, by: Person): Promise<void> {
    await this.store.recordLookup(r.tenantId, r.id, by, this.clock.now());
  }
}

/**
 * "Klant opzoeken" on a form: the known klantbeeld, preferred channel and latest name for the typed
 * number or e-mail, filled in where the form is still empty (what was typed stays). The lookup is recorded.
 */
export async function prefillFromRecord(
  s: Services,
  tenantId: string,
  values: Record<string, unknown>,
  contactField: string,
  viewer: Person,
): Promise<{ status: 'filled'; record: CustomerRecord; values: Record<string, unknown> } | { status: 'none' | 'noContact' }> {
  const raw = typeof values[contactField] === 'string' ? (values[contactField] as string) : '';
  const point = raw.trim() ? contactPoint(raw) : null;
  if (!point) return { status: raw.trim() ? 'none' : 'noContact' };
  const r = await s.customers.store.byKey(tenantId, point.key);
  if (!r) return { status: 'none' };
  await s.customers.recordLookup(r, viewer);
  const empty = (k: string) => typeof values[k] !== 'string' || !(values[k] as string).trim();
  const known: Record<string, unknown> = { ...r.profile, preferredChannel: r.preferredChannel, customerName: r.names.at(-1) };
  const out = { ...values };
  for (const [k, v] of Object.entries(known)) if (v && empty(k)) out[k] = v;
  return { status: 'filled', record: r, values: out };
}

/** The customer card's content: open items, finished ones still within retention, interpreter languages. */
export async function customerView(
  s: Pick<Services, 'customers' | 'clock' | 'config'>,
  r: CustomerRecord,
): Promise<{ open: Item[]; finished: Item[]; languages: string[] }> {
  const items = await s.customers.items(r);
  const cutoff = s.clock.now().getTime() - s.config.retentionDays * DAY_MS;
  const shown = items.filter((i) => i.kind !== 'exception' && i.data.erased !== true);
  const languages = [
    ...new Set(
      shown
        .filter((i) => i.kind === 'interpreter' && typeof i.data.language === 'string' && i.data.language)
        .map((i) => String(i.data.language)),
    ),
  ];
  return {
    open: shown.filter((i) => !i.closedAt && i.kind !== 'interpreter'),
    finished: shown.filter((i) => i.closedAt && i.closedAt.getTime() >= cutoff && i.kind !== 'interpreter').reverse(),
    languages,
  };
}

export type PauseOutcome =
  { status: 'ok'; record: CustomerRecord; released?: number } | { status: 'refused'; message: string } | { status: 'notFound' };

/**
 * "Contact gepauzeerd": any colleague sets it with a reason. The managers are told in their 1:1
 * chat at once; every open item of the customer gets the mark and its owner a notice.
 */
export async function pauseCustomer(s: Services, tenantId: string, id: string, reason: string, actor: Person): Promise<PauseOutcome> {
  const why = reason.trim().slice(0, 500);
  if (!why) return { status: 'refused', message: t.pause.reasonRequired };
  const now = s.clock.now();
  let already = false;
  const record = await s.customers.change(tenantId, id, (r) => {
    if (r.pause) return ((already = true), null);
    const pause = { since: now.toISOString(), by: { id: actor.id, name: actor.name }, reason: why };
    return {
      ...r,
      pause,
      pauseHistory: [...r.pauseHistory, { action: 'paused', at: pause.since, by: pause.by, reason: why }],
      updatedAt: now,
    };
  });
  if (already) return { status: 'refused', message: t.pause.already };
  if (!record) return { status: 'notFound' };
  // Every manager hears it at once, in the 1:1 chat (the outbox opens the chat when needed).
  const managers: OutboxMessage[] = [];
  for (const managerId of s.config.managerIds) {
    const u = await s.repo.getUser(tenantId, managerId);
    const to: Person = u ? { id: u.userId, name: u.name, teamsId: u.teamsId } : { id: managerId, name: managerId };
    managers.push({
      tenantId,
      key: `customerPause:${tenantId}:${id}:${now.getTime()}:${managerId}`,
      type: 'notifyPerson',
      lane: `user:${to.id}`,
      payload: { to, text: sayText(t.pause.managerNotice, trusted(id), actor.name, why) },
    });
  }
  if (managers.length) await s.repo.enqueue(managers, now);
  const pause = record.pause!;
  for (const item of await s.customers.items(record)) {
    await s.items.changeForCustomer(tenantId, item.id, (i) => markPaused(i, record, pause, i.subject), actor);
  }
  s.outbox.kick();
  s.log.info({ tenantId, customerId: id, by: actor.id }, 'customer: contact paused');
  return { status: 'ok', record };
}

/** Only a manager lifts the pause; held items then get their term from now and are posted. */
export async function liftPause(s: Services, tenantId: string, id: string, actor: Person): Promise<PauseOutcome> {
  if (!s.policy.mayManage(actor)) return { status: 'refused', message: t.pause.managersOnly };
  const now = s.clock.now();
  let notPaused = false;
  const record = await s.customers.change(tenantId, id, (r) => {
    if (!r.pause) return ((notPaused = true), null);
    return {
      ...r,
      pause: null,
      pauseHistory: [...r.pauseHistory, { action: 'lifted', at: now.toISOString(), by: { id: actor.id, name: actor.name } }],
      updatedAt: now,
    };
  });
  if (notPaused) return { status: 'refused', message: t.pause.notPaused };
  if (!record) return { status: 'notFound' };
  let released = 0;
  for (const item of await s.customers.items(record)) {
    const change = await s.items.changeForCustomer(
      tenantId,
      item.id,
      (i): ItemChange | null => markLifted(i, record, s.calendar, now),
      actor,
    );
    if (change?.post) released++;
  }
  s.outbox.kick();
  s.log.info({ tenantId, customerId: id, by: actor.id, released }, 'customer: pause lifted');
  return { status: 'ok', record, released };
}

/** The tenant's customer records, a page at a time (id order): the retention job never holds them all. */
async function* customerPages(s: Services, tenantId: string): AsyncGenerator<CustomerRecord> {
  const limit = s.itemPageSize ?? ITEM_PAGE_SIZE;
  let afterId: string | undefined;
  for (;;) {
    const page = await s.customers.store.list(tenantId, { afterId, limit });
    yield* page;
    if (page.length < limit) return;
    afterId = page[page.length - 1]!.id;
  }
}

/**
 * Retention (daily, once per tenant): a record goes once none of its items is open or finished
 * within RETENTION_DAYS (erased or gone counts as outside) and no pause is active; its lookups go with it.
 */
export const customerRetentionJob: Job = async (s, now) => {
  const day = s.calendar.dayOf(now);
  const cutoff = now.getTime() - s.config.retentionDays * DAY_MS;
  let removed = 0;
  for (const tenantId of await s.repo.tenants()) {
    if (!(await s.repo.claimOnce(tenantId, `customer-retention:${day}`, now))) continue;
    let n = 0;
    for await (const r of customerPages(s, tenantId)) {
      if (++n % 50 === 0) await yieldToEventLoop();
      if (r.pause) continue;
      const items = await s.customers.items(r);
      const kept = items.some((i) => i.data.erased !== true && (!i.closedAt || i.closedAt.getTime() >= cutoff));
      if (kept) continue;
      // A customer known from contact logs (`geholpen`) stays while a linked log is within retention.
      const logs = await s.repo.records.forCustomer(tenantId, { keys: [], ids: [r.id] });
      if (logs.some((l) => l.at.getTime() >= cutoff)) continue;
      await s.customers.store.remove(tenantId, r.id);
      removed++;
    }
  }
  if (removed) s.log.info({ removed, retentionDays: s.config.retentionDays }, 'retention: customer records removed');
};
