// Issue 13: moving the work channel with `koppel`. A first binding is open to anyone (SPEC); moving
// it needs a manager or the colleague who bound it; anyone else gets a Dutch explanation and nothing
// moves. A move is announced in the old channel and told to the managers in their 1:1 chat.
import { expect } from 'chai';
import {
  aanmeldingenChannel,
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
import { startBot } from '../harness/bot';
import { useBot } from '../harness/suite';
import { nl } from '../../src/texts/nl';
import { neutralise } from '../../src/domain/neutralise';

const textOf = (m: { activity: Record<string, unknown> }) => String(m.activity.text ?? '');

describe('koppel: moving the work channel (issue 13)', () => {
  const suite = useBot(async () => {
    const bot = await startBot({ env: { MANAGER_IDS: dirk.aadObjectId } });
    // Everyone has talked to the bot once in 1:1 (the bot knows their chats), then Anna binds General.
    for (const u of [anna, bram, dirk]) await bot.post(personalMessage({ text: 'hulp', from: u }));
    await bot.post(channelMessage({ text: 'koppel', from: anna, team: teamNoord, channel: generalChannel }));
    await bot.settle();
    suite.connector.reset();
    return bot;
  });
  const binding = () => suite.bot.app.s.repo.getBinding(TEST_TENANT);
  const koppel = async (from: typeof anna, channel = aanmeldingenChannel) => {
    const res = await suite.bot.post(channelMessage({ text: 'koppel', from, team: teamNoord, channel }));
    expect(res.status).to.equal(200);
    await suite.bot.settle();
  };

  it('refuses a colleague who did not bind it: a Dutch explanation, nothing moves, nobody is told', async () => {
    const before = await binding();
    expect(before?.channelId).to.equal(generalChannel.id);
    await koppel(bram);
    const replies = suite.connector.messagesIn(aanmeldingenChannel.id).map(textOf);
    expect(replies).to.deep.equal([nl.workChannel.moveRefused(neutralise(before!.channelName), neutralise(anna.name))]);
    expect(await binding()).to.deep.equal(before);
    expect(suite.connector.messagesIn(generalChannel.id)).to.have.length(0);
    expect(suite.connector.messagesIn(personalConversationId(dirk))).to.have.length(0);
  });

  it('typing koppel again in the bound channel does not make a colleague its binder', async () => {
    await koppel(bram, generalChannel);
    expect(suite.connector.messagesIn(generalChannel.id).map(textOf).join()).to.contain('is al het werkkanaal');
    expect((await binding())?.boundBy.name).to.equal(anna.name);
    suite.connector.reset();
    await koppel(bram);
    expect((await binding())?.channelId).to.equal(generalChannel.id);
    expect(suite.connector.messagesIn(aanmeldingenChannel.id).map(textOf).join()).to.contain('Er is niets veranderd');
  });

  it('the colleague who bound it may move it: announced in the old channel, the managers told in 1:1', async () => {
    const before = (await binding())!;
    await koppel(anna);
    const after = (await binding())!;
    expect(after.channelId).to.equal(aanmeldingenChannel.id);
    const oldChannel = suite.connector.messagesIn(generalChannel.id).map(textOf);
    expect(oldChannel).to.deep.equal([
      nl.workChannel.movedAwayNotice(neutralise(after.channelName), neutralise(teamNoord.name), neutralise(anna.name)),
    ]);
    const toDirk = suite.connector.messagesIn(personalConversationId(dirk)).map(textOf);
    expect(toDirk).to.deep.equal([
      nl.workChannel.movedToManagers(
        neutralise(anna.name),
        neutralise(before.channelName),
        neutralise(after.channelName),
        neutralise(teamNoord.name),
      ),
    ]);
    // The mover is not told what they just did; a colleague who is not a manager is not told either.
    expect(suite.connector.messagesIn(personalConversationId(anna))).to.have.length(0);
    expect(suite.connector.messagesIn(personalConversationId(bram))).to.have.length(0);
  });

  it('a manager may move it; the colleague who bound it hears it in 1:1', async () => {
    await koppel(dirk);
    expect((await binding())?.channelId).to.equal(aanmeldingenChannel.id);
    expect((await binding())?.boundBy.name).to.equal(dirk.name);
    expect(suite.connector.messagesIn(generalChannel.id).map(textOf).join()).to.contain('heeft het werkkanaal verplaatst');
    expect(suite.connector.messagesIn(personalConversationId(anna)).map(textOf).join()).to.contain(
      'Let op: Dirk Bakker heeft het werkkanaal',
    );
    expect(suite.connector.messagesIn(personalConversationId(dirk))).to.have.length(0);
  });

  it('two colleagues at once: neither may move it, whatever the order', async () => {
    await Promise.all([koppel(bram), koppel(bram)]);
    expect((await binding())?.channelId).to.equal(generalChannel.id);
  });
});
