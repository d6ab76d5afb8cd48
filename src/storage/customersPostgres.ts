// Customer records in PostgreSQL (see customerStore.ts); several instances share them: the unique
// contact key and the conditional UPDATE settle two writes at once.
import type { PoolClient } from 'pg';
import type { CustomerRecord } from '../domain/customers/record';
import type { Person } from '../domain/types';
import { lookupFromRow, recordData, recordFromRow, type CustomerLookup, type CustomerPage, type CustomerStore } from './customerStore';

type Row = Record<string, unknown>;
/** Runs fn in one transaction (PostgresRepository.transaction): commit on return, rollback on a throw. */
export type PgTransaction = <T>(fn: (c: PoolClient) => Promise<T>) => Promise<T>;
const TAKEN = Symbol('taken');

export class PostgresCustomerStore implements CustomerStore {
  /** `tx` for writes that must be atomic; `single` runs one statement on its own (a read: no BEGIN/COMMIT round trips). */
  constructor(
    private readonly tx: PgTransaction,
    private readonly single: PgTransaction = tx,
  ) {}

  private async rows(sql: string, values: unknown[]): Promise<Row[]> {
    return this.single(async (c) => (await c.query(sql, values)).rows as Row[]);
  }

  async byKey(tenantId: string, key: string): Promise<CustomerRecord | null> {
    const [r] = await this.rows(
      `SELECT c.* FROM customer_keys k JOIN customers c ON c.tenant_id = k.tenant_id AND c.id = k.customer_id
      WHERE k.tenant_id = $1 AND k.key = $2`,
      [tenantId, key],
    );
    return r ? recordFromRow(r) : null;
  }

  async get(tenantId: string, id: string): Promise<CustomerRecord | null> {
    const [r] = await this.rows('SELECT * FROM customers WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
    return r ? recordFromRow(r) : null;
  }

  async list(tenantId: string, page?: CustomerPage): Promise<CustomerRecord[]> {
    if (page) {
      const limit = Math.max(1, Math.floor(page.limit));
      return (
        await this.rows(`SELECT * FROM customers WHERE tenant_id = $1 AND id > $2 ORDER BY id LIMIT ${limit}`, [
          tenantId,
          page.afterId ?? '',
        ])
      ).map(recordFromRow);
    }
    return (await this.rows('SELECT * FROM customers WHERE tenant_id = $1 ORDER BY created_at, id', [tenantId])).map(recordFromRow);
  }

  async insert(r: CustomerRecord): Promise<boolean> {
    try {
      await this.tx(async (c) => {
        for (const k of r.contacts) {
          const res = await c.query('INSERT INTO customer_keys (tenant_id, key, customer_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
            r.tenantId,
            k.key,
            r.id,
          ]);
          if (res.rowCount === 0) throw TAKEN;
        }
        await c.query(
          'INSERT INTO customers (tenant_id, id, data, paused, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
          [r.tenantId, r.id, recordData(r), r.pause ? 1 : 0, r.version, r.createdAt.getTime(), r.updatedAt.getTime()],
        );
      });
      return true;
    } catch (err) {
      if (err === TAKEN) return false;
      throw err;
    }
  }

  async update(r: CustomerRecord, expectedVersion: number): Promise<boolean> {
    try {
      await this.tx(async (c) => {
        const res = await c.query(
          'UPDATE customers SET data = $1, paused = $2, version = $3, updated_at = $4 WHERE tenant_id = $5 AND id = $6 AND version = $7',
          [recordData(r), r.pause ? 1 : 0, r.version, r.updatedAt.getTime(), r.tenantId, r.id, expectedVersion],
        );
        if (res.rowCount === 0) throw TAKEN;
        for (const k of r.contacts) {
          await c.query('INSERT INTO customer_keys (tenant_id, key, customer_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
            r.tenantId,
            k.key,
            r.id,
          ]);
        }
      });
      return true;
    } catch (err) {
      if (err === TAKEN) return false;
      throw err;
    }
  }

  async remove(tenantId: string, id: string): Promise<void> {
    await this.tx(async (c) => {
      await c.query('DELETE FROM customer_lookups WHERE tenant_id = $1 AND customer_id = $2', [tenantId, id]);
      await c.query('DELETE FROM customer_keys WHERE tenant_id = $1 AND customer_id = $2', [tenantId, id]);
      await c.query('DELETE FROM customers WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
    });
  }

  async recordLookup(tenantId: string, customerId: string, by: Person, at: Date): Promise<void> {
    await this.rows('INSERT INTO customer_lookups (tenant_id, customer_id, at, by_json) VALUES ($1, $2, $3, $4)', [
      tenantId,
      customerId,
      at.getTime(),
      JSON.stringify({ id: by.id, name: by.name }),
    ]);
  }

  async lookups(tenantId: string, customerId: string): Promise<CustomerLookup[]> {
    return (
      await this.rows('SELECT * FROM customer_lookups WHERE tenant_id = $1 AND customer_id = $2 ORDER BY seq', [tenantId, customerId])
    ).map(lookupFromRow);
  }
}
