// Picks the adapter from DATABASE_URL: unset → ./data/topcontact.db, sqlite:<path>, postgres://…
// A PostgreSQL URL may name the schema for all tables: postgres://…/db?schema=topcontact
// (created when missing; several deployments or test runs can share one database that way).
import type { Repository } from './repository';
import { SqliteRepository } from './sqlite';
import type { PostgresRepository } from './postgres';
import type { CustomerStore } from './customerStore';
import { SqliteCustomerStore } from './customersSqlite';

// The PostgreSQL adapter (and the pg driver) is loaded only when a PostgreSQL URL is used: a
// start on SQLite does not need it.
/* eslint-disable @typescript-eslint/no-require-imports */
const postgres = () => require('./postgres') as typeof import('./postgres');
const customersPostgres = () => require('./customersPostgres') as typeof import('./customersPostgres');
/* eslint-enable @typescript-eslint/no-require-imports */

export function defaultDatabaseUrl(): string {
  return 'sqlite:./data/topcontact.db';
}

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** Splits `?schema=` off a PostgreSQL URL (pg itself does not know that parameter). */
export function parsePostgresUrl(url: string): { connectionString: string; schema?: string } {
  const u = new URL(url);
  const schema = u.searchParams.get('schema') ?? undefined;
  if (schema === undefined) return { connectionString: url };
  if (!SCHEMA_NAME.test(schema))
    throw new Error(`DATABASE_URL: schema must be letters, digits and _ (at most 63), got "${schema.slice(0, 70)}"`);
  u.searchParams.delete('schema');
  return { connectionString: u.toString(), schema };
}

export async function openRepository(databaseUrl: string | undefined, opts: { poolSize?: number } = {}): Promise<Repository> {
  const url = databaseUrl || defaultDatabaseUrl();
  let repo: Repository;
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const { connectionString, schema } = parsePostgresUrl(url);
    repo = new (postgres().PostgresRepository)(connectionString, { schema, poolSize: opts.poolSize });
  } else if (url.startsWith('sqlite:')) {
    repo = new SqliteRepository(url.slice('sqlite:'.length) || './data/topcontact.db');
  } else {
    throw new Error(`DATABASE_URL: expected sqlite:<path> or postgres://…, got "${url.split(':')[0]}:…"`);
  }
  await repo.migrate();
  return repo;
}

/** The customer records in the same database as the repository. */
export function customerStoreFor(repo: Repository): CustomerStore {
  if (repo instanceof SqliteRepository) return new SqliteCustomerStore(repo.database);
  // kind first, so that a start on SQLite never loads the PostgreSQL adapter.
  if (repo.kind === 'postgres' && repo instanceof postgres().PostgresRepository) {
    const pg: PostgresRepository = repo;
    return new (customersPostgres().PostgresCustomerStore)(
      (fn) => pg.transaction(fn),
      (fn) => pg.withConnection(fn),
    );
  }
  throw new Error(`no customer store for a ${repo.kind} repository`);
}
