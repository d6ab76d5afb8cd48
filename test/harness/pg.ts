/**
 * PostgreSQL for tests: TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), a
 * fresh schema per use (DATABASE_URL …?schema=<name>), dropped afterwards. When the default server
 * is not reachable the caller skips; with TEST_DATABASE_URL set it fails instead.
 */
import { Pool } from 'pg';
import { PostgresRepository } from '../../src/storage/postgres';

export const PG_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
let n = 0;

export function freshSchema(prefix = 'tc_rel'): string {
  return `${prefix}_${Date.now().toString(36)}_${process.pid}_${++n}`;
}

export function pgUrlWithSchema(schema: string): string {
  const u = new URL(PG_URL);
  u.searchParams.set('schema', schema);
  return u.toString();
}

/** true when reachable; throws when TEST_DATABASE_URL is set but unreachable. */
export async function pgAvailable(): Promise<boolean> {
  const probe = new PostgresRepository(PG_URL);
  const ok = await probe.ping();
  await probe.close();
  if (!ok && process.env.TEST_DATABASE_URL) throw new Error('PostgreSQL at TEST_DATABASE_URL is not reachable');
  return ok;
}

export async function dropSchema(schema: string): Promise<void> {
  const admin = new Pool({ connectionString: PG_URL, max: 1 });
  try {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema.replaceAll('"', '""')}" CASCADE`);
  } finally {
    await admin.end();
  }
}
