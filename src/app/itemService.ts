// The one place every state change goes through: it asks the kind's rules whether the actor may
// do it, writes the new state atomically with its history entry and outbox messages (conditional
// on the version read, retried on a lost race), and then wakes the outbox so every card that
// shows the item is updated.
import { createHash } from 'node:crypto';
import type { Clock } from '../domain/clock';
import type { Effect, Refusal } from '../domain/items/lifecycle';
import { CHANNEL_KINDS, rulesFor } from '../domain/items/registry';
import { SYSTEM, type HistoryEntry, type Item, type ItemKind, type Person } from '../domain/types';
import type { WorkingCalendar } from '../domain/workingTime';
import type { OutboxMessage, Repository } from '../storage/repository';
import { isHeld, type ItemChange } from '../domain/customers/pause';
import type { CustomerLinker } from './customers';
import { eachItem, InItemOrder } from './itemPages';

export type ActOutcome =
  | { status: 'ok'; item: Item; message?: string; previousVersion: number }
  | { status: 'refused'; item: Item; refusal: Refusal }
  | { status: 'notFound' };

export type CreateOutcome =
  | { status: 'created'; item: Item; posted: boolean }
  | { status: 'duplicate'; item: Item }
  /** The idempotency key was used before for a different request. */
  | { status: 'keyReused'; item: Item }
  | { status: 'invalid'; refusal: Refusal }
  | { status: 'conflict' };

export interface ItemServiceDeps {
  repo: Repository;
  clock: Clock;
  calendar: WorkingCalendar;
  isManager: (p: Person) => boolean;
  /** MOMENT_HORIZON_MONTHS (domain/moments.ts); default 12. */
  momentHorizonMonths?: number;
  /** Called after every commit that enqueued outbox messages. */
  kick: () => void;
  /** Links every new item to its customer record (app/customers.ts); held or refused while the customer's contact is paused. */
  customers?: CustomerLinker;
  /** NOT_REACHED_ATTEMPTS (the rules' default when unset). */
  notReachedAttempts?: number;
  /** Items per page when many are read at once (postPending; app/itemPages.ts). */
  itemPageSize?: number;
}

const MAX_RACE_RETRIES = 20;

export class ItemService {
  constructor(private readonly d: ItemServiceDeps) {}

  private ctx(actor: Person) {
    return {
      now: this.d.clock.now(),
      calendar: this.d.calendar,
      actor,
      isManager: this.d.isManager(actor),
      momentHorizonMonths: this.d.momentHorizonMonths,
      notReachedAttempts: this.d.notReachedAttempts,
    };
  }

  async get(tenantId: string, id: string): Promise<Item | null> {
    return this.d.repo.getItem(tenantId, normaliseId(id));
  }

  async create(
    kind: ItemKind,
    tenantId: string,
    input: Record<string, unknown>,
    actor: Person,
    source: string,
    idempotencyKey?: string,
    /** What identifies the request for the key (default: a hash of the input). */
    requestHash: string = hashInput(kind, input),
  ): Promise<CreateOutcome> {
    const rules = rulesFor(kind);
    if (idempotencyKey) {
      const prior = await this.findIdempotent(tenantId, idempotencyKey, requestHash);
      if (prior) return prior;
    }
    const ctx = this.ctx(actor);
    const creation = rules.create(input, ctx);
    if (!creation.ok) return { status: 'invalid', refusal: creation.refusal };
    // One counter for all tenants: ids stay unique when intake callbacks are adopted into a tenant later.
    const seq = await this.d.repo.nextSequence('*', rules.idPrefix, 1001);
    const id = `${rules.idPrefix}-${seq}`;
    const n = creation.item;
    const item: Item = {
      tenantId,
      id,
      kind,
      status: n.status,
      subject: n.subject,
      owner: n.owner,
      createdBy: actor,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      deadline: n.deadline,
      closedAt: null,
      source,
      version: 1,
      data: n.data as Record<string, unknown>,
      card: null,
    };
    // One place links every item that names a customer (form, message action, intake, appointments, interpreter requests).
    if (this.d.customers) {
      const link = await this.d.customers.onCreate(item);
      if (!link.ok) return { status: 'invalid', refusal: link.refusal };
      item.data = link.data;
    }
    // A held item (the customer's contact is paused) gets no channel card until a manager lifts the pause.
    const binding = CHANNEL_KINDS.has(kind) && !isHeld(item) ? await this.d.repo.getBinding(tenantId) : null;
    const outbox = this.outboxFor(
      item,
      null,
      n.effects.map((e) => withId(e, id)),
      binding?.channelId ?? null,
    );
    const history: HistoryEntry = { tenantId, itemId: id, at: ctx.now, actor, ...n.history };
    if (isHeld(item)) history.details = { ...history.details, held: true };
    const ok = await this.d.repo.commit({
      item,
      expectedVersion: null,
      history: [history],
      outbox,
      idempotency: idempotencyKey ? { key: idempotencyKey, requestHash } : undefined,
    });
    if (!ok) {
      const prior = idempotencyKey ? await this.findIdempotent(tenantId, idempotencyKey, requestHash) : null;
      return prior ?? { status: 'conflict' };
    }
    if (outbox.length) this.d.kick();
    return { status: 'created', item, posted: binding !== null };
  }

