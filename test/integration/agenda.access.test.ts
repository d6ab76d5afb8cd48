// Microsoft Graph as it really behaves, end to end (issue 13): the real bot over HTTP against the
// fake Bot Connector and the fake Graph (which answers as Graph documents). Access refusals are
// final on every path (offer, sync, catch-up, manager lookup), told to the managers once, shown in
// /healthz and re-checked every quarter hour; a 504 after a create makes one event; a preferred
// moment far ahead keeps getSchedule under 62 days; an organisational contact is no manager.
import { expect } from 'chai';
import { nl } from '../../src/texts/nl';
import type { FakeConnector } from '../harness/fakeConnector';
import { useConnectorAndGraph } from '../harness/suite';
import { bindAndKnowEveryone, cardAct, createCallbackFor, getCallback, pendingCalendarSync, slotsOf, textOf } from './agenda.helpers';
import { anna, bram, carla, dirk, personalConversationId, TEST_TENANT, type TestUser } from '../harness/activities';
import { startBot, tempSqliteUrl, type BotUnderTest } from '../harness/bot';
import { fixedTokenCredential, type FakeGraph } from '../harness/fakeGraph';
import { httpJson } from '../harness/http';

const DAY = 24 * 3600_000;
const access = nl.agenda.access;

describe('Microsoft Graph as it really behaves: the agenda and managers end to end', function () {
  this.timeout(30_000);
  let connector: FakeConnector;
  let fake: FakeGraph;
  let bot: BotUnderTest;

  async function setup() {
    bot = await startBot({
      databaseUrl: tempSqliteUrl('agenda-access'),
      env: { ...fake.env(), MANAGER_FALLBACK_ID: carla.aadObjectId, MANAGER_IDS: dirk.aadObjectId },
      app: { graph: { credential: fixedTokenCredential(), retryDelaySeconds: 0 } },
    });
    await bindAndKnowEveryone(bot);
  }

  const act = (from: TestUser, verb: string, data: Record<string, unknown>) => cardAct(bot, from, verb, data);
  const createFor = (colleague: TestUser, extra: Record<string, unknown> = {}) => createCallbackFor(bot, colleague, extra);
  const get = (id: string) => getCallback(bot, id);
  const toManagers = () => connector.messagesIn(personalConversationId(dirk)).map((m) => String(m.activity.text ?? ''));
  const healthz = async () => httpJson('GET', `${bot.url}/healthz`);
  const pendingSync = () => pendingCalendarSync(bot);
  async function later(minutes: number) {
    bot.clock.advance(minutes * 60_000);
    await bot.tick();
    await bot.settle();
  }

  useConnectorAndGraph((c, g) => {
    connector = c;
    fake = g;
  });
  afterEach(async () => {
    await bot?.stop().catch(() => undefined);
  });

  it('consent missing (401 NoPermissionsInAccessToken): the card names the cause, the managers hear it once, /healthz shows it, nothing is retried in vain; access back → one cheap call, the waiting callbacks are planned', async () => {
    await setup();
    fake.denyAccess('consent');
    const first = await createFor(bram);
    expect(textOf(first.card)).to.contain(access.offer.consent(bram.name));
    expect(slotsOf(first.card)).to.have.length(0);
    await bot.settle();
    expect((await get(first.item.id)).data.agenda?.state, 'the bot plans it once allowed').to.equal('auto');
    expect(toManagers()).to.deep.equal([access.managers.consent]);

    // A second colleague: the known refusal is said at once, without asking Graph; no second message.
    const before = fake.requests.length;
    const second = await createFor(carla);
    expect(textOf(second.card)).to.contain(access.offer.consent(carla.name));
    await bot.settle();
    expect(fake.requests.length, 'no Graph call while the refusal is known').to.equal(before);
    expect(toManagers()).to.have.length(1);

    const h = await healthz();
    expect(h.status, 'the platform health check stays green').to.equal(200);
    expect(h.body.graphAccess).to.have.length(1);
    expect(h.body.graphAccess[0]).to.include({ cause: 'consent', code: 'NoPermissionsInAccessToken' });
    expect(JSON.stringify(h.body)).to.not.contain(bram.aadObjectId).and.not.contain(bram.name);
    expect(h.body.deliveryProblems).to.deep.equal([]);

    // A quarter hour later: the catch-up leaves them alone, the re-check makes one cheap call.
    fake.requests.length = 0;
    await later(16);
    expect(await pendingSync()).to.have.length(0);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).to.deep.equal([`GET /v1.0/users/${bram.aadObjectId}/events`]);
    expect(fake.requests[0].query.$top).to.equal('1');
    expect(fake.allEvents()).to.have.length(0);
    expect(toManagers()).to.have.length(1);

    // Consent given (and in the token): the next re-check finds it and the waiting work goes out.
    fake.allowAccess();
    await later(15);
    expect(fake.eventsOf(bram), "Bram's callback planned").to.have.length(1);
    expect(fake.eventsOf(carla), "Carla's callback planned").to.have.length(1);
    expect((await get(first.item.id)).data.agenda?.state).to.equal('planned');
    expect((await healthz()).body.graphAccess).to.deep.equal([]);
    expect(toManagers(), 'still one message to the managers').to.have.length(1);
    // New callbacks get slots again.
    expect(slotsOf((await createFor(bram)).card).length).to.be.greaterThan(0);
  });

  it('a mailbox kept out by the access policy (403) on the sync path: final at once, the managers hear whose agenda, other colleagues are unaffected', async () => {
    await setup();
    const { card, item } = await createFor(bram);
    fake.denyAccess({ policyFor: bram });
    fake.requests.length = 0;
    const chosen = await act(anna, 'callback.planSlot', { id: item.id, start: slotsOf(card)[0].data.start });
    expect(textOf(chosen.body.value), 'the one who chose hears why').to.contain(access.chosen.mailbox('§', bram.name).split('§')[1]);
    await bot.settle();
    const toBram = () => fake.requests.filter((r) => r.path.startsWith(`/v1.0/users/${bram.aadObjectId}/`));
    expect(
      toBram().map((r) => r.status),
      'one refused request, not retried',
    ).to.deep.equal([403]);
    expect(await pendingSync()).to.have.length(0);
    expect(toManagers()).to.deep.equal([access.managers.mailbox(bram.name)]);
    expect((await healthz()).body.graphAccess.map((p: any) => p.cause)).to.deep.equal(['mailbox']);

    // The catch-up does not retry it; Carla's agenda still works.
    await later(16);
    const probes = toBram().filter((r) => r.method === 'GET' && r.path.endsWith('/events') && !r.query.$filter);
    expect(
      probes.map((r) => r.status),
      "only the re-check's one cheap call",
    ).to.deep.equal([403]);
    expect(toBram().length - probes.length, 'the sync itself is not tried again').to.equal(1);
    const other = await createFor(carla);
    expect(slotsOf(other.card).length).to.be.greaterThan(0);
    // Bram asked for again: the card says why.
    expect(textOf((await createFor(bram)).card)).to.contain(access.offer.mailbox(bram.name));

    fake.allowAccess();
    await later(15);
    const events = fake.eventsOf(bram);
    expect(events.map((e) => e.start.dateTime.slice(0, 16))).to.include(new Date(slotsOf(card)[0].data.start).toISOString().slice(0, 16));
    expect((await get(item.id)).data.calendarEvent?.userId).to.equal(bram.aadObjectId);
    expect(toManagers()).to.have.length(1);
  });

  it('the manager lookup without the directory permission (403): the fallback manager, the managers told once', async () => {
    await setup();
    fake.denyAccess('directory');
    const people = bot.app.s.people;
    expect((await people.managerOf(TEST_TENANT, { id: anna.aadObjectId, name: anna.name }))?.id).to.equal(carla.aadObjectId);
    expect((await people.managerOf(TEST_TENANT, { id: bram.aadObjectId, name: bram.name }))?.id).to.equal(carla.aadObjectId);
    await bot.settle();
    expect(toManagers()).to.deep.equal([access.managers.directory]);
    expect((await healthz()).body.graphAccess.map((p: any) => p.cause)).to.deep.equal(['directory']);
    // The agenda needs the directory too (a colleague's mail address): the card says the link lacks permission.
    const { card, item } = await createFor(bram);
    expect(textOf(card)).to.contain(access.offer.consent(bram.name));
    await bot.settle();
    expect((await get(item.id)).data.agenda?.state).to.equal('auto');
    expect(toManagers(), 'still one message').to.have.length(1);
    fake.allowAccess();
    await later(16);
    expect((await healthz()).body.graphAccess).to.deep.equal([]);
    expect(
      fake.requestsTo('GET', /\/users\/[0-9a-f-]{36}$/).filter((r) => r.status === 200),
      'the re-check: one cheap directory read',
    ).to.have.length(2);
    expect(fake.eventsOf(bram), 'the waiting callback is planned').to.have.length(1);
  });

  it('a manager that is an organisational contact (not a user): MANAGER_FALLBACK_ID', async () => {
    await setup();
    fake.setManagerContact(bram, { id: 'c0c0c0c0-0000-4000-8000-0000000000c0', displayName: 'Extern bureau', mail: 'info@extern.example' });
    expect((await bot.app.s.people.managerOf(TEST_TENANT, { id: bram.aadObjectId, name: bram.name }))?.id).to.equal(carla.aadObjectId);
    expect((await bot.app.s.people.managerOf(TEST_TENANT, { id: anna.aadObjectId, name: anna.name }))?.id).to.equal(dirk.aadObjectId);
  });

  it('Graph creates the event and answers 504: not re-POSTed inside the call; the outbox tries again, the marker finds it: one event', async () => {
    await setup();
    const { card, item } = await createFor(bram);
    fake.failNext(1, { status: 504, afterwards: true, match: (r) => r.method === 'POST' && /\/events$/.test(r.path) });
    await act(anna, 'callback.planSlot', { id: item.id, start: slotsOf(card)[0].data.start });
    await bot.settle();
    expect(fake.requestsTo('POST', /\/events$/).map((r) => r.status)).to.deep.equal([504]);
    expect(fake.eventsOf(bram)).to.have.length(1);
    expect((await get(item.id)).data.calendarEvent).to.equal(undefined);
    await later(2);
    expect(fake.requestsTo('POST', /\/events$/), 'never POSTed again').to.have.length(1);
    expect(fake.eventsOf(bram)).to.have.length(1);
    expect((await get(item.id)).data.calendarEvent?.eventId).to.equal(fake.eventsOf(bram)[0].id);
  });

  it('a preferred moment months ahead: slots are offered, every getSchedule window is under 62 days', async () => {
    await setup();
    const { card } = await createFor(bram, { preferredDate: '2027-04-20', preferredTime: '10:00' });
    expect(slotsOf(card).length).to.be.greaterThan(0);
    const asked = fake.requestsTo('POST', /getSchedule$/);
    expect(asked.length).to.be.greaterThan(0);
    for (const r of asked) {
      expect(r.status).to.equal(200);
      expect(Date.parse(`${r.body.endTime.dateTime}Z`) - Date.parse(`${r.body.startTime.dateTime}Z`)).to.be.below(62 * DAY);
    }
  });
});
