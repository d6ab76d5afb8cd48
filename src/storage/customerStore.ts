// Storage of customer records (one per contact point and tenant) and of who looked one up.
// Implementations: customersSqlite.ts and customersPostgres.ts (tables in migration 4).
import type { CustomerRecord } from '../domain/customers/record';
import type { Person } from '../domain/types';

export interface CustomerLookup {
  at: Date;
  by: Person;
}

/** One page of customer records in id order (keyset). */
export interface CustomerPage {
  afterId?: string;
  limit: number;
}

export interface CustomerStore {
  /** The record that holds this contact point key (E.164 number or lower-case e-mail). */
  byKey(tenantId: string, key: string): Promise<CustomerRecord | null>;
  get(tenantId: string, id: string): Promise<CustomerRecord | null>;
  /**
   * Every record of the tenant (name search), by creation time; with `page`: at most `limit`
   * records with an id after `afterId`, in id order (keyset paging: the retention job).
   */
  list(tenantId: string, page?: CustomerPage): Promise<CustomerRecord[]>;
  /** Inserts a new record with its contact keys; false (nothing written) when a key already belongs to a record. */
  insert(r: CustomerRecord): Promise<boolean>;
  /** Writes the record when its stored version is `expectedVersion` (r.version is the new one); adds new keys not yet taken. */
  update(r: CustomerRecord, expectedVersion: number): Promise<boolean>;
  /** Deletes the record, its keys and its lookups (vergeet, retention). */
  remove(tenantId: string, id: string): Promise<void>;
  recordLookup(tenantId: string, customerId: string, by: Person, at: Date): Promise<void>;
  lookups(tenantId: string, customerId: string): Promise<CustomerLookup[]>;
}

type Row = Record<string, unknown>;

/** Columns of `customers` → record (contacts, names, klantbeeld, links and pause are JSON in data). */
export function recordFromRow(r: Row): CustomerRecord {
  const data = JSON.parse(String(r.data)) as Omit<CustomerRecord, 'tenantId' | 'id' | 'version' | 'createdAt' | 'updatedAt'>;
  return {
    ...data,
    tenantId: String(r.tenant_id),
    id: String(r.id),
    version: Number(r.version),
    createdAt: new Date(Number(r.created_at)),
    updatedAt: new Date(Number(r.updated_at)),
  };
}

export function recordData(r: CustomerRecord): string {
  const { tenantId: _t, id: _i, version: _v, createdAt: _c, updatedAt: _u, ...data } = r;
  return JSON.stringify(data);
}

export function lookupFromRow(r: Row): CustomerLookup {
  return { at: new Date(Number(r.at)), by: JSON.parse(String(r.by_json)) as Person };
}
