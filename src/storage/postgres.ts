// PostgreSQL adapter (several bot instances share one database). Same tables and queries as the
// SQLite adapter (see migrations.ts); races between instances are settled by the database:
// conditional UPDATEs, ON CONFLICT, advisory locks and FOR UPDATE SKIP LOCKED.
import { performance } from 'node:perf_hooks';
import { Pool, type PoolClient, type PoolConfig } from 'pg';
import type { HistoryEntry, Item } from '../domain/types';
import { migrations } from './migrations';
import type { CardSent } from './cardClock';
import { cardsSentParams, cardsSentWrites, PostgresCardClock } from './cardClockPostgres';
import { PostgresRecords } from './records';
import { CLAIM_POSTGRES, markDone, OUTBOX_CLAIM_WINDOW } from './outboxClaim';
import type {
  ChangeSet,
  ChannelBinding,
  DeliveryProblem,
  ItemQuery,
  OutboxMessage,
  OutboxStatus,
  Repository,
  UserRecord,
  UserSettings,
} from './repository';
import {
  bindingFromRow,
  historyByItem,
  historyFromRow,
  historyToValues,
  ITEM_COLUMNS,
  ITEM_UPDATE_SLICE,
  itemFromRow,
  itemQuerySql,
  itemToValues,
  outboxFromRow,
  problemFromRow,
  userFromRow,
  type Row,
} from './rows';

const ph = (i: number): string => `$${i}`;
const list = (from: number, n: number): string => Array.from({ length: n }, (_, k) => ph(from + k)).join(', ');

const ITEM_INSERT = `INSERT INTO items (${ITEM_COLUMNS.join(', ')}) VALUES (${list(1, ITEM_COLUMNS.length)})
  ON CONFLICT (tenant_id, id) DO NOTHING`;
const UPDATE_COLUMNS = ITEM_COLUMNS.slice(...ITEM_UPDATE_SLICE);
const ITEM_UPDATE = `UPDATE items SET ${UPDATE_COLUMNS.map((c, k) => `${c} = ${ph(k + 1)}`).join(', ')}
  WHERE tenant_id = ${ph(UPDATE_COLUMNS.length + 1)} AND id = ${ph(UPDATE_COLUMNS.length + 2)} AND version = ${ph(UPDATE_COLUMNS.length + 3)}`;
const HISTORY_INSERT = `INSERT INTO history (tenant_id, item_id, at, actor_json, action, note, details) VALUES (${list(1, 7)})`;
const OUTBOX_INSERT = `INSERT INTO outbox (tenant_id, key, type, lane, payload, status, attempts, next_attempt_at, created_at)
  VALUES ($1, $2, $3, $4, $5, 'pending', 0, $6, $7) ON CONFLICT (key) DO NOTHING`;
const IDEMPOTENCY_INSERT = `INSERT INTO idempotency (tenant_id, key, request_hash, item_id, created_at) VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT DO NOTHING`;

/** A delivered message done and the card it sent recorded, in one statement (the end of an outbox run). */
const COMPLETE_WITH_CARD = `WITH ${cardsSentWrites('$3', '$4', '$5', '$6')} ${markDone('$1', 'id = $2')}`;

/** Marker returned by a transaction body to roll back without an error. */
const ROLLBACK = Symbol('rollback');

/** Answer of ping() when the database does not respond at all. */
const PING_TIMEOUT_MS = 2000;

export interface PostgresOptions {
  /** Schema for all tables (created if missing); default: the server's search_path (public). */
  schema?: string;
  /** Maximum connections of this instance's pool (default 10). */
  poolSize?: number;
}

const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;

export class PostgresRepository implements Repository {
  readonly kind = 'postgres' as const;
  readonly cardClock = new PostgresCardClock(() => this.connect());
  private readonly pool: Pool;
  private readonly schema: string | undefined;
  /** Connections on which search_path has been set (the pool reuses them). */
  private readonly prepared = new WeakSet<PoolClient>();
  private closed = false;
  /** The history returned by this process's latest commits, for the views rendered right after them. */
  private readonly committed = new CommittedHistory();

