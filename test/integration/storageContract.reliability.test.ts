// Storage contract for what the reliability and privacy work added (migration 2), for SQLite and
// PostgreSQL alike: delivery problems, history notes erasure, purging old outbox and idempotency
// rows, closedBefore, and a commit never wiping a card reference set after its read.
import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Item } from '../../src/domain/types';
import { PostgresRepository } from '../../src/storage/postgres';
import type { Repository } from '../../src/storage/repository';
import { SqliteRepository } from '../../src/storage/sqlite';
import { dropSchema, freshSchema, PG_URL, requirePostgres } from '../harness/pg';

const T0 = new Date('2030-03-04T09:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const DAY = 86_400_000;

function item(id: string, o: Partial<Item> = {}): Item {
  return {
    tenantId: 't1',
    id,
    kind: 'callback',
    status: 'open',
    subject: `S ${id}`,
    owner: null,
    createdBy: { id: 'a', name: 'A' },
    createdAt: T0,
    updatedAt: T0,
    deadline: null,
    closedAt: null,
    source: 'teams',
    version: 1,
    data: { customerName: 'K' },
    card: null,
    ...o,
  };
}

function suite(name: string, make: () => Promise<Repository>, cleanup: () => Promise<void>): void {
  describe(`storage contract (reliability, privacy): ${name}`, () => {
    let repo: Repository;
    beforeEach(async () => {
      repo = await make();
      await repo.migrate();
    });
    afterEach(async () => repo.close());
    after(cleanup);

    it('records a delivery problem, counts repeats, resolves it, and re-opens it with a new firstAt', async () => {
      const p1 = await repo.recordDeliveryProblem(
        { tenantId: 't1', target: 'channel:c1', code: 'MessageWritesBlocked', detail: '403' },
        at(0),
      );
      expect(p1).to.deep.include({ tenantId: 't1', target: 'channel:c1', code: 'MessageWritesBlocked', failures: 1, resolvedAt: null });
      expect(p1.firstAt).to.deep.equal(at(0));
      const p2 = await repo.recordDeliveryProblem(
        { tenantId: 't1', target: 'channel:c1', code: 'MessageWritesBlocked', detail: '403 again' },
        at(1000),
      );
      expect(p2).to.deep.include({ failures: 2, detail: '403 again' });
      expect(p2.firstAt).to.deep.equal(at(0));
      expect(p2.lastAt).to.deep.equal(at(1000));
      await repo.recordDeliveryProblem({ tenantId: 't1', target: 'user:u1', code: '403', detail: 'x' }, at(500));
      await repo.recordDeliveryProblem({ tenantId: 't2', target: 'channel:c1', code: '404', detail: 'x' }, at(500));
      expect((await repo.listDeliveryProblems({ tenantId: 't1', open: true })).map((p) => p.target)).to.deep.equal([
        'channel:c1',
        'user:u1',
      ]);

      expect(await repo.resolveDeliveryProblem('t1', 'channel:c1', at(2000))).to.equal(true);
      expect(await repo.resolveDeliveryProblem('t1', 'channel:c1', at(3000))).to.equal(false);
      expect((await repo.listDeliveryProblems({ tenantId: 't1', open: true })).map((p) => p.target)).to.deep.equal(['user:u1']);
      expect((await repo.listDeliveryProblems({ open: false }))[0]!.resolvedAt).to.deep.equal(at(2000));
      expect(await repo.listDeliveryProblems()).to.have.length(3);

      const again = await repo.recordDeliveryProblem(
        { tenantId: 't1', target: 'channel:c1', code: 'ConversationNotFound', detail: '404' },
        at(9000),
      );
      expect(again).to.deep.include({ failures: 1, code: 'ConversationNotFound', resolvedAt: null });
      expect(again.firstAt).to.deep.equal(at(9000));
    });

    it('erases history notes only (actions, actors, times and details stay), per item', async () => {
      await repo.commit({
        item: item('A'),
        expectedVersion: null,
        outbox: [],
        history: [
          { tenantId: 't1', itemId: 'A', at: T0, actor: { id: 'a', name: 'A' }, action: 'created', note: 'Klant K', details: { x: 1 } },
        ],
      });
      await repo.commit({
        item: item('B'),
        expectedVersion: null,
        outbox: [],
        history: [{ tenantId: 't1', itemId: 'B', at: T0, actor: { id: 'a', name: 'A' }, action: 'created', note: 'Klant L' }],
      });
      expect(await repo.eraseHistoryNotes('t1', 'A')).to.equal(1);
      expect(await repo.eraseHistoryNotes('t1', 'A')).to.equal(0);
      const [h] = await repo.history('t1', 'A');
      expect(h).to.deep.equal({
        tenantId: 't1',
        itemId: 'A',
        at: T0,
        actor: { id: 'a', name: 'A' },
        action: 'created',
        note: undefined,
        details: { x: 1 },
      });
      expect((await repo.history('t1', 'B'))[0]!.note).to.equal('Klant L');
    });

    it('purges finished outbox messages and idempotency keys older than a moment; pending ones stay', async () => {
      await repo.enqueue(
        [
          { tenantId: 't1', key: 'old-done', type: 'x', lane: 'L1', payload: { text: 'oud' } },
          { tenantId: 't1', key: 'old-failed', type: 'x', lane: 'L2', payload: {} },
          { tenantId: 't1', key: 'old-pending', type: 'x', lane: 'L3', payload: {} },
        ],
        at(0),
      );
      const claimed = await repo.claimOutbox(at(0), 10, 1000, 'w');
      await repo.completeOutbox(claimed.find((m) => m.key === 'old-done')!.id!, at(0));
      await repo.failOutbox(claimed.find((m) => m.key === 'old-failed')!.id!, 'gone');
      await repo.retryOutbox(claimed.find((m) => m.key === 'old-pending')!.id!, at(1000), 'later');
      await repo.enqueue([{ tenantId: 't1', key: 'new-done', type: 'x', lane: 'L4', payload: {} }], at(50 * DAY));
      const fresh = await repo.claimOutbox(at(50 * DAY), 10, 1000, 'w');
      await repo.completeOutbox(fresh.find((m) => m.key === 'new-done')!.id!, at(50 * DAY));
      await repo.putIdempotent('t1', 'k-old', 'h', 'A', at(0));
      await repo.putIdempotent('t1', 'k-new', 'h', 'B', at(50 * DAY));

      expect(await repo.purgeBefore(at(10 * DAY))).to.deep.equal({ outbox: 2, idempotency: 1 });
      expect((await repo.listOutbox({})).map((m) => m.key).sort()).to.deep.equal(['new-done', 'old-pending']);
      expect(await repo.getIdempotent('t1', 'k-old')).to.equal(null);
      expect(await repo.getIdempotent('t1', 'k-new')).to.deep.equal({ requestHash: 'h', itemId: 'B' });
      expect(await repo.purgeBefore(at(10 * DAY))).to.deep.equal({ outbox: 0, idempotency: 0 });
    });

    it('queryItems closedBefore', async () => {
      for (const [id, closed] of [
        ['A', at(DAY)],
        ['B', at(5 * DAY)],
        ['C', null],
      ] as const) {
        await repo.commit({
          item: item(id, { closedAt: closed, status: closed ? 'done' : 'open' }),
          expectedVersion: null,
          outbox: [],
          history: [],
        });
      }
      expect((await repo.queryItems('t1', { closedBefore: at(2 * DAY) })).map((i) => i.id)).to.deep.equal(['A']);
      expect((await repo.queryItems('t1', { open: false, closedBefore: at(6 * DAY) })).map((i) => i.id).sort()).to.deep.equal(['A', 'B']);
    });

    it('a commit decided on a copy read before the card was posted keeps the card reference', async () => {
      const v1 = item('A');
      await repo.commit({ item: v1, expectedVersion: null, outbox: [], history: [] });
      const readBeforePost = (await repo.getItem('t1', 'A'))!;
      await repo.setCardRef('t1', 'A', { conversationId: 'conv', activityId: 'act-1' });
      expect(
        await repo.commit({ item: { ...readBeforePost, status: 'claimed', version: 2 }, expectedVersion: 1, outbox: [], history: [] }),
      ).to.equal(true);
      const now = (await repo.getItem('t1', 'A'))!;
      expect(now.status).to.equal('claimed');
      expect(now.card).to.deep.equal({ conversationId: 'conv', activityId: 'act-1' });
    });
  });
}

{
  let dir: string | undefined;
  let n = 0;
  suite(
    'sqlite',
    async () => {
      dir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'tc-contract-rel-'));
      return new SqliteRepository(path.join(dir, `s-${++n}.db`));
    },
    async () => {
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  );
}

describe('PostgreSQL (reliability contract)', function () {
  const schemas: string[] = [];
  before(async function () {
    await requirePostgres(this, 'PostgreSQL reliability contract');
  });
  suite(
    'postgres',
    async () => {
      const s = freshSchema('tc_contract_rel');
      schemas.push(s);
      return new PostgresRepository(PG_URL, { schema: s });
    },
    async () => {
      for (const s of schemas.splice(0)) await dropSchema(s);
    },
  );

  it('two instances recording the same problem at once see one row with one firstAt', async () => {
    const s = freshSchema('tc_contract_rel');
    schemas.push(s);
    const one = new PostgresRepository(PG_URL, { schema: s });
    const two = new PostgresRepository(PG_URL, { schema: s });
    try {
      await one.migrate();
      await two.migrate();
      const rows = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? one : two).recordDeliveryProblem({ tenantId: 't', target: 'channel:c', code: '403', detail: String(i) }, at(i)),
        ),
      );
      expect(new Set(rows.map((r) => r.firstAt.getTime())).size).to.equal(1);
      expect((await one.listDeliveryProblems({}))[0]!.failures).to.equal(20);
    } finally {
      await one.close();
      await two.close();
      await dropSchema(s);
    }
  });
});
