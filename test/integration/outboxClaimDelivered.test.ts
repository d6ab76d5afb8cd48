// The outbox claim that also marks the messages delivered since the previous claim done
// (Repository.claimOutbox's `delivered`; on PostgreSQL in the claim's own statement, which does not
// see its own update): the delivered ones are done, their lanes' next messages are claimed in the
// same call, and a message is never both marked done and claimed. On PostgreSQL each claimed
// message comes with its item. Both stores, through the Repository interface.
import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Item } from '../../src/domain/types';
import { PostgresRepository } from '../../src/storage/postgres';
import type { OutboxMessage, Repository } from '../../src/storage/repository';
import { SqliteRepository } from '../../src/storage/sqlite';
import { freshSchema, PG_URL, requirePostgres } from '../harness/pg';
import { anna } from '../harness/roster';

const T0 = new Date('2026-11-26T09:00:00Z');
const LOCK = 60_000;
const person = { id: anna.aadObjectId, name: anna.name };

const msg = (key: string, lane: string, payload: Record<string, unknown> = {}): OutboxMessage => ({
  tenantId: 't1',
  key,
  type: 'updateCard',
  lane,
  payload,
});

function item(id: string): Item {
  return {
    tenantId: 't1',
    id,
    kind: 'callback',
    status: 'open',
    subject: `Onderwerp ${id}`,
    owner: null,
    createdBy: person,
    createdAt: T0,
    updatedAt: T0,
    deadline: null,
    closedAt: null,
    source: 'test',
    version: 1,
    data: { topic: 'x' },
    card: null,
  };
}

for (const store of ['sqlite', 'postgres'] as const) {
  describe(`outbox claim with the delivered messages marked done (${store})`, function () {
    let repo: Repository;
    let schema = '';

    beforeEach(async function () {
      if (store === 'postgres') {
        await requirePostgres(this, 'the PostgreSQL outbox claim');
        schema = freshSchema('tc_claimdone');
        repo = new PostgresRepository(PG_URL, { schema });
      } else {
        repo = new SqliteRepository(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tc-claimdone-')), 'store.db'));
      }
      await repo.migrate();
    });
    afterEach(async () => {
      if (store === 'postgres' && repo) {
        await (repo as PostgresRepository).withConnection((c) => c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
      }
      await repo?.close();
    });

    it('marks the delivered done and claims their lanes’ next messages in the same call', async () => {
      await repo.enqueue([msg('a1', 'A'), msg('a2', 'A'), msg('b1', 'B'), msg('b2', 'B'), msg('c1', 'C')], T0);
      const first = await repo.claimOutbox(T0, 10, LOCK, 'w1');
      expect(first.map((m) => m.key)).to.deep.equal(['a1', 'b1', 'c1']);
      const [a1, b1, c1] = first as [OutboxMessage, OutboxMessage, OutboxMessage];

      // a1 and c1 were delivered; b1 is still being sent (its lane waits).
      const next = await repo.claimOutbox(T0, 10, LOCK, 'w1', [a1.id!, c1.id!]);
      expect(next.map((m) => m.key)).to.deep.equal(['a2']);
      const status = Object.fromEntries((await repo.listOutbox({})).map((m) => [m.key, m.status]));
      expect(status).to.deep.equal({ a1: 'done', a2: 'pending', b1: 'pending', b2: 'pending', c1: 'done' });

      // b1 delivered now: b2 is its lane's head in the same call.
      const then = await repo.claimOutbox(T0, 10, LOCK, 'w1', [b1.id!]);
      expect(then.map((m) => m.key)).to.deep.equal(['b2']);
      // Nothing left to claim: the completions are still written.
      expect(await repo.claimOutbox(T0, 10, LOCK, 'w1', [next[0]!.id!, then[0]!.id!])).to.deep.equal([]);
      expect(await repo.outboxStats()).to.deep.equal({ pending: 0, done: 5, failed: 0 });
    });

    it(
      store === 'postgres'
        ? 'each claimed message comes with its item as the claim read it (none for a payload without one)'
        : 'claimed messages come without an item (a read here costs no round trip)',
      async () => {
        const change = { ...item('TB-1'), version: 2, status: 'claimed', owner: person };
        expect(await repo.commit({ item: item('TB-1'), expectedVersion: null, history: [], outbox: [] })).to.equal(true);
        expect(
          await repo.commit({ item: change, expectedVersion: 1, history: [], outbox: [msg('u1', 'card:1', { itemId: 'TB-1' })] }),
        ).to.equal(true);
        await repo.enqueue([msg('u2', 'card:2', { itemId: 'TB-404' }), msg('n1', 'user:x', { text: 'over TB-1' })], T0);
        const claimed = await repo.claimOutbox(T0, 10, LOCK, 'w1');
        expect(claimed.map((m) => m.key)).to.deep.equal(['u1', 'u2', 'n1']);
        if (store === 'sqlite') {
          for (const m of claimed) expect(m).to.not.have.property('item');
          return;
        }
        expect(claimed[0]!.item).to.deep.equal(await repo.getItem('t1', 'TB-1'));
        expect(claimed[0]!.item).to.include({ version: 2, status: 'claimed' });
        expect(claimed[1]).to.not.have.property('item');
        expect(claimed[2]).to.not.have.property('item');
      },
    );
  });
}
