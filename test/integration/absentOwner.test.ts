// Who owns it stays true (issue 18): the owner of an open callback switches on Outlook's automatic
// replies until after the term. The scheduler reads that through (fake) Microsoft Graph; the
// channel card then says "Behandelaar afwezig" and offers "Overnemen" (callback.takeOver) to any
// colleague; the owner and the team are told once; the owner keeps it until someone takes it over.
import { expect } from 'chai';
import { anna, bram, carla, dirk, generalChannel, personalConversationId, TEST_TENANT } from '../harness/activities';
import type { FakeConnector } from '../harness/fakeConnector';
import { useConnectorAndGraph } from '../harness/suite';
import { fixedTokenCredential, type FakeGraph } from '../harness/fakeGraph';
import { startBot, type BotUnderTest } from '../harness/bot';
import { bindChannel, channelCard, click, createCallback, introduce, textOf, verbsOf } from './callbacks.helpers';
import { absentTexts } from '../../src/texts/nl/clock';

describe('absent owner: "Behandelaar afwezig" and "Overnemen"', function () {
  this.timeout(30_000);
  let connector: FakeConnector;
  let fake: FakeGraph;
  let bot: BotUnderTest;

  useConnectorAndGraph((c, g) => {
    connector = c;
    fake = g;
  });
  afterEach(async () => bot?.stop());

  async function start(withGraph: boolean) {
    connector.reset();
    fake.reset();
    bot = await startBot({
      env: { MANAGER_IDS: dirk.aadObjectId, ...(withGraph ? fake.env() : {}) },
      app: { graph: { credential: fixedTokenCredential() } },
    });
    await bindChannel(bot, connector);
    await introduce(bot, anna, bram, carla, dirk);
  }

  const toTeam = (id: string) =>
    connector.messagesIn(generalChannel.id).filter((m) => String(m.activity.text ?? '').includes(absentTexts.toTeam(id, anna.name)));
  const toOwner = (id: string) =>
    connector
      .allPosted()
      .filter(
        (p) =>
          p.conversationId === personalConversationId(anna) &&
          String(p.activity.text ?? '').includes(`**${id}**`) &&
          String(p.activity.text ?? '').includes('afwezig'),
      );

  it('automatic replies until after the term: the card says so, told once, a colleague takes it over', async () => {
    await start(true);
    const item = await createCallback(bot); // Thursday 10:00, term Friday 17:00
    await click(bot, anna, 'callback.claim', { id: item.id, v: item.version });
    await bot.settle();

    // Not absent: nothing changes.
    await bot.tick();
    expect(textOf(await channelCard(bot, connector, item.id))).not.to.contain(absentTexts.ownerAbsent);

    // Away from Thursday noon to Monday: the rest of the term.
    fake.setAutomaticReplies(anna, { status: 'scheduled', start: '2026-11-26T12:00:00+01:00', end: '2026-11-30T08:00:00+01:00' });
    bot.clock.set('2026-11-26T12:30:00+01:00');
    await bot.tick();
    await bot.tick();
    const card = await channelCard(bot, connector, item.id);
    expect(textOf(card)).to.contain(absentTexts.ownerAbsent).and.contain(absentTexts.ownerAbsentLine(anna.name));
    expect(verbsOf(card)).to.include('callback.takeOver');
    expect(toTeam(item.id), 'the team is told once').to.have.length(1);
    expect(toOwner(item.id), 'the owner is told once').to.have.length(1);
    expect(fake.requestsTo('GET', /mailboxSettings\/automaticRepliesSetting/).length).to.be.at.least(1);
    expect((await bot.app.s.repo.getItem(TEST_TENANT, item.id))!.owner!.id, 'the owner keeps it').to.equal(anna.aadObjectId);

    // Bram takes it over: he is the owner, the card no longer says absent, Anna hears it.
    const current = (await bot.app.s.repo.getItem(TEST_TENANT, item.id))!;
    const res = await click(bot, bram, 'callback.takeOver', { id: item.id, v: current.version });
    expect(textOf(res.card)).to.contain(absentTexts.takenOver(item.id, bram.name, anna.name));
    await bot.settle();
    const after = (await bot.app.s.repo.getItem(TEST_TENANT, item.id))!;
    expect(after.owner!.id).to.equal(bram.aadObjectId);
    expect(textOf(await channelCard(bot, connector, item.id))).not.to.contain(absentTexts.ownerAbsent);
    const history = (await bot.app.s.repo.history(TEST_TENANT, item.id)).map((h) => h.action);
    expect(history).to.include.members(['ownerAbsent', 'takenOver']);

    // Nobody can take over from an owner who is not away.
    const again = await click(bot, carla, 'callback.takeOver', { id: item.id, v: after.version });
    expect(textOf(again.card)).to.contain(absentTexts.notAbsent);
  });

  it('automatic replies that end before the term: no mark; without Graph: off', async () => {
    await start(true);
    const item = await createCallback(bot);
    await click(bot, anna, 'callback.claim', { id: item.id, v: item.version });
    fake.setAutomaticReplies(anna, { status: 'scheduled', start: '2026-11-26T09:00:00+01:00', end: '2026-11-27T09:00:00+01:00' });
    await bot.tick();
    expect(textOf(await channelCard(bot, connector, item.id))).not.to.contain(absentTexts.ownerAbsent);
    await bot.stop();

    await start(false);
    const other = await createCallback(bot);
    await click(bot, anna, 'callback.claim', { id: other.id, v: other.version });
    fake.setAutomaticReplies(anna, { status: 'alwaysEnabled' });
    await bot.tick();
    expect(textOf(await channelCard(bot, connector, other.id))).not.to.contain(absentTexts.ownerAbsent);
    expect(fake.requestsTo('GET', /mailboxSettings/)).to.have.length(0);
  });
});
