// The daily digest through the real app over HTTP against the fake Bot Connector, with a ManualClock:
// content for a known set of items, the calendar (weekend, Koningsdag, closing day), exactly once
// across restarts and across two instances on one PostgreSQL, catch-up after downtime the same
// day (and never for a day gone by), the size cap, personal digests and their opt-in / opt-out.
import { expect } from 'chai';
import { Pool } from 'pg';
import type { Item } from '../../src/domain/types';
import { PostgresRepository } from '../../src/storage/postgres';
import {
  adaptiveCardAction,
  anna,
  bram,
  carla,
  channelMessage,
  generalChannel,
  groupChatMessage,
  personalConversationId,
  personalMessage,
  teamNoord,
  TEST_TENANT,
  type TestUser,
} from '../harness/activities';
import { startBot, tempSqliteUrl, type BotUnderTest } from '../harness/bot';
import { startFakeConnector, type FakeConnector, type MessageState } from '../harness/fakeConnector';
import { PG_URL, requirePostgres } from '../harness/pg';
import { formatMoment } from '../../src/domain/workingTime';
import { nl } from '../../src/texts/nl';
import { asPerson } from '../harness/roster';

const person = asPerson;
const titleOf = (m: MessageState): string => String((m.card as any)?.body?.[0]?.items?.[0]?.text ?? '');
const channelDigests = (c: FakeConnector) => c.messagesIn(generalChannel.id).filter((m) => titleOf(m).startsWith('Dagoverzicht'));
const personalDigests = (c: FakeConnector, u: TestUser) =>
  c.messagesIn(personalConversationId(u)).filter((m) => titleOf(m).startsWith('Jouw dagoverzicht'));
const cardText = (m: MessageState) => JSON.stringify(m.card);
/** Ids on the card's Open buttons, in card order. */
function openIds(m: MessageState): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, any>;
      if (o.type === 'Action.Execute' && String(o.verb).endsWith('.view')) out.push(`${o.verb} ${o.data.id}`);
      Object.values(o).forEach(walk);
    }
  };
  walk(m.card);
  return out;
}

async function bind(bot: BotUnderTest, c: FakeConnector): Promise<void> {
  await bot.post(channelMessage({ text: 'koppel', from: anna, team: teamNoord }));
  await c.waitFor((x) => x.allPosted().find((p) => /werkkanaal/.test(String(p.activity.text ?? ''))));
}

async function callback(bot: BotUnderTest, at: string, topic: string, owner?: TestUser): Promise<string> {
  bot.clock.set(at);
  const out = await bot.app.s.items.create(
    'callback',
    TEST_TENANT,
    { customerName: 'Mevrouw Jansen', phone: '06 12345678', topic },
    person(bram),
    'teams',
  );
  if (out.status !== 'created') throw new Error(`create failed: ${out.status}`);
  if (owner) {
    const claimed = await bot.app.s.items.act(TEST_TENANT, out.item.id, 'claim', {}, person(owner));
    if (claimed.status !== 'ok') throw new Error('claim failed');
  }
  return out.item.id;
}

/** Items of kinds other engineers are adding (same Item model); written directly until their rules exist. */
async function otherKind(
  bot: BotUnderTest,
  o: Pick<Item, 'id' | 'kind' | 'subject' | 'owner' | 'deadline'> & { data?: Record<string, unknown> },
): Promise<string> {
  const now = bot.clock.now();
  const item: Item = {
    tenantId: TEST_TENANT,
    status: o.owner ? 'claimed' : 'open',
    createdBy: person(bram),
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    source: 'teams',
    version: 1,
    card: null,
    ...o,
    data: o.data ?? {},
  };
  const ok = await bot.app.s.repo.commit({
    item,
    expectedVersion: null,
    history: [{ tenantId: TEST_TENANT, itemId: o.id, at: now, actor: person(bram), action: 'created' }],
    outbox: [],
  });
  if (!ok) throw new Error('insert failed');
  return o.id;
}

