// Cards follow the clock (issue 18): a callback posted on Thursday has its channel card updated
// to the Friday wording on Friday morning and to the late state on Monday, with no activity from
// anyone: only the scheduler's tick. Two instances on one database tick at the same moments;
// each change is sent exactly once. On SQLite (one file, two in-process instances) and PostgreSQL.
import { expect } from 'chai';
import { startFakeConnector, type FakeConnector } from '../harness/fakeConnector';
import { tempSqliteUrl, type BotUnderTest } from '../harness/bot';
import { dropSchema, freshSchema, pgAvailable, pgUrlWithSchema } from '../harness/pg';
import { allChannelCardVersions, bindChannel, channelCard, createCallback, startCallbackBot, textOf } from './callbacks.helpers';
import { stateWords, clockTexts } from '../../src/texts/nl/clock';
import { TEST_TENANT } from '../harness/activities';

const FRIDAY_TERM = 'uiterlijk vrijdag 27 november, 17:00';

function runWith(name: string, databaseUrl: () => Promise<string | null>, cleanup: () => Promise<void>) {
  describe(`cards follow the clock (${name}, two instances)`, function () {
    this.timeout(60_000);
    let connector: FakeConnector;
    let a: BotUnderTest;
    let b: BotUnderTest;

    before(async function () {
      const url = await databaseUrl();
      if (!url) this.skip();
      connector = await startFakeConnector();
      a = await startCallbackBot({ databaseUrl: url! });
      b = await startCallbackBot({ databaseUrl: url! });
      b.clock.set(a.clock.now());
      await bindChannel(a, connector);
    });
    after(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
      await connector?.close();
      await cleanup();
    });

    const tickBoth = async (at: string) => {
      a.clock.set(at);
      b.clock.set(at);
      await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
      await Promise.all([a.settle(), b.settle()]);
    };

    it('Thursday "morgen", Friday morning "vandaag", Monday "te laat": each change sent once, none without a change', async () => {
      const item = await createCallback(a); // Thursday 26 November 10:00
      const id = item.id;
      expect(textOf(await channelCard(a, connector, id))).to.contain(clockTexts.termLine(stateWords.dueTomorrow, FRIDAY_TERM));
      const versions = async () => (await allChannelCardVersions(a, connector, id)).length;
      const posted = await versions();

      // Thursday evening: nothing changed, nothing is sent (the row is not even due).
      await tickBoth('2026-11-26T22:00:00+01:00');
      expect(await versions()).to.equal(posted);
      expect((await a.app.s.repo.cardClock.due(a.clock.now(), 10)).map((r) => r.itemId)).to.deep.equal([]);

      // Friday 07:00, no click by anyone: the card now says "vandaag", updated exactly once.
      await tickBoth('2026-11-27T07:00:00+01:00');
      expect(await versions()).to.equal(posted + 1);
      let card = textOf(await channelCard(a, connector, id));
      expect(card).to.contain(clockTexts.termLine(stateWords.dueToday, FRIDAY_TERM));
      expect(card).not.to.contain(stateWords.overdue);

      // Later on Friday before the term: no change, no send.
      await tickBoth('2026-11-27T16:59:00+01:00');
      expect(await versions()).to.equal(posted + 1);

      // Monday 09:00: late, with how late, once.
      await tickBoth('2026-11-30T09:00:00+01:00');
      card = textOf(await channelCard(a, connector, id));
      expect(card).to.contain(clockTexts.termLine(stateWords.overdue, FRIDAY_TERM));
      expect(card).to.contain('1 werkdag te laat');
      // Friday 17:00:01 (te laat) and Monday's midnight (1 werkdag te laat) fall in one tick here: one update.
      expect(await versions()).to.equal(posted + 2);
      await tickBoth('2026-11-30T10:00:00+01:00');
      expect(await versions()).to.equal(posted + 2);
      // Every update went out through the outbox, each exactly once (unique keys per change).
      const sent = (await a.app.s.repo.listOutbox({ tenantId: TEST_TENANT, type: 'updateCard', limit: 100 })).filter(
        (m) => m.payload.byClock,
      );
      expect(sent).to.have.length(2);
      expect(sent.every((m) => m.status === 'done')).to.equal(true);
    });
  });
}

let schema = '';
runWith(
  'SQLite',
  async () => tempSqliteUrl('tc-clock'),
  async () => undefined,
);
runWith(
  'PostgreSQL',
  async () => {
    if (!(await pgAvailable())) return null;
    schema = freshSchema('tc_clock');
    return pgUrlWithSchema(schema);
  },
  async () => {
    if (schema) await dropSchema(schema);
  },
);
