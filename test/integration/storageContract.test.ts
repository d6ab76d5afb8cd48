// One contract for every storage adapter: the same behaviour from SQLite and PostgreSQL.
// Each test gets a fresh, migrated store (SQLite: a new file in the run's temp directory;
// PostgreSQL: a new schema named after the run), all removed when the suite ends.
// PostgreSQL: TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test). When that default
// server cannot be reached the PostgreSQL suites are skipped; with TEST_DATABASE_URL set they fail instead.
import { expect } from 'chai';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import type { HistoryEntry, Item, Person } from '../../src/domain/types';
import { PostgresRepository } from '../../src/storage/postgres';
import type { ChangeSet, ChannelBinding, OutboxMessage, Repository } from '../../src/storage/repository';
import { SqliteRepository } from '../../src/storage/sqlite';
import { OUTBOX_CLAIM_WINDOW } from '../../src/storage/outboxClaim';
import { customerStoreFor } from '../../src/storage';
import { newRecord } from '../../src/domain/customers/record';
import { PG_URL, requirePostgres } from '../harness/pg';
import { staff } from '../harness/roster';

// ---------------------------------------------------------------- fixtures

const T0 = new Date('2030-03-04T09:05:06.789Z');
const at = (ms: number): Date => new Date(T0.getTime() + ms);
const MIN = 60_000;
const HOUR = 60 * MIN;

const { anna, bram } = staff;

function makeItem(tenantId: string, id: string, o: Partial<Item> = {}): Item {
  return {
    tenantId,
    id,
    kind: 'callback',
    status: 'open',
    subject: `Subject ${id}`,
    owner: null,
    createdBy: anna,
    createdAt: T0,
    updatedAt: T0,
    deadline: null,
    closedAt: null,
    source: 'teams',
    version: 1,
    data: {},
    card: null,
    ...o,
  };
}

function entry(item: Item, action: string, o: Partial<HistoryEntry> = {}): HistoryEntry {
  return { tenantId: item.tenantId, itemId: item.id, at: item.updatedAt, actor: anna, action, ...o };
}

function msg(tenantId: string, key: string, lane: string, o: Partial<OutboxMessage> = {}): OutboxMessage {
  return { tenantId, key, type: 'postCard', lane, payload: { key, n: 1 }, ...o };
}

async function insert(repo: Repository, item: Item, extra: Partial<ChangeSet> = {}): Promise<boolean> {
  return repo.commit({ item, expectedVersion: null, history: [entry(item, 'created')], outbox: [], ...extra });
}

/** The next version of `item` as a ChangeSet expecting its current version. */
function change(item: Item, patch: Partial<Item>, extra: Partial<ChangeSet> = {}): ChangeSet {
  const next = { ...item, ...patch, version: item.version + 1 };
  return { item: next, expectedVersion: item.version, history: [entry(next, 'changed')], outbox: [], ...extra };
}

/** JSON-shaped copy: undefined keys vanish, dates become strings (for comparing optional fields). */
const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

// ---------------------------------------------------------------- the contract

type MakeRepo = () => Promise<Repository>;

