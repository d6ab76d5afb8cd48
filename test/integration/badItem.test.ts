// One item with a moment in the year 10000 (written straight into storage, as old data or a bug
// could leave it) must not freeze or poison the bot for anyone (issue 13), over HTTP with the fake
// Bot Connector, on SQLite and on PostgreSQL:
// - its channel card cannot be rendered: the outbox fails that message for good (recorded with the
//   error), tells the team once, and the next card in the same channel lane is posted;
// - `overzicht`, `mijn`, the digest (channel and personal) show it as one line with its id and go on;
// - a claim on another item works; a new card in the same channel after it works;
// - at the next start it is found, marked damaged (history entry) and the manager is told once.
import { expect } from 'chai';
import {
  anna,
  bram,
  channelMessage,
  dirk,
  generalChannel,
  personalConversationId,
  personalMessage,
  teamNoord,
  TEST_TENANT,
} from '../harness/activities';
import { startBot, tempSqliteUrl, type BotUnderTest } from '../harness/bot';
import { startFakeConnector, type FakeConnector, type JsonActivity } from '../harness/fakeConnector';
import { PostgresRepository } from '../../src/storage/postgres';
import type { Repository } from '../../src/storage/repository';
import type { Item, Person } from '../../src/domain/types';
import { nl } from '../../src/texts/nl';
import { click, CUSTOMER, intake, textOf } from './callbacks.helpers';

const PG_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const YEAR_10000 = new Date('+010000-01-01T09:00:00.000Z');
const P = (u: typeof anna): Person => ({ id: u.aadObjectId, name: u.name, teamsId: u.id });
const json = (v: unknown): string => JSON.stringify(v) ?? '';

interface Storage {
  name: string;
  /** A fresh database for one test; `open()` gives a bot on it (call again for a restart). */
  fresh(): Promise<{ open: () => Promise<BotUnderTest> }>;
  available(): Promise<boolean>;
  cleanup(): Promise<void>;
}

const sqlite: Storage = {
  name: 'SQLite',
  available: async () => true,
  cleanup: async () => undefined,
  async fresh() {
    const databaseUrl = tempSqliteUrl('baditem');
    return { open: () => startBot({ databaseUrl, env: { MANAGER_IDS: dirk.aadObjectId } }) };
  },
};

