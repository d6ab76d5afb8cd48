// PostgreSQL implementation of the card clock store (see cardClock.ts). The conditional UPDATE
// takes the row lock: of two instances advancing the same row, the second finds it moved.
import type { PoolClient } from 'pg';
import { CARD_CLOCK_OUTBOX_INSERT, rowFrom, type CardClockRow, type CardClockStore, type CardSent } from './cardClock';
import type { OutboxMessage } from './repository';

/**
 * Cards sent, recorded by the statement that marks their messages done (the outbox claim or
 * completion): two CTEs over four parallel arrays, `t` tenant ids, `i` item ids, `n` next changes
 * (null: the row goes), `h` hashes, made by cardsSentParams.
 */
export const cardsSentWrites = (t: string, i: string, n: string, h: string) => `
  clock_gone AS (DELETE FROM card_clock c USING unnest(${t}::text[], ${i}::text[], ${n}::bigint[]) AS s(tenant_id, item_id, next_change_at)
    WHERE s.next_change_at IS NULL AND c.tenant_id = s.tenant_id AND c.item_id = s.item_id),
  clock_set AS (INSERT INTO card_clock (tenant_id, item_id, next_change_at, card_hash)
    SELECT * FROM unnest(${t}::text[], ${i}::text[], ${n}::bigint[], ${h}::text[]) AS s(tenant_id, item_id, next_change_at, card_hash)
    WHERE s.next_change_at IS NOT NULL
    ON CONFLICT (tenant_id, item_id) DO UPDATE SET next_change_at = EXCLUDED.next_change_at, card_hash = EXCLUDED.card_hash)`;

/**
 * The arrays of cardsSentWrites: one entry per item (an upsert may touch a row once per statement),
 * the last one sent, in key order (two instances' statements lock the rows they share in one order).
 */
export function cardsSentParams(cards: readonly CardSent[]): [string[], string[], (number | null)[], string[]] {
  const latest = new Map(cards.map((c) => [`${c.tenantId}\n${c.itemId}`, c]));
  const rows = [...latest.values()].sort((a, b) => (a.tenantId === b.tenantId ? cmp(a.itemId, b.itemId) : cmp(a.tenantId, b.tenantId)));
  return [
    rows.map((c) => c.tenantId),
    rows.map((c) => c.itemId),
    rows.map((c) => c.nextChangeAt?.getTime() ?? null),
    rows.map((c) => c.hash),
  ];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `?` placeholders → `$1, $2, …` */
function pg(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export class PostgresCardClock implements CardClockStore {
  /** `connect` hands out a pooled connection with the schema's search_path set. */
  constructor(private readonly connect: () => Promise<PoolClient>) {}

  private async run<T>(fn: (c: PoolClient) => Promise<T>, tx = false): Promise<T> {
    const c = await this.connect();
    let broken: Error | undefined;
    try {
      if (!tx) return await fn(c);
      await c.query('BEGIN');
      try {
        const out = await fn(c);
        await c.query('COMMIT');
        return out;
      } catch (err) {
        await c.query('ROLLBACK').catch((e: Error) => (broken = e));
        throw err;
      }
    } finally {
      c.release(broken);
    }
  }

  async due(now: Date, limit: number): Promise<CardClockRow[]> {
    const res = await this.run((c) =>
      c.query('SELECT * FROM card_clock WHERE next_change_at <= $1 ORDER BY next_change_at LIMIT $2', [now.getTime(), limit]),
    );
    return (res.rows as Record<string, unknown>[]).map(rowFrom);
  }

  async advance(row: CardClockRow, to: Date | null, now: Date, update?: { message: OutboxMessage; spacingMs: number }): Promise<boolean> {
    return this.run(async (c) => {
      const from = row.nextChangeAt.getTime();
      const res =
        to === null
          ? await c.query('DELETE FROM card_clock WHERE tenant_id = $1 AND item_id = $2 AND next_change_at = $3', [
              row.tenantId,
              row.itemId,
              from,
            ])
          : await c.query('UPDATE card_clock SET next_change_at = $1 WHERE tenant_id = $2 AND item_id = $3 AND next_change_at = $4', [
              to.getTime(),
              row.tenantId,
              row.itemId,
              from,
            ]);
      if ((res.rowCount ?? 0) === 0) return false; // another instance took this change; the empty transaction commits harmlessly
      if (update) {
        const m = update.message;
        const slot = await c.query(
          `INSERT INTO card_pace (lane, next_slot) VALUES ($1, $2)
          ON CONFLICT (lane) DO UPDATE SET next_slot = GREATEST(card_pace.next_slot + $3, EXCLUDED.next_slot) RETURNING next_slot`,
          [m.lane, now.getTime(), update.spacingMs],
        );
        await c.query(pg(CARD_CLOCK_OUTBOX_INSERT), [
          m.tenantId,
          m.key,
          m.type,
          m.lane,
          JSON.stringify(m.payload),
          Number(slot.rows[0].next_slot),
          now.getTime(),
        ]);
      }
      return true;
    }, true);
  }
}
