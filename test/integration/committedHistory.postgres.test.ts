// PostgreSQL's commit returns the item's whole history after it, and the views rendered right after
// the commit take it from there (history(…, version)) instead of reading it again: the same entries,
// in the same order, as a read of the table; handed out once, only for that version, and not after
// a privacy erase of the notes.
import { expect } from 'chai';
import type { HistoryEntry, Item } from '../../src/domain/types';
import { PostgresRepository } from '../../src/storage/postgres';
import { freshSchema, PG_URL, requirePostgres } from '../harness/pg';
import { anna, bram } from '../harness/roster';

const T0 = new Date('2026-11-26T09:00:00Z');
const at = (min: number) => new Date(T0.getTime() + min * 60_000);
const who = (u: typeof anna) => ({ id: u.aadObjectId, name: u.name });

const item = (version: number, status: string): Item => ({
  tenantId: 't1',
  id: 'TB-1',
  kind: 'callback',
  status,
  subject: 'Lekkage',
  owner: status === 'open' ? null : who(bram),
  createdBy: who(anna),
  createdAt: T0,
  updatedAt: at(version),
  deadline: null,
  closedAt: null,
  source: 'test',
  version,
  data: { topic: 'Lekkage' },
  card: null,
});
const entry = (min: number, action: string, o: Partial<HistoryEntry> = {}): HistoryEntry => ({
  tenantId: 't1',
  itemId: 'TB-1',
  at: at(min),
  actor: who(min ? bram : anna),
  action,
  ...o,
});

describe('PostgreSQL: the history a commit returns serves the views right after it', function () {
  let repo: PostgresRepository;
  let schema = '';
  let queries = 0;

  before(async function () {
    await requirePostgres(this, 'the committed history');
    schema = freshSchema('tc_history');
    repo = new PostgresRepository(PG_URL, { schema });
    await repo.migrate();
    const query = (repo as unknown as { query: (...a: unknown[]) => Promise<unknown> }).query.bind(repo);
    (repo as unknown as { query: (...a: unknown[]) => Promise<unknown> }).query = (...a) => (queries++, query(...a));
  });
  after(async () => {
    if (!repo) return;
    await repo.withConnection((c) => c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
    await repo.close();
  });

  it('equals a read of the table, is handed out once and only for its version; an erase of notes forgets it', async () => {
    expect(
      await repo.commit({
        item: item(1, 'open'),
        expectedVersion: null,
        history: [entry(0, 'created', { note: 'Klant belt terug' })],
        outbox: [],
      }),
    ).to.equal(true);
    expect(
      await repo.commit({
        item: item(2, 'claimed'),
        expectedVersion: 1,
        history: [entry(1, 'claimed', { details: { via: 'kaart' } }), entry(1, 'noted', { note: 'Tweede regel' })],
        outbox: [],
      }),
    ).to.equal(true);

    queries = 0;
    expect(await repo.history('t1', 'TB-1', 1), 'another version: read').to.have.length(3);
    expect(queries).to.equal(1);
    const kept = await repo.history('t1', 'TB-1', 2);
    expect(queries, 'its own version: no query').to.equal(1);
    expect(kept).to.deep.equal(await repo.history('t1', 'TB-1'));
    expect(kept.map((h) => h.action)).to.deep.equal(['created', 'claimed', 'noted']);
    expect(kept[1]!.details).to.deep.equal({ via: 'kaart' });
    queries = 0;
    await repo.history('t1', 'TB-1', 2);
    expect(queries, 'handed out once').to.equal(1);

    // A lost race keeps nothing.
    expect(await repo.commit({ item: item(3, 'done'), expectedVersion: 1, history: [entry(2, 'done')], outbox: [] })).to.equal(false);
    queries = 0;
    await repo.history('t1', 'TB-1', 3);
    expect(queries).to.equal(1);

    expect(await repo.commit({ item: item(3, 'done'), expectedVersion: 2, history: [entry(2, 'done')], outbox: [] })).to.equal(true);
    expect(await repo.eraseHistoryNotes('t1', 'TB-1')).to.equal(2);
    queries = 0;
    const erased = await repo.history('t1', 'TB-1', 3);
    expect(queries, 'after an erase: read').to.equal(1);
    expect(erased.map((h) => h.note)).to.deep.equal([undefined, undefined, undefined, undefined]);
  });
});
