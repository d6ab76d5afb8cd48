// Small records that are not items (no life cycle, no card): contact logs of customers helped at
// first contact (`geholpen`) and experiences shared with the team (`ervaring`). One table for both
// (migration 5), one small store per adapter; the Repository hands it out as `repo.records`.
import type Database from 'better-sqlite3';
import type { Person } from '../domain/types';

export type RecordKind = 'contact' | 'experience';

export interface StoredRecord {
  tenantId: string;
  kind: RecordKind;
  /** Short id: GH-1001 (contact log), ER-1001 (experience). */
  id: string;
  at: Date;
  by: Person;
  /** Normalised phone (E.164) or lower-cased e-mail of the customer; null when not linked. */
  customerKey: string | null;
  /** The customer record (KL-12) the log is linked to; null when not linked or logged before migration 7. */
  customerId?: string | null;
  data: Record<string, unknown>;
}

export interface RecordStore {
  /**
   * Stores a record. `formKey` makes a double submit of one form store one record: false (nothing
   * written) when a record with that key exists.
   */
  add(r: StoredRecord, formKey?: string): Promise<boolean>;
  /** Records of a kind with from <= at < to, oldest first. */
  list(tenantId: string, kind: RecordKind, from: Date, to: Date): Promise<StoredRecord[]>;
  /** Records linked to a customer (inzage): by the record ids, or by key (logs from before migration 7). */
  forCustomer(tenantId: string, who: CustomerRef | string): Promise<StoredRecord[]>;
  /** Removes the link to a customer, key and record id (vergeet, retention); the figures stay. Returns rows changed. */
  unlinkCustomer(tenantId: string, q: { who?: CustomerRef; customerKey?: string; before?: Date }): Promise<number>;
}

/** One customer as the records know them: contact keys and customer record ids (either may be empty). */
export interface CustomerRef {
  keys: string[];
  ids: string[];
}

/** `(customer_key IN (…) OR customer_id IN (…))` with its values; placeholders by `ph(n)` (1-based). */
function whoClause(ref: CustomerRef | string, first: number, ph: (n: number) => string): { sql: string; values: string[] } {
  const who = typeof ref === 'string' ? { keys: [ref], ids: [] } : ref;
  const values = [...who.keys, ...who.ids];
  const list = (from: number, n: number) => Array.from({ length: n }, (_, i) => ph(first + from + i)).join(', ');
  const parts = [
    ...(who.keys.length ? [`customer_key IN (${list(0, who.keys.length)})`] : []),
    ...(who.ids.length ? [`customer_id IN (${list(who.keys.length, who.ids.length)})`] : []),
  ];
  return { sql: parts.length ? `(${parts.join(' OR ')})` : 'FALSE', values };
}

type Row = Record<string, unknown>;

function fromRow(r: Row): StoredRecord {
  return {
    tenantId: String(r.tenant_id),
    kind: r.kind as RecordKind,
    id: String(r.id),
    at: new Date(Number(r.at)),
    by: JSON.parse(String(r.by_json)) as Person,
    customerKey: r.customer_key === null || r.customer_key === undefined ? null : String(r.customer_key),
    customerId: r.customer_id === null || r.customer_id === undefined ? null : String(r.customer_id),
    data: JSON.parse(String(r.data)) as Record<string, unknown>,
  };
}

const values = (r: StoredRecord, formKey?: string) => [
  r.tenantId,
  r.kind,
  r.id,
  r.at.getTime(),
  JSON.stringify(r.by),
  r.customerKey,
  JSON.stringify(r.data),
  formKey ?? null,
  r.customerId ?? null,
];

export class SqliteRecords implements RecordStore {
  constructor(private readonly db: Database.Database) {}

  async add(r: StoredRecord, formKey?: string): Promise<boolean> {
    const res = this.db
      .prepare(
        `INSERT INTO records (tenant_id, kind, id, at, by_json, customer_key, data, form_key, customer_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      )
      .run(...values(r, formKey));
    return res.changes === 1;
  }

  async list(tenantId: string, kind: RecordKind, from: Date, to: Date): Promise<StoredRecord[]> {
    return (
      this.db
        .prepare('SELECT * FROM records WHERE tenant_id = ? AND kind = ? AND at >= ? AND at < ? ORDER BY at, id')
        .all(tenantId, kind, from.getTime(), to.getTime()) as Row[]
    ).map(fromRow);
  }

  async forCustomer(tenantId: string, who: CustomerRef | string): Promise<StoredRecord[]> {
    const w = whoClause(who, 2, () => '?');
    return (
      this.db.prepare(`SELECT * FROM records WHERE tenant_id = ? AND ${w.sql} ORDER BY at, id`).all(tenantId, ...w.values) as Row[]
    ).map(fromRow);
  }

  async unlinkCustomer(tenantId: string, q: { who?: CustomerRef; customerKey?: string; before?: Date }): Promise<number> {
    const who = q.who ?? q.customerKey;
    const w = who ? whoClause(who, 2, () => '?') : { sql: 'TRUE', values: [] };
    return this.db
      .prepare(
        `UPDATE records SET customer_key = NULL, customer_id = NULL WHERE tenant_id = ?
      AND (customer_key IS NOT NULL OR customer_id IS NOT NULL) AND ${w.sql} AND (? IS NULL OR at < ?)`,
      )
      .run(tenantId, ...w.values, q.before?.getTime() ?? null, q.before?.getTime() ?? null).changes;
  }
}

export type PgQuery = (sql: string, values?: unknown[]) => Promise<{ rows: Row[]; rowCount: number }>;

export class PostgresRecords implements RecordStore {
  constructor(private readonly query: PgQuery) {}

  async add(r: StoredRecord, formKey?: string): Promise<boolean> {
    const res = await this.query(
      `INSERT INTO records (tenant_id, kind, id, at, by_json, customer_key, data, form_key, customer_id)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
      values(r, formKey),
    );
    return res.rowCount === 1;
  }

  async list(tenantId: string, kind: RecordKind, from: Date, to: Date): Promise<StoredRecord[]> {
    return (
      await this.query('SELECT * FROM records WHERE tenant_id = $1 AND kind = $2 AND at >= $3 AND at < $4 ORDER BY at, id', [
        tenantId,
        kind,
        from.getTime(),
        to.getTime(),
      ])
    ).rows.map(fromRow);
  }

  async forCustomer(tenantId: string, who: CustomerRef | string): Promise<StoredRecord[]> {
    const w = whoClause(who, 2, (n) => `$${n}`);
    return (await this.query(`SELECT * FROM records WHERE tenant_id = $1 AND ${w.sql} ORDER BY at, id`, [tenantId, ...w.values])).rows.map(
      fromRow,
    );
  }

  async unlinkCustomer(tenantId: string, q: { who?: CustomerRef; customerKey?: string; before?: Date }): Promise<number> {
    const who = q.who ?? q.customerKey;
    const w = who ? whoClause(who, 2, (n) => `$${n}`) : { sql: 'TRUE', values: [] as string[] };
    const at = w.values.length + 2;
    return (
      await this.query(
        `UPDATE records SET customer_key = NULL, customer_id = NULL WHERE tenant_id = $1
      AND (customer_key IS NOT NULL OR customer_id IS NOT NULL) AND ${w.sql} AND ($${at}::bigint IS NULL OR at < $${at})`,
        [tenantId, ...w.values, q.before?.getTime() ?? null],
      )
    ).rowCount;
  }
}
