// "Vrije momenten tonen" in the terugbellen and afspraak forms (issue 17) on SQLite and PostgreSQL, against the
// fake Graph over HTTP: the refresh keeps every typed value and lists the colleague's free moments
// nearest to the customer's preferred moment; picking one and sending plans the Outlook event. A
// slow agenda (one 503) is not retried inside the invoke: the form says so and keeps the values.
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import type { CallbackData } from '../../src/domain/items/callback';
import type { AppointmentData } from '../../src/domain/items/appointment';
import type { Item } from '../../src/domain/types';
import { nl } from '../../src/texts/nl';
import { formatMoment } from '../../src/domain/workingTime';
import { startFakeConnector, type FakeConnector } from '../harness/fakeConnector';
import {
  adaptiveCardAction,
  anna,
  bram,
  carla,
  channelMessage,
  dirk,
  generalChannel,
  personalConversationId,
  teamNoord,
  TEST_TENANT,
  type TestUser,
} from '../harness/activities';
import { startBot, tempSqliteUrl, type BotUnderTest } from '../harness/bot';
import { fixedTokenCredential, startFakeGraph, type FakeGraph } from '../harness/fakeGraph';
import { dropSchema, freshSchema, pgAvailable, pgUrlWithSchema } from '../harness/pg';
import { inputOf, textOf } from './callbacks.helpers';

const fm = nl.conversation.freeMoments;
const cet = (local: string) => new Date(`${local}+01:00`).toISOString();
const TYPED = {
  customerName: 'Mevrouw Jansen',
  phone: '06 12345678',
  topic: 'Lekkage badkamer',
  details: 'Water door het plafond.',
  preferredDate: '2026-11-27',
  preferredTime: '10:00',
  assignee: bram.aadObjectId,
};

