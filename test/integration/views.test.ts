// `mijn`, `overzicht` and `rapport` over real HTTP: content, order and state of the rows, the
// filters (a verb re-rendering the card), opening an item and going back, privacy in a channel,
// the 80 KB cap with 5,000 items, and who may see the report.
import { expect } from 'chai';
import { startFakeConnector, type FakeConnector } from '../harness/fakeConnector';
import {
  adaptiveCardAction,
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
import type { BotUnderTest } from '../harness/bot';
import { startTeamBot } from '../harness/team';
import type { Person } from '../../src/domain/types';
import { findAll } from '../harness/cards';
import { nl } from '../../src/texts/nl';

const json = (v: unknown) => JSON.stringify(v);
const personal = (u: typeof anna) => personalConversationId(u);
const P = (u: typeof anna): Person => ({ id: u.aadObjectId, name: u.name, teamsId: u.id });

/** Rows of a list card: "id · state" in card order. */
function rows(card: unknown): string[] {
  return findAll(
    card,
    (e) => e.type === 'Container' && Array.isArray(e.items) && e.items[0]?.type === 'ColumnSet' && json(e).includes('**'),
  ).map((c) => {
    const t = json(c);
    return `${/\*\*([A-Z]+-\d+)\*\*/.exec(t)![1]} ${/"text":"(te laat|vandaag|op tijd)"/.exec(t)![1]}`;
  });
}

describe('mijn, overzicht and rapport (HTTP)', () => {
  let connector: FakeConnector;
  let bot: BotUnderTest;
  const ids: Record<string, string> = {};

  before(async () => {
    connector = await startFakeConnector();
  });
  after(async () => connector.close());
  beforeEach(async () => {
    bot = await startTeamBot(connector);
    // A known set of open work, made through the service at known moments.
    const s = bot.app.s;
    const make = async (key: string, kind: 'callback' | 'appointment', input: Record<string, unknown>, by: Person, at: string) => {
      bot.clock.set(at);
      const o = await s.items.create(kind, TEST_TENANT, input, by, 'teams');
      if (o.status !== 'created') throw new Error(`${key}: ${o.status}`);
      ids[key] = o.item.id;
    };
    const cb = (topic: string, assignee?: Person) => ({ customerName: 'Klant', phone: '06 12345678', topic, assignee });
    await make('lateCb', 'callback', cb('Lekkage', P(anna)), P(bram), '2026-11-24T09:00:00+01:00'); // due Wed 25 Nov 17:00: late
    await make(
      'todayAf',
      'appointment',
      { promiseKind: 'other', customerName: 'K', topic: 'Tuin', owner: P(anna), moment: '2026-11-26T15:00:00+01:00' },
      P(anna),
      '2026-11-25T09:00:00+01:00',
    );
    await make(
      'laterAf',
      'appointment',
      { promiseKind: 'letter', customerName: 'K', topic: 'Bezwaar' },
      P(anna),
      '2026-11-25T09:30:00+01:00',
    ); // 2 Dec
    await make('openCb', 'callback', cb('Overlast'), P(bram), '2026-11-26T09:00:00+01:00'); // tomorrow, unclaimed
    await make(
      'bramAf',
      'appointment',
      { promiseKind: 'email', customerName: 'K', topic: 'Servicekosten' },
      P(bram),
      '2026-11-26T09:10:00+01:00',
    );
    bot.clock.set('2026-11-26T10:00:00+01:00');
    await bot.settle();
    connector.reset();
  });
  afterEach(async () => bot.stop());

  const act = (from: typeof anna, verb: string, data: Record<string, unknown>, conversation = personal(from)) =>
    bot.post(adaptiveCardAction({ from, conversation, verb, data }));

  it('mijn lists my open items of every kind, soonest deadline first, with their state and an open button', async () => {
    await bot.post(personalMessage({ text: 'mijn', from: anna }));
    const card = (await connector.waitFor((c) => c.messagesIn(personal(anna)).find((m) => m.card))).card!;
    expect(rows(card)).to.deep.equal([`${ids.lateCb} te laat`, `${ids.todayAf} vandaag`, `${ids.laterAf} op tijd`]);
    expect(json(card))
      .to.contain(nl.views.mineTitle(3))
      .and.contain(nl.views.summaryMine(1, 1, 1));
    expect(json(card)).to.not.contain(ids.openCb);
    expect(json(card)).to.not.contain(ids.bramAf);
    const buttons = findAll(card, (e) => e.type === 'Action.Execute');
    expect(buttons.map((b) => `${b.verb}:${b.data.id}`)).to.deep.equal(
      [ids.lateCb, ids.todayAf, ids.laterAf].map((id) => `views.open:${id}`),
    );

    // Opening an item shows its owner view (she owns it) with a way back to the list.
    const opened = (await act(anna, 'views.open', { id: ids.lateCb, back: 'mine' })).body.value;
    expect(json(opened)).to.contain('Deze weergave zie alleen jij').and.contain('tel:+31612345678').and.contain('views.mine');
    const back = (await act(anna, 'views.mine', {})).body.value;
    expect(rows(back)).to.have.length(3);
  });

  it("overzicht shows the team's open items with counts; filters on kind, owner and state re-render the card", async () => {
    await bot.post(personalMessage({ text: 'overzicht', from: bram }));
    const card = (await connector.waitFor((c) => c.messagesIn(personal(bram)).find((m) => m.card))).card!;
    expect(rows(card)).to.deep.equal([
      `${ids.lateCb} te laat`,
      `${ids.todayAf} vandaag`,
      `${ids.openCb} op tijd`,
      `${ids.bramAf} op tijd`,
      `${ids.laterAf} op tijd`,
    ]);
    expect(json(card)).to.contain(nl.views.summary(1, 1, 3, 1));
    const choiceIds = findAll(card, (e) => e.type === 'Input.ChoiceSet').map((c) => c.id);
    expect(choiceIds).to.deep.equal(['kind', 'owner', 'state']);
    // The unclaimed callback has its own claim verb in the list.
    const claim = findAll(card, (e) => e.type === 'Action.Execute' && e.verb === 'callback.claim');
    expect(claim.map((c) => c.data.id)).to.deep.equal([ids.openCb]);

    const byKind = (await act(bram, 'views.team', { kind: 'appointment', owner: '', state: '' })).body.value;
    expect(rows(byKind)).to.deep.equal([`${ids.todayAf} vandaag`, `${ids.bramAf} op tijd`, `${ids.laterAf} op tijd`]);
    expect(json(byKind)).to.contain(nl.views.filtered(3, 5));
    expect(nl.views.filtered(3, 5)).to.equal('3 van de 5 open zaken passen bij het filter.');
    expect(findAll(byKind, (e) => e.id === 'kind')[0]!.value, 'the filter stays chosen').to.equal('appointment');
    const byOwner = (await act(bram, 'views.team', { kind: '', owner: bram.aadObjectId, state: '' })).body.value;
    expect(rows(byOwner)).to.deep.equal([`${ids.bramAf} op tijd`]);
    const unowned = (await act(bram, 'views.team', { owner: 'none' })).body.value;
    expect(rows(unowned)).to.deep.equal([`${ids.openCb} op tijd`]);
    const late = (await act(bram, 'views.team', { state: 'overdue' })).body.value;
    expect(rows(late)).to.deep.equal([`${ids.lateCb} te laat`]);
    const none = (await act(bram, 'views.team', { kind: 'callback', state: 'dueToday' })).body.value;
    expect(rows(none)).to.deep.equal([]);
    expect(json(none)).to.contain(nl.views.teamEmpty);

    // Claiming from the list uses the item's own verb; a colleague opening someone else's item sees the channel card.
    const claimed = (await act(bram, 'callback.claim', { id: ids.openCb })).body.value;
    expect(json(claimed)).to.contain(`Je hebt ${ids.openCb} opgepakt`);
    const notMine = json((await act(bram, 'views.open', { id: ids.lateCb, back: 'team', kind: 'callback' })).body.value);
    expect(notMine).to.not.contain('tel:');
    expect(notMine).to.contain('views.team');
  });

  it('keeps the overzicht card under 80 KB with 5,000 open items, cut with "en nog N…"', async () => {
    const s = bot.app.s;
    for (let i = 0; i < 5000; i++) {
      // Straight through the repository for speed: the same rows the service writes.
      await s.repo.commit({
        item: {
          tenantId: TEST_TENANT,
          id: `TB-${9000 + i}`,
          kind: 'callback',
          status: 'open',
          subject: `Onderwerp met een lange omschrijving nummer ${i} `.repeat(3),
          owner: null,
          createdBy: P(bram),
          createdAt: new Date('2026-11-26T08:00:00Z'),
          updatedAt: new Date('2026-11-26T08:00:00Z'),
          deadline: new Date(Date.parse('2026-11-27T16:00:00Z') + i * 60_000),
          closedAt: null,
          source: 'teams',
          version: 1,
          data: { attempts: [] },
          card: null,
        },
        expectedVersion: null,
        history: [],
        outbox: [],
      });
    }
    const card = (await act(bram, 'views.team', {})).body.value;
    const size = Buffer.byteLength(json(card));
    expect(size).to.be.below(80_000);
    expect(json(card)).to.match(/en nog 49\d\d…/);
    expect(json(card)).to.contain(nl.views.teamTitle(5005));
  });

  it('in a channel, items of private kinds are left out of the lists', async () => {
    const s = bot.app.s;
    await s.repo.commit({
      item: {
        tenantId: TEST_TENANT,
        id: 'TK-1001',
        kind: 'interpreter',
        status: 'open',
        subject: 'Tolk Arabisch',
        owner: P(anna),
        createdBy: P(anna),
        createdAt: new Date('2026-11-26T08:00:00Z'),
        updatedAt: new Date('2026-11-26T08:00:00Z'),
        deadline: new Date('2026-11-27T16:00:00Z'),
        closedAt: null,
        source: 'teams',
        version: 1,
        data: {},
        card: null,
      },
      expectedVersion: null,
      history: [],
      outbox: [],
    });
    await bot.post(channelMessage({ text: 'mijn', from: anna, team: teamNoord }));
    const inChannel = (await connector.waitFor((c) => c.messagesIn(generalChannel.id).find((m) => m.card))).card!;
    expect(json(inChannel)).to.not.contain('Arabisch');
    expect(json(inChannel)).to.contain('alleen in de persoonlijke chat');
    await bot.post(personalMessage({ text: 'mijn', from: anna }));
    const inChat = (await connector.waitFor((c) => c.messagesIn(personal(anna)).find((m) => m.card))).card!;
    expect(json(inChat)).to.contain('Tolk Arabisch');
  });

  it("rapport is for managers only; the CSV goes to the manager's 1:1 chat, never into the channel", async () => {
    await bot.post(personalMessage({ text: 'rapport', from: anna }));
    const refused = await connector.waitFor((c) => c.messagesIn(personal(anna)).find((m) => m.activity.text));
    expect(String(refused.activity.text)).to.contain('alleen een leidinggevende');
    expect(json((await act(anna, 'report.csv', {})).body.value)).to.contain('alleen een leidinggevende');

    await bot.post(personalMessage({ text: 'rapport', from: dirk }));
    const card = (await connector.waitFor((c) => c.messagesIn(personal(dirk)).find((m) => m.card))).card!;
    expect(json(card)).to.contain(nl.report.title).and.contain('Week 48 (lopend)');

    connector.reset();
    const res = await act(dirk, 'report.csv', {}, generalChannel.id);
    expect(json(res.body.value)).to.contain('in je persoonlijke chat');
    await bot.settle();
    const csv = await connector.waitFor((c) =>
      c.messagesIn(personal(dirk)).find((m) => String(m.activity.text ?? '').includes('periode;week_vanaf')),
    );
    expect(String(csv.activity.text)).to.contain('week 48;2026-11-23;totaal;;5;0;1;4;0;0;0;');
    expect(connector.messagesIn(generalChannel.id).filter((m) => String(m.activity.text ?? '').includes('periode'))).to.have.length(0);
  });
});
