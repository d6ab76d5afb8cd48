// SQLite implementation of the card clock store (see cardClock.ts).
import type Database from 'better-sqlite3';
import { statement } from './sqliteStatements';
import { CARD_CLOCK_OUTBOX_INSERT, rowFrom, type CardClockRow, type CardClockStore, type CardSent } from './cardClock';
import type { OutboxMessage } from './repository';

/** Records cards sent, in order (a later one of the same item wins); the caller's transaction (the outbox claim or completion). */
export function writeCardsSent(db: Database.Database, cards: readonly CardSent[]): void {
  for (const c of cards) {
    if (c.nextChangeAt === null) statement(db, 'DELETE FROM card_clock WHERE tenant_id = ? AND item_id = ?').run(c.tenantId, c.itemId);
    else
      statement(
        db,
        `INSERT INTO card_clock (tenant_id, item_id, next_change_at, card_hash) VALUES (?, ?, ?, ?)
        ON CONFLICT (tenant_id, item_id) DO UPDATE SET next_change_at = excluded.next_change_at, card_hash = excluded.card_hash`,
      ).run(c.tenantId, c.itemId, c.nextChangeAt.getTime(), c.hash);
  }
}

export class SqliteCardClock implements CardClockStore {
  constructor(private readonly db: Database.Database) {}

  async due(now: Date, limit: number): Promise<CardClockRow[]> {
    return (
      statement(this.db, 'SELECT * FROM card_clock WHERE next_change_at <= ? ORDER BY next_change_at LIMIT ?').all(
        now.getTime(),
        limit,
      ) as Record<string, unknown>[]
    ).map(rowFrom);
  }

  async advance(row: CardClockRow, to: Date | null, now: Date, update?: { message: OutboxMessage; spacingMs: number }): Promise<boolean> {
    const tx = this.db.transaction((): boolean => {
      const from = row.nextChangeAt.getTime();
      const res =
        to === null
          ? statement(this.db, 'DELETE FROM card_clock WHERE tenant_id = ? AND item_id = ? AND next_change_at = ?').run(
              row.tenantId,
              row.itemId,
              from,
            )
          : statement(this.db, 'UPDATE card_clock SET next_change_at = ? WHERE tenant_id = ? AND item_id = ? AND next_change_at = ?').run(
              to.getTime(),
              row.tenantId,
              row.itemId,
              from,
            );
      if (res.changes === 0) return false;
      if (update) {
        const m = update.message;
        const slot = statement(
          this.db,
          `INSERT INTO card_pace (lane, next_slot) VALUES (?, ?)
          ON CONFLICT (lane) DO UPDATE SET next_slot = max(card_pace.next_slot + ?, excluded.next_slot) RETURNING next_slot`,
        ).get(m.lane, now.getTime(), update.spacingMs) as { next_slot: number };
        statement(this.db, CARD_CLOCK_OUTBOX_INSERT).run(
          m.tenantId,
          m.key,
          m.type,
          m.lane,
          JSON.stringify(m.payload),
          Number(slot.next_slot),
          now.getTime(),
        );
      }
      return true;
    });
    return tx.immediate();
  }
}
