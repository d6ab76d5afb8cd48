// The card clock record of a channel card send travels with the delivery and is written by the
// statement (PostgreSQL) or transaction (SQLite) that marks its message done: the next claim, or
// completeOutbox when a run ends. A record that cannot be written never leaves its message to be
// sent again. Both stores, through the Repository interface and the real dispatcher.
import { expect } from 'chai';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ManualClock } from '../../src/domain/clock';
import { createLogger } from '../../src/logging';
import { OutboxDispatcher } from '../../src/app/outbox';
import type { CardSent } from '../../src/storage/cardClock';
import { PostgresRepository } from '../../src/storage/postgres';
import type { OutboxMessage, Repository } from '../../src/storage/repository';
import { SqliteRepository } from '../../src/storage/sqlite';
import { freshSchema, PG_URL, requirePostgres } from '../harness/pg';

const T0 = new Date('2026-11-26T09:00:00Z');
const LOCK = 60_000;
const at = (h: number) => new Date(T0.getTime() + h * 3_600_000);
const FAR = at(24 * 365);

const msg = (key: string, lane: string): OutboxMessage => ({ tenantId: 't1', key, type: 'updateCard', lane, payload: {} });
const card = (itemId: string, hash: string, next: Date | null): CardSent => ({ tenantId: 't1', itemId, hash, nextChangeAt: next });

for (const store of ['sqlite', 'postgres'] as const) {
  describe(`card clock written with the outbox completion (${store})`, function () {
    let repo: Repository;
    let file = '';
    let schema = '';

    beforeEach(async function () {
      if (store === 'postgres') {
        await requirePostgres(this, 'the PostgreSQL outbox claim');
        schema = freshSchema('tc_cardclock');
        repo = new PostgresRepository(PG_URL, { schema });
      } else {
        file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tc-cardclock-')), 'store.db');
        repo = new SqliteRepository(file);
      }
      await repo.migrate();
    });
    afterEach(async () => {
      if (store === 'postgres' && repo) {
        await (repo as PostgresRepository).withConnection((c) => c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
      }
      await repo?.close();
    });

    const clockRows = async () =>
      Object.fromEntries((await repo.cardClock.due(FAR, 100)).map((r) => [r.itemId, [r.hash, r.nextChangeAt.toISOString()]]));
    const statusOf = async () => Object.fromEntries((await repo.listOutbox({})).map((m) => [m.key, m.status]));

    /** From now on every write of a card clock row fails (a trigger), as a broken store would. */
    const breakCardClock = async () => {
      if (store === 'sqlite') {
        const db = new Database(file);
        db.exec(`CREATE TRIGGER no_clock BEFORE INSERT ON card_clock BEGIN SELECT RAISE(ABORT, 'card clock broken'); END`);
        db.close();
        return;
      }
      await (repo as PostgresRepository).withConnection(async (c) => {
        await c.query(
          `CREATE FUNCTION no_clock() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'card clock broken'; END $$`,
        );
        await c.query(`CREATE TRIGGER no_clock BEFORE INSERT ON card_clock FOR EACH ROW EXECUTE FUNCTION no_clock()`);
      });
    };

    it('the claim that marks a message done records the card it sent; a later record of an item wins; none: the row goes', async () => {
      await repo.enqueue([msg('a1', 'A'), msg('b1', 'B'), msg('c1', 'C')], T0);
      const [a1, b1, c1] = (await repo.claimOutbox(T0, 10, LOCK, 'w1')) as [OutboxMessage, OutboxMessage, OutboxMessage];
      expect(await clockRows()).to.deep.equal({});

      await repo.claimOutbox(T0, 10, LOCK, 'w1', [a1.id!], [card('TB-1', 'h1', at(1)), card('TB-2', 'h2', at(2))]);
      expect(await statusOf()).to.deep.equal({ a1: 'done', b1: 'pending', c1: 'pending' });
      expect(await clockRows()).to.deep.equal({ 'TB-1': ['h1', at(1).toISOString()], 'TB-2': ['h2', at(2).toISOString()] });

      // Two sends of TB-1 in one batch: the one that ended last is the card Teams shows.
      const later = [card('TB-1', 'h1b', at(3)), card('TB-2', 'h2', null), card('TB-1', 'h1c', at(4))];
      await repo.claimOutbox(T0, 10, LOCK, 'w1', [b1.id!], later);
      expect(await statusOf()).to.deep.equal({ a1: 'done', b1: 'done', c1: 'pending' });
      expect(await clockRows()).to.deep.equal({ 'TB-1': ['h1c', at(4).toISOString()] });

      // The end of a run: completeOutbox records the card with its message.
      await repo.completeOutbox(c1.id!, T0, card('TB-3', 'h3', at(5)));
      expect(await statusOf()).to.deep.equal({ a1: 'done', b1: 'done', c1: 'done' });
      expect(await clockRows()).to.deep.equal({ 'TB-1': ['h1c', at(4).toISOString()], 'TB-3': ['h3', at(5).toISOString()] });
    });

    it('the dispatcher records each delivered card by the claim or completion that marks its message done', async () => {
      const clock = new ManualClock(T0);
      const outbox = new OutboxDispatcher(repo, clock, createLogger('silent'));
      const seen: Record<string, unknown>[] = [];
      outbox.register('updateCard', async (m) => {
        // The card clock of the message before it in this lane is already written (same claim as its completion).
        seen.push(await clockRows());
        return { ok: true, target: 'channel:x', cardSent: card(`TB-${m.key}`, `h-${m.key}`, at(Number(m.key))) };
      });
      await repo.enqueue([msg('1', 'A'), msg('2', 'A'), msg('3', 'A')], T0);
      outbox.kick();
      await outbox.idle();
      expect(seen.map((rows) => Object.keys(rows))).to.deep.equal([[], ['TB-1'], ['TB-1', 'TB-2']]);
      expect(await statusOf()).to.deep.equal({ 1: 'done', 2: 'done', 3: 'done' });
      expect(await clockRows()).to.deep.equal({
        'TB-1': ['h-1', at(1).toISOString()],
        'TB-2': ['h-2', at(2).toISOString()],
        'TB-3': ['h-3', at(3).toISOString()],
      });
      await outbox.stop();
    });

    it('a card clock record that cannot be written does not make its message be sent again', async () => {
      const clock = new ManualClock(T0);
      const outbox = new OutboxDispatcher(repo, clock, createLogger('silent'));
      const sends: string[] = [];
      outbox.register('updateCard', async (m) => {
        sends.push(m.key);
        return { ok: true, cardSent: card(`TB-${m.key}`, 'h', at(1)) };
      });
      await breakCardClock();
      await repo.enqueue([msg('x1', 'A'), msg('y1', 'B')], T0);
      outbox.kick();
      await outbox.idle();
      // The claim that would have recorded them failed; the run's end marked them done without the cards.
      expect(await statusOf()).to.deep.equal({ x1: 'done', y1: 'done' });
      clock.advance(2 * LOCK);
      outbox.kick();
      await outbox.idle();
      expect(sends).to.deep.equal(['x1', 'y1']);
      expect(await clockRows()).to.deep.equal({});
      await outbox.stop();
    });
  });
}
