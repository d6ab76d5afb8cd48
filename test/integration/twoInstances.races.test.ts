// Two bot processes (node dist/src/index.js) on one PostgreSQL schema, behind one fake connector:
// 1,000 claim races of 2–10 simultaneous clicks (random people, random count), each race spread
// over both processes.
// Properties: exactly one click wins each race (zero double owners), the winner is the owner in the
// database, every history is consistent with the final state, and each callback has exactly one
// channel card that ends up showing its owner (the two outboxes never post or lose a card).
// Sizes: 1,000 callbacks created through both intakes (concurrency 20), races run 8 at a time.
import { expect } from 'chai';
import { startFakeConnector, type FakeConnector } from '../harness/fakeConnector';
import { startChildBot, type ChildBot } from '../harness/child';
import { generalChannel, TEST_TENANT, type TestUser } from '../harness/activities';
import { postActivity } from '../harness/http';
import { bindChannel, cardsByItem, claimInvoke, intake, phoneFor, pool, sleep, staff } from '../harness/scenario';
import { dropSchema, freshSchema, pgUrlWithSchema, requirePostgres, PG_URL } from '../harness/pg';
import { PostgresRepository } from '../../src/storage/postgres';

const RACES = 1000;
const RACES_AT_ONCE = 8;

/** Small deterministic PRNG (mulberry32) so a failing run can be repeated with RACE_SEED. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('two bot processes on one PostgreSQL: 1,000 claim races', function () {
  this.timeout(300_000);
  let connector: FakeConnector;
  let bots: ChildBot[] = [];
  let schema = '';
  let repo: PostgresRepository | undefined;

  before(async function () {
    await requirePostgres(this, 'two-instance race tests');
    connector = await startFakeConnector();
    schema = freshSchema('tc_races');
    const env = { DATABASE_URL: pgUrlWithSchema(schema), INTAKE_RATE_PER_MINUTE: '100000' };
    // Both start at once on an empty schema: migrations are serialised by an advisory lock.
    bots = await Promise.all([startChildBot({ env }), startChildBot({ env })]);
    repo = new PostgresRepository(PG_URL, { schema });
  });
  after(async () => {
    await Promise.all(bots.map((b) => b.kill('SIGTERM')));
    await repo?.close();
    await connector?.close();
    if (schema) await dropSchema(schema);
  });

  it('zero double owners; histories consistent; one card per callback showing its owner', async () => {
    const seed = process.env.RACE_SEED ? Number(process.env.RACE_SEED) : Date.now() % 1_000_000;
    const random = rng(seed);
    const [a, b] = bots as [ChildBot, ChildBot];
    expect(a.pid).not.to.equal(b.pid);
    await bindChannel(a.url, connector);

    // 1,000 callbacks, created through both processes.
    const ids = await pool(
      Array.from({ length: RACES }, (_, n) => n),
      20,
      async (n) => {
        const res = await intake(n % 2 ? b.url : a.url, {
          customerName: `Klant Race ${n}`,
          phone: phoneFor(20_000 + n),
          topic: `Race ${n}`,
        });
        expect(res.status, res.text).to.equal(201);
        return res.body.id as string;
      },
    );
    expect(new Set(ids).size).to.equal(RACES); // ids from the shared counter are unique across processes
    await waitForOutbox();
    const posted = cardsByItem(connector);
    expect(
      ids.filter((id) => posted.get(id) !== 1),
      'callbacks without exactly one card',
    ).to.deep.equal([]);

    // The races: 2–10 different people click "Ik pak 'm op" at the same moment, each on a random process.
    const people: TestUser[] = Array.from({ length: 12 }, (_, i) => staff(i + 1));
    const plans = ids.map((id) => {
      const k = 2 + Math.floor(random() * 9);
      const pick = [...people].sort(() => random() - 0.5).slice(0, k);
      // Alternate between the processes from a random start: every race is spread over both.
      const first = random() < 0.5 ? 0 : 1;
      return { id, clicks: pick.map((who, i) => ({ who, bot: (first + i) % 2 ? b : a })) };
    });
    const started = Date.now();
    const results = await pool(plans, RACES_AT_ONCE, async (plan) => {
      const answers = await Promise.all(plan.clicks.map((c) => postActivity(c.bot.url, claimInvoke(c.who, plan.id))));
      return { plan, answers };
    });
    const clicks = plans.reduce((n, p) => n + p.clicks.length, 0);
    const onBoth = plans.filter((p) => new Set(p.clicks.map((c) => c.bot.pid)).size === 2).length;
    console.log(
      `      ${RACES} races, ${clicks} clicks (${onBoth} races spread over both processes) in ${Date.now() - started} ms, seed ${seed}`,
    );
    expect(onBoth).to.equal(RACES);

    // Exactly one winner per race, and the others are told who has it.
    const winners = new Map<string, TestUser>();
    for (const { plan, answers } of results) {
      const won = answers
        .map((r, i) => ({ r, who: plan.clicks[i]!.who }))
        .filter(({ r }) => JSON.stringify(r.body).includes(`Je hebt ${plan.id} opgepakt`));
      expect(
        answers.every((r) => r.status === 200),
        plan.id,
      ).to.equal(true);
      expect(won.length, `winners of ${plan.id}`).to.equal(1);
      const winner = won[0]!.who;
      winners.set(plan.id, winner);
      for (const [i, r] of answers.entries()) {
        if (plan.clicks[i]!.who === winner) continue;
        expect(JSON.stringify(r.body), `loser of ${plan.id}`).to.contain(`${winner.name} heeft dit verzoek al opgepakt`);
      }
    }

    // The database agrees, and every history tells the same story as the final state.
    const items = await repo!.queryItems(TEST_TENANT, {});
    expect(items).to.have.length(RACES);
    for (const item of items) {
      const winner = winners.get(item.id)!;
      expect(item.status, item.id).to.equal('claimed');
      expect(item.owner?.id, item.id).to.equal(winner.aadObjectId);
      const history = await repo!.history(TEST_TENANT, item.id);
      expect(
        history.map((h) => h.action),
        item.id,
      ).to.deep.equal(['created', 'claimed']);
      expect(item.version, item.id).to.equal(history.length);
      // Replay: created → open without owner; claimed → owned by the actor.
      let owner: string | null = null;
      for (const h of history) if (h.action === 'claimed') owner = h.actor.id;
      expect(owner, item.id).to.equal(item.owner?.id);
    }

    // Both outboxes together: every card updated to show its owner, still one card per callback.
    await waitForOutbox();
    const cards = cardsByItem(connector);
    expect(
      ids.filter((id) => cards.get(id) !== 1),
      'callbacks without exactly one card',
    ).to.deep.equal([]);
    for (const m of connector.messagesIn(generalChannel.id).filter((x) => x.card)) {
      const id = /Terugbelverzoek (TB-\d+)/.exec(JSON.stringify(m.card))?.[1];
      if (!id || !winners.has(id)) continue;
      expect(JSON.stringify(m.card), id).to.contain(`Opgepakt door ${winners.get(id)!.name}`);
    }
    expect(await repo!.outboxStats()).to.deep.include({ pending: 0, failed: 0 });
  });

  async function waitForOutbox(timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const stats = await repo!.outboxStats();
      if (stats.pending === 0) return;
      if (Date.now() > deadline) throw new Error(`outbox not drained: ${JSON.stringify(stats)}`);
      await sleep(100);
    }
  }
});
