// The one storage interface. Adapters: SQLite (embedded default) and PostgreSQL (several instances).
// Every record carries the Teams tenant id. Writes that can race are conditional (optimistic versioning).
import type { HistoryEntry, Item, ItemKind, Person } from '../domain/types';
import type { CardClockStore, CardSent } from './cardClock';
import type { RecordStore } from './records';

/** A Bot Framework conversation reference, stored as given by botbuilder (opaque here). */
export type ConversationRef = Record<string, unknown>;

export interface ChannelBinding {
  tenantId: string;
  teamId: string;
  teamName: string;
  channelId: string;
  channelName: string;
  conversationRef: ConversationRef;
  boundBy: Person;
  boundAt: Date;
}

export interface UserSettings {
  personalDigest?: boolean;
  /** The colleague's direct phone number (display form), used in confirmation texts for sensitive topics. */
  directNumber?: string;
}

export interface UserRecord {
  tenantId: string;
  /** Entra object id when known, else the Teams id. */
  userId: string;
  teamsId?: string;
  name: string;
  /** Reference to the 1:1 chat with the bot, once known. */
  conversationRef?: ConversationRef;
  settings: UserSettings;
}

export type OutboxStatus = 'pending' | 'done' | 'failed';

export interface OutboxMessage {
  id?: number;
  tenantId: string;
  /** Idempotency key: a second enqueue with the same key is ignored. */
  key: string;
  /** What to do: 'postCard', 'updateCard', 'notifyPerson', 'notifyChannel', 'digest', 'calendar', … */
  type: string;
  /** Sends for one conversation go in order: this groups them. */
  lane: string;
  payload: Record<string, unknown>;
  status?: OutboxStatus;
  attempts?: number;
  nextAttemptAt?: Date;
  lastError?: string | null;
  createdAt?: Date;
  /**
   * Only on a claimed message, PostgreSQL: the item `payload.itemId` names, as the claim read it
   * (at least as new as the change that enqueued the message). Absent: read it yourself.
   */
  item?: Item;
}

/** One atomic change: the item (insert when expectedVersion is null), its history entry, its outbox messages. */
export interface ChangeSet {
  item: Item;
  expectedVersion: number | null;
  history: HistoryEntry[];
  outbox: OutboxMessage[];
  /** Intake Idempotency-Key stored in the same transaction: a racing duplicate makes commit return false. */
  idempotency?: { key: string; requestHash: string };
}

/** A conversation the bot can no longer write to (403 MessageWritesBlocked, removed channel or chat). */
export interface DeliveryProblem {
  tenantId: string;
  /** 'channel:<channel id>' or 'user:<user id>'. */
  target: string;
  /** Connector error code, e.g. 'MessageWritesBlocked', 'ConversationNotFound', or the HTTP status. */
  code: string;
  /** Short technical description (no personal data: connector error text only). */
  detail: string;
  firstAt: Date;
  lastAt: Date;
  failures: number;
  /** Set when a later delivery to the same target succeeded, or the team bound another channel. */
  resolvedAt: Date | null;
}

/** A part of a once-claim key: literal text, or a value of the item (see ItemQuery.withoutClaim). */
export type ClaimKeyPart = string | { item: 'id' | 'deadline' };

export interface ItemQuery {
  kinds?: ItemKind[];
  open?: boolean; // true: closedAt is null; false: closed
  ownerId?: string;
  unowned?: boolean;
  createdSince?: Date;
  closedSince?: Date;
  /** Closed before this moment (retention). */
  closedBefore?: Date;
  withoutCard?: boolean;
  deadlineBefore?: Date;
  /** Deadline at or after this moment (items without a deadline are left out). */
  deadlineFrom?: Date;
  /** Created strictly before this moment. */
  createdBefore?: Date;
  /**
   * Only items for which no once-claim (claimOnce) exists with the key made of these parts: text as
   * it is, `{ item: 'id' }` / `{ item: 'deadline' }` the item's id or deadline (ms). A job that claims
   * `overdue:<id>:<day>` per item reads only the items it has not claimed yet, instead of reading
   * every overdue item on every tick and asking the database once per item.
   */
  withoutClaim?: readonly ClaimKeyPart[];
  /**
   * Only items that may hold an unsound moment (app/damagedItems.ts): a deadline outside
   * [from, to] (or unreadable), or data whose text names one of `dataFields`. A superset that the
   * caller checks in full: the start-up check reads these instead of every open item.
   */
  momentSuspects?: { from: Date; to: Date; dataFields: readonly string[] };
  /**
   * 'id': ordered by id alone, for keyset paging (`afterId` + `limit`, see app/itemPages.ts).
   * Default 'deadline': by deadline (none last), creation time, id.
   */
  order?: 'deadline' | 'id';
  /** Only ids after this one (keyset paging; use with order 'id'). */
  afterId?: string;
  limit?: number;
}

export interface Repository {
  readonly kind: 'sqlite' | 'postgres';
  /** Cards that follow the clock: next change and last hash per open card (cardClock.ts). */
  readonly cardClock: CardClockStore;
  /** Contact logs and experiences (storage/records.ts). */
  readonly records: RecordStore;
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** A cheap round trip; false when the database cannot be reached. */
  ping(): Promise<boolean>;

