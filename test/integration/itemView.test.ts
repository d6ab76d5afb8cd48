// One render per click (issue 14): the invoke answer and the channel update the outbox sends right
// after render from one item view, so a click reads the history and the colleagues once. Through
// /api/messages with the fake connector, the real storage counted by a wrapper on the repository.
import { expect } from 'chai';
import { bram } from '../harness/roster';
import type { FakeConnector } from '../harness/fakeConnector';
import type { BotUnderTest } from '../harness/bot';
import { useBot } from '../harness/suite';
import { bindChannel, channelMessageOf, click, createCallback, introduce, startCallbackBot, textOf } from './callbacks.helpers';
import { nl } from '../../src/texts/nl';

/** Counts the repository's history and colleague reads from now on. */
function countReads(bot: BotUnderTest): { history: number; listUsers: number } {
  const counts = { history: 0, listUsers: 0 };
  const repo = bot.app.s.repo;
  const history = repo.history.bind(repo);
  const listUsers = repo.listUsers.bind(repo);
  repo.history = async (tenantId, itemId) => {
    counts.history++;
    return history(tenantId, itemId);
  };
  repo.listUsers = async (tenantId) => {
    counts.listUsers++;
    return listUsers(tenantId);
  };
  return counts;
}

describe('item views: one render per click (HTTP, fake connector)', () => {
  let connector: FakeConnector;
  let bot: BotUnderTest;
  const suite = useBot(async (connector) => {
    const bot = await startCallbackBot();
    await bindChannel(bot, connector);
    await introduce(bot);
    return bot;
  });
  beforeEach(() => ({ connector, bot } = suite));

  it('a claim: the invoke answer and the channel update read history once and the colleagues once', async () => {
    const item = await createCallback(bot);
    const before = (await channelMessageOf(bot, connector, item.id)).updates;
    const counts = countReads(bot);

    const res = await click(bot, bram, 'callback.claim', { id: item.id, v: item.version });
    await bot.settle();

    expect(res.status).to.equal(200);
    expect(textOf(res.card)).to.contain(nl.callbacks.msg.claimed(item.id));
    const channel = await channelMessageOf(bot, connector, item.id);
    expect(channel.updates, 'the channel card was updated').to.equal(before + 1);
    const shared = textOf(channel.card);
    expect(shared).to.contain(bram.name).and.not.contain(nl.callbacks.card.nobody);
    expect(counts).to.deep.equal({ history: 1, listUsers: 1 });
  });

  it('the next change (a new version) renders from a fresh view, not the kept one', async () => {
    const item = await createCallback(bot);
    await click(bot, bram, 'callback.claim', { id: item.id, v: item.version });
    await bot.settle();
    const counts = countReads(bot);

    const res = await click(bot, bram, 'callback.release', { id: item.id, v: item.version + 1 });
    await bot.settle();

    expect(res.status).to.equal(200);
    expect(counts.history, 'the release reads the history once, anew').to.equal(1);
    const channel = textOf((await channelMessageOf(bot, connector, item.id)).card);
    expect(channel, 'the channel card shows the release, not the kept claim').to.contain(nl.callbacks.card.nobody);
    expect(channel).to.contain(nl.callbacks.history.released);
  });
});
