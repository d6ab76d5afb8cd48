// The customer summary of owner views (klantbeeld) is kept for a few seconds (app/customers.ts):
// a write by another instance shows after at most SUMMARY_TTL_MS, a write of this process at once.
// Through /api/messages with the fake connector; "another instance" writes the record with a store
// of its own on the same database.
import { expect } from 'chai';
import sinon from 'sinon';
import { bram } from '../harness/roster';
import type { FakeConnector } from '../harness/fakeConnector';
import type { BotUnderTest } from '../harness/bot';
import { useBot } from '../harness/suite';
import { bindChannel, click, createCallback, CUSTOMER, getItem, introduce, intake, startCallbackBot, textOf } from './callbacks.helpers';
import { customerStoreFor } from '../../src/storage';
import { nl } from '../../src/texts/nl';

const profile = nl.customers.profile;

describe('customer summary of owner views: a few seconds old at most (HTTP, fake connector)', () => {
  let bot: BotUnderTest;
  let clock: sinon.SinonFakeTimers | undefined;
  const suite = useBot(async (connector: FakeConnector) => {
    const bot = await startCallbackBot();
    await bindChannel(bot, connector);
    await introduce(bot);
    return bot;
  });
  beforeEach(() => ({ bot } = suite));
  afterEach(() => clock?.restore());

  /** Bram releases and claims again (a new version: the owner view is loaded anew) and returns its text. */
  async function ownerViewAgain(id: string): Promise<string> {
    const item = (await getItem(bot, id))!;
    await click(bot, bram, 'callback.release', { id, v: item.version }, { where: 'personal' });
    const res = await click(bot, bram, 'callback.claim', { id, v: item.version + 1 });
    return textOf(res.card);
  }

  it('another instance’s change shows after the period; a change by this process shows at once', async () => {
    clock = sinon.useFakeTimers({ toFake: ['performance'], now: 0 });
    const item = await createCallback(bot);
    const first = textOf((await click(bot, bram, 'callback.claim', { id: item.id, v: item.version })).card);
    expect(first).to.not.contain(profile.digital['regelt-digitaal']);

    // Another instance adds to the klantbeeld (its own store: this process does not hear of it).
    const elsewhere = customerStoreFor(bot.app.s.repo);
    const record = (await elsewhere.get(item.tenantId, String(item.data.customerId)))!;
    expect(
      await elsewhere.update({ ...record, profile: { digital: 'regelt-digitaal' }, version: record.version + 1 }, record.version),
    ).to.equal(true);
    expect(await ownerViewAgain(item.id), 'kept: read less than the period ago').to.not.contain(profile.digital['regelt-digitaal']);
    clock.tick(10_000);
    expect(await ownerViewAgain(item.id), 'read anew after the period').to.contain(profile.digital['regelt-digitaal']);

    // This process links a new callback of the same customer with more to the klantbeeld: shown at once.
    const res = await intake(bot, { ...CUSTOMER, topic: 'Nog een vraag', profile: { attitude: 'hulp-bij-regelen' } });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    await bot.settle();
    expect(await ownerViewAgain(item.id)).to.contain(profile.attitude['hulp-bij-regelen']);
  });
});