for (const dbKind of ['sqlite', 'postgres'] as const) {
  describe(`free moments in the terugbellen and afspraak forms (${dbKind}, fake Graph over HTTP)`, function () {
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
      for (const u of [anna, bram, carla, dirk])
        await bot.app.s.repo.upsertUser({ tenantId: TEST_TENANT, userId: u.aadObjectId, teamsId: u.id, name: u.name });
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
        expect(m >= Date.parse(cet('2026-11-27T10:00:00')) && m < Date.parse(cet('2026-11-27T11:00:00')), 'not in the busy hour').to.equal(
          false,
        );
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

    it('afspraak: the refresh keeps the typed values and lists free moments; the picked one is the appointment and its Outlook event, moved and removed with it', async () => {
      await setup();
      // A home visit by Bram, the customer would like Friday 10:00; Bram is busy 10:00–11:00.
      fake.setBusy(bram, [{ start: cet('2026-11-27T10:00:00'), end: cet('2026-11-27T11:00:00') }]);
      const typed = {
        promiseKind: 'homevisit',
        customerName: 'Mevrouw Jansen',
        contact: '06 12345678',
        topic: 'Schimmel slaapkamer',
        details: 'Kijken naar de ventilatie.',
        sensitive: 'false',
        date: '2026-11-27',
        time: '10:00',
        owner: bram.aadObjectId,
      };
      const formId = randomUUID();
      const res = await act(anna, 'appointment.freeMoments', { ...typed, formId });
      const form = res.body.value;
      for (const [k, v] of Object.entries(typed)) if (k !== 'promiseKind') expect(inputOf(form, k)?.value, k).to.equal(v);
      const slot = inputOf(form, 'slot')!;
      expect(slot.label).to.equal(fm.label(bram.name));
      expect(textOf(form)).to.contain(fm.hintMeeting);
      const values: string[] = slot.choices.map((c: { value: string }) => c.value);
      expect(values.at(-1)).to.equal('none');
      expect(slot.choices.at(-1).title).to.equal(fm.noMomentAppointment);
      const moments = values.slice(0, -1).map((v) => Date.parse(v));
      expect(moments.length).to.be.within(1, 5);
      for (const m of moments) {
        expect(Math.abs(m - Date.parse(cet('2026-11-27T10:00:00')))).to.be.at.most(3 * 3_600_000);
        // A home visit takes 30 minutes: none overlaps the busy hour.
        expect(
          m + 30 * 60_000 > Date.parse(cet('2026-11-27T10:00:00')) && m < Date.parse(cet('2026-11-27T11:00:00')),
          'not in the busy hour',
        ).to.equal(false);
      }
      expect(textOf(form)).to.not.contain('te laat');
      expect(fake.requestsTo('POST', /getSchedule/)).to.have.length(1);

      const pick = values.find((v) => v !== 'none' && Date.parse(v) >= Date.parse(cet('2026-11-27T11:00:00')))!;
      const created = await act(anna, 'appointment.create', { ...typed, formId, slot: pick });
      expect(textOf(created.body.value)).to.contain(
        nl.agenda.msg.chosen(formatMoment(bot.app.s.calendar, new Date(pick), bot.app.s.clock.now()), bram.name),
      );
      await bot.settle();
      const get = async () =>
        (await bot.app.s.repo.queryItems(TEST_TENANT, { kinds: ['appointment'] }))[0] as unknown as Item<AppointmentData>;
      const item = await get();
      // The home visit is at the picked moment.
      expect(item.deadline!.toISOString()).to.equal(new Date(pick).toISOString());
      expect(item.data.agenda).to.include({ state: 'planned', start: new Date(pick).toISOString(), by: 'choice', late: false });
      const events = fake.eventsOf(bram);
      expect(events).to.have.length(1);
      const utc = (d: string) => new Date(d.replace(/Z?$/, 'Z')).toISOString();
      expect(utc(events[0]!.start.dateTime)).to.equal(new Date(pick).toISOString());
      expect(utc(events[0]!.end.dateTime)).to.equal(new Date(Date.parse(pick) + 30 * 60_000).toISOString());
      expect(events[0]!.subject).to.equal(nl.agenda.event.appointmentSubject(nl.appointments.kinds.homevisit!, typed.topic));

      // Moving the appointment moves the event (the same event, at the new moment).
      const moved = await act(bram, 'appointment.reschedule', {
        id: item.id,
        date: '2026-11-30',
        time: '14:00',
        reason: 'Klant is vrijdag niet thuis.',
      });
      expect(moved.status).to.equal(200);
      await bot.settle();
      const after = fake.eventsOf(bram);
      expect(after.map((e) => [e.id, utc(e.start.dateTime)])).to.deep.equal([
        [events[0]!.id, new Date(cet('2026-11-30T14:00:00')).toISOString()],
      ]);
      expect((await get()).data.calendarEvent).to.include({
        eventId: events[0]!.id,
        start: new Date(cet('2026-11-30T14:00:00')).toISOString(),
      });

      // Cancelling removes it.
      await act(bram, 'appointment.cancel', { id: item.id, cancelReason: 'Klant heeft het zelf opgelost.' });
      await bot.settle();
      expect((await get()).status).to.equal('cancelled');
      expect(fake.allEvents()).to.have.length(0);
      const actions = (await bot.app.s.repo.history(TEST_TENANT, item.id)).map((h) => h.action);
      expect(actions).to.deep.equal(['created', 'calendarCreated', 'rescheduled', 'calendarMoved', 'cancelled', 'calendarRemoved']);
    });

    it("afspraak: one's own agenda counts; a slow agenda keeps everything typed; without Graph the form says so; an appointment without a picked moment gets no event", async () => {
      await setup();
      const typed = {
        promiseKind: 'other',
        customerName: 'Meneer De Vries',
        contact: 'p.devries@example.nl',
        topic: 'Huurverhoging',
        date: '2026-11-27',
        time: '15:00',
        owner: anna.aadObjectId,
      };
      // Anna's own agenda; she is busy until Friday evening, so the moments are past the term of "iets anders" (end of Friday): marked late.
      fake.setBusy(anna, [{ start: cet('2026-11-26T08:00:00'), end: cet('2026-11-27T18:00:00') }]);
      const own = await act(anna, 'appointment.freeMoments', { ...typed, formId: 'own' });
      const ownSlot = inputOf(own.body.value, 'slot')!;
      expect(ownSlot.label).to.equal(fm.labelOwn);
      const offered = (ownSlot.choices as { title: string; value: string }[]).filter((c) => c.value !== 'none');
      expect(offered.length).to.be.greaterThan(0);
      const cal = bot.app.s.calendar;
      for (const c of offered) {
        const at = new Date(c.value);
        const late = at.getTime() + 30 * 60_000 > Date.parse(cet('2026-11-27T17:00:00'));
        expect(c.title, c.value).to.equal(
          late ? fm.lateChoice(formatMoment(cal, at, bot.app.s.clock.now())) : fm.choice(formatMoment(cal, at, bot.app.s.clock.now())),
        );
      }
      expect(
        offered.some((c) => Date.parse(c.value) >= Date.parse(cet('2026-11-30T08:00:00'))),
        'Monday, after the term',
      ).to.equal(true);
      const before = fake.requestsTo('POST', /getSchedule/).length;
      fake.failNext(1, { status: 503, match: (r) => r.method === 'POST' && /getSchedule/.test(r.path) });
      const slow = await act(anna, 'appointment.freeMoments', { ...typed, formId: 'slow' });
      expect(textOf(slow.body.value)).to.contain(fm.slow);
      expect(fake.requestsTo('POST', /getSchedule/).length - before, 'one call, no retry').to.equal(1);
      for (const [k, v] of Object.entries(typed)) if (k !== 'promiseKind') expect(inputOf(slow.body.value, k)?.value, k).to.equal(v);
      expect(inputOf(slow.body.value, 'slot')).to.equal(undefined);
      // For the team (no owner): ask whose agenda.
      expect(textOf((await act(anna, 'appointment.freeMoments', { ...typed, owner: '' })).body.value)).to.contain(fm.noOwner);
      // Sent without a moment: no agenda, no event, no calendar work.
      await act(anna, 'appointment.create', { ...typed, formId: 'plain', slot: 'none' });
      await bot.settle();
      const item = (await bot.app.s.repo.queryItems(TEST_TENANT, { kinds: ['appointment'] }))[0] as unknown as Item<AppointmentData>;
      expect(item.data.agenda).to.equal(undefined);
      expect(fake.allEvents()).to.have.length(0);
      expect(await bot.app.s.repo.listOutbox({ tenantId: TEST_TENANT, type: 'calendarSync', limit: 100 })).to.have.length(0);
      await bot.stop();
      await setup(false);
      expect(textOf((await act(anna, 'appointment.freeMoments', { ...typed })).body.value)).to.contain(fm.notConfigured);
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
      expect(textOf((await act(anna, 'callback.freeMoments', { ...TYPED, assignee: anna.aadObjectId })).body.value)).to.contain(
        fm.noColleague,
      );
      await bot.stop();
      await setup(false);
      expect(textOf((await act(anna, 'callback.freeMoments', { ...TYPED })).body.value)).to.contain(fm.notConfigured);
    });
  });
}
