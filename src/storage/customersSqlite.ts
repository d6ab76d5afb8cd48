// Customer records in SQLite (see customerStore.ts). Each write is one short transaction.
import type Database from 'better-sqlite3';
import { statement } from './sqliteStatements';
import type { CustomerRecord } from '../domain/customers/record';
import type { Person } from '../domain/types';
import { lookupFromRow, recordData, recordFromRow, type CustomerLookup, type CustomerPage, type CustomerStore } from './customerStore';

type Row = Record<string, unknown>;
/** Thrown inside a transaction to roll it back. */
const TAKEN = Symbol('taken');

export class SqliteCustomerStore implements CustomerStore {
  constructor(private readonly db: Database.Database) {}

  async byKey(tenantId: string, key: string): Promise<CustomerRecord | null> {
    const r = statement(
      this.db,
      `SELECT c.* FROM customer_keys k JOIN customers c ON c.tenant_id = k.tenant_id AND c.id = k.customer_id
      WHERE k.tenant_id = ? AND k.key = ?`,
    ).get(tenantId, key) as Row | undefined;
    return r ? recordFromRow(r) : null;
  }

  async get(tenantId: string, id: string): Promise<CustomerRecord | null> {
    const r = statement(this.db, 'SELECT * FROM customers WHERE tenant_id = ? AND id = ?').get(tenantId, id) as Row | undefined;
    return r ? recordFromRow(r) : null;
  }

  async list(tenantId: string, page?: CustomerPage): Promise<CustomerRecord[]> {
    if (page) {
      const limit = Math.max(1, Math.floor(page.limit));
      return (
        statement(this.db, `SELECT * FROM customers WHERE tenant_id = ? AND id > ? ORDER BY id LIMIT ${limit}`).all(
          tenantId,
          page.afterId ?? '',
        ) as Row[]
      ).map(recordFromRow);
    }
    return (statement(this.db, 'SELECT * FROM customers WHERE tenant_id = ? ORDER BY created_at, id').all(tenantId) as Row[]).map(
      recordFromRow,
    );
  }

  async insert(r: CustomerRecord): Promise<boolean> {
    const tx = this.db.transaction(() => {
      const key = statement(this.db, 'INSERT INTO customer_keys (tenant_id, key, customer_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
      for (const c of r.contacts) if (key.run(r.tenantId, c.key, r.id).changes === 0) throw TAKEN;
      statement(
        this.db,
        'INSERT INTO customers (tenant_id, id, data, paused, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(r.tenantId, r.id, recordData(r), r.pause ? 1 : 0, r.version, r.createdAt.getTime(), r.updatedAt.getTime());
    });
    try {
      tx.immediate();
      return true;
    } catch (err) {
      if (err === TAKEN) return false;
      throw err;
    }
  }

  async update(r: CustomerRecord, expectedVersion: number): Promise<boolean> {
    return this.db
      .transaction((): boolean => {
        const res = statement(
          this.db,
          'UPDATE customers SET data = ?, paused = ?, version = ?, updated_at = ? WHERE tenant_id = ? AND id = ? AND version = ?',
        ).run(recordData(r), r.pause ? 1 : 0, r.version, r.updatedAt.getTime(), r.tenantId, r.id, expectedVersion);
        if (res.changes === 0) return false;
        const key = statement(this.db, 'INSERT INTO customer_keys (tenant_id, key, customer_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
        for (const c of r.contacts) key.run(r.tenantId, c.key, r.id);
        return true;
      })
      .immediate();
  }

  async remove(tenantId: string, id: string): Promise<void> {
    this.db
      .transaction(() => {
        statement(this.db, 'DELETE FROM customer_lookups WHERE tenant_id = ? AND customer_id = ?').run(tenantId, id);
        statement(this.db, 'DELETE FROM customer_keys WHERE tenant_id = ? AND customer_id = ?').run(tenantId, id);
        statement(this.db, 'DELETE FROM customers WHERE tenant_id = ? AND id = ?').run(tenantId, id);
      })
      .immediate();
  }

  async recordLookup(tenantId: string, customerId: string, by: Person, at: Date): Promise<void> {
    statement(this.db, 'INSERT INTO customer_lookups (tenant_id, customer_id, at, by_json) VALUES (?, ?, ?, ?)').run(
      tenantId,
      customerId,
      at.getTime(),
      JSON.stringify({ id: by.id, name: by.name }),
    );
  }

  async lookups(tenantId: string, customerId: string): Promise<CustomerLookup[]> {
    return (
      statement(this.db, 'SELECT * FROM customer_lookups WHERE tenant_id = ? AND customer_id = ? ORDER BY seq').all(
        tenantId,
        customerId,
      ) as Row[]
    ).map(lookupFromRow);
  }
}
