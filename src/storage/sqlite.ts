// SQLite adapter (embedded default). better-sqlite3 is synchronous; each method runs one
// short transaction. WAL + busy_timeout let a second process share the file safely.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { HistoryEntry, Item } from '../domain/types';
import { migrations } from './migrations';
import { CLAIM_LANE_WALK_IDS, CLAIM_WINDOW_IDS, markDone, OUTBOX_CLAIM_WINDOW, PENDING_BEYOND_WINDOW } from './outboxClaim';
import type { CardSent } from './cardClock';
import { SqliteCardClock, writeCardsSent } from './cardClockSqlite';
import { SqliteRecords } from './records';
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

// An insert of an existing id is a version conflict like any other: commit returns false.
const ITEM_INSERT = `INSERT INTO items (${ITEM_COLUMNS.join(', ')}) VALUES (${ITEM_COLUMNS.map(() => '?').join(', ')})
  ON CONFLICT (tenant_id, id) DO NOTHING`;
const ITEM_UPDATE = `UPDATE items SET ${ITEM_COLUMNS.slice(...ITEM_UPDATE_SLICE)
  .map((c) => `${c} = ?`)
  .join(', ')} WHERE tenant_id = ? AND id = ? AND version = ?`;
const HISTORY_INSERT = 'INSERT INTO history (tenant_id, item_id, at, actor_json, action, note, details) VALUES (?, ?, ?, ?, ?, ?, ?)';
const OUTBOX_INSERT = `INSERT INTO outbox (tenant_id, key, type, lane, payload, status, attempts, next_attempt_at, created_at)
  VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?) ON CONFLICT (key) DO NOTHING`;
/** Thrown inside a commit transaction to roll it back. */
const STALE = Symbol('stale');

/** The page cache of a connection, in KiB (SQLite's own default). */
export const SQLITE_CACHE_KIB = 2000;

/** Marks a delivered outbox message done. */
const COMPLETE = markDone('?', 'id = ?');

export class SqliteRepository implements Repository {
  readonly kind = 'sqlite' as const;
  readonly cardClock: SqliteCardClock;
  private db: Database.Database;

  /** Prepared statements by SQL text (preparing costs more than running a small query). */
  private statements = new Map<string, Database.Statement>();

  private stmt(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) {
      if (this.statements.size >= 500) this.statements.clear(); // dynamic SQL (filters, limits) stays bounded
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  constructor(readonly file: string) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.db = new Database(file);
    this.cardClock = new SqliteCardClock(this.db);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('synchronous = NORMAL');
    // SQLite's own default page cache (2 MB): better-sqlite3 is built with 16 MB, which after the
    // start-up jobs had read every item held 15 MB of resident memory for pages the operating
    // system caches anyway (claims cost the same CPU; docs/performance.md, 5 December).
    this.db.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
    this.db.pragma('foreign_keys = ON');
    this.records = new SqliteRecords(this.db);
  }

  /** The connection, for the stores of other tables in this file (customersSqlite.ts). */
  get database(): Database.Database {
    return this.db;
  }
  readonly records: SqliteRecords;

