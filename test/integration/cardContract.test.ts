// The card contract at the door (/api/messages over HTTP): a known verb with data its schema refuses
// gets the item's current card (the one this person would see) with a note, or a note alone when
// there is no item; never an error, and nothing changes. Data as older cards sent it still works.
import { expect } from 'chai';
import { startFakeConnector, type FakeConnector } from '../harness/fakeConnector';
import {
  adaptiveCardAction,
  anna,
  bram,
  generalChannel,
  personalConversationId,
  teamNoord,
  TEST_TENANT,
  type TestUser,
} from '../harness/activities';
import type { BotUnderTest } from '../harness/bot';
import { findAll } from '../harness/cards';
import { startTeamBot } from '../harness/team';
import type { Person } from '../../src/domain/types';
import { nl } from '../../src/texts/nl';

const P = (u: TestUser): Person => ({ id: u.aadObjectId, name: u.name, teamsId: u.id });
const json = (v: unknown) => JSON.stringify(v);
const verbsOf = (card: unknown) => findAll(card, (e) => e.type === 'Action.Execute').map((a) => String(a.verb));

describe('card contract at /api/messages: invalid data gets the current card with a note, older data still works', () => {
  let connector: FakeConnector;
  let bot: BotUnderTest;
  let id: string;

  before(async () => {
    connector = await startFakeConnector();
  });
  after(async () => connector.close());
  beforeEach(async () => {
    bot = await startTeamBot(connector);
    const made = await bot.app.s.items.create(
      'callback',
      TEST_TENANT,
      { customerName: 'Klant Contract', phone: '06 12345670', topic: 'Lekkage' },
      P(bram),
      'teams',
    );
    if (made.status !== 'created') throw new Error(made.status);
    id = made.item.id;
    await bot.settle();
  });
  afterEach(async () => bot.stop());

  const click = (from: TestUser, verb: string, data: Record<string, unknown>) =>
    bot.post(adaptiveCardAction({ from, conversation: generalChannel.id, team: teamNoord, channel: generalChannel, verb, data }));
  const stored = async () => {
    const item = await bot.app.s.items.get(TEST_TENANT, id);
    return { version: item!.version, owner: item!.owner?.id, history: (await bot.app.s.repo.history(TEST_TENANT, id)).length };
  };

  it('callback.claim with a garbage version: 200, the channel card of the item with the note, nothing claimed', async () => {
    const before = await stored();
    const res = await click(anna, 'callback.claim', { id, v: 'garbage' });
    expect(res.status).to.equal(200);
    const card = res.body.value;
    expect(res.body.type).to.equal('application/vnd.microsoft.card.adaptive');
    expect(json(card)).to.contain(nl.common.invalidAction).and.contain(id);
    // The card anyone sees of an unclaimed callback: its claim button, not the owner's actions.
    expect(verbsOf(card)).to.include('callback.claim').and.not.include('callback.done');
    expect(await stored()).to.deep.equal(before);
  });

  it('the owner with broken data gets the owner view with the note', async () => {
    const claimed = await click(anna, 'callback.claim', { id });
    expect(claimed.status).to.equal(200);
    const before = await stored();
    expect(before.owner).to.equal(anna.aadObjectId);
    const res = await click(anna, 'callback.done', { id, v: { version: 2 }, answer: 'ja' });
    expect(res.status).to.equal(200);
    expect(json(res.body.value)).to.contain(nl.common.invalidAction);
    expect(verbsOf(res.body.value)).to.include('callback.done');
    expect(await stored()).to.deep.equal(before);
  });

  it('callback.claim with an id that is a number or an object: 200 with the note alone, nothing changed', async () => {
    const before = await stored();
    for (const bad of [1042, { id }, ['TB-1'], null]) {
      const res = await click(anna, 'callback.claim', { id: bad, v: 1 });
      expect(res.status, json(bad)).to.equal(200);
      const card = res.body.value;
      expect(json(card)).to.contain(nl.common.invalidAction);
      expect(verbsOf(card)).to.deep.equal([]);
    }
    expect(await stored()).to.deep.equal(before);
  });

  it('a form with broken data (callback.create, formId an object): the note, nothing made', async () => {
    const count = (await bot.app.s.repo.queryItems(TEST_TENANT, {})).length;
    const res = await bot.post(
      adaptiveCardAction({
        from: anna,
        conversation: personalConversationId(anna),
        verb: 'callback.create',
        data: { formId: { x: 1 }, customerName: 'Klant Formulier', phone: '06 12345671', topic: 'Vraag' },
      }),
    );
    expect(res.status).to.equal(200);
    expect(json(res.body.value)).to.contain(nl.common.invalidAction);
    expect((await bot.app.s.repo.queryItems(TEST_TENANT, {})).length).to.equal(count);
  });

  it('data as older cards sent it still works: the version as text, extra keys, no version at all', async () => {
    const res = await click(anna, 'callback.claim', { id, v: '1', postedBy: 'an older card', extra: { nested: true } });
    expect(res.status).to.equal(200);
    expect(json(res.body.value)).to.not.contain(nl.common.invalidAction);
    expect((await stored()).owner).to.equal(anna.aadObjectId);
    const released = await click(anna, 'callback.release', { id });
    expect(released.status).to.equal(200);
    expect(json(released.body.value)).to.not.contain(nl.common.invalidAction);
    expect((await stored()).owner).to.equal(undefined);
  });

  it('a version given as text still tells a card that was not up to date', async () => {
    await click(bram, 'callback.claim', { id, v: 1 });
    const res = await click(anna, 'callback.claim', { id, v: '1' });
    expect(res.status).to.equal(200);
    expect(json(res.body.value)).to.contain(nl.common.staleCard).and.not.contain(nl.common.invalidAction);
    expect((await stored()).owner).to.equal(bram.aadObjectId);
  });

  it('an unknown verb keeps its answer: the item\'s current card with "this button no longer works"', async () => {
    const res = await click(anna, 'callback.explode', { id, v: 1 });
    expect(res.status).to.equal(200);
    expect(json(res.body.value)).to.contain(nl.common.unknownAction).and.not.contain(nl.common.invalidAction);
    expect(verbsOf(res.body.value)).to.include('callback.claim');
  });
});
