// The Outlook agenda end to end over HTTP: the real bot (startBot) against the fake Bot Connector
// and the fake Graph server. Only the Graph credential is swapped (fixed token); every Graph call
// is a real HTTP request through the Graph client and its RetryHandler.
import { expect } from 'chai';
import { ManualClock } from '../../src/domain/clock';
import { GraphFailure } from '../../src/graph';
import type { FakeConnector } from '../harness/fakeConnector';
import { useConnectorAndGraph } from '../harness/suite';
import { bindAndKnowEveryone, cardAct, createCallbackFor, FORM, getCallback, pendingCalendarSync, slotsOf, textOf } from './agenda.helpers';
import { anna, bram, carla, dirk, generalChannel, personalConversationId, TEST_TENANT, type TestUser } from '../harness/activities';
import { startBot, tempSqliteUrl, type BotUnderTest } from '../harness/bot';
import { fixedTokenCredential, type FakeGraph } from '../harness/fakeGraph';
import { httpJson } from '../harness/http';
import { nl } from '../../src/texts/nl';

const cet = (local: string) => new Date(`${local}+01:00`).toISOString();

describe('Outlook agenda via Microsoft Graph (fake Graph over HTTP)', function () {
  this.timeout(30_000);
  let connector: FakeConnector;
  let fake: FakeGraph;
  let bot: BotUnderTest;
  let db: string;

  const start = async (opts: { now?: string; clock?: ManualClock; graph?: boolean } = {}) =>
    startBot({
      databaseUrl: db,
      now: opts.now,
      clock: opts.clock,
      env: { ...(opts.graph === false ? {} : fake.env()), MANAGER_FALLBACK_ID: carla.aadObjectId },
      app: { graph: { credential: fixedTokenCredential() } },
    });

  async function setup(opts: { now?: string; graph?: boolean } = {}) {
    bot = await start(opts);
    await bindAndKnowEveryone(bot);
  }

  const act = (from: TestUser, verb: string, data: Record<string, unknown>) => cardAct(bot, from, verb, data);
  const createFor = (colleague: TestUser, extra: Record<string, unknown> = {}) => createCallbackFor(bot, colleague, extra);
  const get = (id: string) => getCallback(bot, id);
  const pendingSync = () => pendingCalendarSync(bot);

  useConnectorAndGraph((c, g) => {
    connector = c;
    fake = g;
  });
  beforeEach(() => {
    db = tempSqliteUrl('agenda');
  });
  afterEach(async () => {
    fake.up();
    await bot?.stop().catch(() => undefined);
  });

  it('offers the first free slots around busy blocks; the choice becomes one Outlook event with the agreed properties', async () => {
    await setup();
    fake.setBusy(bram, [
      { start: cet('2026-11-26T10:00:00'), end: cet('2026-11-26T12:00:00') },
      { start: cet('2026-11-26T13:00:00'), end: cet('2026-11-26T13:30:00') },
    ]);
    const { card, item } = await createFor(bram);
    expect(textOf(card)).to.contain(nl.callbacks.created(item.id, '').split('. ')[0]);
    expect(textOf(card)).to.contain('Kies een moment van 15 minuten in de agenda van Bram Jansen');
    const slots = slotsOf(card);
    expect(slots.map((s) => s.title)).to.deep.equal(['vandaag 12:00', 'vandaag 13:30', 'vandaag 14:30', 'vandaag 15:30']);
    expect(slots.map((s) => s.data.start)).to.deep.equal([
      cet('2026-11-26T12:00:00'),
      cet('2026-11-26T13:30:00'),
      cet('2026-11-26T14:30:00'),
      cet('2026-11-26T15:30:00'),
    ]);
    expect(slots.every((s) => s.data.id === item.id)).to.equal(true);
    await bot.settle();
    expect(fake.allEvents(), 'nothing is created before the choice').to.have.length(0);
    // The callback itself is there: posted in the channel, and Bram was told.
    expect(connector.messagesIn(generalChannel.id).some((m) => textOf(m.card).includes(item.id))).to.equal(true);
    expect(connector.messagesIn(personalConversationId(bram)).some((m) => /voor jou aangemaakt/.test(String(m.activity.text)))).to.equal(
      true,
    );

    const chosen = await act(anna, 'callback.planSlot', { id: item.id, start: slots[1].data.start });
    expect(textOf(chosen.body.value)).to.contain(nl.agenda.msg.inAgenda('donderdag 26 november, 13:30–13:45', bram.name));
    const events = fake.eventsOf(bram);
    expect(events).to.have.length(1);
    const ev = events[0];
    expect(ev.subject).to.equal(nl.agenda.event.subject('Lekkage badkamer'));
    expect(ev.start.dateTime).to.match(/^2026-11-26T12:30:00/);
    expect(ev.end.dateTime).to.match(/^2026-11-26T12:45:00/);
    expect(ev).to.include({ showAs: 'busy', isReminderOn: true, reminderMinutesBeforeStart: 10, sensitivity: 'private' });
    expect(ev.categories).to.deep.equal(['Top Contact']);
    expect(ev.body.content).to.contain('Mevrouw Jansen').and.contain('06 12345678').and.contain(item.id);
    const card1 = (await get(item.id)).card!;
    expect(ev.body.content).to.contain(
      `https://teams.microsoft.com/l/message/${encodeURIComponent(generalChannel.id)}/${card1.activityId}?tenantId=${TEST_TENANT}`,
    );
    const after = await get(item.id);
    expect(after.data.calendarEvent).to.include({ userId: bram.aadObjectId, eventId: ev.id, start: cet('2026-11-26T13:30:00') });
    expect((await bot.app.s.repo.history(TEST_TENANT, item.id)).map((h) => h.action)).to.include.members(['planned', 'calendarCreated']);

    // A second click (another slot, or a colleague) changes nothing.
    const again = await act(anna, 'callback.planSlot', { id: item.id, start: slots[2].data.start });
    expect(textOf(again.body.value)).to.contain('Er staat al een moment in de agenda: donderdag 26 november, 13:30');
    await bot.settle();
    expect(fake.eventsOf(bram)).to.have.length(1);
    // Bram's own view shows the moment.
    const view = await act(bram, 'callback.view', { id: item.id });
    expect(textOf(view.body.value)).to.contain(nl.agenda.card.planned('vandaag 13:30–13:45'));
  });

  it('skips a holiday and the weekend (Christmas 2026) when offering slots', async () => {
    await setup({ now: '2026-12-24T16:40:00+01:00' });
    fake.setBusy(bram, [{ start: cet('2026-12-28T08:00:00'), end: cet('2026-12-28T10:00:00') }]);
    const { card } = await createFor(bram);
    const slots = slotsOf(card);
    expect(slots.map((s) => s.title)).to.deep.equal(['ma 28 dec 10:00', 'ma 28 dec 11:00', 'ma 28 dec 12:00', 'ma 28 dec 13:00']);
    const sched = fake.requestsTo('POST', /getSchedule$/)[0].body;
    expect(sched.schedules).to.deep.equal([bram.email]);
  });

  it('no slot before the deadline: says so in Dutch, offers the earliest later slot, and plans it when chosen', async () => {
    await setup();
    fake.setBusy(bram, [{ start: cet('2026-11-26T08:00:00'), end: cet('2026-11-27T18:00:00') }]);
    const { card, item } = await createFor(bram);
    const text = textOf(card);
    expect(text).to.contain(nl.agenda.offer.late(bram.name, 'morgen 17:00').replace(/ Het eerste vrije moment daarna:$/, ''));
    expect(text).to.contain(nl.agenda.lateAdvice);
    const slots = slotsOf(card);
    expect(slots.map((s) => s.title)).to.deep.equal(['ma 30 nov 08:30']);
    const chosen = await act(anna, 'callback.planSlot', { id: item.id, start: slots[0].data.start });
    expect(textOf(chosen.body.value))
      .to.contain(nl.agenda.msg.chosenLate('ma 30 nov 08:30', bram.name).split('. ')[1])
      .and.contain(nl.agenda.lateAdvice);
    await bot.settle();
    expect(fake.eventsOf(bram).map((e) => e.start.dateTime.slice(0, 16))).to.deep.equal(['2026-11-30T07:30']);
    expect((await get(item.id)).data.agenda).to.include({ state: 'planned', late: true });
  });

  it('keeps the event in step: reschedule moves it, handover moves it to the new owner, done removes it', async () => {
    await setup();
    const { card, item } = await createFor(bram);
    await act(anna, 'callback.planSlot', { id: item.id, start: slotsOf(card)[0].data.start });
    await bot.settle();
    const first = fake.eventsOf(bram)[0];
    expect(first.start.dateTime).to.match(/^2026-11-26T09:15/); // 10:15 CET

    const moved = await act(bram, 'callback.reschedule', {
      id: item.id,
      date: '2026-11-27',
      time: '11:00',
      reason: 'Klant belt liever morgen.',
    });
    expect(moved.status).to.equal(200);
    await bot.settle();
    expect(fake.eventsOf(bram).map((e) => [e.id, e.start.dateTime.slice(0, 16), e.end.dateTime.slice(0, 16)])).to.deep.equal([
      [first.id, '2026-11-27T10:00', '2026-11-27T10:15'],
    ]);

    await act(bram, 'callback.handover', { id: item.id, to: carla.aadObjectId });
    await bot.settle();
    expect(fake.eventsOf(bram)).to.have.length(0);
    const carlas = fake.eventsOf(carla);
    expect(carlas.map((e) => e.start.dateTime.slice(0, 16))).to.deep.equal(['2026-11-27T10:00']);
    expect((await get(item.id)).data.calendarEvent).to.include({ userId: carla.aadObjectId, eventId: carlas[0].id });

    await act(carla, 'callback.done', { id: item.id, answer: 'ja', note: 'Klant gebeld, loodgieter komt morgen.', confirmation: 'none' });
    await bot.settle();
    expect(fake.allEvents()).to.have.length(0);
    const done = await get(item.id);
    expect(done.status).to.equal('done');
    expect(done.data.calendarEvent).to.equal(undefined);
    expect(fake.requestsTo('POST', /\/events$/).map((r) => r.path)).to.deep.equal([
      `/v1.0/users/${bram.aadObjectId}/events`,
      `/v1.0/users/${carla.aadObjectId}/events`,
    ]);
    const actions = (await bot.app.s.repo.history(TEST_TENANT, item.id)).map((h) => h.action);
    expect(actions).to.deep.equal([
      'created',
      'planned',
      'calendarCreated',
      'rescheduled',
      'calendarMoved',
      'handedOver',
      'calendarRemoved',
      'calendarCreated',
      'done',
      'calendarRemoved',
    ]);
  });

  it('release and cancel remove the event', async () => {
    await setup();
    const one = await createFor(bram);
    await act(anna, 'callback.planSlot', { id: one.item.id, start: slotsOf(one.card)[0].data.start });
    const two = await createFor(bram);
    await act(anna, 'callback.planSlot', { id: two.item.id, start: slotsOf(two.card)[1].data.start });
    await bot.settle();
    expect(fake.eventsOf(bram)).to.have.length(2);
    await act(bram, 'callback.release', { id: one.item.id });
    await act(anna, 'callback.cancel', { id: two.item.id, cancelReason: 'Klant heeft zelf al gebeld.' });
    await bot.settle();
    expect(fake.allEvents()).to.have.length(0);
  });

  it('429 with Retry-After on the create: waited out and retried once, one event', async () => {
    await setup();
    const { card, item } = await createFor(bram);
    fake.failNext(1, { status: 429, retryAfter: 1, match: (r) => r.method === 'POST' && /\/events$/.test(r.path) });
    const res = await act(anna, 'callback.planSlot', { id: item.id, start: slotsOf(card)[0].data.start });
    expect(textOf(res.body.value)).to.contain('De afspraak staat in de agenda van Bram Jansen');
    const posts = fake.requestsTo('POST', /\/events$/);
    expect(posts.map((p) => p.status)).to.deep.equal([429, 201]);
    expect(posts[1].at - posts[0].at).to.be.at.least(950);
    expect(fake.eventsOf(bram)).to.have.length(1);
  });

  it('a long Retry-After goes to the durable outbox, which tries again after it', async () => {
    await setup();
    const { card, item } = await createFor(bram);
    fake.failNext(1, { status: 429, retryAfter: 120, match: (r) => r.method === 'POST' && /\/events$/.test(r.path) });
    const res = await act(anna, 'callback.planSlot', { id: item.id, start: slotsOf(card)[0].data.start });
    expect(textOf(res.body.value)).to.contain('Ik zet de afspraak in de agenda van Bram Jansen');
    await bot.settle();
    const [queued] = await pendingSync();
    expect(queued.nextAttemptAt!.getTime() - bot.clock.now().getTime()).to.be.within(119_000, 121_000);
    expect(fake.allEvents()).to.have.length(0);
    bot.clock.advance(60_000);
    await bot.tick();
    expect(fake.allEvents()).to.have.length(0);
    bot.clock.advance(61_000);
    await bot.tick();
    expect(fake.eventsOf(bram)).to.have.length(1);
    expect(await pendingSync()).to.have.length(0);
  });

  it('503 for a while: retried inside the call, the event is there when the answer comes', async () => {
    await setup();
    const { card, item } = await createFor(bram);
    fake.failFor(1200, { status: 503, retryAfter: 1 });
    const res = await act(anna, 'callback.planSlot', { id: item.id, start: slotsOf(card)[0].data.start });
    expect(res.status).to.equal(200);
    await bot.settle();
    expect(fake.eventsOf(bram)).to.have.length(1);
    expect(fake.requests.some((r) => r.status === 503)).to.equal(true);
  });

  it('Graph down then up: the callback is created and posted, the user is told the invite follows, then exactly one event', async () => {
    await setup();
    fake.down();
    const { card, item } = await createFor(bram);
    expect(item.status).to.equal('claimed');
    expect(textOf(card)).to.contain(nl.callbacks.created(item.id, '').split('. ')[0]);
    expect(textOf(card)).to.contain('Ik kan de agenda van Bram Jansen nu niet bekijken');
    expect(slotsOf(card)).to.have.length(0);
    await bot.settle();
    expect(
      connector.messagesIn(generalChannel.id).some((m) => textOf(m.card).includes(item.id)),
      'posted in the channel',
    ).to.equal(true);
    expect((await get(item.id)).data.agenda?.state).to.equal('auto');
    const [queued] = await pendingSync();
    expect(queued.attempts).to.be.at.least(1);
    expect(queued.lastError).to.match(/graph network/);
    // Still down at the next try.
    bot.clock.advance(5_000);
    await bot.tick();
    expect((await pendingSync())[0].attempts).to.be.at.least(2);

    fake.up();
    bot.clock.advance(10 * 60_000); // 10:10 → the first free slot is 10:30
    await bot.tick();
    await bot.settle();
    const events = fake.eventsOf(bram);
    expect(events).to.have.length(1);
    expect(events[0].start.dateTime).to.match(/^2026-11-26T09:30/);
    const notice = connector
      .messagesIn(personalConversationId(anna))
      .find((m) => /in de agenda van Bram Jansen gezet/.test(String(m.activity.text)));
    expect(String(notice?.activity.text)).to.contain('donderdag 26 november, 10:30');
    expect(await pendingSync()).to.have.length(0);
  });

  it('Graph down longer than the outbox keeps trying: the message gives up, the catch-up queues it again, one event', async () => {
    await setup();
    fake.down();
    const { item } = await createFor(bram);
    await bot.settle();
    for (let i = 0; i < 14 && (await pendingSync()).length; i++) {
      bot.clock.advance(11 * 60_000);
      await bot.tick();
    }
    const failed = await bot.app.s.repo.listOutbox({ status: 'failed', type: 'calendarSync' });
    expect(failed, 'the outbox gave up').to.have.length(1);
    expect(failed[0].attempts).to.equal(12);
    bot.clock.set('2026-11-27T08:00:00+01:00'); // the next morning
    await bot.tick();
    expect(fake.allEvents()).to.have.length(0);
    fake.up();
    bot.clock.advance(16 * 60_000); // 08:16: a new quarter hour for the catch-up
    await bot.tick();
    await bot.settle();
    expect(fake.eventsOf(bram).map((e) => e.start.dateTime.slice(0, 16))).to.deep.equal(['2026-11-27T07:45']); // 08:45 CET
    expect((await get(item.id)).data.calendarEvent?.eventId).to.equal(fake.eventsOf(bram)[0].id);
    bot.clock.advance(16 * 60_000);
    await bot.tick();
    await bot.settle();
    expect(fake.requestsTo('POST', /\/events$/)).to.have.length(1);
  });

  it('a restart while the invite is queued: stop, Graph back, start on the same database → exactly one event', async () => {
    await setup();
    fake.down();
    const { item } = await createFor(bram);
    await bot.settle();
    // Queued (a later change of the same callback may queue a second sync on the same lane; they coalesce).
    expect(await pendingSync()).to.have.length.at.least(1);
    await bot.stop();

    fake.up();
    bot = await start({ now: '2026-11-26T10:20:00+01:00' });
    await bot.tick();
    await bot.settle();
    expect(fake.eventsOf(bram)).to.have.length(1);
    expect((await get(item.id)).data.calendarEvent?.eventId).to.equal(fake.eventsOf(bram)[0].id);
    // Another restart and tick: nothing new.
    await bot.stop();
    bot = await start({ now: '2026-11-26T10:25:00+01:00' });
    await bot.tick();
    expect(fake.allEvents()).to.have.length(1);
    expect(fake.requestsTo('POST', /\/events$/)).to.have.length(1);
  });

  it('the answer to the create is lost (crash after the POST), then a restart: the marker finds the event, no duplicate', async () => {
    await setup();
    const { card, item } = await createFor(bram);
    fake.dropResponseNext(1, (r) => r.method === 'POST' && /\/events$/.test(r.path));
    await act(anna, 'callback.planSlot', { id: item.id, start: slotsOf(card)[0].data.start });
    await bot.settle();
    expect(fake.eventsOf(bram), 'Graph made it').to.have.length(1);
    expect((await get(item.id)).data.calendarEvent, 'the bot does not know').to.equal(undefined);
    await bot.stop();
    bot = await start({ now: '2026-11-26T10:05:00+01:00' });
    await bot.tick();
    await bot.settle();
    expect(fake.eventsOf(bram)).to.have.length(1);
    expect((await get(item.id)).data.calendarEvent?.eventId).to.equal(fake.eventsOf(bram)[0].id);
    expect(fake.requestsTo('GET', /\/events$/).length).to.be.at.least(1);
  });

  it('an offer nobody answers: after 15 minutes the bot plans the first free slot and tells the creator', async () => {
    await setup();
    const { item } = await createFor(bram);
    bot.clock.advance(10 * 60_000);
    await bot.tick();
    expect(fake.allEvents()).to.have.length(0);
    bot.clock.advance(6 * 60_000); // 10:16
    await bot.tick();
    await bot.settle();
    expect(fake.eventsOf(bram).map((e) => e.start.dateTime.slice(0, 16))).to.deep.equal(['2026-11-26T09:45']); // 10:45 CET
    expect((await get(item.id)).data.agenda).to.include({ state: 'planned', by: 'auto' });
    expect(
      connector
        .messagesIn(personalConversationId(anna))
        .some((m) => /in de agenda van Bram Jansen gezet op donderdag 26 november, 10:45/.test(String(m.activity.text))),
    ).to.equal(true);
  });

  it('intake for a colleague: planned by the bot, the owner hears about a late slot', async () => {
    await setup();
    fake.setBusy(bram, [{ start: cet('2026-11-26T08:00:00'), end: cet('2026-11-27T18:00:00') }]);
    const res = await httpJson(
      'POST',
      `${bot.url}/api/callbacks`,
      { ...FORM, assignee: bram.aadObjectId },
      { authorization: 'Bearer test-intake-key-0123456789' },
    );
    expect(res.status).to.equal(201);
    await bot.settle();
    expect(fake.eventsOf(bram).map((e) => e.start.dateTime.slice(0, 16))).to.deep.equal(['2026-11-30T07:30']);
    const notice = connector.messagesIn(personalConversationId(bram)).find((m) => /geen vrij moment/.test(String(m.activity.text)));
    expect(String(notice?.activity.text)).to.contain('bel de klant om een nieuw moment af te spreken');
  });

  it('a colleague without a readable agenda: the card says so, nothing is retried', async () => {
    await setup();
    fake.setNoMailbox(bram);
    const { card, item } = await createFor(bram);
    expect(textOf(card)).to.contain('Ik kan de agenda van Bram Jansen niet vinden');
    await bot.settle();
    expect((await get(item.id)).data.agenda?.state).to.equal('noSlot');
    expect(await pendingSync()).to.have.length(0);
  });

  it('without Graph configuration: callbacks work, the agenda says in Dutch it is not set up', async () => {
    await setup({ graph: false });
    const { card, item } = await createFor(bram);
    expect(textOf(card)).to.contain('is aangemaakt');
    expect(textOf(card)).to.contain('De koppeling met de Outlook-agenda is niet ingesteld');
    await bot.settle();
    expect(connector.messagesIn(generalChannel.id).some((m) => textOf(m.card).includes(item.id))).to.equal(true);
    const res = await act(anna, 'callback.planSlot', { id: item.id, start: cet('2026-11-26T14:00:00') });
    expect(textOf(res.body.value)).to.contain('niet ingesteld');
    await act(bram, 'callback.done', { id: item.id, answer: 'ja', note: 'Klant gebeld en geholpen.', confirmation: 'none' });
    await bot.settle();
    expect(fake.requests).to.have.length(0);
    expect(await bot.app.s.repo.listOutbox({ status: 'failed' })).to.have.length(0);
    expect(bot.app.s.graph).to.equal(null);
    expect((await bot.app.s.people.managerOf(TEST_TENANT, { id: anna.aadObjectId, name: anna.name }))?.id).to.equal(carla.aadObjectId);
  });

  it('managerOf: the manager from Graph, the fallback when there is none, and Graph trouble', async () => {
    await setup();
    const people = bot.app.s.people;
    expect(await people.managerOf(TEST_TENANT, { id: anna.aadObjectId, name: anna.name })).to.deep.equal({
      id: dirk.aadObjectId,
      name: dirk.name,
      teamsId: dirk.id,
    });
    expect(await people.managerOf(TEST_TENANT, { id: dirk.aadObjectId, name: dirk.name })).to.deep.equal({
      id: carla.aadObjectId,
      name: carla.name,
      teamsId: carla.id,
    });
    expect((await people.managerOf(TEST_TENANT, { id: '29:teams-only', name: 'X' }))?.id, 'not an Entra id').to.equal(carla.aadObjectId);
    expect(
      (await people.managerOf('00000000-0000-4000-8000-000000000000', { id: anna.aadObjectId, name: anna.name }))?.id,
      'another tenant',
    ).to.equal(carla.aadObjectId);
    fake.down();
    let thrown: unknown;
    try {
      await people.managerOf(TEST_TENANT, { id: bram.aadObjectId, name: bram.name });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).to.be.instanceOf(GraphFailure);
    expect((thrown as GraphFailure).transient).to.equal(true);
    expect((await people.managerOf(TEST_TENANT, { id: bram.aadObjectId, name: bram.name }, { fallbackOnError: true }))?.id).to.equal(
      carla.aadObjectId,
    );
    // Cached: Anna's manager is known without Graph.
    expect((await people.managerOf(TEST_TENANT, { id: anna.aadObjectId, name: anna.name }))?.id).to.equal(dirk.aadObjectId);
    expect(fake.requestsTo('GET', /\/manager$/).filter((r) => r.path.includes(anna.aadObjectId))).to.have.length(1);
  });
});