  constructor(url: string, opts: PostgresOptions = {}) {
    this.schema = opts.schema;
    const config: PoolConfig = {
      connectionString: url,
      max: opts.poolSize ?? 10,
      connectionTimeoutMillis: 10_000,
      idleTimeoutMillis: 30_000,
      application_name: 'top-contact',
    };
    this.pool = new Pool(config);
    // A broken idle connection must not crash the process; the pool drops it and the next query reconnects.
    this.pool.on('error', () => undefined);
  }

  readonly records = new PostgresRecords((sql, values) => this.query(sql, values));

  // ---- connection helpers ----

  private async connect(): Promise<PoolClient> {
    const client = await this.pool.connect();
    if (this.schema !== undefined && !this.prepared.has(client)) {
      try {
        await client.query(`SET search_path TO ${quoteIdent(this.schema)}`);
      } catch (err) {
        client.release(err as Error);
        throw err;
      }
      this.prepared.add(client);
    }
    return client;
  }

  private async query(sql: string, values: unknown[] = []): Promise<{ rows: Row[]; rowCount: number }> {
    const client = await this.connect();
    try {
      const res = await client.query(sql, values);
      return { rows: res.rows as Row[], rowCount: res.rowCount ?? 0 };
    } finally {
      client.release();
    }
  }