const schemas: string[] = [];
const postgres: Storage = {
  name: 'PostgreSQL',
  async available() {
    const probe = new PostgresRepository(PG_URL);
    const ok = await probe.ping();
    await probe.close();
    if (!ok && process.env.TEST_DATABASE_URL) throw new Error('PostgreSQL at TEST_DATABASE_URL is not reachable');
    return ok;
  },
  async cleanup() {
    if (!schemas.length) return;
    const { Pool } = await import('pg');
    const admin = new Pool({ connectionString: PG_URL, max: 1 });
    for (const s of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
    await admin.end();
  },
  async fresh() {
    const schema = `tc_baditem_${Date.now().toString(36)}_${process.pid}_${schemas.length}`;
    schemas.push(schema);
    // Its own schema (never the shared public one): the repository sets search_path on each connection.
    return {
      open: () =>
        startBot({ repo: new PostgresRepository(PG_URL, { schema }) as unknown as Repository, env: { MANAGER_IDS: dirk.aadObjectId } }),
    };
  },
};

/** A callback with its deadline and preferred moment in the year 10000, written straight into storage. */
function badCallback(id: string, owner: Person | null, now: Date): Item {
  return {
    tenantId: TEST_TENANT,
    id,
    kind: 'callback',
    status: owner ? 'claimed' : 'open',
    subject: 'Kapotte data',
    owner,
    createdBy: P(bram),
    createdAt: now,
    updatedAt: now,
    deadline: YEAR_10000,
    closedAt: null,
    source: 'teams',
    version: 1,
    data: {
      customerName: 'Mevrouw Tienduizend',
      phone: '+31611111111',
      phoneDisplay: '06 11111111',
      preferredMoment: YEAR_10000.toISOString(),
      attempts: [],
    },
    card: null,
  };
}

for (const storage of [sqlite, postgres]) {
  describe(`one bad item cannot freeze or poison the bot (HTTP, ${storage.name})`, function () {
    let connector: FakeConnector;
    let bot: BotUnderTest | null = null;

    before(async function () {
      if (!(await storage.available())) {
        console.warn(`    (PostgreSQL not reachable at ${PG_URL}: skipped)`);
        this.skip();
      }
      connector = await startFakeConnector();
    });
    after(async () => {
      await connector?.close();
      await storage.cleanup();
    });
    afterEach(async () => {
      await bot?.stop();
      bot = null;
    });

    /** Binds the channel (Dirk, a manager) and introduces the colleagues. */
    async function team(b: BotUnderTest): Promise<void> {
      await b.post(channelMessage({ text: 'koppel', from: dirk, team: teamNoord }));
      for (const u of [anna, bram, dirk]) await b.post(personalMessage({ text: 'hulp', from: u }));
      await b.settle();
    }

    const channelTexts = () => connector.messagesIn(generalChannel.id).map((m) => json(m));
    const posted = (id: string) => connector.messagesIn(generalChannel.id).some((m) => m.card && json(m.card).includes(`"${id}`));

    async function newCallback(b: BotUnderTest): Promise<string> {
      const res = await intake(b, { ...CUSTOMER, topic: `Verzoek ${Math.random().toString(36).slice(2, 6)}` });
      expect(res.status, json(res.body)).to.equal(201);
      return res.body.id as string;
    }

    /** The card the bot answered a command with, in a conversation, after `before` messages. */
    async function answerCard(conversation: string, before: number): Promise<JsonActivity> {
      const m = await connector.waitFor((c) =>
        c
          .messagesIn(conversation)
          .slice(before)
          .find((x) => x.card),
      );
      return m.card!;
    }

    it('poison message: the bad card fails for good and is told once; the channel lane goes on; lists, digest and a claim work', async () => {
      const db = await storage.fresh();
      bot = await db.open();
      connector.reset();
      await team(bot);
      const b = bot;
      const now = b.app.s.clock.now();
      const first = await newCallback(b);
      await b.settle();
      expect(posted(first)).to.equal(true);

      // Straight into storage: an unclaimed bad callback whose post waits at the head of the channel lane,
      // and one owned by Anna (no card).
      const repo = b.app.s.repo;
      const bad = badCallback('TB-9001', null, now);
      const binding = (await repo.getBinding(TEST_TENANT))!;
      expect(
        await repo.commit({
          item: bad,
          expectedVersion: null,
          history: [{ tenantId: TEST_TENANT, itemId: bad.id, at: now, actor: P(bram), action: 'created' }],
          outbox: [
            {
              tenantId: TEST_TENANT,
              key: `post:${TEST_TENANT}:${bad.id}`,
              type: 'postCard',
              lane: `conv:${binding.channelId}`,
              payload: { itemId: bad.id },
            },
          ],
        }),
      ).to.equal(true);
      expect(await repo.commit({ item: badCallback('TB-9002', P(anna), now), expectedVersion: null, history: [], outbox: [] })).to.equal(
        true,
      );

      // A new card in the same channel, queued behind the bad one.
      const next = await newCallback(b);
      await b.settle();
      expect(posted(next), 'the card after the bad one is posted').to.equal(true);
      expect(posted('TB-9001')).to.equal(false);
      const failed = await repo.listOutbox({ status: 'failed', tenantId: TEST_TENANT });
      expect(failed.map((m) => m.key)).to.deep.equal([`post:${TEST_TENANT}:TB-9001`]);
      expect(failed[0]!.attempts, 'not retried').to.equal(1);
      expect(failed[0]!.lastError).to.match(/^RangeError: /);
      const notice = nl.integrity.messageFailed('TB-9001');
      expect(channelTexts().filter((t) => t.includes(notice.slice(0, 40)))).to.have.length(1);

      // overzicht (in the channel) and mijn (Anna, 1:1): one line for each bad item, the rest as usual.
      let before = connector.messagesIn(generalChannel.id).length;
      await b.post(channelMessage({ text: 'overzicht', from: bram, team: teamNoord }));
      const overview = json(await answerCard(generalChannel.id, before));
      expect(overview).to.contain(nl.integrity.unreadableLine('TB-9001')).and.contain(nl.integrity.unreadableLine('TB-9002'));
      expect(overview).to.contain(`**${first}**`).and.contain(`**${next}**`);
      expect(overview).to.not.contain('Mevrouw Tienduizend');
      before = connector.messagesIn(personalConversationId(anna)).length;
      await b.post(personalMessage({ text: 'mijn', from: anna }));
      expect(json(await answerCard(personalConversationId(anna), before))).to.contain(nl.integrity.unreadableLine('TB-9002'));

      // The digest: in the channel (unclaimed items listed) and Anna's own.
      before = connector.messagesIn(generalChannel.id).length;
      await b.post(channelMessage({ text: 'digest', from: bram, team: teamNoord }));
      const digest = json(await answerCard(generalChannel.id, before));
      expect(digest).to.contain(nl.integrity.unreadableLine('TB-9001')).and.contain(`**${first}**`).and.contain(`**${next}**`);
      before = connector.messagesIn(personalConversationId(anna)).length;
      await b.post(personalMessage({ text: 'digest', from: anna }));
      expect(json(await answerCard(personalConversationId(anna), before))).to.contain(nl.integrity.unreadableLine('TB-9002'));

      // A claim on another item, and its card updated in place.
      const claimed = await click(b, bram, 'callback.claim', { id: next, v: 1 });
      expect(textOf(claimed.card)).to.contain(`Je hebt ${next} opgepakt`);
      await b.settle();
      const card = connector.messagesIn(generalChannel.id).find((m) => m.card && json(m.card).includes(`"${next}`))!;
      expect(json(card.card)).to.contain(bram.name);

      // A 1:1 message about the bad item (as a reminder would send) still reaches its owner, without the card.
      before = connector.messagesIn(personalConversationId(anna)).length;
      await repo.enqueue(
        [
          {
            tenantId: TEST_TENANT,
            key: 'test:note:TB-9002',
            type: 'notifyPerson',
            lane: `user:${anna.aadObjectId}`,
            payload: { to: P(anna), text: 'Herinnering over TB-9002', itemId: 'TB-9002' },
          },
        ],
        b.app.s.clock.now(),
      );
      await b.settle();
      const note = connector
        .messagesIn(personalConversationId(anna))
        .slice(before)
        .find((m) => json(m).includes('Herinnering over TB-9002'));
      expect(note, 'the text reaches the owner').to.not.equal(undefined);
      expect(note!.card).to.equal(undefined);

      // Jobs and another new card: nothing is told twice, the lane still moves.
      await b.app.tick();
      const last = await newCallback(b);
      await b.settle();
      expect(posted(last)).to.equal(true);
      expect(channelTexts().filter((t) => t.includes(notice.slice(0, 40)))).to.have.length(1);
      const health = await fetch(`${b.url}/healthz`);
      expect(health.status).to.equal(200);
    });

    it('at start, stored moments beyond the horizon are found: marked damaged (history), the manager told once', async () => {
      const db = await storage.fresh();
      bot = await db.open();
      connector.reset();
      await team(bot);
      const now = bot.app.s.clock.now();
      const good = await newCallback(bot);
      await bot.settle();
      for (const item of [badCallback('TB-9001', null, now), badCallback('TB-9002', P(anna), now)]) {
        expect(await bot.app.s.repo.commit({ item, expectedVersion: null, history: [], outbox: [] })).to.equal(true);
      }
      await bot.stop();

      const toDirk = () => connector.messagesIn(personalConversationId(dirk)).filter((m) => json(m).includes('moment dat niet klopt'));
      // Restart: found, marked, told.
      bot = await db.open();
      await bot.settle();
      const repo = bot.app.s.repo;
      for (const id of ['TB-9001', 'TB-9002']) {
        const item = (await repo.getItem(TEST_TENANT, id))!;
        expect(item.data.damaged, id).to.deep.include({ fields: ['deadline', 'preferredMoment'] });
        const h = (await repo.history(TEST_TENANT, id)).filter((x) => x.action === 'damaged');
        expect(h, id).to.have.length(1);
        expect(h[0]!.actor.id).to.equal('system');
      }
      expect((await repo.getItem(TEST_TENANT, good))!.data.damaged).to.equal(undefined);
      expect(toDirk()).to.have.length(1);
      expect(json(toDirk()[0])).to.contain(json(nl.integrity.damagedFound(['TB-9001', 'TB-9002'])).slice(1, -1));
      await bot.stop();

      // Another restart: nothing new to tell, no second history entry.
      bot = await db.open();
      await bot.settle();
      expect(toDirk()).to.have.length(1);
      expect((await bot.app.s.repo.history(TEST_TENANT, 'TB-9001')).filter((x) => x.action === 'damaged')).to.have.length(1);
    });
  });
}