export function contractSuite(name: string, makeRepo: MakeRepo, cleanup: () => Promise<void>): void {
  describe(`storage contract: ${name}`, function () {
    let repo: Repository;

    beforeEach(async () => {
      repo = await makeRepo();
      await repo.migrate();
    });
    afterEach(async () => {
      await repo?.close();
    });
    after(cleanup);

    it('reports its kind and answers ping; ping is false once closed', async () => {
      expect(['sqlite', 'postgres']).to.include(repo.kind);
      expect(await repo.ping()).to.equal(true);
      await repo.close();
      expect(await repo.ping()).to.equal(false);
      await repo.close(); // closing twice is harmless
    });

    it('migrate a second (and third) time is a no-op that keeps the data', async () => {
      const it1 = makeItem('t1', 'TB-1');
      expect(await insert(repo, it1)).to.equal(true);
      await repo.migrate();
      await repo.migrate();
      expect(await repo.getItem('t1', 'TB-1')).to.deep.equal(it1);
      expect(await repo.history('t1', 'TB-1')).to.have.length(1);
    });

    it('insert + getItem round-trips every field', async () => {
      const full = makeItem('t1', 'TB-1042', {
        kind: 'interpreter',
        status: 'booked',
        subject: 'Tolk Arabisch — "dinsdag"',
        owner: bram,
        createdBy: anna,
        createdAt: at(1),
        updatedAt: at(2 * HOUR + 7),
        deadline: at(26 * HOUR + 999),
        closedAt: at(27 * HOUR),
        source: 'intake:website',
        version: 1,
        card: { conversationId: '19:abc@thread.tacv2;messageid=1', activityId: '1:activity' },
        data: {
          customer: { name: 'Émile Ørsted', phone: '+31612345678', tags: ['a', 'b'] },
          nested: { deep: { list: [1, 2.5, -3, { x: null }], flag: false, empty: {} } },
          zero: 0,
          emptyString: '',
          unicode: '你好 🚀',
        },
      });
      const bare = makeItem('t1', 'TB-1043', { owner: null, deadline: null, closedAt: null, card: null, kind: 'exception' });
      expect(await insert(repo, full)).to.equal(true);
      expect(await insert(repo, bare)).to.equal(true);

      const got = await repo.getItem('t1', 'TB-1042');
      expect(got).to.deep.equal(full);
      expect(got!.createdAt).to.be.instanceOf(Date);
      expect(got!.deadline!.getTime()).to.equal(full.deadline!.getTime());
      expect(typeof got!.version).to.equal('number');
      expect(await repo.getItem('t1', 'TB-1043')).to.deep.equal(bare);
      expect(await repo.getItem('t1', 'TB-404')).to.equal(null);
    });

    it('commit with the expected version applies item, history and outbox together', async () => {
      const v1 = makeItem('t1', 'TB-1');
      await insert(repo, v1);
      const c = change(v1, { status: 'claimed', owner: bram, updatedAt: at(MIN) }, { outbox: [msg('t1', 'k-claimed', 'lane-1')] });
      expect(await repo.commit(c)).to.equal(true);
      expect(await repo.getItem('t1', 'TB-1')).to.deep.equal(c.item);
      expect((await repo.history('t1', 'TB-1')).map((h) => h.action)).to.deep.equal(['created', 'changed']);
      const out = await repo.listOutbox({});
      expect(out.map((m) => m.key)).to.deep.equal(['k-claimed']);
      expect(out[0]!.createdAt).to.deep.equal(at(MIN)); // the item's updatedAt is "now" for its messages
      expect(out[0]!.nextAttemptAt).to.deep.equal(at(MIN));
    });

    it('commit with a stale version returns false and writes nothing (no item change, no history, no outbox)', async () => {
      const v1 = makeItem('t1', 'TB-1');
      await insert(repo, v1);
      const won = change(v1, { status: 'claimed', owner: bram, updatedAt: at(MIN) });
      expect(await repo.commit(won)).to.equal(true);
      const stale = change(
        v1,
        { status: 'done', updatedAt: at(2 * MIN) },
        {
          history: [entry(v1, 'done'), entry(v1, 'noted')],
          outbox: [msg('t1', 'k-stale', 'lane-1')],
        },
      );
      expect(await repo.commit(stale)).to.equal(false);
      expect(await repo.getItem('t1', 'TB-1')).to.deep.equal(won.item);
      expect((await repo.history('t1', 'TB-1')).map((h) => h.action)).to.deep.equal(['created', 'changed']);
      expect(await repo.listOutbox({})).to.deep.equal([]);
      // A commit against a version that never existed, or against a missing item, is stale too.
      expect(await repo.commit({ ...stale, expectedVersion: 99 })).to.equal(false);
      expect(await repo.commit(change(makeItem('t1', 'TB-missing'), {}))).to.equal(false);
      expect(await repo.getItem('t1', 'TB-missing')).to.equal(null);
    });

    it('an insert (expectedVersion null) of an existing id returns false and writes nothing', async () => {
      const v1 = makeItem('t1', 'TB-1');
      await insert(repo, v1);
      const again = makeItem('t1', 'TB-1', { subject: 'other' });
      expect(await insert(repo, again, { outbox: [msg('t1', 'k-dup', 'l')] })).to.equal(false);
      expect(await repo.getItem('t1', 'TB-1')).to.deep.equal(v1);
      expect(await repo.history('t1', 'TB-1')).to.have.length(1);
      expect(await repo.listOutbox({})).to.deep.equal([]);
    });

    it('20 concurrent commits with the same expectedVersion: exactly one wins, only its writes remain', async () => {
      const v1 = makeItem('t1', 'TB-1');
      await insert(repo, v1);
      const people = Array.from({ length: 20 }, (_, i): Person => ({ id: `p${i}`, name: `Person ${i}` }));
      const changes = people.map((p, i) =>
        change(
          v1,
          { status: 'claimed', owner: p, updatedAt: at(i + 1) },
          {
            history: [{ ...entry(v1, 'claimed'), actor: p }],
            outbox: [msg('t1', `claim-${i}`, 'lane-1')],
          },
        ),
      );
      const results = await Promise.all(changes.map((c) => repo.commit(c)));
      expect(results.filter(Boolean)).to.have.length(1);
      const winner = results.indexOf(true);
      expect(await repo.getItem('t1', 'TB-1')).to.deep.equal(changes[winner]!.item);
      const hist = await repo.history('t1', 'TB-1');
      expect(hist.map((h) => h.actor.id)).to.deep.equal([anna.id, `p${winner}`]);
      expect((await repo.listOutbox({})).map((m) => m.key)).to.deep.equal([`claim-${winner}`]);
    });

    it('nextSequence starts at start, counts per tenant and name, and is unique under 50 concurrent calls', async () => {
      expect(await repo.nextSequence('t1', 'TB', 1000)).to.equal(1000);
      expect(await repo.nextSequence('t1', 'TB', 1000)).to.equal(1001);
      expect(await repo.nextSequence('t1', 'AF', 1)).to.equal(1);
      expect(await repo.nextSequence('t2', 'TB', 1000)).to.equal(1000);
      const values = await Promise.all(Array.from({ length: 50 }, () => repo.nextSequence('t1', 'TB', 1000)));
      expect(values.every((v) => typeof v === 'number')).to.equal(true);
      expect(new Set(values).size).to.equal(50);
      expect([...values].sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 50 }, (_, i) => 1002 + i));
      // First use of a fresh counter under concurrency: still unique, still starting at start.
      const fresh = await Promise.all(Array.from({ length: 50 }, () => repo.nextSequence('t3', 'X', 5)));
      expect([...fresh].sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 50 }, (_, i) => 5 + i));
    });

    describe('queryItems', () => {
      const T = 'tq';
      const A = makeItem(T, 'A', { kind: 'callback', owner: bram, deadline: at(3 * HOUR), card: { conversationId: 'c', activityId: 'a' } });
      const B = makeItem(T, 'B', { kind: 'appointment', deadline: at(1 * HOUR) });
      const C = makeItem(T, 'C', { kind: 'interpreter', owner: anna, deadline: at(2 * HOUR), closedAt: at(2 * HOUR), status: 'done' });
      const D = makeItem(T, 'D', { kind: 'exception', createdAt: at(MIN), updatedAt: at(MIN) });
      const E = makeItem(T, 'E', { kind: 'callback', owner: bram });
      const ids = (items: Item[]) => items.map((i) => i.id);

      beforeEach(async () => {
        for (const i of [E, D, C, B, A]) expect(await insert(repo, i)).to.equal(true);
        // Same ids and kinds in another tenant must never show up.
        for (const i of [A, B, C, D, E]) await insert(repo, { ...i, tenantId: 'other' });
      });

      it('orders by deadline (none last), then creation time', async () => {
        const all = await repo.queryItems(T, {});
        expect(ids(all)).to.deep.equal(['B', 'C', 'A', 'E', 'D']);
        expect(all.every((i) => i.tenantId === T)).to.equal(true);
        expect(all[2]).to.deep.equal(A);
      });

      it('filters by kinds, open, owner, unowned', async () => {
        expect(ids(await repo.queryItems(T, { kinds: ['callback'] }))).to.deep.equal(['A', 'E']);
        expect(ids(await repo.queryItems(T, { kinds: ['callback', 'appointment'] }))).to.deep.equal(['B', 'A', 'E']);
        expect(ids(await repo.queryItems(T, { kinds: [] }))).to.deep.equal(['B', 'C', 'A', 'E', 'D']);
        expect(ids(await repo.queryItems(T, { open: true }))).to.deep.equal(['B', 'A', 'E', 'D']);
        expect(ids(await repo.queryItems(T, { open: false }))).to.deep.equal(['C']);
        expect(ids(await repo.queryItems(T, { ownerId: bram.id }))).to.deep.equal(['A', 'E']);
        expect(ids(await repo.queryItems(T, { ownerId: 'nobody' }))).to.deep.equal([]);
        expect(ids(await repo.queryItems(T, { unowned: true }))).to.deep.equal(['B', 'D']);
        expect(ids(await repo.queryItems(T, { open: true, unowned: true, kinds: ['exception'] }))).to.deep.equal(['D']);
      });

      it('filters by deadlineBefore, withoutCard, createdSince, closedSince; honours limit', async () => {
        expect(ids(await repo.queryItems(T, { deadlineBefore: at(150 * MIN) }))).to.deep.equal(['B', 'C']);
        expect(ids(await repo.queryItems(T, { deadlineBefore: at(1 * HOUR) }))).to.deep.equal([]); // strictly before
        expect(ids(await repo.queryItems(T, { withoutCard: true }))).to.deep.equal(['B', 'C', 'E', 'D']);
        expect(ids(await repo.queryItems(T, { createdSince: at(30_000) }))).to.deep.equal(['D']);
        expect(ids(await repo.queryItems(T, { closedSince: at(HOUR) }))).to.deep.equal(['C']);
        expect(ids(await repo.queryItems(T, { closedSince: at(3 * HOUR) }))).to.deep.equal([]);
        expect(ids(await repo.queryItems(T, { limit: 2 }))).to.deep.equal(['B', 'C']);
        expect(ids(await repo.queryItems(T, { open: true, limit: 3 }))).to.deep.equal(['B', 'A', 'E']);
        expect(ids(await repo.queryItems('nobody', {}))).to.deep.equal([]);
      });

      it('filters by deadlineFrom (none left out) and createdBefore (strictly before)', async () => {
        expect(ids(await repo.queryItems(T, { deadlineFrom: at(2 * HOUR) }))).to.deep.equal(['C', 'A']);
        expect(ids(await repo.queryItems(T, { deadlineFrom: at(2 * HOUR + 1) }))).to.deep.equal(['A']);
        expect(ids(await repo.queryItems(T, { open: true, deadlineFrom: at(0) }))).to.deep.equal(['B', 'A']);
        expect(ids(await repo.queryItems(T, { createdBefore: at(MIN) }))).to.deep.equal(['B', 'C', 'A', 'E']);
        expect(ids(await repo.queryItems(T, { createdBefore: at(MIN + 1) }))).to.deep.equal(['B', 'C', 'A', 'E', 'D']);
        expect(ids(await repo.queryItems(T, { createdBefore: at(0) }))).to.deep.equal([]);
      });

      it('withoutClaim leaves out the items whose once-claim key (text, id, deadline) exists in the same tenant', async () => {
        const parts = ['overdue:', { item: 'id' }, ':2026-11-26'] as const;
        expect(ids(await repo.queryItems(T, { withoutClaim: parts }))).to.deep.equal(['B', 'C', 'A', 'E', 'D']);
        expect(await repo.claimOnce(T, 'overdue:A:2026-11-26', at(0))).to.equal(true);
        expect(await repo.claimOnce(T, 'overdue:B:2026-11-25', at(0))).to.equal(true); // another day
        expect(await repo.claimOnce('other', 'overdue:C:2026-11-26', at(0))).to.equal(true); // another tenant
        expect(ids(await repo.queryItems(T, { withoutClaim: parts }))).to.deep.equal(['B', 'C', 'E', 'D']);
        expect(ids(await repo.queryItems('other', { withoutClaim: parts }))).to.deep.equal(['B', 'A', 'E', 'D']);
        // The deadline as part of the key, in milliseconds (a new deadline gets a reminder of its own).
        const byDeadline = ['nudge:', { item: 'id' }, ':', { item: 'deadline' }] as const;
        expect(await repo.claimOnce(T, `nudge:B:${B.deadline!.getTime()}`, at(0))).to.equal(true);
        expect(await repo.claimOnce(T, `nudge:C:${C.deadline!.getTime() + 1}`, at(0))).to.equal(true);
        expect(ids(await repo.queryItems(T, { withoutClaim: byDeadline, order: 'id', limit: 3 }))).to.deep.equal(['A', 'C', 'D']);
      });

      it('momentSuspects: a deadline outside the range, or data naming a moment field; nothing else', async () => {
        const fields = ['preferredMoment', 'moment', 'terms', 'agenda'];
        for (const [id, data] of [
          ['F', { preferredMoment: 'x' }],
          ['G', { terms: { first: 1 } }],
          ['H', { agenda: { start: 'later' } }],
          ['I', { moment: null }],
          ['J', { topic: 'gewoon' }],
        ] as const)
          await insert(repo, makeItem(T, id, { data: { ...data } }));
        // A (3 h) lies beyond the range, B (1 h) before it, C (2 h) inside; D and E have no deadline.
        const momentSuspects = { from: at(90 * MIN), to: at(150 * MIN), dataFields: fields };
        expect(ids(await repo.queryItems(T, { momentSuspects, order: 'id' }))).to.deep.equal(['A', 'B', 'F', 'G', 'H', 'I']);
        expect(ids(await repo.queryItems(T, { momentSuspects, open: true, order: 'id' }))).to.deep.equal(['A', 'B', 'F', 'G', 'H', 'I']);
        expect(ids(await repo.queryItems(T, { momentSuspects: { ...momentSuspects, dataFields: [] }, order: 'id' }))).to.deep.equal([
          'A',
          'B',
        ]);
        expect(ids(await repo.queryItems('other', { momentSuspects, order: 'id' }))).to.deep.equal(['A', 'B']);
      });

      it('order id with afterId and limit pages through the items by id (keyset), each once', async () => {
        expect(ids(await repo.queryItems(T, { order: 'id' }))).to.deep.equal(['A', 'B', 'C', 'D', 'E']);
        expect(ids(await repo.queryItems(T, { order: 'id', afterId: 'B' }))).to.deep.equal(['C', 'D', 'E']);
        expect(ids(await repo.queryItems(T, { order: 'id', afterId: 'B', limit: 2 }))).to.deep.equal(['C', 'D']);
        expect(ids(await repo.queryItems(T, { order: 'id', afterId: 'A', open: true, limit: 2 }))).to.deep.equal(['B', 'D']);
        expect(ids(await repo.queryItems(T, { order: 'id', afterId: 'E' }))).to.deep.equal([]);
        const seen: string[] = [];
        let after: string | undefined;
        for (;;) {
          const page = await repo.queryItems(T, { open: true, order: 'id', afterId: after, limit: 2 });
          expect(page.length).to.be.at.most(2);
          if (!page.length) break;
          seen.push(...ids(page));
          after = page[page.length - 1]!.id;
        }
        expect(seen).to.deep.equal(['A', 'B', 'D', 'E']);
      });

      it('setCardRef records the card without a version change', async () => {
        await repo.setCardRef(T, 'B', { conversationId: 'conv-B', activityId: 'act-B' });
        const b = await repo.getItem(T, 'B');
        expect(b!.card).to.deep.equal({ conversationId: 'conv-B', activityId: 'act-B' });
        expect(b!.version).to.equal(1);
        expect(ids(await repo.queryItems(T, { withoutCard: true }))).to.deep.equal(['C', 'E', 'D']);
        expect((await repo.getItem('other', 'B'))!.card).to.equal(null);
      });
    });

    it('customer records: list with a page gives at most `limit` records after `afterId`, in id order, each once', async () => {
      const store = customerStoreFor(repo);
      const record = (tenant: string, n: number) => ({
        ...newRecord(
          tenant,
          `KL-${n}`,
          { contacts: [{ kind: 'phone', key: `+3161234567${n}`, display: `06 1234567${n}` }], profile: {} },
          `TB-${n}`,
          at(n * MIN),
        ),
        version: 1,
      });
      for (const n of [3, 1, 5, 2, 4]) expect(await store.insert(record('tc', n))).to.equal(true);
      expect(await store.insert(record('other', 6))).to.equal(true);
      expect((await store.list('tc', { limit: 2 })).map((r) => r.id)).to.deep.equal(['KL-1', 'KL-2']);
      expect((await store.list('tc', { afterId: 'KL-2', limit: 2 })).map((r) => r.id)).to.deep.equal(['KL-3', 'KL-4']);
      expect((await store.list('tc', { afterId: 'KL-5', limit: 2 })).map((r) => r.id)).to.deep.equal([]);
      const seen: string[] = [];
      let afterId: string | undefined;
      for (;;) {
        const page = await store.list('tc', { afterId, limit: 2 });
        expect(page.length).to.be.at.most(2);
        if (!page.length) break;
        seen.push(...page.map((r) => r.id));
        afterId = page[page.length - 1]!.id;
      }
      expect(seen).to.deep.equal(['KL-1', 'KL-2', 'KL-3', 'KL-4', 'KL-5']);
      // Without a page: every record by creation time, as the name search reads them.
      expect((await store.list('tc')).map((r) => r.id)).to.deep.equal(['KL-1', 'KL-2', 'KL-3', 'KL-4', 'KL-5']);
    });

    it('updateData replaces data (and subject) conditionally, without a version change', async () => {
      const v1 = makeItem('t1', 'TB-1', { data: { name: 'Jan', phone: '06' } });
      await insert(repo, v1);
      expect(await repo.updateData('t1', 'TB-1', 1, { erased: true })).to.equal(true);
      expect(await repo.getItem('t1', 'TB-1')).to.deep.equal({ ...v1, data: { erased: true } });
      expect(await repo.updateData('t1', 'TB-1', 1, { erased: 2 }, '[verwijderd]')).to.equal(true);
      expect(await repo.getItem('t1', 'TB-1')).to.deep.equal({ ...v1, data: { erased: 2 }, subject: '[verwijderd]' });
      expect(await repo.updateData('t1', 'TB-1', 2, { lost: true })).to.equal(false);
      expect(await repo.updateData('t1', 'TB-404', 1, { lost: true })).to.equal(false);
      expect((await repo.getItem('t1', 'TB-1'))!.data).to.deep.equal({ erased: 2 });
    });

    it('history comes back in insertion order with every field', async () => {
      const v1 = makeItem('t1', 'TB-1');
      await insert(repo, v1);
      const c2 = change(
        v1,
        { updatedAt: at(MIN) },
        {
          history: [
            entry(v1, 'claimed', { at: at(MIN), actor: bram, note: 'ik bel terug' }),
            entry(v1, 'noted', { at: at(MIN), details: { from: 'open', to: 'claimed', list: [1, { a: 'b' }] } }),
          ],
        },
      );
      await repo.commit(c2);
      const c3 = change(c2.item, { updatedAt: at(30_000) }, { history: [entry(v1, 'done', { at: at(30_000), note: '' })] });
      await repo.commit(c3);
      const hist = await repo.history('t1', 'TB-1');
      expect(hist.map((h) => h.action)).to.deep.equal(['created', 'claimed', 'noted', 'done']); // insertion order, not time order
      expect(plain(hist)).to.deep.equal(plain([entry(v1, 'created'), ...c2.history, ...c3.history]));
      expect(hist[1]!.at).to.be.instanceOf(Date);
      expect(hist[1]!.note).to.equal('ik bel terug');
      expect(hist[0]!.note).to.equal(undefined);
      expect(hist[3]!.note).to.equal('');
      expect(await repo.history('t1', 'TB-404')).to.deep.equal([]);
      expect(await repo.history('t2', 'TB-1')).to.deep.equal([]);
    });

    it('historyOf gives the history of several items in one query: per id in insertion order, [] for none, per tenant', async () => {
      const a = makeItem('t1', 'TB-1');
      const b = makeItem('t1', 'TB-2');
      const quiet = makeItem('t1', 'TB-3');
      await insert(repo, a);
      await insert(repo, b);
      // Interleaved commits: the entries of one item are not next to each other in the table.
      const a2 = change(a, { updatedAt: at(MIN) }, { history: [entry(a, 'claimed', { at: at(MIN), actor: bram, note: 'ik bel' })] });
      await repo.commit(a2);
      const b2 = change(
        b,
        { updatedAt: at(MIN) },
        { history: [entry(b, 'rescheduled', { at: at(MIN), details: { from: 'x', to: 'y' } })] },
      );
      await repo.commit(b2);
      await repo.commit(change(a2.item, {}, { history: [entry(a, 'done', { at: at(30_000) }), entry(a, 'noted', { at: at(MIN) })] }));
      await insert(repo, makeItem('t2', 'TB-1')); // the same id in another tenant
      const got = await repo.historyOf('t1', ['TB-2', 'TB-1', 'TB-404']);
      expect([...got.keys()]).to.deep.equal(['TB-2', 'TB-1', 'TB-404']);
      for (const id of ['TB-1', 'TB-2']) expect(plain(got.get(id)), id).to.deep.equal(plain(await repo.history('t1', id)));
      expect(got.get('TB-1')!.map((h) => h.action)).to.deep.equal(['created', 'claimed', 'done', 'noted']); // insertion order
      expect(got.get('TB-1')![1]!.at).to.be.instanceOf(Date);
      expect(got.get('TB-404')).to.deep.equal([]);
      expect((await repo.historyOf('t1', [quiet.id])).get(quiet.id)).to.deep.equal([]);
      expect((await repo.historyOf('t2', ['TB-1'])).get('TB-1')!.map((h) => h.action)).to.deep.equal(['created']);
      expect((await repo.historyOf('t1', [])).size).to.equal(0);
      // A page of 600 ids (more than a page of the report) in one call.
      const many = Array.from({ length: 600 }, (_, i) => `TB-${i}`);
      const page = await repo.historyOf('t1', many);
      expect(page.size).to.equal(600);
      expect(page.get('TB-1')!.length).to.equal(4);
      expect(page.get('TB-2')!.length).to.equal(2);
    });

    it('saveBinding stores the binding and returns the previous one', async () => {
      const b1: ChannelBinding = {
        tenantId: 't1',
        teamId: '19:team@thread.tacv2',
        teamName: 'WIJ Noord',
        channelId: '19:chan@thread.tacv2',
        channelName: 'Terugbellen',
        conversationRef: {
          conversation: { id: '19:chan@thread.tacv2', isGroup: true },
          serviceUrl: 'https://smba.trafficmanager.net/emea/',
        },
        boundBy: anna,
        boundAt: at(5),
      };
      const b2: ChannelBinding = { ...b1, channelId: '19:other@thread.tacv2', channelName: 'Algemeen', boundBy: bram, boundAt: at(HOUR) };
      expect(await repo.getBinding('t1')).to.equal(null);
      expect(await repo.saveBinding(b1)).to.equal(null);
      expect(await repo.getBinding('t1')).to.deep.equal(b1);
      expect(await repo.saveBinding(b2)).to.deep.equal(b1);
      expect(await repo.getBinding('t1')).to.deep.equal(b2);
      expect(await repo.getBinding('t2')).to.equal(null);
    });

    it('upsertUser keeps the conversationRef and teamsId when a later upsert has none, and settings unless given', async () => {
      const ref = { conversation: { id: 'a:1' }, user: { id: '29:alice' } };
      const first = await repo.upsertUser({
        tenantId: 't1',
        userId: 'aad-alice',
        teamsId: '29:alice',
        name: 'Alice',
        conversationRef: ref,
        settings: { personalDigest: true },
      });
      expect(plain(first)).to.deep.equal({
        tenantId: 't1',
        userId: 'aad-alice',
        teamsId: '29:alice',
        name: 'Alice',
        conversationRef: ref,
        settings: { personalDigest: true },
      });
      const second = await repo.upsertUser({ tenantId: 't1', userId: 'aad-alice', name: 'Alice de Vries' });
      expect(plain(second)).to.deep.equal({ ...(plain(first) as object), name: 'Alice de Vries' });
      const third = await repo.upsertUser({
        tenantId: 't1',
        userId: 'aad-alice',
        name: 'Alice de Vries',
        settings: { personalDigest: false },
      });
      expect(third.settings).to.deep.equal({ personalDigest: false });
      expect(third.conversationRef).to.deep.equal(ref);
      const ref2 = { conversation: { id: 'a:2' } };
      const fourth = await repo.upsertUser({ tenantId: 't1', userId: 'aad-alice', name: 'Alice de Vries', conversationRef: ref2 });
      expect(fourth.conversationRef).to.deep.equal(ref2);
      expect(fourth.settings).to.deep.equal({ personalDigest: false });
      expect(await repo.getUser('t1', 'aad-alice')).to.deep.equal(fourth);

      // A new user without settings gets {} and no conversationRef.
      const bobRec = await repo.upsertUser({ tenantId: 't1', userId: 'aad-bob', name: 'Bob' });
      expect(plain(bobRec)).to.deep.equal({ tenantId: 't1', userId: 'aad-bob', name: 'Bob', settings: {} });
      expect(bobRec.conversationRef).to.equal(undefined);
      // Found by Teams id too; other tenants see nothing.
      expect((await repo.getUser('t1', '29:alice'))!.userId).to.equal('aad-alice');
      expect(await repo.getUser('t2', 'aad-alice')).to.equal(null);
      await repo.upsertUser({ tenantId: 't2', userId: 'aad-alice', name: 'Other Alice' });
      expect((await repo.listUsers('t1')).map((u) => u.name)).to.deep.equal(['Alice de Vries', 'Bob']);
      expect((await repo.listUsers('t2')).map((u) => u.name)).to.deep.equal(['Other Alice']);
    });

    it('tenants() lists tenants with items, bindings or users', async () => {
      expect(await repo.tenants()).to.deep.equal([]);
      await insert(repo, makeItem('t-items', 'X'));
      await insert(repo, makeItem('t-items', 'Y'));
      await repo.upsertUser({ tenantId: 't-users', userId: 'u', name: 'U' });
      expect([...(await repo.tenants())].sort()).to.deep.equal(['t-items', 't-users']);
    });

    describe('outbox', () => {
      it('enqueue ignores a second message with the same key (also from a commit)', async () => {
        await repo.enqueue([msg('t1', 'k1', 'L', { payload: { v: 'first' } })], T0);
        await repo.enqueue([msg('t1', 'k1', 'L', { payload: { v: 'second' } }), msg('t1', 'k2', 'L')], at(1));
        await insert(repo, makeItem('t1', 'TB-1'), { outbox: [msg('t1', 'k1', 'L', { payload: { v: 'third' } })] });
        await repo.enqueue([], T0);
        const all = await repo.listOutbox({});
        expect(all.map((m) => m.key)).to.deep.equal(['k1', 'k2']);
        expect(all[0]!.payload).to.deep.equal({ v: 'first' });
        expect(all[0]).to.include({ tenantId: 't1', type: 'postCard', lane: 'L', status: 'pending', attempts: 0, lastError: null });
        expect(typeof all[0]!.id).to.equal('number');
        expect(all[0]!.createdAt).to.deep.equal(T0);
        expect(all[1]!.createdAt).to.deep.equal(at(1));
        expect(await repo.outboxStats()).to.deep.equal({ pending: 2, done: 0, failed: 0 });
      });

      it('claims only the oldest pending message of each lane; locks until expiry; retry, complete, fail; stats', async () => {
        const LOCK = 60_000;
        await repo.enqueue([msg('t1', 'a1', 'A'), msg('t1', 'a2', 'A'), msg('t2', 'b1', 'B'), msg('t1', 'a3', 'A')], T0);
        // Not yet due: neither claimed nor blocking other lanes.
        await repo.enqueue([msg('t1', 'c1', 'C', { nextAttemptAt: at(HOUR) })], T0);

        const first = await repo.claimOutbox(T0, 10, LOCK, 'w1');
        expect(first.map((m) => m.key)).to.deep.equal(['a1', 'b1']);
        expect(first[0]).to.include({ tenantId: 't1', lane: 'A', type: 'postCard', status: 'pending', attempts: 1 });
        expect(first[0]!.payload).to.deep.equal({ key: 'a1', n: 1 });
        expect(first[0]!.id! < first[1]!.id!).to.equal(true);
        const [a1, b1] = first as [OutboxMessage, OutboxMessage];

        // Locked: not claimed again, and the lane's next message waits for its head.
        expect(await repo.claimOutbox(T0, 10, LOCK, 'w2')).to.deep.equal([]);
        expect(await repo.claimOutbox(at(LOCK - 1), 10, LOCK, 'w2')).to.deep.equal([]);
        // Lock expired (the worker died): claimed again, attempts counted.
        const again = await repo.claimOutbox(at(LOCK), 10, LOCK, 'w2');
        expect(again.map((m) => [m.key, m.attempts])).to.deep.equal([
          ['a1', 2],
          ['b1', 2],
        ]);

        // Completing the head releases the next message of that lane.
        await repo.completeOutbox(a1.id!, at(LOCK + 1));
        const next = await repo.claimOutbox(at(LOCK + 1), 10, LOCK, 'w1');
        expect(next.map((m) => m.key)).to.deep.equal(['a2']); // b1 still locked until 2*LOCK
        const a2 = next[0]!;

        // Retry: unlocked but not due until nextAttemptAt; it still blocks its lane (a3 waits).
        await repo.retryOutbox(a2.id!, at(5 * LOCK), 'HTTP 429');
        const mid = await repo.claimOutbox(at(3 * LOCK), 10, LOCK, 'w1');
        expect(mid.map((m) => m.key)).to.deep.equal(['b1']);
        expect(mid[0]!.attempts).to.equal(3);

        await repo.failOutbox(b1.id!, 'conversation not found');
        expect(await repo.outboxStats()).to.deep.equal({ pending: 3, done: 1, failed: 1 });

        const later = await repo.claimOutbox(at(5 * LOCK), 10, LOCK, 'w1');
        expect(later.map((m) => m.key)).to.deep.equal(['a2']);
        expect(later[0]).to.include({ attempts: 2, lastError: 'HTTP 429' });
        expect(later[0]!.nextAttemptAt).to.deep.equal(at(5 * LOCK));
        await repo.completeOutbox(a2.id!, at(5 * LOCK));

        // The not-yet-due message of lane C is claimable once due; a3 follows a2.
        const last = await repo.claimOutbox(at(HOUR), 10, LOCK, 'w1');
        expect(last.map((m) => m.key)).to.deep.equal(['a3', 'c1']);
        for (const m of last) await repo.completeOutbox(m.id!, at(HOUR));
        expect(await repo.claimOutbox(at(10 * HOUR), 10, LOCK, 'w1')).to.deep.equal([]);

        expect(await repo.outboxStats()).to.deep.equal({ pending: 0, done: 4, failed: 1 });
        const failed = await repo.listOutbox({ status: 'failed' });
        expect(failed.map((m) => [m.key, m.status, m.lastError])).to.deep.equal([['b1', 'failed', 'conversation not found']]);
        const done = await repo.listOutbox({ status: 'done' });
        expect(done.map((m) => m.key)).to.deep.equal(['a1', 'a2', 'a3', 'c1']);
        expect(done.every((m) => m.lastError === null)).to.equal(true);
      });

      it('a long lane (a backlog of card posts) hides neither its own head nor other lanes; many short lanes come oldest first', async () => {
        const LOCK = 60_000;
        const backlog = OUTBOX_CLAIM_WINDOW + 50;
        // One lane with more messages than the claim's window, then three other lanes behind it.
        await repo.enqueue(
          Array.from({ length: backlog }, (_, i) => msg('t1', `conv${i}`, 'conv:1')),
          T0,
        );
        await repo.enqueue([msg('t1', 'x1', 'X'), msg('t1', 'y1', 'Y', { nextAttemptAt: at(HOUR) }), msg('t1', 'z1', 'Z')], T0);
        const first = await repo.claimOutbox(T0, 10, LOCK, 'w1');
        expect(first.map((m) => m.key)).to.deep.equal(['conv0', 'x1', 'z1']); // y1 is not due yet
        expect(first.map((m) => m.attempts)).to.deep.equal([1, 1, 1]);
        // Locked heads block their lanes; nothing else is claimable.
        expect(await repo.claimOutbox(T0, 10, LOCK, 'w2')).to.deep.equal([]);
        for (const m of first) await repo.completeOutbox(m.id!, at(1));
        expect((await repo.claimOutbox(at(HOUR), 10, LOCK, 'w1')).map((m) => m.key)).to.deep.equal(['conv1', 'y1']);

        // Many lanes of one message each (calendar syncs after an outage): the oldest due first, up to the limit.
        await repo.enqueue(
          Array.from({ length: backlog }, (_, i) => msg('t2', `g${i}`, `graph:${i}`)),
          at(HOUR),
        );
        const many = await repo.claimOutbox(at(HOUR), 5, LOCK, 'w1');
        expect(many.map((m) => m.key)).to.deep.equal(['g0', 'g1', 'g2', 'g3', 'g4']);
      });

      it('lanes waiting for a retry at the front of the outbox do not hold back a due message behind them', async () => {
        const waiting = OUTBOX_CLAIM_WINDOW + 10;
        await repo.enqueue(
          Array.from({ length: waiting }, (_, i) => msg('t1', `w${i}`, `retry:${i}`, { nextAttemptAt: at(HOUR) })),
          T0,
        );
        await repo.enqueue([msg('t1', 'due', 'D')], T0);
        expect((await repo.claimOutbox(T0, 10, 60_000, 'w1')).map((m) => m.key)).to.deep.equal(['due']);
      });

      it('claim honours the limit, oldest first; listOutbox filters by status, tenant, type and limit', async () => {
        await repo.enqueue(
          [
            msg('t1', 'x1', 'L1'),
            msg('t2', 'x2', 'L2', { type: 'digest' }),
            msg('t1', 'x3', 'L3'),
            msg('t1', 'x4', 'L1'),
            msg('t1', 'x5', 'L4'),
          ],
          T0,
        );
        const two = await repo.claimOutbox(T0, 2, 1000, 'w');
        expect(two.map((m) => m.key)).to.deep.equal(['x1', 'x2']);
        const rest = await repo.claimOutbox(T0, 10, 1000, 'w');
        expect(rest.map((m) => m.key)).to.deep.equal(['x3', 'x5']);
        expect((await repo.listOutbox({ tenantId: 't2' })).map((m) => m.key)).to.deep.equal(['x2']);
        expect((await repo.listOutbox({ type: 'digest' })).map((m) => m.key)).to.deep.equal(['x2']);
        expect((await repo.listOutbox({ tenantId: 't1', type: 'postCard', status: 'pending', limit: 2 })).map((m) => m.key)).to.deep.equal([
          'x1',
          'x3',
        ]);
        expect(await repo.listOutbox({ status: 'done' })).to.deep.equal([]);
      });
    });

    it('claimOnce is true for exactly one of 10 concurrent callers; hasClaim; per tenant', async () => {
      expect(await repo.hasClaim('t1', 'digest:2030-03-04')).to.equal(false);
      const results = await Promise.all(Array.from({ length: 10 }, () => repo.claimOnce('t1', 'digest:2030-03-04', T0)));
      expect(results.filter(Boolean)).to.have.length(1);
      expect(await repo.claimOnce('t1', 'digest:2030-03-04', at(HOUR))).to.equal(false);
      expect(await repo.hasClaim('t1', 'digest:2030-03-04')).to.equal(true);
      expect(await repo.hasClaim('t2', 'digest:2030-03-04')).to.equal(false);
      expect(await repo.claimOnce('t2', 'digest:2030-03-04', T0)).to.equal(true);
    });

    it('enqueueOnce: claim and messages in one transaction; one winner of 10; the loser writes nothing; a failure writes neither', async () => {
      const day = 'digest:2030-03-04';
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          repo.enqueueOnce(
            't1',
            day,
            [msg('t1', `d-${i}-a`, 'La', { type: 'digest' }), msg('t1', `d-${i}-b`, 'Lb', { type: 'digest' })],
            T0,
          ),
        ),
      );
      expect(results.filter(Boolean)).to.have.length(1);
      const winner = results.indexOf(true);
      expect(await repo.hasClaim('t1', day)).to.equal(true);
      expect((await repo.listOutbox({ type: 'digest' })).map((m) => m.key)).to.deep.equal([`d-${winner}-a`, `d-${winner}-b`]);
      // Later callers (e.g. after a restart at the digest minute) get false and add nothing.
      expect(await repo.enqueueOnce('t1', day, [msg('t1', 'late', 'La', { type: 'digest' })], at(HOUR))).to.equal(false);
      expect(await repo.listOutbox({ type: 'digest' })).to.have.length(2);
      // Per tenant; the claim also blocks claimOnce and the other way round.
      expect(await repo.enqueueOnce('t2', day, [], T0)).to.equal(true);
      expect(await repo.claimOnce('t2', day, T0)).to.equal(false);
      expect(await repo.claimOnce('t1', 'digest:2030-03-05', T0)).to.equal(true);
      expect(await repo.enqueueOnce('t1', 'digest:2030-03-05', [msg('t1', 'x', 'La')], T0)).to.equal(false);
      // A message that cannot be written (JSON.stringify throws on a BigInt) rolls the claim back.
      const broken = msg('t1', 'broken', 'La', { payload: { n: BigInt(1) } as unknown as Record<string, unknown> });
      let failed = false;
      await repo.enqueueOnce('t1', 'digest:2030-03-06', [msg('t1', 'ok-before', 'La'), broken], T0).catch(() => (failed = true));
      expect(failed).to.equal(true);
      expect(await repo.hasClaim('t1', 'digest:2030-03-06')).to.equal(false);
      expect((await repo.listOutbox({})).map((m) => m.key)).to.not.include('ok-before');
      expect(await repo.enqueueOnce('t1', 'digest:2030-03-06', [msg('t1', 'ok-after', 'La')], T0)).to.equal(true);
    });

    it('idempotency in commit: a second commit with the same key returns false and writes nothing', async () => {
      const x = makeItem('t1', 'TB-1');
      expect(await insert(repo, x, { idempotency: { key: 'idem-1', requestHash: 'h1' }, outbox: [msg('t1', 'o-x', 'L')] })).to.equal(true);
      expect(await repo.getIdempotent('t1', 'idem-1')).to.deep.equal({ requestHash: 'h1', itemId: 'TB-1' });

      const y = makeItem('t1', 'TB-2');
      expect(await insert(repo, y, { idempotency: { key: 'idem-1', requestHash: 'h1' }, outbox: [msg('t1', 'o-y', 'L')] })).to.equal(false);
      expect(await repo.getItem('t1', 'TB-2')).to.equal(null);
      expect(await repo.history('t1', 'TB-2')).to.deep.equal([]);
      expect((await repo.listOutbox({})).map((m) => m.key)).to.deep.equal(['o-x']);
      expect(await repo.getIdempotent('t1', 'idem-1')).to.deep.equal({ requestHash: 'h1', itemId: 'TB-1' });

      // A new key with a stale version: false, and the key is not stored either (the whole change is rolled back).
      expect(await repo.commit(change({ ...x, version: 5 }, {}, { idempotency: { key: 'idem-2', requestHash: 'h2' } }))).to.equal(false);
      expect(await repo.getIdempotent('t1', 'idem-2')).to.equal(null);
      // Same for an insert of an existing id.
      expect(await insert(repo, x, { idempotency: { key: 'idem-3', requestHash: 'h3' } })).to.equal(false);
      expect(await repo.getIdempotent('t1', 'idem-3')).to.equal(null);

      // Concurrent duplicates of one intake request: one item.
      const racers = Array.from({ length: 10 }, (_, i) => makeItem('t1', `TB-r${i}`));
      const results = await Promise.all(racers.map((r) => insert(repo, r, { idempotency: { key: 'idem-race', requestHash: 'hr' } })));
      expect(results.filter(Boolean)).to.have.length(1);
      const winner = racers[results.indexOf(true)]!;
      expect((await repo.getIdempotent('t1', 'idem-race'))!.itemId).to.equal(winner.id);
      expect((await repo.queryItems('t1', {})).map((i) => i.id).sort()).to.deep.equal(['TB-1', winner.id].sort());

      // putIdempotent: false when taken; keys are per tenant.
      expect(await repo.putIdempotent('t1', 'idem-1', 'h9', 'TB-9', T0)).to.equal(false);
      expect(await repo.putIdempotent('t1', 'idem-4', 'h4', 'TB-4', T0)).to.equal(true);
      expect(await repo.getIdempotent('t1', 'idem-4')).to.deep.equal({ requestHash: 'h4', itemId: 'TB-4' });
      expect(await repo.putIdempotent('t2', 'idem-1', 'h1', 'TB-1', T0)).to.equal(true);
      expect(await repo.getIdempotent('t3', 'idem-1')).to.equal(null);
    });

    it('keeps tenants apart: the same item id in two tenants', async () => {
      const a = makeItem('tenant-a', 'TB-1', { subject: 'A', owner: anna });
      const b = makeItem('tenant-b', 'TB-1', { subject: 'B', owner: bram });
      expect(await insert(repo, a)).to.equal(true);
      expect(await insert(repo, b)).to.equal(true);
      expect(await repo.getItem('tenant-a', 'TB-1')).to.deep.equal(a);
      expect(await repo.getItem('tenant-b', 'TB-1')).to.deep.equal(b);

      const a2 = change(a, { status: 'done', closedAt: at(HOUR), updatedAt: at(HOUR) });
      expect(await repo.commit(a2)).to.equal(true);
      expect(await repo.getItem('tenant-b', 'TB-1')).to.deep.equal(b);
      expect(await repo.history('tenant-a', 'TB-1')).to.have.length(2);
      expect(await repo.history('tenant-b', 'TB-1')).to.have.length(1);
      expect(await repo.queryItems('tenant-b', { open: false })).to.deep.equal([]);
      expect((await repo.queryItems('tenant-a', { open: false })).map((i) => i.subject)).to.deep.equal(['A']);
      await repo.setCardRef('tenant-b', 'TB-1', { conversationId: 'c', activityId: 'x' });
      expect((await repo.getItem('tenant-a', 'TB-1'))!.card).to.equal(null);
      expect(await repo.updateData('tenant-b', 'TB-1', 1, { only: 'b' })).to.equal(true);
      expect((await repo.getItem('tenant-a', 'TB-1'))!.data).to.deep.equal({});
      // A change set for tenant b expecting tenant a's version does not touch either.
      expect(await repo.commit(change({ ...b, version: 2 }, {}))).to.equal(false);
    });
  });
}

