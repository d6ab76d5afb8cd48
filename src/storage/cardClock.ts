// Cards that follow the clock (docs/cards-follow-the-clock.md): per open item with a channel card,
// the next moment its text changes by time alone and a hash of the card last sent; and per
// channel the next free send slot, so updates are paced across all instances.
import type { OutboxMessage } from './repository';

export interface CardClockRow {
  tenantId: string;
  itemId: string;
  nextChangeAt: Date;
  hash: string;
}

/**
 * A channel card was sent: its hash and when its text changes next (null: never, the row goes).
 * Written by the outbox with the completion of the message that sent it (Repository.claimOutbox).
 */
export interface CardSent {
  tenantId: string;
  itemId: string;
  hash: string;
  nextChangeAt: Date | null;
}

export interface CardClockStore {
  /** Rows whose next change is due (an index range, not all open items), soonest first. */
  due(now: Date, limit: number): Promise<CardClockRow[]>;
  /**
   * In ONE transaction: moves the row's next change from `from` to `to` (null removes it) only when
   * it still says `from`, and then enqueues `update` (if given) at the lane's next free slot
   * (at least `now`, `spacingMs` after the slot handed out before). True for exactly one caller.
   */
  advance(row: CardClockRow, to: Date | null, now: Date, update?: { message: OutboxMessage; spacingMs: number }): Promise<boolean>;
}

export const CARD_CLOCK_OUTBOX_INSERT = `INSERT INTO outbox (tenant_id, key, type, lane, payload, status, attempts, next_attempt_at, created_at)
  VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?) ON CONFLICT (key) DO NOTHING`;

export function rowFrom(r: Record<string, unknown>): CardClockRow {
  return {
    tenantId: String(r.tenant_id),
    itemId: String(r.item_id),
    nextChangeAt: new Date(Number(r.next_change_at)),
    hash: String(r.card_hash),
  };
}
