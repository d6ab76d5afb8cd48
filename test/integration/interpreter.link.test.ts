// Issue 13: linking an interpreter request to someone else's callback needs its owner or a manager
// (policy.mayActFor). Anyone else gets a Dutch field error, no request is made and nothing is linked.
import { expect } from 'chai';
import { adaptiveCardAction, anna, bram, dirk, personalConversationId, TEST_TENANT, type TestUser } from '../harness/activities';
import { startFakeConnector, type FakeConnector } from '../harness/fakeConnector';
import type { BotUnderTest } from '../harness/bot';
import { startTeamBot } from '../harness/team';
import { claimInvoke, intake, phoneFor } from '../harness/scenario';
import { nl } from '../../src/texts/nl';

describe('interpreter request linked to a callback: its owner or a manager only (issue 13)', () => {
  let connector: FakeConnector;
  let bot: BotUnderTest;
  let cb: string;
  before(async () => {
    connector = await startFakeConnector();
  });
  after(async () => connector.close());
  beforeEach(async () => {
    bot = await startTeamBot(connector, { INTERPRETER_SERVICE_URL: 'https://tolkapp.example.nl/boeken' });
    cb = (await intake(bot.url, { customerName: 'Meneer Koppeling', phone: phoneFor(77), topic: 'Reparatie' })).body.id;
    expect((await bot.post(claimInvoke(anna, cb))).status).to.equal(200);
    await bot.settle();
  });
  afterEach(async () => bot.stop());

  let n = 0;
  const book = (from: TestUser) =>
    bot.post(
      adaptiveCardAction({
        from,
        conversation: personalConversationId(from),
        verb: 'interpreter.create',
        data: {
          path: 'service',
          formId: `link-${++n}`,
          language: 'Arabisch',
          mode: 'video',
          date: '2026-12-02',
          time: '10:00',
          duration: '30',
          relatedId: cb,
        },
      }),
    );
  const links = async () => ((await bot.app.s.repo.getItem(TEST_TENANT, cb))!.data as { interpreters?: unknown[] }).interpreters ?? [];
  const requests = async () => bot.app.s.repo.queryItems(TEST_TENANT, { kinds: ['interpreter'] });

  it('a colleague who does not own it gets a field error; nothing is made or linked', async () => {
    const res = await book(bram);
    expect(res.status).to.equal(200);
    expect(JSON.stringify(res.body)).to.contain(JSON.stringify(nl.interpreter.errors.relatedNotYours(cb)).slice(1, -1));
    expect(await requests()).to.have.length(0);
    expect(await links()).to.deep.equal([]);
  });

  it('its owner may link a request to it', async () => {
    const res = await book(anna);
    expect(JSON.stringify(res.body)).not.to.contain('Alleen de behandelaar');
    expect(await requests()).to.have.length(1);
    expect(await links()).to.have.length(1);
  });

  it('a manager may link a request to it', async () => {
    await book(dirk);
    expect(await requests()).to.have.length(1);
    expect(await links()).to.have.length(1);
  });
});