  private async findIdempotent(tenantId: string, key: string, requestHash: string): Promise<CreateOutcome | null> {
    const prior = await this.d.repo.getIdempotent(tenantId, key);
    const item = prior ? await this.d.repo.getItem(tenantId, prior.itemId) : null;
    if (!prior || !item) return null;
    return prior.requestHash === requestHash ? { status: 'duplicate', item } : { status: 'keyReused', item };
  }

  async act(tenantId: string, rawId: string, action: string, input: Record<string, unknown>, actor: Person): Promise<ActOutcome> {
    const id = normaliseId(rawId);
    for (let attempt = 0; attempt < MAX_RACE_RETRIES; attempt++) {
      const item = await this.d.repo.getItem(tenantId, id);
      if (!item) return { status: 'notFound' };
      const ctx = this.ctx(actor);
      const decision = rulesFor(item.kind).apply(item, action, input, ctx);
      if (!decision.ok) return { status: 'refused', item, refusal: decision.refusal };
      const next: Item = { ...decision.item, version: item.version + 1, updatedAt: ctx.now };
      const history: HistoryEntry = { tenantId, itemId: id, at: ctx.now, actor, ...decision.history };
      // Not posted yet (or the post is in flight): queue the update behind the post, in the channel's lane.
      const pendingChannel =
        !item.card && CHANNEL_KINDS.has(item.kind) ? ((await this.d.repo.getBinding(tenantId))?.channelId ?? null) : null;
      const outbox = this.outboxFor(next, item, decision.effects, pendingChannel);
      if (await this.d.repo.commit({ item: next, expectedVersion: item.version, history: [history], outbox })) {
        if (outbox.length) this.d.kick();
        return { status: 'ok', item: next, message: decision.message, previousVersion: item.version };
      }
      // Lost a race: someone changed the item between our read and write. Decide again on the new state.
    }
    throw new Error(`item ${id}: too many concurrent changes`);
  }

  /**
   * Marks an item whose stored values cannot be used (app/damagedItems.ts): `data.damaged` and a
   * history entry by Top Contact, conditional on the version read. No outbox message: its card
   * could not be rendered. True when this call wrote the mark.
   */
  async markDamaged(tenantId: string, id: string, fields: string[]): Promise<boolean> {
    const item = await this.d.repo.getItem(tenantId, id);
    if (!item || item.data.damaged) return false;
    const now = this.d.clock.now();
    const next: Item = {
      ...item,
      version: item.version + 1,
      updatedAt: now,
      data: { ...item.data, damaged: { at: now.toISOString(), fields } },
    };
    const history: HistoryEntry = { tenantId, itemId: id, at: now, actor: SYSTEM, action: 'damaged', details: { fields } };
    return this.d.repo.commit({ item: next, expectedVersion: item.version, history: [history], outbox: [] });
  }

  /**
   * A change that follows from the customer's record, not from the kind's life cycle (the safety
   * pause set or lifted): `decide` (pure, domain/customers/pause.ts) gives the new data, term,
   * history entry and notices, or null when there is nothing to change. Written like act():
   * conditional on the version, with its history entry and card update; a released held item is posted.
   */
  async changeForCustomer(
    tenantId: string,
    id: string,
    decide: (item: Item) => ItemChange | null,
    actor: Person,
  ): Promise<ItemChange | null> {
    for (let attempt = 0; attempt < MAX_RACE_RETRIES; attempt++) {
      const item = await this.d.repo.getItem(tenantId, id);
      if (!item) return null;
      const change = decide(item);
      if (!change) return null;
      const now = this.d.clock.now();
      const next: Item = { ...item, data: change.data, deadline: change.deadline, version: item.version + 1, updatedAt: now };
      const binding = CHANNEL_KINDS.has(item.kind) && !item.card ? await this.d.repo.getBinding(tenantId) : null;
      const outbox = this.outboxFor(next, item, change.effects, change.post ? null : (binding?.channelId ?? null));
      if (change.post && binding) {
        outbox.unshift({
          tenantId,
          key: `post:${tenantId}:${id}:released:v${next.version}`,
          type: 'postCard',
          lane: `conv:${binding.channelId}`,
          payload: { itemId: id },
        });
      }
      const history: HistoryEntry = { tenantId, itemId: id, at: now, actor, ...change.history };
      if (await this.d.repo.commit({ item: next, expectedVersion: item.version, history: [history], outbox })) {
        if (outbox.length) this.d.kick();
        return change;
      }
    }
    throw new Error(`item ${id}: too many concurrent changes`);
  }