  /** Runs fn in a transaction. fn returns ROLLBACK to roll back; errors roll back and are rethrown. */
  private async tx<T>(fn: (c: PoolClient) => Promise<T | typeof ROLLBACK>): Promise<T | typeof ROLLBACK> {
    const client = await this.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query(result === ROLLBACK ? 'ROLLBACK' : 'COMMIT');
      return result;
    } catch (err) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackErr) {
        broken = rollbackErr as Error; // connection unusable: destroy it instead of returning it to the pool
      }
      throw err;
    } finally {
      client.release(broken);
    }
  }

  /** One pooled connection for a single statement of the stores of other tables, without BEGIN/COMMIT (two round trips fewer). */
  async withConnection<T>(fn: (c: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.connect();
    try {
      return await fn(client);
    } finally {
      client.release();
    }
  }

  /** One transaction for the stores of other tables (customersPostgres.ts): commit on return, rollback on a throw. */
  async transaction<T>(fn: (c: PoolClient) => Promise<T>): Promise<T> {
    return (await this.tx(fn)) as T;
  }

  // ---- lifecycle ----

  async migrate(): Promise<void> {
    await this.tx(async (c) => {
      // Serialises concurrent starts (per schema); released at COMMIT. Everything, including the
      // CREATE ... IF NOT EXISTS statements, happens under the lock (those race on the catalog otherwise).
      await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`top-contact:migrate:${this.schema ?? ''}`]);
      if (this.schema !== undefined) await c.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(this.schema)}`);
      await c.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
      );
      const done = new Set((await c.query('SELECT version FROM schema_migrations')).rows.map((r: Row) => Number(r.version)));
      for (const m of migrations) {
        if (done.has(m.version)) continue;
        for (const s of m.statements) await c.query(s.replaceAll('{{SERIAL}}', 'BIGSERIAL PRIMARY KEY'));
        // eslint-disable-next-line no-restricted-syntax -- when a migration ran: a record, not a decision
        await c.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, Date.now()]);
      }
      return undefined;
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  async ping(): Promise<boolean> {
    if (this.closed) return false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
    });
    const probe = this.query('SELECT 1 AS ok').then(
      (r) => r.rows.length === 1,
      () => false,
    );
    try {
      return await Promise.race([probe, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  // ---- items ----

  async nextSequence(tenantId: string, name: string, start: number): Promise<number> {
    const { rows } = await this.query(
      `INSERT INTO counters (tenant_id, name, value) VALUES ($1, $2, $3)
        ON CONFLICT (tenant_id, name) DO UPDATE SET value = counters.value + 1 RETURNING value`,
      [tenantId, name, start],
    );
    return Number(rows[0]!.value);
  }

  async getItem(tenantId: string, id: string): Promise<Item | null> {
    const { rows } = await this.query('SELECT * FROM items WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
    return rows[0] ? itemFromRow(rows[0]) : null;
  }

  async commit(change: ChangeSet): Promise<boolean> {
    if (!change.idempotency) return this.commitOneStatement(change);
    const result = await this.tx(async (c) => {
      if (change.idempotency) {
        const res = await c.query(IDEMPOTENCY_INSERT, [
          change.item.tenantId,
          change.idempotency.key,
          change.idempotency.requestHash,
          change.item.id,
          change.item.updatedAt.getTime(),
        ]);
        if (res.rowCount === 0) return ROLLBACK;
      }
      const values = itemToValues(change.item);
      const res =
        change.expectedVersion === null
          ? await c.query(ITEM_INSERT, values)
          : await c.query(ITEM_UPDATE, [
              ...values.slice(...ITEM_UPDATE_SLICE),
              change.item.tenantId,
              change.item.id,
              change.expectedVersion,
            ]);
      if (res.rowCount === 0) return ROLLBACK;
      for (const h of change.history) await c.query(HISTORY_INSERT, historyToValues(h));
      await insertOutbox(c, change.outbox, change.item.updatedAt);
      return true;
    });
    return result === true;
  }

  /**
   * The common commit (no intake idempotency key) as ONE statement: the item write in a CTE, and the
   * history and outbox inserts conditional on it. One statement is atomic on its own, so this is the
   * same all-or-nothing change as the transaction in one round trip instead of five or more.
   */
  private async commitOneStatement(change: ChangeSet): Promise<boolean> {
    const values: unknown[] = [];
    const p = (v: unknown, cast: 'text' | 'bigint' | 'int'): string => {
      values.push(v);
      return `$${values.length}::${cast}`;
    };
    const item = itemToValues(change.item);
    let changed: string;
    if (change.expectedVersion === null) {
      changed = `INSERT INTO items (${ITEM_COLUMNS.join(', ')}) VALUES (${item
        .map((v) => {
          values.push(v);
          return `$${values.length}`;
        })
        .join(', ')})
        ON CONFLICT (tenant_id, id) DO NOTHING RETURNING 1`;
    } else {
      const set = UPDATE_COLUMNS.map((col, k) => {
        values.push(item.slice(...ITEM_UPDATE_SLICE)[k]);
        return `${col} = $${values.length}`;
      });
      changed = `UPDATE items SET ${set.join(', ')} WHERE tenant_id = ${p(change.item.tenantId, 'text')} AND id = ${p(change.item.id, 'text')}
        AND version = ${p(change.expectedVersion, 'int')} RETURNING 1`;
    }
    const parts = [`changed AS (${changed})`];
    const rows = change.history.map((h) => {
      const v = historyToValues(h);
      const casts = ['text', 'text', 'bigint', 'text', 'text', 'text', 'text'] as const;
      return `SELECT ${v.map((x, k) => p(x, casts[k]!)).join(', ')} WHERE EXISTS (SELECT 1 FROM changed)`;
    });
    // RETURNING *: the new entries, which the rest of this statement does not see in the table.
    parts.push(
      rows.length
        ? `h AS (INSERT INTO history (tenant_id, item_id, at, actor_json, action, note, details) ${rows.join(' UNION ALL ')} RETURNING *)`
        : 'h AS (SELECT * FROM history WHERE false)',
    );
    if (change.outbox.length) {
      const now = change.item.updatedAt;
      const rows = change.outbox.map(
        (m) => `SELECT ${p(m.tenantId, 'text')}, ${p(m.key, 'text')}, ${p(m.type, 'text')}, ${p(m.lane, 'text')},
        ${p(JSON.stringify(m.payload), 'text')}, 'pending', 0, ${p((m.nextAttemptAt ?? now).getTime(), 'bigint')}, ${p((m.createdAt ?? now).getTime(), 'bigint')}
        WHERE EXISTS (SELECT 1 FROM changed)`,
      );
      parts.push(`o AS (INSERT INTO outbox (tenant_id, key, type, lane, payload, status, attempts, next_attempt_at, created_at) ${rows.join(' UNION ALL ')}
        ON CONFLICT (key) DO NOTHING)`);
    }
    // The item's whole history after this change, for the views rendered right after it (history(…, version)):
    // the entries before it (a history entry is only ever written with a new version, so none can come
    // between the version read and this write) and the new ones.
    const tenant = p(change.item.tenantId, 'text');
    const id = p(change.item.id, 'text');
    const { rows: out } = await this.query(
      `WITH ${parts.join(',\n')} SELECT (SELECT COUNT(*)::int FROM changed) AS n,
        (SELECT json_agg(x ORDER BY x.seq) FROM (SELECT * FROM history WHERE tenant_id = ${tenant} AND item_id = ${id}
          AND EXISTS (SELECT 1 FROM changed) UNION ALL SELECT * FROM h) x) AS history`,
      values,
    );
    const ok = Number(out[0]?.n ?? 0) === 1;
    if (ok) this.committed.keep(change.item, (out[0]!.history ?? []) as Row[]);
    return ok;
  }

  async queryItems(tenantId: string, q: ItemQuery): Promise<Item[]> {
    const { where, values, limit, order } = itemQuerySql(tenantId, q, ph);
    const { rows } = await this.query(`SELECT * FROM items WHERE ${where} ORDER BY ${order}${limit}`, values);
    return rows.map(itemFromRow);
  }

  async tenants(): Promise<string[]> {
    const { rows } = await this.query(
      'SELECT tenant_id FROM items UNION SELECT tenant_id FROM channel_bindings UNION SELECT tenant_id FROM users ORDER BY tenant_id',
    );
    return rows.map((r) => String(r.tenant_id));
  }

  async adoptTenant(from: string, to: string): Promise<number> {
    const moved = await this.tx(async (c) => {
      const items = await c.query('UPDATE items SET tenant_id = $1 WHERE tenant_id = $2', [to, from]);
      await c.query('UPDATE history SET tenant_id = $1 WHERE tenant_id = $2', [to, from]);
      await c.query(
        `UPDATE idempotency i SET tenant_id = $1 WHERE tenant_id = $2
        AND NOT EXISTS (SELECT 1 FROM idempotency j WHERE j.tenant_id = $1 AND j.key = i.key)`,
        [to, from],
      );
      await c.query('UPDATE outbox SET tenant_id = $1 WHERE tenant_id = $2', [to, from]);
      return items.rowCount ?? 0;
    });
    return moved === ROLLBACK ? 0 : moved;
  }

  async history(tenantId: string, itemId: string, version?: number): Promise<HistoryEntry[]> {
    const kept = version === undefined ? undefined : this.committed.take(tenantId, itemId, version);
    if (kept) return kept;
    const { rows } = await this.query('SELECT * FROM history WHERE tenant_id = $1 AND item_id = $2 ORDER BY seq', [tenantId, itemId]);
    return rows.map(historyFromRow);
  }

  async historyOf(tenantId: string, itemIds: readonly string[]): Promise<Map<string, HistoryEntry[]>> {
    if (!itemIds.length) return historyByItem(itemIds, []);
    const { rows } = await this.query('SELECT * FROM history WHERE tenant_id = $1 AND item_id = ANY($2::text[]) ORDER BY seq', [
      tenantId,
      [...itemIds],
    ]);
    return historyByItem(itemIds, rows.map(historyFromRow));
  }

  async setCardRef(tenantId: string, itemId: string, ref: { conversationId: string; activityId: string }): Promise<void> {
    await this.query('UPDATE items SET card_conversation_id = $1, card_activity_id = $2 WHERE tenant_id = $3 AND id = $4', [
      ref.conversationId,
      ref.activityId,
      tenantId,
      itemId,
    ]);
  }

  async updateData(
    tenantId: string,
    itemId: string,
    expectedVersion: number,
    data: Record<string, unknown>,
    subject?: string,
  ): Promise<boolean> {
    const res =
      subject === undefined
        ? await this.query('UPDATE items SET data = $1 WHERE tenant_id = $2 AND id = $3 AND version = $4', [
            JSON.stringify(data),
            tenantId,
            itemId,
            expectedVersion,
          ])
        : await this.query('UPDATE items SET data = $1, subject = $2 WHERE tenant_id = $3 AND id = $4 AND version = $5', [
            JSON.stringify(data),
            subject,
            tenantId,
            itemId,
            expectedVersion,
          ]);
    return res.rowCount > 0;
  }

  // ---- bindings and users ----

  async getBinding(tenantId: string): Promise<ChannelBinding | null> {
    const { rows } = await this.query('SELECT * FROM channel_bindings WHERE tenant_id = $1', [tenantId]);
    return rows[0] ? bindingFromRow(rows[0]) : null;
  }

  async saveBinding(b: ChannelBinding): Promise<ChannelBinding | null> {
    const result = await this.tx(async (c) => {
      // Per-tenant lock so two concurrent saves each see the other's binding as "previous" (also when none existed).
      await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`top-contact:binding:${b.tenantId}`]);
      const prev = (await c.query('SELECT * FROM channel_bindings WHERE tenant_id = $1', [b.tenantId])).rows[0] as Row | undefined;
      await c.query(
        `INSERT INTO channel_bindings (tenant_id, team_id, team_name, channel_id, channel_name, conversation_ref, bound_by_json, bound_at)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (tenant_id) DO UPDATE SET team_id = excluded.team_id, team_name = excluded.team_name,
          channel_id = excluded.channel_id, channel_name = excluded.channel_name, conversation_ref = excluded.conversation_ref,
          bound_by_json = excluded.bound_by_json, bound_at = excluded.bound_at`,
        [
          b.tenantId,
          b.teamId,
          b.teamName,
          b.channelId,
          b.channelName,
          JSON.stringify(b.conversationRef),
          JSON.stringify(b.boundBy),
          b.boundAt.getTime(),
        ],
      );
      return prev ? bindingFromRow(prev) : null;
    });
    return result === ROLLBACK ? null : result;
  }

  async getUser(tenantId: string, userId: string): Promise<UserRecord | null> {
    const { rows } = await this.query(
      'SELECT * FROM users WHERE tenant_id = $1 AND (user_id = $2 OR teams_id = $2) ORDER BY user_id = $2 DESC LIMIT 1',
      [tenantId, userId],
    );
    return rows[0] ? userFromRow(rows[0]) : null;
  }

  async upsertUser(u: Omit<UserRecord, 'settings'> & { settings?: UserSettings }): Promise<UserRecord> {
    const { rows } = await this.query(
      `INSERT INTO users (tenant_id, user_id, teams_id, name, conversation_ref, settings) VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT (tenant_id, user_id) DO UPDATE SET
          teams_id = COALESCE(excluded.teams_id, users.teams_id),
          name = excluded.name,
          conversation_ref = COALESCE(excluded.conversation_ref, users.conversation_ref),
          settings = CASE WHEN $7::boolean THEN excluded.settings ELSE users.settings END
        RETURNING *`,
      [
        u.tenantId,
        u.userId,
        u.teamsId ?? null,
        u.name,
        u.conversationRef ? JSON.stringify(u.conversationRef) : null,
        JSON.stringify(u.settings ?? {}),
        u.settings !== undefined,
      ],
    );
    return userFromRow(rows[0]!);
  }

  async listUsers(tenantId: string): Promise<UserRecord[]> {
    const { rows } = await this.query('SELECT * FROM users WHERE tenant_id = $1 ORDER BY name COLLATE "C", user_id', [tenantId]);
    return rows.map(userFromRow);
  }

  // ---- outbox ----

  async enqueue(messages: OutboxMessage[], now: Date): Promise<void> {
    if (messages.length === 0) return;
    await this.tx(async (c) => {
      await insertOutbox(c, messages, now);
      return undefined;
    });
  }

  async claimOutbox(
    now: Date,
    limit: number,
    lockMs: number,
    worker: string,
    delivered: readonly number[] = [],
    cardsSent: readonly CardSent[] = [],
  ): Promise<OutboxMessage[]> {
    const t = now.getTime();
    // The delivered ones marked done with their cards recorded, and the oldest due lane heads, in one statement (storage/outboxClaim.ts).
    const { rows } = await this.query(CLAIM_POSTGRES, [
      t,
      OUTBOX_CLAIM_WINDOW,
      Math.max(0, Math.floor(limit)),
      t + lockMs,
      worker,
      delivered.map(Number),
      ...cardsSentParams(cardsSent),
    ]);
    return rows.map(outboxFromRow).sort((a, b) => a.id! - b.id!);
  }

  async completeOutbox(id: number, now: Date, cardSent?: CardSent): Promise<void> {
    if (!cardSent) await this.query(markDone('$1', 'id = $2'), [now.getTime(), id]);
    else await this.query(COMPLETE_WITH_CARD, [now.getTime(), id, ...cardsSentParams([cardSent])]);
  }

  async retryOutbox(id: number, nextAttemptAt: Date, error: string): Promise<void> {
    await this.query('UPDATE outbox SET next_attempt_at = $1, last_error = $2, locked_until = NULL WHERE id = $3', [
      nextAttemptAt.getTime(),
      error,
      id,
    ]);
  }

  async failOutbox(id: number, error: string): Promise<void> {
    await this.query("UPDATE outbox SET status = 'failed', last_error = $1, locked_until = NULL WHERE id = $2", [error, id]);
  }

  async outboxStats(): Promise<Record<OutboxStatus, number>> {
    const { rows } = await this.query('SELECT status, COUNT(*) AS n FROM outbox GROUP BY status');
    const stats: Record<OutboxStatus, number> = { pending: 0, done: 0, failed: 0 };
    for (const r of rows) stats[r.status as OutboxStatus] = Number(r.n);
    return stats;
  }

  async listOutbox(q: { status?: OutboxStatus; tenantId?: string; type?: string; limit?: number }): Promise<OutboxMessage[]> {
    const clauses: string[] = ['1 = 1'];
    const values: unknown[] = [];
    const add = (col: string, v: unknown) => {
      values.push(v);
      clauses.push(`${col} = ${ph(values.length)}`);
    };
    if (q.status) add('status', q.status);
    if (q.tenantId) add('tenant_id', q.tenantId);
    if (q.type) add('type', q.type);
    values.push(q.limit ?? 1000);
    const { rows } = await this.query(`SELECT * FROM outbox WHERE ${clauses.join(' AND ')} ORDER BY id LIMIT ${ph(values.length)}`, values);
    return rows.map(outboxFromRow);
  }

  // ---- once-only claims and intake idempotency ----

  async claimOnce(tenantId: string, key: string, now: Date): Promise<boolean> {
    const res = await this.query('INSERT INTO once_claims (tenant_id, key, claimed_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
      tenantId,
      key,
      now.getTime(),
    ]);
    return res.rowCount === 1;
  }

  async hasClaim(tenantId: string, key: string): Promise<boolean> {
    const { rows } = await this.query('SELECT 1 FROM once_claims WHERE tenant_id = $1 AND key = $2', [tenantId, key]);
    return rows.length > 0;
  }

  async enqueueOnce(tenantId: string, claimKey: string, messages: OutboxMessage[], now: Date): Promise<boolean> {
    const result = await this.tx(async (c) => {
      const res = await c.query('INSERT INTO once_claims (tenant_id, key, claimed_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
        tenantId,
        claimKey,
        now.getTime(),
      ]);
      if ((res.rowCount ?? 0) === 0) return ROLLBACK;
      await insertOutbox(c, messages, now); // a throw here rolls the claim back
      return true;
    });
    return result === true;
  }

  async getIdempotent(tenantId: string, key: string): Promise<{ requestHash: string; itemId: string } | null> {
    const { rows } = await this.query('SELECT request_hash, item_id FROM idempotency WHERE tenant_id = $1 AND key = $2', [tenantId, key]);
    const r = rows[0];
    return r ? { requestHash: String(r.request_hash), itemId: String(r.item_id) } : null;
  }

  async putIdempotent(tenantId: string, key: string, requestHash: string, itemId: string, now: Date): Promise<boolean> {
    const res = await this.query(IDEMPOTENCY_INSERT, [tenantId, key, requestHash, itemId, now.getTime()]);
    return res.rowCount === 1;
  }

  // ---- delivery problems and privacy ----

  async recordDeliveryProblem(p: { tenantId: string; target: string; code: string; detail: string }, now: Date): Promise<DeliveryProblem> {
    const { rows } = await this.query(
      `INSERT INTO delivery_problems (tenant_id, target, code, detail, first_at, last_at, failures, resolved_at)
        VALUES ($1, $2, $3, $4, $5, $5, 1, NULL)
        ON CONFLICT (tenant_id, target) DO UPDATE SET code = excluded.code, detail = excluded.detail, last_at = excluded.last_at,
          first_at = CASE WHEN delivery_problems.resolved_at IS NULL THEN delivery_problems.first_at ELSE excluded.first_at END,
          failures = CASE WHEN delivery_problems.resolved_at IS NULL THEN delivery_problems.failures + 1 ELSE 1 END,
          resolved_at = NULL
        RETURNING *`,
      [p.tenantId, p.target, p.code, p.detail, now.getTime()],
    );
    return problemFromRow(rows[0]!);
  }

  async resolveDeliveryProblem(tenantId: string, target: string, now: Date): Promise<boolean> {
    const res = await this.query(
      'UPDATE delivery_problems SET resolved_at = $1 WHERE tenant_id = $2 AND target = $3 AND resolved_at IS NULL',
      [now.getTime(), tenantId, target],
    );
    return res.rowCount > 0;
  }

  async listDeliveryProblems(q: { tenantId?: string; open?: boolean } = {}): Promise<DeliveryProblem[]> {
    const clauses: string[] = ['1 = 1'];
    const values: unknown[] = [];
    if (q.tenantId) {
      values.push(q.tenantId);
      clauses.push(`tenant_id = ${ph(values.length)}`);
    }
    if (q.open === true) clauses.push('resolved_at IS NULL');
    if (q.open === false) clauses.push('resolved_at IS NOT NULL');
    const { rows } = await this.query(
      `SELECT * FROM delivery_problems WHERE ${clauses.join(' AND ')} ORDER BY tenant_id, first_at, target`,
      values,
    );
    return rows.map(problemFromRow);
  }

  async eraseHistoryNotes(tenantId: string, itemId: string): Promise<number> {
    this.committed.forget(tenantId, itemId);
    const res = await this.query('UPDATE history SET note = NULL WHERE tenant_id = $1 AND item_id = $2 AND note IS NOT NULL', [
      tenantId,
      itemId,
    ]);
    return res.rowCount;
  }

  async purgeBefore(before: Date): Promise<{ outbox: number; idempotency: number }> {
    const t = before.getTime();
    const result = await this.tx(async (c) => ({
      outbox:
        (await c.query("DELETE FROM outbox WHERE status IN ('done', 'failed') AND COALESCE(done_at, created_at) < $1", [t])).rowCount ?? 0,
      idempotency: (await c.query('DELETE FROM idempotency WHERE created_at < $1', [t])).rowCount ?? 0,
    }));
    return result === ROLLBACK ? { outbox: 0, idempotency: 0 } : result;
  }
}

/**
 * The history each of this process's recent commits returned, per item and version, handed out once
 * (to the view rendered right after the commit; the item views keep it from there, app/itemView.ts)
 * and for a few seconds at most: a privacy erase of notes on another instance changes history
 * without a new version, and a view of this version loaded later reads the table again.
 */
class CommittedHistory {
  private static readonly MAX = 200;
  private static readonly TTL_MS = 5_000;
  private readonly kept = new Map<string, { version: number; history: HistoryEntry[]; at: number }>();

  /** Rows that cannot be read (a damaged stored entry) are not kept: the view's own read then fails, not the commit. */
  keep(item: Item, rows: Row[]): void {
    const key = `${item.tenantId}\u0000${item.id}`;
    this.kept.delete(key);
    let history: HistoryEntry[];
    try {
      history = rows.map(historyFromRow);
    } catch {
      return;
    }
    if (this.kept.size >= CommittedHistory.MAX) this.kept.delete(this.kept.keys().next().value!);
    this.kept.set(key, { version: item.version, history, at: performance.now() });
  }

  take(tenantId: string, itemId: string, version: number): HistoryEntry[] | undefined {
    const key = `${tenantId}\u0000${itemId}`;
    const e = this.kept.get(key);
    if (!e || e.version !== version) return undefined;
    this.kept.delete(key);
    return performance.now() - e.at <= CommittedHistory.TTL_MS ? e.history : undefined;
  }

  forget(tenantId: string, itemId: string): void {
    this.kept.delete(`${tenantId}\u0000${itemId}`);
  }
}

async function insertOutbox(c: PoolClient, messages: OutboxMessage[], now: Date): Promise<void> {
  for (const m of messages) {
    await c.query(OUTBOX_INSERT, [
      m.tenantId,
      m.key,
      m.type,
      m.lane,
      JSON.stringify(m.payload),
      (m.nextAttemptAt ?? now).getTime(),
      (m.createdAt ?? now).getTime(),
    ]);
  }
}