  /** Atomically increments and returns a named counter (short ids), unique across instances. */
  nextSequence(tenantId: string, name: string, start: number): Promise<number>;

  getItem(tenantId: string, id: string): Promise<Item | null>;
  /** Applies a ChangeSet atomically. Returns false (and writes nothing) when the version no longer matches. */
  commit(change: ChangeSet): Promise<boolean>;
  queryItems(tenantId: string, q: ItemQuery): Promise<Item[]>;
  /** Tenants that have at least one item or binding (for scheduled jobs). */
  tenants(): Promise<string[]>;
  /** Moves everything stored under tenant `from` (items, history, idempotency keys, outbox) to `to`; returns the items moved. */
  adoptTenant(from: string, to: string): Promise<number>;
  /**
   * The item's history. `version`: the version it is wanted for; PostgreSQL then answers from its own
   * commit of that version, moments ago, without a query (the history as it stood after that commit).
   */
  history(tenantId: string, itemId: string, version?: number): Promise<HistoryEntry[]>;
  /**
   * The history of several items in one round trip (a page of the report's items, instead of a query
   * per item): every id given maps to its entries in insertion order, [] when it has none.
   */
  historyOf(tenantId: string, itemIds: readonly string[]): Promise<Map<string, HistoryEntry[]>>;
  /** Records where the item's card lives; no version change (it is not a state change). */
  setCardRef(tenantId: string, itemId: string, ref: { conversationId: string; activityId: string }): Promise<void>;
  /** Replaces data without a state change (retention erasure, calendar bookkeeping). Conditional on version. */
  updateData(tenantId: string, itemId: string, expectedVersion: number, data: Record<string, unknown>, subject?: string): Promise<boolean>;

  getBinding(tenantId: string): Promise<ChannelBinding | null>;
  /** Stores the binding and returns the previous one. */
  saveBinding(binding: ChannelBinding): Promise<ChannelBinding | null>;

  getUser(tenantId: string, userId: string): Promise<UserRecord | null>;
  upsertUser(user: Omit<UserRecord, 'settings'> & { settings?: UserSettings }): Promise<UserRecord>;
  listUsers(tenantId: string): Promise<UserRecord[]>;

  enqueue(messages: OutboxMessage[], now: Date): Promise<void>;
  /**
   * Claims up to `limit` due messages for `lockMs`, the oldest pending of each lane only
   * (per-conversation order). `delivered`: messages
   * sent since the last claim, marked done first, as completeOutbox at `now` (on PostgreSQL in the
   * claim's own statement: one round trip for both). `cardsSent`: the channel cards those messages
   * sent, recorded in the card clock in the same transaction (statement); a later one of an item wins.
   */
  claimOutbox(
    now: Date,
    limit: number,
    lockMs: number,
    worker: string,
    delivered?: readonly number[],
    cardsSent?: readonly CardSent[],
  ): Promise<OutboxMessage[]>;
  /** Marks a delivered message done and records the card it sent (if any) with it. */
  completeOutbox(id: number, now: Date, cardSent?: CardSent): Promise<void>;
  retryOutbox(id: number, nextAttemptAt: Date, error: string): Promise<void>;
  failOutbox(id: number, error: string): Promise<void>;
  outboxStats(): Promise<Record<OutboxStatus, number>>;
  listOutbox(q: { status?: OutboxStatus; tenantId?: string; type?: string; limit?: number }): Promise<OutboxMessage[]>;

  /** Claims a once-only key (digest of a day, a reminder). True for exactly one caller, ever. */
  claimOnce(tenantId: string, key: string, now: Date): Promise<boolean>;
  hasClaim(tenantId: string, key: string): Promise<boolean>;
  /**
   * claimOnce and enqueue in ONE transaction: true (claim + messages written) for exactly one caller;
   * false (nothing written) when the key was claimed before. A failure writes neither, so a crash can
   * never leave a claim without its messages (the daily digest relies on this).
   */
  enqueueOnce(tenantId: string, claimKey: string, messages: OutboxMessage[], now: Date): Promise<boolean>;

  /** Intake idempotency: the stored result for a key, or null. */
  getIdempotent(tenantId: string, key: string): Promise<{ requestHash: string; itemId: string } | null>;
  /** Stores the key → item link; false when the key is already taken (a racing retry). */
  putIdempotent(tenantId: string, key: string, requestHash: string, itemId: string, now: Date): Promise<boolean>;

  /**
   * Records (or re-opens) a delivery problem for a target and returns the stored row. Two instances
   * recording the same open problem get the same firstAt (use it to notify once).
   */
  recordDeliveryProblem(p: { tenantId: string; target: string; code: string; detail: string }, now: Date): Promise<DeliveryProblem>;
  /** Marks the target's open problem resolved; false when there was none. */
  resolveDeliveryProblem(tenantId: string, target: string, now: Date): Promise<boolean>;
  listDeliveryProblems(q?: { tenantId?: string; open?: boolean }): Promise<DeliveryProblem[]>;

  /** Privacy: blanks the free-text notes of an item's history (actions, actors and times stay). Returns rows changed. */
  eraseHistoryNotes(tenantId: string, itemId: string): Promise<number>;
  /** Privacy: deletes finished outbox messages (their payloads hold texts) and intake idempotency keys older than `before`. */
  purgeBefore(before: Date): Promise<{ outbox: number; idempotency: number }>;
}
