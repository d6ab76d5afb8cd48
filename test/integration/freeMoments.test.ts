// "Vrije momenten tonen" in the terugbellen form (issue 17) on SQLite and PostgreSQL, against the
// fake Graph over HTTP: the refresh keeps every typed value and lists the colleague's free moments
// nearest to the customer's preferred moment; picking one and sending plans the Outlook event. A
// slow agenda (one 503) is not retried inside the invoke: the form says so and keeps the values.
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import type { CallbackData } from '../../src/domain/items/callback';
import type { Item } from '../../src/domain/types';
import { nl } from '../../src/texts/nl';
import { startFakeConnector, type FakeConnector } from '../harness/fakeConnector';
import { adaptiveCardAction, anna, bram, carla, channelMessage, dirk, generalChannel, personalConversationId, teamNoord, TEST_TENANT, type TestUser } from '../harness/activities';
import { startBot, tempSqliteUrl, type BotUnderTest } from '../harness/bot';
import { fixedTokenCredential, startFakeGraph, type FakeGraph } from '../harness/fakeGraph';
import { dropSchema, freshSchema, pgAvailable, pgUrlWithSchema } from '../harness/pg';
import { inputOf, textOf } from './callbacks.helpers';

const fm = nl.conversation.freeMoments;
const cet = (local: string) => new Date(`${local}+01:00`).toISOString();
const TYPED = {
  customerName: 'Mevrouw Jansen', phone: '06 12345678', topic: 'Lekkage badkamer', details: 'Water door het plafond.',
  preferredDate: '2026-11-27', preferredTime: '10:00', assignee: bram.aadObjectId,
};

for (const dbKind of ['sqlite', 'postgres'] as const) {
  describe(`free moments in the terugbellen form (${dbKind}, fake Graph over HTTP)`, function () {
    this.timeout(30_000);
    let connector: FakeConnector;
    let fake: FakeGraph;
    let bot: BotUnderTest;
    let schema: string | undefined;

    before(async function () {
      if (dbKind === 'postgres' && !(await pgAvailable())) this.skip();
      connector = await startFakeConnector();
      fake = await startFakeGraph();
    });
    after(async () => {
      await connector?.close();
      await fake?.close();
    });
    beforeEach(async () => {
      connector.reset();
      fake.reset();
      schema = dbKind === 'postgres' ? freshSchema('tc_h17fm') : undefined;
    });
    afterEach(async () => {
      fake.up();
      await bot?.stop().catch(() => undefined);
      if (schema) await dropSchema(schema);
    });

    async function setup(graph = true) {
      bot = await startBot({
        databaseUrl: schema ? pgUrlWithSchema(schema) : tempSqliteUrl('h17fm'),
        env: graph ? fake.env() : {},
        app: graph ? { graph: { credential: fixedTokenCredential() } } : {},
      });
      await bot.post(channelMessage({ text: 'koppel', from: anna, team: teamNoord, channel: generalChannel }));
      for (const u of [anna, bram, carla, dirk]) await bot.app.s.repo.upsertUser({ tenantId: TEST_TENANT, userId: u.aadObjectId, teamsId: u.id, name: u.name });
      await bot.settle();
    }
    const act = (from: TestUser, verb: string, data: Record<string, unknown>) =>
      bot.post(adaptiveCardAction({ from, conversation: personalConversationId(from), verb, data }));

    it('the refresh keeps the typed values and lists free moments nearest the preferred moment; the picked one becomes the Outlook event', async () => {
      await setup();
      // Bram is busy on Friday 10:00–11:00: the moments around it are offered.
      fake.setBusy(bram, [{ start: cet('2026-11-27T10:00:00'), end: cet('2026-11-27T11:00:00') }]);
      const formId = randomUUID();
      const res = await act(anna, 'callback.freeMoments', { ...TYPED, formId });
      const form = res.body.value;
      for (const [k, v] of Object.entries(TYPED)) expect(inputOf(form, k)?.value, k).to.equal(v);
      const slot = inputOf(form, 'slot')!;
      expect(slot.label).to.equal(fm.label(bram.name));
      const values: string[] = slot.choices.map((c: { value: string }) => c.value);
      expect(values.at(-1)).to.equal('none');
      const moments = values.slice(0, -1).map((v) => new Date(v).getTime());
      expect(moments.length).to.be.within(1, 5);
      // Nearest to Friday 10:00, none inside the busy hour, all within the term (the preferred moment): none marked late.
      for (const m of moments) {
        expect(Math.abs(m - Date.parse(cet('2026-11-27T10:00:00')))).to.be.at.most(3 * 3_600_000);
        expect(m >= Date.parse(cet('2026-11-27T10:00:00')) && m < Date.parse(cet('2026-11-27T11:00:00')), 'not in the busy hour').to.equal(false);
      }
      expect(textOf(form)).to.not.contain('te laat');
      expect(fake.requestsTo('POST', /getSchedule/)).to.have.length(1);

      const pick = values[0]!;
      const created = await act(anna, 'callback.create', { ...TYPED, formId, slot: pick });
      expect(textOf(created.body.value)).to.contain('is aangemaakt');
      await bot.settle();
      const item = (await bot.app.s.repo.queryItems(TEST_TENANT, { kinds: ['callback'] }))[0] as unknown as Item<CallbackData>;
      expect(item.data.agenda).to.include({ state: 'planned', start: new Date(pick).toISOString(), by: 'choice', late: false });
      const events = fake.eventsOf(bram);
      expect(events).to.have.length(1);
      expect(new Date(`${events[0]!.start.dateTime.replace(/Z?$/, 'Z')}`).toISOString()).to.equal(new Date(pick).toISOString());
    });

    it('a slow agenda is not retried inside the invoke: the form says so and keeps everything typed; without Graph it says the term applies', async () => {
      await setup();
      // Warm the address cache, then one 503 on getSchedule.
      await act(anna, 'callback.freeMoments', { ...TYPED, formId: 'warm' });
      const before = fake.requestsTo('POST', /getSchedule/).length;
      fake.failNext(1, { status: 503, match: (r) => r.method === 'POST' && /getSchedule/.test(r.path) });
      const res = await act(anna, 'callback.freeMoments', { ...TYPED, formId: 'slow' });
      expect(textOf(res.body.value)).to.contain(fm.slow);
      expect(fake.requestsTo('POST', /getSchedule/).length - before, 'one call, no retry').to.equal(1);
      for (const [k, v] of Object.entries(TYPED)) expect(inputOf(res.body.value, k)?.value, k).to.equal(v);
      expect(inputOf(res.body.value, 'slot')).to.equal(undefined);
      // Choosing oneself: ask for a colleague.
      expect(textOf((await act(anna, 'callback.freeMoments', { ...TYPED, assignee: anna.aadObjectId })).body.value)).to.contain(fm.noColleague);
      await bot.stop();
      await setup(false);
      expect(textOf((await act(anna, 'callback.freeMoments', { ...TYPED })).body.value)).to.contain(fm.notConfigured);
    });
  });
}
