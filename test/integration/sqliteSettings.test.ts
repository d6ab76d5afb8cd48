// The SQLite connection's settings that the bot's behaviour and memory rest on: write-ahead log
// (a second process may read while the bot writes), NORMAL sync (durable at checkpoints), foreign
// keys, and SQLite's own 2 MB page cache instead of better-sqlite3's built-in 16 MB (with 10,000
// items that cache held 15 MB of resident memory: docs/performance.md, 5 December).
import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { SQLITE_CACHE_KIB, SqliteRepository } from '../../src/storage/sqlite';

describe('SQLite connection settings', () => {
  let dir: string;
  let repo: SqliteRepository;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-sqlite-settings-'));
    repo = new SqliteRepository(path.join(dir, 'store.db'));
  });
  after(async () => {
    await repo.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('write-ahead log, NORMAL sync, foreign keys, and a 2 MB page cache', () => {
    // The connection is the repository's own; read its settings as SQLite reports them.
    const db = (repo as unknown as { db: Database.Database }).db;
    const setting = (name: string) => db.pragma(name, { simple: true }) as unknown;
    expect(setting('journal_mode')).to.equal('wal');
    expect(setting('synchronous')).to.equal(1);
    expect(setting('foreign_keys')).to.equal(1);
    expect(SQLITE_CACHE_KIB).to.equal(2000);
    expect(setting('cache_size')).to.equal(-SQLITE_CACHE_KIB);
    // better-sqlite3's build default, which this replaces: a new connection without the setting.
    const Db = (db as unknown as { constructor: typeof Database }).constructor;
    const plain = new Db(':memory:');
    expect(plain.pragma('cache_size', { simple: true })).to.equal(-16000);
    plain.close();
  });
});
