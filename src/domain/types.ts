// Core domain types shared by every kind of item. No I/O, no botbuilder.

export type ItemKind = 'callback' | 'appointment' | 'interpreter' | 'exception';

/** A staff member. `id` is the Entra (AAD) object id when known, else the Teams user id. */
export interface Person {
  id: string;
  name: string;
  /** Teams user id ('29:…'), needed for mentions and card refresh. */
  teamsId?: string;
}

/** Where the item's card lives in Teams (the channel message that is updated in place). */
export interface CardRef {
  conversationId: string;
  activityId: string;
}

export interface Item<D = Record<string, unknown>> {
  tenantId: string;
  /** Short id people can say on the phone, e.g. TB-1042. */
  id: string;
  kind: ItemKind;
  status: string;
  /** Short topic shown in lists and digests. Never customer-identifying for sensitive items. */
  subject: string;
  owner: Person | null;
  createdBy: Person;
  createdAt: Date;
  updatedAt: Date;
  /** The promise to the customer; null when the kind has none (an exception case without urgency). */
  deadline: Date | null;
  /** Set when the item reaches a final state. */
  closedAt: Date | null;
  /** Where it came from: 'teams', 'messageExtension', 'intake:website', … */
  source: string;
  /** Optimistic-concurrency version: every committed change increments it. */
  version: number;
  /** Kind-specific fields, including customer data (erased by retention). */
  data: D;
  card: CardRef | null;
}

export interface HistoryEntry {
  tenantId: string;
  itemId: string;
  at: Date;
  actor: Person;
  /** Verb-like code: 'created', 'claimed', 'done', … (display text comes from texts/). */
  action: string;
  note?: string;
  details?: Record<string, unknown>;
}

/** The system itself as an actor (reminders, intake, retention). */
export const SYSTEM: Person = { id: 'system', name: 'Top Contact' };

/**
 * Tenant of intake callbacks accepted before the bot knows its tenant (no INTAKE_TENANT_ID or
 * ALLOWED_TENANT_IDS, no channel bound yet). The first `koppel` adopts them into its tenant.
 */
export const PENDING_TENANT = 'pending';