  async migrate(): Promise<void> {
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
    );
    const run = this.db.transaction(() => {
      const done = new Set(
        this.stmt('SELECT version FROM schema_migrations')
          .all()
          .map((r) => Number((r as Row).version)),
      );
      for (const m of migrations) {
        if (done.has(m.version)) continue;
        for (const s of m.statements) this.db.exec(s.replaceAll('{{SERIAL}}', 'INTEGER PRIMARY KEY AUTOINCREMENT'));
        // eslint-disable-next-line no-restricted-syntax -- when a migration ran: a record, not a decision
        this.stmt('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, Date.now());
      }
    });
    run.immediate();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  async ping(): Promise<boolean> {
    try {
      return this.db.open && this.stmt('SELECT 1 AS ok').get() !== undefined;
    } catch {
      return false;
    }
  }

  async nextSequence(tenantId: string, name: string, start: number): Promise<number> {
    const row = this.stmt(
      `INSERT INTO counters (tenant_id, name, value) VALUES (?, ?, ?)
        ON CONFLICT (tenant_id, name) DO UPDATE SET value = value + 1 RETURNING value`,
    ).get(tenantId, name, start) as Row;
    return Number(row.value);
  }

  async getItem(tenantId: string, id: string): Promise<Item | null> {
    const r = this.stmt('SELECT * FROM items WHERE tenant_id = ? AND id = ?').get(tenantId, id) as Row | undefined;
    return r ? itemFromRow(r) : null;
  }

  async commit(change: ChangeSet): Promise<boolean> {
    // A conflict throws STALE so the transaction rolls back: returning false from a better-sqlite3
    // transaction would COMMIT the writes made so far (e.g. the idempotency key).
    const tx = this.db.transaction((c: ChangeSet): void => {
      if (c.idempotency) {
        const res = this.stmt(
          'INSERT INTO idempotency (tenant_id, key, request_hash, item_id, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
        ).run(c.item.tenantId, c.idempotency.key, c.idempotency.requestHash, c.item.id, c.item.updatedAt.getTime());
        if (res.changes === 0) throw STALE;
      }
      const values = itemToValues(c.item);
      const res =
        c.expectedVersion === null
          ? this.stmt(ITEM_INSERT).run(...values)
          : this.stmt(ITEM_UPDATE).run(...values.slice(...ITEM_UPDATE_SLICE), c.item.tenantId, c.item.id, c.expectedVersion);
      if (res.changes === 0) throw STALE;
      const h = this.stmt(HISTORY_INSERT);
      for (const e of c.history) h.run(...historyToValues(e));
      this.insertOutbox(c.outbox, c.item.updatedAt);
    });
    try {
      tx.immediate(change);
      return true;
    } catch (err) {
      if (err === STALE) return false;
      throw err;
    }
  }

  private insertOutbox(messages: OutboxMessage[], now: Date): void {
    const o = this.stmt(OUTBOX_INSERT);
    for (const m of messages) {
      o.run(
        m.tenantId,
        m.key,
        m.type,
        m.lane,
        JSON.stringify(m.payload),
        (m.nextAttemptAt ?? now).getTime(),
        (m.createdAt ?? now).getTime(),
      );
    }
  }

  async queryItems(tenantId: string, q: ItemQuery): Promise<Item[]> {
    const { where, values, limit, order } = itemQuerySql(tenantId, q, () => '?');
    const rows = this.stmt(`SELECT * FROM items WHERE ${where} ORDER BY ${order}${limit}`).all(...values) as Row[];
    return rows.map(itemFromRow);
  }

  async tenants(): Promise<string[]> {
    const rows = this.stmt(
      'SELECT tenant_id FROM items UNION SELECT tenant_id FROM channel_bindings UNION SELECT tenant_id FROM users ORDER BY tenant_id',
    ).all() as Row[];
    return rows.map((r) => String(r.tenant_id));
  }

  async adoptTenant(from: string, to: string): Promise<number> {
    const tx = this.db.transaction((): number => {
      const moved = this.db.prepare('UPDATE items SET tenant_id = ? WHERE tenant_id = ?').run(to, from).changes;
      this.db.prepare('UPDATE history SET tenant_id = ? WHERE tenant_id = ?').run(to, from);
      this.db.prepare('UPDATE OR IGNORE idempotency SET tenant_id = ? WHERE tenant_id = ?').run(to, from);
      this.db.prepare('UPDATE outbox SET tenant_id = ? WHERE tenant_id = ?').run(to, from);
      return moved;
    });
    return tx.immediate();
  }

  async history(tenantId: string, itemId: string): Promise<HistoryEntry[]> {
    const rows = this.stmt('SELECT * FROM history WHERE tenant_id = ? AND item_id = ? ORDER BY seq').all(tenantId, itemId) as Row[];
    return rows.map(historyFromRow);
  }

  async historyOf(tenantId: string, itemIds: readonly string[]): Promise<Map<string, HistoryEntry[]>> {
    // The ids as one JSON parameter: one cached statement for any number of them, no variable limit.
    const rows = this.stmt('SELECT * FROM history WHERE tenant_id = ? AND item_id IN (SELECT value FROM json_each(?)) ORDER BY seq').all(
      tenantId,
      JSON.stringify(itemIds),
    ) as Row[];
    return historyByItem(itemIds, rows.map(historyFromRow));
  }

  async setCardRef(tenantId: string, itemId: string, ref: { conversationId: string; activityId: string }): Promise<void> {
    this.stmt('UPDATE items SET card_conversation_id = ?, card_activity_id = ? WHERE tenant_id = ? AND id = ?').run(
      ref.conversationId,
      ref.activityId,
      tenantId,
      itemId,
    );
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
        ? this.stmt('UPDATE items SET data = ? WHERE tenant_id = ? AND id = ? AND version = ?').run(
            JSON.stringify(data),
            tenantId,
            itemId,
            expectedVersion,
          )
        : this.stmt('UPDATE items SET data = ?, subject = ? WHERE tenant_id = ? AND id = ? AND version = ?').run(
            JSON.stringify(data),
            subject,
            tenantId,
            itemId,
            expectedVersion,
          );
    return res.changes > 0;
  }

  async getBinding(tenantId: string): Promise<ChannelBinding | null> {
    const r = this.stmt('SELECT * FROM channel_bindings WHERE tenant_id = ?').get(tenantId) as Row | undefined;
    return r ? bindingFromRow(r) : null;
  }

  async saveBinding(b: ChannelBinding): Promise<ChannelBinding | null> {
    const tx = this.db.transaction((): ChannelBinding | null => {
      const prev = this.stmt('SELECT * FROM channel_bindings WHERE tenant_id = ?').get(b.tenantId) as Row | undefined;
      this.stmt(
        `INSERT INTO channel_bindings (tenant_id, team_id, team_name, channel_id, channel_name, conversation_ref, bound_by_json, bound_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id) DO UPDATE SET team_id = excluded.team_id, team_name = excluded.team_name,
          channel_id = excluded.channel_id, channel_name = excluded.channel_name, conversation_ref = excluded.conversation_ref,
          bound_by_json = excluded.bound_by_json, bound_at = excluded.bound_at`,
      ).run(
        b.tenantId,
        b.teamId,
        b.teamName,
        b.channelId,
        b.channelName,
        JSON.stringify(b.conversationRef),
        JSON.stringify(b.boundBy),
        b.boundAt.getTime(),
      );
      return prev ? bindingFromRow(prev) : null;
    });
    return tx.immediate();
  }

  async getUser(tenantId: string, userId: string): Promise<UserRecord | null> {
    const r = this.stmt('SELECT * FROM users WHERE tenant_id = ? AND (user_id = ? OR teams_id = ?) ORDER BY user_id = ? DESC LIMIT 1').get(
      tenantId,
      userId,
      userId,
      userId,
    ) as Row | undefined;
    return r ? userFromRow(r) : null;
  }

  async upsertUser(u: Omit<UserRecord, 'settings'> & { settings?: UserSettings }): Promise<UserRecord> {
    const row = this.stmt(
      `INSERT INTO users (tenant_id, user_id, teams_id, name, conversation_ref, settings) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (tenant_id, user_id) DO UPDATE SET
          teams_id = COALESCE(excluded.teams_id, users.teams_id),
          name = excluded.name,
          conversation_ref = COALESCE(excluded.conversation_ref, users.conversation_ref),
          settings = CASE WHEN ? THEN excluded.settings ELSE users.settings END
        RETURNING *`,
    ).get(
      u.tenantId,
      u.userId,
      u.teamsId ?? null,
      u.name,
      u.conversationRef ? JSON.stringify(u.conversationRef) : null,
      JSON.stringify(u.settings ?? {}),
      u.settings ? 1 : 0,
    ) as Row;
    return userFromRow(row);
  }

  async listUsers(tenantId: string): Promise<UserRecord[]> {
    return (this.stmt('SELECT * FROM users WHERE tenant_id = ? ORDER BY name, user_id').all(tenantId) as Row[]).map(userFromRow);
  }

  async enqueue(messages: OutboxMessage[], now: Date): Promise<void> {
    this.db.transaction(() => this.insertOutbox(messages, now)).immediate();
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
    const n = Math.max(0, Math.floor(limit));
    const tx = this.db.transaction((): OutboxMessage[] => {
      for (const id of delivered) this.stmt(COMPLETE).run(t, id);
      writeCardsSent(this.db, cardsSent);
      // The oldest due lane heads: from the window, or by walking the lanes (storage/outboxClaim.ts).
      let ids = (this.stmt(CLAIM_WINDOW_IDS).all({ 1: t, 2: OUTBOX_CLAIM_WINDOW, 3: n }) as { id: number }[]).map((r) => r.id);
      if (ids.length < n && this.stmt(PENDING_BEYOND_WINDOW).get({ 2: OUTBOX_CLAIM_WINDOW }))
        ids = (this.stmt(CLAIM_LANE_WALK_IDS).all({ 1: t, 3: n }) as { id: number }[]).map((r) => r.id);
      const lock = this.stmt('UPDATE outbox SET locked_until = ?, locked_by = ?, attempts = attempts + 1 WHERE id = ? RETURNING *');
      return ids.map((id) => outboxFromRow(lock.get(t + lockMs, worker, id) as Row));
    });
    return tx.immediate();
  }

  async completeOutbox(id: number, now: Date, cardSent?: CardSent): Promise<void> {
    if (!cardSent) {
      this.stmt(COMPLETE).run(now.getTime(), id);
      return;
    }
    this.db
      .transaction(() => {
        this.stmt(COMPLETE).run(now.getTime(), id);
        writeCardsSent(this.db, [cardSent]);
      })
      .immediate();
  }

  async retryOutbox(id: number, nextAttemptAt: Date, error: string): Promise<void> {
    this.stmt('UPDATE outbox SET next_attempt_at = ?, last_error = ?, locked_until = NULL WHERE id = ?').run(
      nextAttemptAt.getTime(),
      error,
      id,
    );
  }

  async failOutbox(id: number, error: string): Promise<void> {
    this.stmt("UPDATE outbox SET status = 'failed', last_error = ?, locked_until = NULL WHERE id = ?").run(error, id);
  }

  async outboxStats(): Promise<Record<OutboxStatus, number>> {
    const rows = this.stmt('SELECT status, COUNT(*) AS n FROM outbox GROUP BY status').all() as Row[];
    const stats: Record<OutboxStatus, number> = { pending: 0, done: 0, failed: 0 };
    for (const r of rows) stats[r.status as OutboxStatus] = Number(r.n);
    return stats;
  }

  async listOutbox(q: { status?: OutboxStatus; tenantId?: string; type?: string; limit?: number }): Promise<OutboxMessage[]> {
    const clauses: string[] = ['1 = 1'];
    const values: unknown[] = [];
    const where = (clause: string, value: unknown) => {
      clauses.push(clause);
      values.push(value);
    };
    if (q.status) where('status = ?', q.status);
    if (q.tenantId) where('tenant_id = ?', q.tenantId);
    if (q.type) where('type = ?', q.type);
    const rows = this.stmt(`SELECT * FROM outbox WHERE ${clauses.join(' AND ')} ORDER BY id LIMIT ?`).all(
      ...values,
      q.limit ?? 1000,
    ) as Row[];
    return rows.map(outboxFromRow);
  }

  async claimOnce(tenantId: string, key: string, now: Date): Promise<boolean> {
    const res = this.stmt('INSERT INTO once_claims (tenant_id, key, claimed_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(
      tenantId,
      key,
      now.getTime(),
    );
    return res.changes === 1;
  }

  async hasClaim(tenantId: string, key: string): Promise<boolean> {
    return this.stmt('SELECT 1 FROM once_claims WHERE tenant_id = ? AND key = ?').get(tenantId, key) !== undefined;
  }

  async enqueueOnce(tenantId: string, claimKey: string, messages: OutboxMessage[], now: Date): Promise<boolean> {
    const tx = this.db.transaction((): boolean => {
      const res = this.stmt('INSERT INTO once_claims (tenant_id, key, claimed_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(
        tenantId,
        claimKey,
        now.getTime(),
      );
      if (res.changes === 0) return false; // nothing written: committing the empty transaction is harmless
      this.insertOutbox(messages, now); // a throw here rolls the claim back
      return true;
    });
    return tx.immediate();
  }

  async getIdempotent(tenantId: string, key: string): Promise<{ requestHash: string; itemId: string } | null> {
    const r = this.stmt('SELECT request_hash, item_id FROM idempotency WHERE tenant_id = ? AND key = ?').get(tenantId, key) as
      Row | undefined;
    return r ? { requestHash: String(r.request_hash), itemId: String(r.item_id) } : null;
  }

  async putIdempotent(tenantId: string, key: string, requestHash: string, itemId: string, now: Date): Promise<boolean> {
    const res = this.stmt(
      'INSERT INTO idempotency (tenant_id, key, request_hash, item_id, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    ).run(tenantId, key, requestHash, itemId, now.getTime());
    return res.changes === 1;
  }

  async recordDeliveryProblem(p: { tenantId: string; target: string; code: string; detail: string }, now: Date): Promise<DeliveryProblem> {
    const row = this.stmt(
      `INSERT INTO delivery_problems (tenant_id, target, code, detail, first_at, last_at, failures, resolved_at)
        VALUES (?, ?, ?, ?, ?, ?, 1, NULL)
        ON CONFLICT (tenant_id, target) DO UPDATE SET code = excluded.code, detail = excluded.detail, last_at = excluded.last_at,
          first_at = CASE WHEN delivery_problems.resolved_at IS NULL THEN delivery_problems.first_at ELSE excluded.first_at END,
          failures = CASE WHEN delivery_problems.resolved_at IS NULL THEN delivery_problems.failures + 1 ELSE 1 END,
          resolved_at = NULL
        RETURNING *`,
    ).get(p.tenantId, p.target, p.code, p.detail, now.getTime(), now.getTime()) as Row;
    return problemFromRow(row);
  }

  async resolveDeliveryProblem(tenantId: string, target: string, now: Date): Promise<boolean> {
    const res = this.stmt('UPDATE delivery_problems SET resolved_at = ? WHERE tenant_id = ? AND target = ? AND resolved_at IS NULL').run(
      now.getTime(),
      tenantId,
      target,
    );
    return res.changes > 0;
  }

  async listDeliveryProblems(q: { tenantId?: string; open?: boolean } = {}): Promise<DeliveryProblem[]> {
    const clauses: string[] = ['1 = 1'];
    const values: unknown[] = [];
    if (q.tenantId) {
      clauses.push('tenant_id = ?');
      values.push(q.tenantId);
    }
    if (q.open === true) clauses.push('resolved_at IS NULL');
    if (q.open === false) clauses.push('resolved_at IS NOT NULL');
    const rows = this.stmt(`SELECT * FROM delivery_problems WHERE ${clauses.join(' AND ')} ORDER BY tenant_id, first_at, target`).all(
      ...values,
    ) as Row[];
    return rows.map(problemFromRow);
  }

  async eraseHistoryNotes(tenantId: string, itemId: string): Promise<number> {
    return this.stmt('UPDATE history SET note = NULL WHERE tenant_id = ? AND item_id = ? AND note IS NOT NULL').run(tenantId, itemId)
      .changes;
  }

  async purgeBefore(before: Date): Promise<{ outbox: number; idempotency: number }> {
    const t = before.getTime();
    return this.db
      .transaction(() => ({
        outbox: this.stmt("DELETE FROM outbox WHERE status IN ('done', 'failed') AND COALESCE(done_at, created_at) < ?").run(t).changes,
        idempotency: this.stmt('DELETE FROM idempotency WHERE created_at < ?').run(t).changes,
      }))
      .immediate();
  }
}