async function tickAt(bot: BotUnderTest, at: string): Promise<void> {
  bot.clock.set(at);
  await bot.tick();
  await bot.settle();
}

async function optIn(bot: BotUnderTest, u: TestUser, on: boolean): Promise<any> {
  const res = await bot.post(
    adaptiveCardAction({
      from: u,
      conversation: personalConversationId(u),
      verb: 'settings.save',
      data: { personalDigest: on ? 'true' : 'false' },
    }),
  );
  expect(res.status).to.equal(200);
  return res.body.value;
}

describe('daily digest (HTTP, fake connector)', function () {
  let connector: FakeConnector;
  let bot: BotUnderTest;
  let db: string;

  before(async () => {
    connector = await startFakeConnector();
  });
  after(async () => connector.close());
  beforeEach(async () => {
    connector.reset();
    db = tempSqliteUrl();
    bot = await startBot({ databaseUrl: db, now: '2026-11-24T09:00:00+01:00', env: { CLOSING_DAYS: '2026-12-08' } });
  });
  afterEach(async () => bot.stop());

  /** Tuesday–Thursday 24–26 November 2026: a known set of items of every kind. */
  async function knownSet() {
    await bind(bot, connector);
    const overdue = await callback(bot, '2026-11-24T10:00:00+01:00', 'Lekkage badkamer', anna); // due Wed 17:00
    const today = await callback(bot, '2026-11-25T10:00:00+01:00', 'Sleutel kwijt', bram); // due Thu 17:00
    const todayNobody = await callback(bot, '2026-11-25T11:00:00+01:00', 'Vraag over huurverhoging'); // due Thu 17:00
    const tomorrow = await callback(bot, '2026-11-26T08:00:00+01:00', 'Geluidsoverlast buren'); // due Fri 17:00
    const appointment = await otherKind(bot, {
      id: 'AF-2001',
      kind: 'appointment',
      subject: 'E-mail over parkeerplaats beantwoorden',
      owner: person(anna),
      deadline: new Date('2026-11-26T12:00:00+01:00'),
    });
    const interpreter = await otherKind(bot, {
      id: 'TK-3001',
      kind: 'interpreter',
      subject: 'Tolk Arabisch voor mevrouw El Amrani',
      owner: person(anna),
      deadline: new Date('2026-11-27T11:00:00+01:00'),
      data: { language: 'Arabisch', customerName: 'mevrouw El Amrani' },
    });
    const exception = await otherKind(bot, {
      id: 'TW-4001',
      kind: 'exception',
      subject: 'Afwijken van de wachttijd?',
      owner: null,
      deadline: null,
    });
    await bot.settle();
    return { overdue, today, todayNobody, tomorrow, appointment, interpreter, exception };
  }

  it('right after koppel (past the digest time) no empty digest that day; the reply says when the first comes, and it comes', async () => {
    await bind(bot, connector); // Tuesday 24 November, 09:00: after the 08:30 digest time
    const reply = connector.allPosted().find((p) => /werkkanaal/.test(String(p.activity.text ?? '')))!;
    const first = formatMoment(bot.app.s.calendar, new Date('2026-11-25T08:30:00+01:00'));
    expect(String(reply.activity.text)).to.equal(`${nl.common.bound(nl.common.generalChannel)} ${nl.common.boundNext(first)}`);
    await tickAt(bot, '2026-11-24T10:00:00+01:00');
    await tickAt(bot, '2026-11-24T16:00:00+01:00');
    expect(channelDigests(connector)).to.have.length(0);
    await tickAt(bot, '2026-11-25T08:31:00+01:00');
    expect(channelDigests(connector)).to.have.length(1);
  });

  it("a channel bound before the digest time gets that day's digest as usual", async () => {
    bot.clock.set('2026-11-24T08:00:00+01:00');
    await bind(bot, connector);
    const reply = connector.allPosted().find((p) => /werkkanaal/.test(String(p.activity.text ?? '')))!;
    expect(String(reply.activity.text)).to.contain(
      nl.common.boundNext(formatMoment(bot.app.s.calendar, new Date('2026-11-24T08:30:00+01:00'))),
    );
    await tickAt(bot, '2026-11-24T08:31:00+01:00');
    expect(channelDigests(connector)).to.have.length(1);
  });

  it('posts one digest at the digest time with the known content: counts, sections per owner, wording, Open buttons; none before', async () => {
    const k = await knownSet();
    await tickAt(bot, '2026-11-26T08:29:00+01:00');
    expect(channelDigests(connector)).to.have.length(0);
    await tickAt(bot, '2026-11-26T08:30:00+01:00');
    const digests = channelDigests(connector);
    expect(digests).to.have.length(1);
    const d = digests[0]!;
    expect(d.conversationId.split(';')[0]).to.equal(generalChannel.id);
    expect(titleOf(d)).to.equal(nl.digest.channelTitle('donderdag 26 november'));
    const text = cardText(d);
    expect(text).to.contain(nl.digest.asOf('08:30', 6));
    const w = nl.digest.withCount;
    for (const s of [
      w(nl.digest.sections.overdue, 1),
      w(nl.digest.sections.today, 3),
      w(nl.digest.sections.tomorrow('vrijdag 27 november'), 1),
      w(nl.digest.sections.unclaimed, 1),
      nl.digest.owner(anna.name, 1),
      nl.digest.owner(bram.name, 1),
      nl.digest.nobody(1),
      `**${k.overdue}** · Lekkage badkamer`,
      'Terugbelverzoek · uiterlijk woensdag 25 november, 17:00 · 1 werkdag te laat',
      'Afspraak · vandaag 12:00',
      'Terugbelverzoek · morgen 17:00',
      'Twijfelgeval · geen termijn',
    ]) {
      expect(text, s).to.contain(s);
    }
    expect(openIds(d)).to.deep.equal([
      `callback.view ${k.overdue}`,
      `callback.view ${k.todayNobody}`,
      `appointment.view ${k.appointment}`,
      `callback.view ${k.today}`,
      `callback.view ${k.tomorrow}`,
      `exception.view ${k.exception}`,
    ]);
    expect(text).to.not.match(/Arabisch|Amrani|TK-3001|tolk/i);
    // More ticks that day: nothing new.
    await tickAt(bot, '2026-11-26T08:31:00+01:00');
    await tickAt(bot, '2026-11-26T16:00:00+01:00');
    expect(channelDigests(connector)).to.have.length(1);
    // An Open button answers with the item's card.
    const res = await bot.post(
      adaptiveCardAction({ from: carla, conversation: generalChannel.id, verb: 'callback.view', data: { id: k.tomorrow } }),
    );
    expect(JSON.stringify(res.body.value)).to.contain('Geluidsoverlast buren');
  });

  it('no digest on a Saturday, on Koningsdag (Tuesday 27 April 2027) or on a configured closing day; the next working day it comes', async () => {
    await bind(bot, connector);
    await callback(bot, '2026-11-26T10:00:00+01:00', 'Iets open');
    for (const at of [
      '2026-11-28T08:30:00+01:00',
      '2026-11-28T12:00:00+01:00',
      '2026-11-29T09:00:00+01:00',
      '2027-04-27T08:30:00+02:00',
      '2027-04-27T13:00:00+02:00',
      '2026-12-08T08:30:00+01:00',
      '2026-12-08T15:00:00+01:00',
    ]) {
      await tickAt(bot, at);
    }
    expect(channelDigests(connector)).to.have.length(0);
    for (const day of ['2026-11-28', '2026-11-29', '2027-04-27', '2026-12-08'])
      expect(await bot.app.s.repo.hasClaim(TEST_TENANT, `digest:${day}`), day).to.equal(false);
    await tickAt(bot, '2026-12-09T08:30:00+01:00');
    expect(channelDigests(connector).map(titleOf)).to.deep.equal([nl.digest.channelTitle('woensdag 9 december')]);
  });

  it('a restart at the digest minute does not send it twice', async () => {
    await knownSet();
    await tickAt(bot, '2026-11-26T08:30:00+01:00');
    await bot.stop();
    bot = await startBot({ databaseUrl: db, now: '2026-11-26T08:30:20+01:00' });
    await bot.tick(); // what listen() does at start
    await bot.settle();
    await tickAt(bot, '2026-11-26T08:30:50+01:00');
    expect(channelDigests(connector)).to.have.length(1);
  });

  it('a digest missed while the bot was down goes out when it is back the same day; never the next day for the day before', async () => {
    await knownSet();
    await bot.stop(); // down from Thursday 08:00 …
    bot = await startBot({ databaseUrl: db, now: '2026-11-26T14:10:00+01:00' }); // … back at 14:10
    await bot.tick();
    await bot.settle();
    expect(channelDigests(connector).map(titleOf)).to.deep.equal([nl.digest.channelTitle('donderdag 26 november')]);
    expect(cardText(channelDigests(connector)[0]!)).to.contain('Stand om 14:10');
    // Down all of Friday: on Monday morning before the digest time nothing is sent for Friday.
    await bot.stop();
    bot = await startBot({ databaseUrl: db, now: '2026-11-30T07:00:00+01:00' });
    await bot.tick();
    await bot.settle();
    expect(await bot.app.s.repo.hasClaim(TEST_TENANT, 'digest:2026-11-27')).to.equal(false);
    expect(channelDigests(connector)).to.have.length(1);
    await tickAt(bot, '2026-11-30T08:30:00+01:00');
    expect(channelDigests(connector).map(titleOf)).to.deep.equal([
      nl.digest.channelTitle('donderdag 26 november'),
      nl.digest.channelTitle('maandag 30 november'),
    ]);
  });

  it('a digest still pending at midnight (Teams kept refusing) is dropped, not sent the next day', async () => {
    await knownSet();
    connector.block(generalChannel.id, 412); // retried by the outbox (not by botbuilder itself, which would take seconds)
    await tickAt(bot, '2026-11-26T08:30:00+01:00');
    expect(await bot.app.s.repo.listOutbox({ type: 'digest', status: 'pending' })).to.have.length(1);
    await bot.stop();
    connector.unblock(generalChannel.id);
    bot = await startBot({ databaseUrl: db, now: '2026-11-27T08:00:00+01:00' });
    await bot.tick();
    await bot.settle();
    expect(channelDigests(connector)).to.have.length(0);
    expect(await bot.app.s.repo.listOutbox({ type: 'digest', status: 'pending' })).to.have.length(0);
    await tickAt(bot, '2026-11-27T08:30:00+01:00');
    expect(channelDigests(connector).map(titleOf)).to.deep.equal([nl.digest.channelTitle('vrijdag 27 november')]);
  });

  it('personal digests: opt in with instellingen, only your own items (with your interpreter request), opt-out respected', async () => {
    const k = await knownSet();
    // Anna opens her settings in the 1:1 chat and switches the personal digest on.
    await bot.post(personalMessage({ text: 'instellingen', from: anna }));
    const settings = await connector.waitFor((c) =>
      c.messagesIn(personalConversationId(anna)).find((m) => /Jouw instellingen/.test(cardText(m))),
    );
    expect(cardText(settings)).to.contain('"value":"false"');
    const saved = await optIn(bot, anna, true);
    expect(JSON.stringify(saved)).to.contain('Opgeslagen. Je krijgt elke werkdag om 08:30').and.contain('"value":"true"');
    // Bram talks to the bot but does not opt in; Carla opts in but has nothing open.
    await bot.post(personalMessage({ text: 'hulp', from: bram }));
    await bot.post(personalMessage({ text: 'hulp', from: carla }));
    await optIn(bot, carla, true);
    await bot.settle();
    // In a channel the settings card is not shown (it would show one person's choice to all).
    await bot.post(channelMessage({ text: 'instellingen', from: bram, team: teamNoord }));
    await connector.waitFor((c) => c.allPosted().find((p) => /persoonlijke chat met mij/.test(String(p.activity.text ?? ''))));

    await tickAt(bot, '2026-11-26T08:30:00+01:00');
    const annas = personalDigests(connector, anna);
    expect(annas).to.have.length(1);
    expect(titleOf(annas[0]!)).to.equal(nl.digest.personalTitle('donderdag 26 november'));
    expect(openIds(annas[0]!)).to.deep.equal([
      `callback.view ${k.overdue}`,
      `appointment.view ${k.appointment}`,
      `interpreter.view ${k.interpreter}`,
    ]);
    expect(cardText(annas[0]!)).to.contain('Tolk Arabisch voor mevrouw El Amrani').and.not.contain('Sleutel kwijt');
    expect(personalDigests(connector, bram)).to.have.length(0);
    expect(personalDigests(connector, carla)).to.have.length(0);
    expect(channelDigests(connector)).to.have.length(1);
    // No personal digest ever lands in the channel, nor the interpreter request's details.
    expect(connector.messagesIn(generalChannel.id).map(cardText).join('\n')).to.not.match(/Jouw dagoverzicht|Arabisch/);

    // Anna switches it off: on Friday only the channel digest.
    await optIn(bot, anna, false);
    await tickAt(bot, '2026-11-27T08:30:00+01:00');
    expect(personalDigests(connector, anna)).to.have.length(1);
    expect(channelDigests(connector)).to.have.length(2);
  });

  it('digest on demand: the team digest in a channel, your own in the 1:1 chat; it does not use up the scheduled one', async () => {
    const k = await knownSet();
    bot.clock.set('2026-11-26T07:45:00+01:00');
    await bot.post(channelMessage({ text: 'digest', from: bram, team: teamNoord }));
    await connector.waitFor((c) => channelDigests(c)[0]);
    expect(cardText(channelDigests(connector)[0]!)).to.contain('Stand om 07:45');
    await bot.post(personalMessage({ text: 'Digest', from: bram }));
    const own = await connector.waitFor((c) => personalDigests(c, bram)[0]);
    expect(openIds(own)).to.deep.equal([`callback.view ${k.today}`]);
    await tickAt(bot, '2026-11-26T08:30:00+01:00');
    expect(channelDigests(connector)).to.have.length(2);
    // Not in a group chat or another team's channel (people outside the team may read along).
    await bot.post(groupChatMessage({ text: 'digest', from: bram }));
    const otherTeam = {
      id: '19:Zz0other0team0a1b2c3d4e5f6@thread.tacv2',
      name: 'WIJ Zuid',
      aadGroupId: 'f6f6f6f6-0000-4000-8000-0000000000f6',
      channels: [{ id: '19:Zz0other0team0a1b2c3d4e5f6@thread.tacv2', name: 'General', isGeneral: true }],
    };
    await bot.post(channelMessage({ text: 'digest', from: bram, team: otherTeam }));
    await connector.waitFor(
      (c) =>
        c.allPosted().filter((p) => /alleen in het team van het werkkanaal/.test(String(p.activity.text ?? ''))).length === 2 || undefined,
    );
    const elsewhere = connector
      .allPosted()
      .filter((p) => p.conversationId.startsWith('19:meeting') || p.conversationId.startsWith(otherTeam.id));
    expect(elsewhere).to.have.length(2);
    expect(elsewhere.every((p) => !p.activity.attachments?.length)).to.equal(true);
    // Somebody with nothing open gets a short, friendly card.
    await bot.post(personalMessage({ text: 'digest', from: carla }));
    const empty = await connector.waitFor((c) => personalDigests(c, carla)[0]);
    expect(cardText(empty)).to.contain(nl.digest.emptyPersonal);
  });

  it('5,000 open items: the digest card Teams receives stays under 80 KB and points to overzicht', async function () {
    this.timeout(120_000);
    await bind(bot, connector);
    const repo = bot.app.s.repo;
    const owners = [anna, bram, carla].map(person);
    const start = new Date('2026-11-20T09:00:00+01:00').getTime();
    const t0 = Date.now();
    for (let i = 0; i < 5000; i++) {
      const created = new Date(start);
      const item: Item = {
        // Appointments and interpreter requests: 5,000 overdue callbacks would also set off 5,000 reminders.
        tenantId: TEST_TENANT,
        id: `AF-${10000 + i}`,
        kind: i % 9 === 0 ? 'interpreter' : 'appointment',
        status: 'open',
        subject: `Onderwerp ${i} `.padEnd(120, 'x'),
        owner: i % 4 === 0 ? null : owners[i % 3]!,
        createdBy: owners[0]!,
        createdAt: created,
        updatedAt: created,
        deadline: new Date(start + (i % 300) * 40 * 60_000),
        closedAt: null,
        source: 'teams',
        version: 1,
        data: {},
        card: null,
      };
      await repo.commit({ item, expectedVersion: null, history: [], outbox: [] });
    }
    const insertMs = Date.now() - t0;
    await tickAt(bot, '2026-11-26T08:30:00+01:00');
    const d = channelDigests(connector);
    expect(d).to.have.length(1);
    const posted = connector
      .allPosted()
      .find((p) => String(p.activity.attachments?.[0]?.content?.body?.[0]?.items?.[0]?.text ?? '').startsWith('Dagoverzicht'))!;
    const bytes = Buffer.byteLength(JSON.stringify(posted.activity), 'utf8');
    console.log(`      5,000 items (inserted in ${insertMs} ms): the posted activity is ${(bytes / 1024).toFixed(1)} KB`);
    expect(bytes).to.be.below(80 * 1024);
    expect(cardText(d[0]!)).to.contain('en nog').and.contain('Typ **overzicht** voor de hele lijst');
  });
});

