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
  /** Records linked to a customer (inzage). */
  forCustomer(tenantId: string, customerKey: string): Promise<StoredRecord[]>;
  /** Removes the link to a customer (vergeet, retention); the figures stay. Returns rows changed. */
  unlinkCustomer(tenantId: string, q: { customerKey?: string; before?: Date }): Promise<number>;
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
    data: JSON.parse(String(r.data)) as Record<string, unknown>,
  };
}

const values = (r: StoredRecord, formKey?: string) =>
  [r.tenantId, r.kind, r.id, r.at.getTime(), JSON.stringify(r.by), r.customerKey, JSON.stringify(r.data), formKey ?? null];

export class SqliteRecords implements RecordStore {
  constructor(private readonly db: Database.Database) {}

  async add(r: StoredRecord, formKey?: string): Promise<boolean> {
    const res = this.db.prepare(`INSERT INTO records (tenant_id, kind, id, at, by_json, customer_key, data, form_key)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`).run(...values(r, formKey));
    return res.changes === 1;
  }

  async list(tenantId: string, kind: RecordKind, from: Date, to: Date): Promise<StoredRecord[]> {
    return (this.db.prepare('SELECT * FROM records WHERE tenant_id = ? AND kind = ? AND at >= ? AND at < ? ORDER BY at, id')
      .all(tenantId, kind, from.getTime(), to.getTime()) as Row[]).map(fromRow);
  }

  async forCustomer(tenantId: string, customerKey: string): Promise<StoredRecord[]> {
    return (this.db.prepare('SELECT * FROM records WHERE tenant_id = ? AND customer_key = ? ORDER BY at, id').all(tenantId, customerKey) as Row[]).map(fromRow);
  }

  async unlinkCustomer(tenantId: string, q: { customerKey?: string; before?: Date }): Promise<number> {
    return this.db.prepare(`UPDATE records SET customer_key = NULL WHERE tenant_id = ? AND customer_key IS NOT NULL
      AND (? IS NULL OR customer_key = ?) AND (? IS NULL OR at < ?)`)
      .run(tenantId, q.customerKey ?? null, q.customerKey ?? null, q.before?.getTime() ?? null, q.before?.getTime() ?? null).changes;
  }
}

export type PgQuery = (sql: string, values?: unknown[]) => Promise<{ rows: Row[]; rowCount: number }>;

export class PostgresRecords implements RecordStore {
  constructor(private readonly query: PgQuery) {}

  async add(r: StoredRecord, formKey?: string): Promise<boolean> {
    const res = await this.query(`INSERT INTO records (tenant_id, kind, id, at, by_json, customer_key, data, form_key)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`, values(r, formKey));
    return res.rowCount === 1;
  }

  async list(tenantId: string, kind: RecordKind, from: Date, to: Date): Promise<StoredRecord[]> {
    return (await this.query('SELECT * FROM records WHERE tenant_id = $1 AND kind = $2 AND at >= $3 AND at < $4 ORDER BY at, id',
      [tenantId, kind, from.getTime(), to.getTime()])).rows.map(fromRow);
  }

  async forCustomer(tenantId: string, customerKey: string): Promise<StoredRecord[]> {
    return (await this.query('SELECT * FROM records WHERE tenant_id = $1 AND customer_key = $2 ORDER BY at, id', [tenantId, customerKey])).rows.map(fromRow);
  }

  async unlinkCustomer(tenantId: string, q: { customerKey?: string; before?: Date }): Promise<number> {
    return (await this.query(`UPDATE records SET customer_key = NULL WHERE tenant_id = $1 AND customer_key IS NOT NULL
      AND ($2::text IS NULL OR customer_key = $2) AND ($3::bigint IS NULL OR at < $3)`,
    [tenantId, q.customerKey ?? null, q.before?.getTime() ?? null])).rowCount;
  }
}
