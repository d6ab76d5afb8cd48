// Migration 4 on SQLite and PostgreSQL: the klantbeeld labels stored by the first version
// ("senior", "nietDigitaal", "afhankelijk", "persoonlijk") become the wording for the customer;
// free text that happens to contain such a pair is left alone; the customer tables exist after it.
import { expect } from 'chai';
import { Pool } from 'pg';
import { SqliteRepository } from '../../src/storage/sqlite';
import { PostgresRepository } from '../../src/storage/postgres';
import type { Repository } from '../../src/storage/repository';
import type { Item } from '../../src/domain/types';
import { tempSqliteUrl } from '../harness/bot';

const PG_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = `tc_custmig_${Date.now().toString(36)}_${process.pid}`;
const AT = new Date('2026-11-26T09:00:00Z');
const TRICKY = 'Klant schreef letterlijk "digital":"digitaal" in het webformulier';

function oldItem(id: string): Item {
  return {
    tenantId: 't',
    id,
    kind: 'callback',
    status: 'open',
    subject: 'Lekkage',
    owner: null,
    createdBy: { id: 'u', name: 'U' },
    createdAt: AT,
    updatedAt: AT,
    deadline: AT,
    closedAt: null,
    source: 'teams',
    version: 1,
    card: null,
    data: {
      customerName: 'Mevrouw Oud',
      phone: '+31612345678',
      details: TRICKY,
      preferredChannel: 'persoonlijk',
      profile: { ageGroup: 'senior', digital: 'nietDigitaal', attitude: 'afhankelijk' },
    },
  };
}

const UNDO_4 = [
  'DELETE FROM schema_migrations WHERE version = 4',
  'DROP TABLE customer_lookups',
  'DROP TABLE customer_keys',
  'DROP TABLE customers',
];

describe('migration 4: klantbeeld labels renamed, customer tables', function () {
  this.timeout(30_000);

  async function check(repo: Repository, undo: (sql: string) => Promise<void>) {
    await repo.migrate();
    expect(await repo.commit({ item: oldItem('TB-1'), expectedVersion: null, history: [], outbox: [] })).to.equal(true);
    // The database as the first version left it: data with the old labels, no version 4 yet.
    for (const sql of UNDO_4) await undo(sql);
    await repo.migrate();
    const item = (await repo.getItem('t', 'TB-1'))!;
    expect(item.data.profile).to.deep.equal({ ageGroup: '55-of-ouder', digital: 'liever-persoonlijk', attitude: 'hulp-bij-regelen' });
    expect(item.data.preferredChannel).to.equal('balie');
    expect(item.data.details).to.equal(TRICKY);
    await undo('SELECT COUNT(*) FROM customers');
  }

  it('SQLite', async () => {
    const repo = new SqliteRepository(tempSqliteUrl('custmig').slice('sqlite:'.length));
    try {
      await check(repo, async (sql) => void repo.database.exec(sql));
    } finally {
      await repo.close();
    }
  });

  it('PostgreSQL', async function () {
    const probe = new PostgresRepository(PG_URL);
    const ok = await probe.ping();
    await probe.close();
    if (!ok) {
      if (process.env.TEST_DATABASE_URL) throw new Error('PostgreSQL at TEST_DATABASE_URL is not reachable');
      this.skip();
    }
    const admin = new Pool({ connectionString: PG_URL, max: 1 });
    const repo = new PostgresRepository(PG_URL, { schema: SCHEMA });
    try {
      await check(repo, async (sql) => void (await admin.query(`SET search_path TO "${SCHEMA}"; ${sql}`)));
    } finally {
      await repo.close();
      await admin.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
      await admin.end();
    }
  });
});
