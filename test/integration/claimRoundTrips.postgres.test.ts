// Round trips to PostgreSQL for one claim (issue 14): every statement the bot sends from the click
// until the outbox has updated the channel card, counted on the pg client. Each one costs the bot a
// socket write and the driver's parsing, so this number is pinned: the test fails when it grows.
// PostgreSQL: TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test); skipped when the
// default server cannot be reached, failing when TEST_DATABASE_URL is set but unreachable.
import { expect } from 'chai';
import { Client } from 'pg';
import { adaptiveCardAction, generalChannel } from '../harness/activities';
import { bram, threadConversationId } from '../harness/roster';
import { startFakeConnector, type FakeConnector } from '../harness/fakeConnector';
import type { BotUnderTest } from '../harness/bot';
import { freshSchema, pgUrlWithSchema, requirePostgres } from '../harness/pg';
import { bindChannel, createCallback, introduce, startCallbackBot, textOf } from './callbacks.helpers';
import { nl } from '../../src/texts/nl';

/**
 * The claim's statements: the item read, the commit (one statement, returning the item's history
 * for the views), the customer summary of the owner view, the outbox claim (the card update comes
 * with its item), and the next claim, which also marks the delivered messages done and records the
 * card the update sent in the card clock.
 */
const CLAIM_ROUND_TRIPS = 5;

/** Runs fn and returns the SQL of every query any pg client sent meanwhile. */
async function statementsOf(fn: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const proto = Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const query = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const q = args[0] as string | { text?: string };
    seen.push((typeof q === 'string' ? q : String(q.text)).replace(/\s+/g, ' ').slice(0, 100));
    return query.apply(this, args);
  };
  try {
    await fn();
  } finally {
    proto.query = query;
  }
  return seen;
}

describe('PostgreSQL round trips of one claim', function () {
  this.timeout(30_000);
  let connector: FakeConnector;
  let bot: BotUnderTest;

  before(async function () {
    await requirePostgres(this, 'the round trips of a claim');
    connector = await startFakeConnector();
    bot = await startCallbackBot({ databaseUrl: pgUrlWithSchema(freshSchema('tc_trips')) });
    await bindChannel(bot, connector);
    await introduce(bot);
  });
  after(async () => {
    await bot?.stop();
    await connector?.close();
  });

  it(`a claim, its answer and the channel card update: at most ${CLAIM_ROUND_TRIPS} statements`, async () => {
    // Twice: the first claim warms what is kept for seconds (channel binding, colleagues); the second is a claim as most are.
    for (let n = 0; n < 2; n++) {
      const item = await createCallback(bot);
      const updates = connector.updates.length;
      const conversation = threadConversationId(generalChannel.id, item.card!.activityId);
      const activity = adaptiveCardAction({
        from: bram,
        conversation,
        verb: 'callback.claim',
        data: { id: item.id, v: item.version },
        replyToId: item.card!.activityId,
      });
      let answer = '';
      const statements = await statementsOf(async () => {
        const res = await bot.post(activity);
        answer = textOf((res.body as { value?: unknown } | undefined)?.value);
        // The outbox starts after the answer: wait for the update, then for its run to end (no kick of our own).
        await connector.waitFor((c) => c.updates.length > updates, 10_000, 'channel card update');
        await bot.app.s.outbox.idle();
      });
      expect(answer).to.contain(nl.callbacks.msg.claimed(item.id));
      expect((await bot.app.s.repo.outboxStats()).pending, 'every message marked done').to.equal(0);
      if (n === 1) expect(statements, statements.join('\n')).to.have.length.at.most(CLAIM_ROUND_TRIPS);
    }
  });
});