  /**
   * Outbox messages for a committed change: the channel card (posted when new, updated in place
   * otherwise), notifications and calendar sync. Keys make every message idempotent.
   */
  outboxFor(item: Item, before: Item | null, effects: Effect[], channelIdForNewCard: string | null): OutboxMessage[] {
    const base = `${item.tenantId}:${item.id}:v${item.version}`;
    const out: OutboxMessage[] = [];
    if (item.card) {
      // One lane per card (a card is its own thread in Teams): updates of one card stay in order,
      // cards of different items are updated side by side instead of one after the other.
      out.push({
        tenantId: item.tenantId,
        key: `card:${base}`,
        type: 'updateCard',
        lane: `card:${item.card.conversationId}:${item.card.activityId}`,
        payload: { itemId: item.id },
      });
    } else if (!before && channelIdForNewCard) {
      out.push({
        tenantId: item.tenantId,
        key: `post:${item.tenantId}:${item.id}`,
        type: 'postCard',
        lane: `conv:${channelIdForNewCard}`,
        payload: { itemId: item.id },
      });
    } else if (before && channelIdForNewCard) {
      // The card may be posted between our read and this commit: an update in the same lane as the
      // post runs after it and finds the card (or finds none and has nothing to do).
      out.push({
        tenantId: item.tenantId,
        key: `card:${base}`,
        type: 'updateCard',
        lane: `conv:${channelIdForNewCard}`,
        payload: { itemId: item.id },
      });
    }
    effects.forEach((e, i) => {
      const key = `fx:${base}:${i}`;
      if (e.type === 'notifyPerson') {
        out.push({
          tenantId: item.tenantId,
          key,
          type: 'notifyPerson',
          lane: `user:${e.to.id}`,
          payload: { to: e.to, text: e.text, itemId: item.id },
        });
      } else if (e.type === 'notifyChannel') {
        out.push({
          tenantId: item.tenantId,
          key,
          type: 'notifyChannel',
          lane: `channel:${item.tenantId}`,
          payload: { text: e.text, itemId: item.id },
        });
      } else if (e.type === 'customerText') {
        out.push({
          tenantId: item.tenantId,
          key,
          type: 'customerText',
          lane: `user:${e.to.id}`,
          payload: { to: e.to, itemId: item.id, which: e.which },
        });
      } else if (e.type === 'calendarSync') {
        out.push({
          tenantId: item.tenantId,
          key,
          type: 'calendarSync',
          lane: `graph:${item.tenantId}:${item.id}`,
          payload: { itemId: item.id },
        });
      }
    });
    return out;
  }

  /**
   * Posts the cards of open items that have none: created while no channel was bound, or whose
   * post failed for good (channel blocked or removed). Keyed per binding, so binding again (even
   * the same channel) tries once more.
   */
  async postPending(tenantId: string, channelId: string): Promise<number> {
    const now = this.d.clock.now();
    const generation = (await this.d.repo.getBinding(tenantId))?.boundAt.getTime() ?? now.getTime();
    // Keyed by binding: a card whose first post failed for good (bot removed from that channel) is
    // posted again when a channel is bound, also the same one again. The handler never posts an item that has a card.
    // A page at a time; the posts go out in the order a full query gives (deadline first), as before paging.
    const msgs = new InItemOrder<OutboxMessage>();
    for await (const i of eachItem(this.d.repo, tenantId, { withoutCard: true, open: true }, this.d.itemPageSize)) {
      if (!CHANNEL_KINDS.has(i.kind) || isHeld(i)) continue;
      msgs.add(i, {
        tenantId,
        key: `post:${tenantId}:${i.id}:b${generation}`,
        type: 'postCard',
        lane: `conv:${channelId}`,
        payload: { itemId: i.id },
      });
    }
    if (msgs.length) {
      await this.d.repo.enqueue(msgs.values(), now);
      this.d.kick();
    }
    return msgs.length;
  }
}

export function normaliseId(id: string): string {
  return id.trim().toUpperCase();
}

function withId(e: Effect, id: string): Effect {
  return e.type === 'notifyPerson' || e.type === 'notifyChannel' ? { ...e, text: e.text.replaceAll('{id}', id) } : e;
}

function hashInput(kind: string, input: Record<string, unknown>): string {
  const stable = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      ? Object.fromEntries(
          Object.keys(v as object)
            .sort()
            .map((k) => [k, stable((v as Record<string, unknown>)[k])]),
        )
      : v;
  return createHash('sha256')
    .update(kind)
    .update(JSON.stringify(stable(input)))
    .digest('hex');
}