// ---------------------------------------------------------------- two instances on one PostgreSQL

describe('daily digest: two instances on one PostgreSQL', function () {
  let connector: FakeConnector;
  const schema = `tc_digest_${Date.now().toString(36)}_${process.pid}`;
  let one: BotUnderTest | undefined;
  let two: BotUnderTest | undefined;

  before(async function () {
    await requirePostgres(this, 'digest tests on PostgreSQL');
    connector = await startFakeConnector();
  });
  after(async () => {
    await Promise.all([one?.stop(), two?.stop()]);
    await connector?.close();
    const admin = new Pool({ connectionString: PG_URL, max: 1 });
    try {
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } finally {
      await admin.end();
    }
  });

  it('both tick at the digest minute (and again after): exactly one channel digest and one personal digest', async () => {
    const now = '2026-11-25T16:00:00+01:00';
    [one, two] = await Promise.all([
      startBot({ now, repo: new PostgresRepository(PG_URL, { schema }) }),
      startBot({ now, repo: new PostgresRepository(PG_URL, { schema }) }),
    ]);
    await one.post(channelMessage({ text: 'koppel', from: anna, team: teamNoord }));
    await connector.waitFor((c) => c.allPosted().find((p) => /werkkanaal/.test(String(p.activity.text ?? ''))));
    await callback(one, '2026-11-25T16:05:00+01:00', 'Lekkage badkamer', anna);
    await callback(two, '2026-11-25T16:06:00+01:00', 'Sleutel kwijt');
    await one.post(personalMessage({ text: 'hulp', from: anna }));
    await optIn(two, anna, true);
    await Promise.all([one.settle(), two.settle()]);

    for (const at of ['2026-11-26T08:30:00+01:00', '2026-11-26T08:30:00+01:00', '2026-11-26T08:30:30+01:00']) {
      one.clock.set(at);
      two.clock.set(at);
      await Promise.all([one.tick(), two.tick(), one.tick(), two.tick()]);
      await Promise.all([one.settle(), two.settle()]);
    }
    expect(channelDigests(connector)).to.have.length(1);
    expect(personalDigests(connector, anna)).to.have.length(1);
    expect(cardText(channelDigests(connector)[0]!))
      .to.contain('Lekkage badkamer')
      .and.contain('Sleutel kwijt');
  });
});
