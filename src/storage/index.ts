// Picks the adapter from DATABASE_URL: unset → ./data/topcontact.db, sqlite:<path>, postgres://…
import type { Repository } from './repository';
import { SqliteRepository } from './sqlite';
import { PostgresRepository } from './postgres';

export function defaultDatabaseUrl(): string {
  return 'sqlite:./data/topcontact.db';
}

export async function openRepository(databaseUrl: string | undefined): Promise<Repository> {
  const url = databaseUrl || defaultDatabaseUrl();
  let repo: Repository;
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    repo = new PostgresRepository(url);
  } else if (url.startsWith('sqlite:')) {
    repo = new SqliteRepository(url.slice('sqlite:'.length) || './data/topcontact.db');
  } else {
    throw new Error(`DATABASE_URL: expected sqlite:<path> or postgres://…, got "${url.split(':')[0]}:…"`);
  }
  await repo.migrate();
  return repo;
}