// ---------------------------------------------------------------- SQLite

{
  let dir: string | undefined;
  let n = 0;
  contractSuite(
    'sqlite',
    async () => {
      dir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'topcontact-contract-'));
      return new SqliteRepository(path.join(dir, `store-${++n}.db`));
    },
    async () => {
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  );
}

// ---------------------------------------------------------------- PostgreSQL

const RUN = `tc_test_${Date.now().toString(36)}_${process.pid}`;
const schemas: string[] = [];
let schemaCount = 0;
const newSchema = (): string => {
  const s = `${RUN}_${++schemaCount}`;
  schemas.push(s);
  return s;
};

async function dropSchemas(): Promise<void> {
  if (schemas.length === 0) return;
  const admin = new Pool({ connectionString: PG_URL, max: 1 });
  try {
    for (const s of schemas.splice(0)) await admin.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
  } finally {
    await admin.end();
  }
}

describe('PostgreSQL', function () {
  before(async function () {
    await requirePostgres(this, 'PostgreSQL storage tests');
  });

  contractSuite('postgres', async () => new PostgresRepository(PG_URL, { schema: newSchema() }), dropSchemas);

  describe('postgres only: several instances', function () {
    let one: PostgresRepository;
    let two: PostgresRepository;

    beforeEach(async () => {
      const schema = newSchema();
      one = new PostgresRepository(PG_URL, { schema, poolSize: 10 });
      two = new PostgresRepository(PG_URL, { schema, poolSize: 10 });
      // Two processes starting at once on an empty schema: the advisory lock serialises the migrations.
      await Promise.all([one.migrate(), two.migrate(), one.migrate(), two.migrate()]);
    });
    afterEach(async () => {
      await Promise.all([one.close(), two.close()]);
    });
    after(dropSchemas);

    it('two instances racing 200 claimOnce calls: exactly one winner', async () => {
      const results = await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2 ? one : two).claimOnce('t1', 'digest:day', T0)));
      expect(results.filter(Boolean)).to.have.length(1);
      // Many keys at once: one winner per key.
      const keys = Array.from({ length: 20 }, (_, i) => `reminder:${i}`);
      const many = await Promise.all(
        Array.from({ length: 200 }, (_, i) => (i % 2 ? two : one).claimOnce('t1', keys[i % 20]!, T0).then((ok) => [i % 20, ok] as const)),
      );
      for (let k = 0; k < 20; k++) expect(many.filter(([key, ok]) => key === k && ok)).to.have.length(1);
    });

    it('two instances racing 200 commits with the same expectedVersion: exactly one winner', async () => {
      const v1 = makeItem('t1', 'TB-1');
      expect(await insert(one, v1)).to.equal(true);
      const changes = Array.from({ length: 200 }, (_, i) =>
        change(
          v1,
          { owner: { id: `p${i}`, name: `P${i}` }, updatedAt: at(i) },
          {
            outbox: [msg('t1', `o-${i}`, 'L')],
          },
        ),
      );
      const results = await Promise.all(changes.map((c, i) => (i % 2 ? one : two).commit(c)));
      expect(results.filter(Boolean)).to.have.length(1);
      const winner = results.indexOf(true);
      expect(await two.getItem('t1', 'TB-1')).to.deep.equal(changes[winner]!.item);
      expect(await one.history('t1', 'TB-1')).to.have.length(2);
      expect((await one.listOutbox({})).map((m) => m.key)).to.deep.equal([`o-${winner}`]);
      // And 200 concurrent inserts of new items carrying one idempotency key: one item.
      const inserts = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          insert(i % 2 ? one : two, makeItem('t1', `N-${i}`), {
            idempotency: { key: 'same-request', requestHash: 'h' },
          }),
        ),
      );
      expect(inserts.filter(Boolean)).to.have.length(1);
      expect(await one.queryItems('t1', {})).to.have.length(2);
    });

    it('two instances claiming the outbox concurrently never share a message and keep each lane in order', async () => {
      const lanes = 8;
      const perLane = 5;
      const messages: OutboxMessage[] = [];
      for (let k = 0; k < perLane; k++) for (let l = 0; l < lanes; l++) messages.push(msg('t1', `m-${l}-${k}`, `lane-${l}`));
      await one.enqueue(messages, T0);
      const delivered: string[] = [];
      const seen = new Set<number>();
      const worker = async (repo: PostgresRepository, name: string) => {
        for (let idle = 0; idle < 5;) {
          const batch = await repo.claimOutbox(at(1), 3, 60_000, name);
          if (batch.length === 0) {
            idle++;
            await new Promise((r) => setTimeout(r, 5));
            continue;
          }
          idle = 0;
          for (const m of batch) {
            expect(seen.has(m.id!), `message ${m.key} claimed twice`).to.equal(false);
            seen.add(m.id!);
            delivered.push(m.key);
            await repo.completeOutbox(m.id!, at(2));
          }
        }
      };
      await Promise.all([worker(one, 'w1'), worker(two, 'w2'), worker(one, 'w3'), worker(two, 'w4')]);
      expect(delivered).to.have.length(lanes * perLane);
      for (let l = 0; l < lanes; l++) {
        const order = delivered.filter((key) => key.startsWith(`m-${l}-`));
        expect(order).to.deep.equal(Array.from({ length: perLane }, (_, k) => `m-${l}-${k}`));
      }
      expect(await two.outboxStats()).to.deep.equal({ pending: 0, done: lanes * perLane, failed: 0 });
    });

    it('returns numbers, not strings, for BIGINT columns', async () => {
      await one.enqueue([msg('t1', 'k', 'L')], T0);
      const [m] = await one.claimOutbox(T0, 1, 1000, 'w');
      expect(typeof m!.id).to.equal('number');
      expect(typeof m!.attempts).to.equal('number');
      expect(m!.createdAt!.getTime()).to.equal(T0.getTime());
      expect(await one.nextSequence('t1', 'big', 9_007_199_254_740)).to.equal(9_007_199_254_740); // beyond INTEGER, within BIGINT
    });
  });

  describe('postgres only: ping', function () {
    it('answers false within ~2 s when the server accepts connections but never answers', async function () {
      this.timeout(10_000);
      const sockets: net.Socket[] = [];
      const server = net.createServer((s) => sockets.push(s));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = (server.address() as net.AddressInfo).port;
      const repo = new PostgresRepository(`postgres://postgres@127.0.0.1:${port}/test`);
      try {
        const started = Date.now();
        expect(await repo.ping()).to.equal(false);
        const took = Date.now() - started;
        // The ping's own 2 s budget ends it: not sooner, and not hanging (wide upper bound for a loaded machine).
        expect(took).to.be.within(1500, 8000);
      } finally {
        for (const s of sockets) s.destroy();
        server.close();
        await repo.close();
      }
    });

    it('answers false quickly when nothing listens', async () => {
      const repo = new PostgresRepository('postgres://postgres@127.0.0.1:1/test');
      const started = Date.now();
      expect(await repo.ping()).to.equal(false);
      // Refused at once: no wait for the 2 s budget is needed, but a loaded machine may be slow to answer.
      expect(Date.now() - started).to.be.below(8000);
      await repo.close();
    });
  });
});
