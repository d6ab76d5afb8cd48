/**
 * PostgreSQL for tests: TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), a
 * fresh schema per use (DATABASE_URL …?schema=<name>), dropped afterwards. When the default server
 * is not reachable the caller skips; with TEST_DATABASE_URL set (as `.ci/run` does) it FAILS instead,
 * so a CI run never reports PostgreSQL tests as skipped because a probe was slow.
 */
import { Pool } from 'pg';

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

/** Tries a few times with a generous connect timeout: a loaded machine must not look like "no server". */
async function probe(): Promise<string | undefined> {
  let last = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const pool = new Pool({ connectionString: PG_URL, max: 1, connectionTimeoutMillis: 10_000 });
    try {
      await pool.query('SELECT 1');
      return undefined;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    } finally {
      await pool.end().catch(() => undefined);
    }
  }
  return last || 'no answer';
}

let cached: Promise<string | undefined> | undefined;

/** true when reachable; throws when TEST_DATABASE_URL is set but unreachable. */
export async function pgAvailable(): Promise<boolean> {
  const problem = await (cached ??= probe());
  if (problem === undefined) return true;
  if (process.env.TEST_DATABASE_URL) throw new Error(`PostgreSQL at TEST_DATABASE_URL is not reachable: ${problem}`);
  return false;
}

/**
 * For a `before` hook: skips the suite when the default server is absent (a laptop without
 * PostgreSQL), fails it when TEST_DATABASE_URL names a server that does not answer.
 */
export async function requirePostgres(ctx: Mocha.Context, what = 'PostgreSQL tests'): Promise<void> {
  if (await pgAvailable()) return;
  console.warn(`    (PostgreSQL not reachable at ${PG_URL}: ${what} skipped; set TEST_DATABASE_URL to make this a failure)`);
  ctx.skip();
}

export async function dropSchema(schema: string): Promise<void> {
  const admin = new Pool({ connectionString: PG_URL, max: 1 });
  try {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema.replaceAll('"', '""')}" CASCADE`);
  } finally {
    await admin.end();
  }
}
