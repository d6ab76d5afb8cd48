// Two bot instances on one PostgreSQL schema (as behind a load balancer): short ids stay unique
// under concurrent creates, a claim race across instances has one winner, each card is posted
// once, and a reminder goes out once when both instances tick at the same moment.
// PostgreSQL: TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test); skipped when the
// default server cannot be reached, failing when TEST_DATABASE_URL is set but unreachable.
import { expect } from 'chai';
import { nl } from '../../src/texts/nl';
import { Pool } from 'pg';
import { anna, generalChannel, TEST_TENANT } from '../harness/activities';
import { startFakeConnector, type FakeConnector } from '../harness/fakeConnector';
import type { BotUnderTest } from '../harness/bot';
import {
  bindChannel,
  click,
  createViaForm,
  CUSTOMER,
  extraUser,
  getItem,
  historyActions,
  intake,
  introduce,
  log,
  startCallbackBot,
  textOf,
} from './callbacks.helpers';
import { PG_URL, requirePostgres } from '../harness/pg';

const SCHEMA = `tc_callbacks_${Date.now().toString(36)}_${process.pid}`;

/** DATABASE_URL for the schema: the connection's search_path is set by the server at connect. */
function schemaUrl(schema: string): string {
  return `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}

describe('callbacks: two instances on one PostgreSQL', function () {
  let connector: FakeConnector;
  let a: BotUnderTest;
  let b: BotUnderTest;
  let admin: Pool;
  let schemaNo = 0;

  before(async function () {
    await requirePostgres(this, 'two-instance callback tests');
    admin = new Pool({ connectionString: PG_URL, max: 1 });
    connector = await startFakeConnector();
  });
  after(async () => {
    if (!admin) return;
    for (let i = 1; i <= schemaNo; i++) await admin.query(`DROP SCHEMA IF EXISTS "${SCHEMA}_${i}" CASCADE`);
    await admin.end();
    await connector.close();
  });
  beforeEach(async () => {
    connector.reset();
    const schema = `${SCHEMA}_${++schemaNo}`;
    await admin.query(`CREATE SCHEMA "${schema}"`);
    const url = schemaUrl(schema);
    // Both start at once: the migration lock lets one migrate and the other wait.
    [a, b] = await Promise.all([startCallbackBot({ databaseUrl: url }), startCallbackBot({ databaseUrl: url })]);
    b.clock.set(a.clock.now());
    await bindChannel(a, connector);
    await introduce(a, anna);
  });
  afterEach(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  const both = async () => {
    await Promise.all([a.settle(), b.settle()]);
    await Promise.all([a.settle(), b.settle()]);
  };

  it('short ids are unique with concurrent creates on both instances (intake and form)', async () => {
    const started = Date.now();
    const results = await Promise.all([
      ...Array.from({ length: 24 }, (_, i) => intake(i % 2 ? a : b, { ...CUSTOMER, topic: `Vraag ${i}` })),
      ...Array.from({ length: 8 }, (_, i) => createViaForm(i % 2 ? a : b, extraUser(i + 1), { topic: `Formulier ${i}` })),
    ]);
    log(`32 concurrent creates on two instances: ${Date.now() - started} ms`);
    const ids = results.map((r) => (typeof r === 'string' ? r : (r.body.id as string)));
    expect(new Set(ids).size).to.equal(32);
    for (const id of ids) expect(id).to.match(/^TB-\d{4}$/);
    const items = await a.app.s.repo.queryItems(TEST_TENANT, {});
    expect(items).to.have.length(32);
    expect(new Set(items.map((i) => i.id))).to.deep.equal(new Set(ids));
    await both();
    // Every card posted exactly once, whichever instance's outbox took it.
    const cards = connector.messagesIn(generalChannel.id).filter((m) => /Terugbelverzoek TB-/.test(JSON.stringify(m.card ?? {})));
    expect(cards).to.have.length(32);
    expect((await a.app.s.repo.outboxStats()).pending).to.equal(0);
  });

  it('20 claims split over both instances: one owner, one history entry, the card names them', async () => {
    const res = await intake(a, CUSTOMER);
    await both();
    const id = res.body.id as string;
    const crowd = Array.from({ length: 20 }, (_, i) => extraUser(100 + i));
    const answers = await Promise.all(crowd.map((u, i) => click(i % 2 ? a : b, u, 'callback.claim', { id, v: 1 })));
    const item = await getItem(b, id);
    const winner = crowd.find((u) => u.aadObjectId === item!.owner!.id)!;
    expect(winner).to.not.equal(undefined);
    expect((await historyActions(a, id)).filter((x) => x === 'claimed')).to.have.length(1);
    expect(answers.filter((r) => textOf(r.card).includes(nl.callbacks.msg.claimed(id)))).to.have.length(1);
    // The click that was told it won is the owner the database stored.
    const wonBy = crowd[answers.findIndex((r) => textOf(r.card).includes(nl.callbacks.msg.claimed(id)))]!;
    expect(wonBy.aadObjectId).to.equal(item!.owner!.id);
    expect(item!.owner!.name).to.equal(wonBy.name);
    expect(answers.filter((r) => textOf(r.card).includes(nl.callbacks.msg.alreadyClaimed(winner.name)))).to.have.length(19);
    await both();
    const cards = connector.messagesIn(generalChannel.id).filter((m) => JSON.stringify(m.card ?? {}).includes(nl.callbacks.card.title(id)));
    expect(cards).to.have.length(1);
    expect(textOf(cards[0]!.card)).to.contain(nl.callbacks.card.claimedBy(winner.name, '').split(' om ')[0]!);
  });

  it('a nudge goes out once when both instances tick at the same moment', async () => {
    await intake(a, CUSTOMER);
    await both();
    for (const bot of [a, b]) bot.clock.set('2026-11-27T15:00:00+01:00');
    await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
    await both();
    const nudges = connector.messagesIn(generalChannel.id).filter((m) => /nog door niemand opgepakt/.test(String(m.activity.text ?? '')));
    expect(nudges).to.have.length(1);
  });
});
