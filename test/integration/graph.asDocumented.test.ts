// Microsoft Graph as it really behaves (issue 13): first the fake Graph itself, over raw HTTP,
// answering as the v1.0 documentation says (so tests built on it cannot pass on behaviour Graph
// does not have); then GraphService (the real Graph client, RetryHandler and token middleware)
// against those rules.
import { expect } from 'chai';
import { loadConfig } from '../../src/config/config';
import { ManualClock } from '../../src/domain/clock';
import { createGraphService, type GraphService } from '../../src/graph';
import { MARKER_PROPERTY, MAX_SCHEDULE_PIECES, transactionIdFor } from '../../src/graph/service';
import { mayRepeatInline } from '../../src/graph/retryPolicy';
import { FAKE_GRAPH_TOKEN, fixedTokenCredential, startFakeGraph, type FakeGraph } from '../harness/fakeGraph';
import { draft, failure } from './graph.helpers';
import { anna, bram, carla, defaultRoster, dirk, erik } from '../harness/roster';

const DAY = 24 * 3600_000;
const utc = (ms: number) => ({ dateTime: new Date(ms).toISOString().replace('Z', ''), timeZone: 'UTC' });
const T0 = Date.parse('2026-11-26T08:00:00Z');

describe('Microsoft Graph as documented: the fake Graph over raw HTTP', () => {
  let fake: FakeGraph;
  // A user whose mail address is not their UPN (an alias): /users/{mail} must not find them.
  const roster = defaultRoster();
  roster.users.push({ ...erik });

  before(async () => {
    fake = await startFakeGraph({ roster });
  });
  after(async () => fake.close());
  beforeEach(() => fake.reset());

  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${fake.baseUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${FAKE_GRAPH_TOKEN}`,
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }
  const schedule = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    call(
      'POST',
      `/users/${bram.aadObjectId}/calendar/getSchedule`,
      { schedules: [bram.email], startTime: utc(T0), endTime: utc(T0 + DAY), availabilityViewInterval: 60, ...body },
      headers,
    );

  it('getSchedule: a window of 62 days or more is refused (ErrorTimeIntervalTooBig), just under is answered', async () => {
    expect((await schedule({ endTime: utc(T0 + 62 * DAY) })).body.error.code).to.equal('ErrorTimeIntervalTooBig');
    expect((await schedule({ endTime: utc(T0 + 62 * DAY - 60_000) })).status).to.equal(200);
  });

  it('getSchedule: at most 20 schedules, availabilityViewInterval 5–1440', async () => {
    const many = Array.from({ length: 21 }, (_, i) => `p${i}@wij.example`);
    expect((await schedule({ schedules: many })).status).to.equal(400);
    expect((await schedule({ schedules: many.slice(0, 20) })).status).to.equal(200);
    for (const bad of [4, 1441]) expect((await schedule({ availabilityViewInterval: bad })).status, String(bad)).to.equal(400);
    for (const ok of [5, 1440]) expect((await schedule({ availabilityViewInterval: ok })).status, String(ok)).to.equal(200);
  });

  it('getSchedule: a real availabilityView (0 free, 1 tentative, 2 busy, 3 oof), an unknown address as an error inside value[]', async () => {
    fake.setBusy(bram, [
      { start: new Date(T0 + 3600_000), end: new Date(T0 + 2 * 3600_000) },
      { start: new Date(T0 + 2 * 3600_000), end: new Date(T0 + 2.5 * 3600_000), status: 'tentative' },
      { start: new Date(T0 + 4 * 3600_000), end: new Date(T0 + 5 * 3600_000), status: 'oof' },
    ]);
    const res = await schedule({ schedules: [bram.email, 'nobody@elders.example'], endTime: utc(T0 + 6 * 3600_000) });
    expect(res.body.value[0].availabilityView).to.equal('021030');
    expect(res.body.value[1].error.responseCode).to.be.a('string');
    expect(res.body.value[1]).to.not.have.property('scheduleItems');
  });

  it('getSchedule: times in the zone Prefer asks for, UTC without it', async () => {
    fake.setBusy(bram, [{ start: new Date(T0 + 3600_000), end: new Date(T0 + 2 * 3600_000) }]);
    const inUtc = (await schedule({})).body.value[0].scheduleItems[0];
    expect(inUtc.start).to.deep.equal({ dateTime: '2026-11-26T09:00:00.0000000', timeZone: 'UTC' });
    const local = (await schedule({}, { Prefer: 'outlook.timezone="W. Europe Standard Time"' })).body.value[0].scheduleItems[0];
    expect(local.start).to.deep.equal({ dateTime: '2026-11-26T10:00:00.0000000', timeZone: 'W. Europe Standard Time' });
  });

  it('POST and PATCH without Content-Type: application/json are refused (415)', async () => {
    const res = await fetch(`${fake.baseUrl}/users/${bram.aadObjectId}/events`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${FAKE_GRAPH_TOKEN}`, 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect(res.status).to.equal(415);
    expect(fake.eventsOf(bram)).to.have.length(0);
  });

  it('/users/{id} takes an object id or a UPN only: not a Teams id, not a mail alias', async () => {
    expect((await call('GET', `/users/${encodeURIComponent('29:1BramJansen')}`)).status).to.equal(400);
    expect((await call('GET', '/users/erik.mol@wij.example')).status, 'mail address that is not the UPN').to.equal(404);
    expect((await call('GET', '/users/emol@wij.onmicrosoft.example')).body.id).to.equal(erik.aadObjectId);
    expect((await call('GET', `/users/${bram.aadObjectId.toUpperCase()}`)).body.id).to.equal(bram.aadObjectId);
  });

  it('a user without a mailbox: the whole calendar request fails with 404 MailboxNotEnabledForRESTAPI', async () => {
    fake.setNoMailbox(bram);
    const res = await schedule({});
    expect(res.status).to.equal(404);
    expect(res.body.error.code).to.equal('MailboxNotEnabledForRESTAPI');
    expect(
      (await call('POST', `/users/${bram.aadObjectId}/events`, { subject: 'x', start: utc(T0), end: utc(T0 + 900_000) })).body.error.code,
    ).to.equal('MailboxNotEnabledForRESTAPI');
    expect((await call('GET', `/users/${bram.aadObjectId}`)).status, 'the directory still knows them').to.equal(200);
  });

  it('transactionId: a repeated create returns the first event, nothing twice', async () => {
    const ev = { subject: 'x', start: utc(T0), end: utc(T0 + 900_000), transactionId: '7e1b9f6c-0000-4000-8000-000000000001' };
    const a = await call('POST', `/users/${bram.aadObjectId}/events`, ev);
    const b = await call('POST', `/users/${bram.aadObjectId}/events`, ev);
    expect(b.body.id).to.equal(a.body.id);
    expect(fake.eventsOf(bram)).to.have.length(1);
  });

  it('extended properties: the id is matched case-sensitively, the value case-insensitively', async () => {
    await call('POST', `/users/${bram.aadObjectId}/events`, {
      subject: 'x',
      start: utc(T0),
      end: utc(T0 + 900_000),
      singleValueExtendedProperties: [{ id: MARKER_PROPERTY, value: 'topcontact/T/TB-1/0' }],
    });
    const find = (id: string, value: string) =>
      call(
        'GET',
        `/users/${bram.aadObjectId}/events?$filter=${encodeURIComponent(`singleValueExtendedProperties/Any(ep: ep/id eq '${id}' and ep/value eq '${value}')`)}`,
      );
    expect((await find(MARKER_PROPERTY, 'TOPCONTACT/t/tb-1/0')).body.value).to.have.length(1);
    expect((await find(MARKER_PROPERTY.replace('TopContactMarker', 'topcontactmarker'), 'topcontact/T/TB-1/0')).body.value).to.have.length(
      0,
    );
  });

  it('/manager carries @odata.type: a user, or an organisational contact', async () => {
    expect((await call('GET', `/users/${anna.aadObjectId}/manager`)).body['@odata.type']).to.equal('#microsoft.graph.user');
    fake.setManagerContact(anna, { id: 'c0c0c0c0-0000-4000-8000-0000000000c0', displayName: 'Extern bureau' });
    expect((await call('GET', `/users/${anna.aadObjectId}/manager`)).body['@odata.type']).to.equal('#microsoft.graph.orgContact');
  });

  it('access refused: 401 NoPermissionsInAccessToken (no consent), 403 ErrorAccessDenied (access policy for a mailbox), 403 Authorization_RequestDenied (directory)', async () => {
    fake.denyAccess('consent');
    expect(await call('GET', `/users/${anna.aadObjectId}/manager`)).to.deep.include({ status: 401 });
    expect((await schedule({})).body.error.code).to.equal('NoPermissionsInAccessToken');
    fake.allowAccess();
    fake.denyAccess({ policyFor: bram });
    expect((await schedule({})).body.error.code).to.equal('ErrorAccessDenied');
    expect((await call('GET', `/users/${carla.aadObjectId}/events`)).status, 'other mailboxes are allowed').to.equal(200);
    fake.allowAccess();
    fake.denyAccess('directory');
    expect((await call('GET', `/users/${anna.aadObjectId}/manager`)).body.error.code).to.equal('Authorization_RequestDenied');
    expect((await schedule({})).status, 'the calendar is not the directory').to.equal(200);
  });
});

describe('GraphService against Graph as documented', () => {
  let fake: FakeGraph;
  let graph: GraphService;

  before(async () => {
    fake = await startFakeGraph();
  });
  after(async () => fake.close());
  beforeEach(() => {
    fake.reset();
    const config = loadConfig({ NODE_ENV: 'test', ...fake.env() });
    graph = createGraphService(config.graph!, new ManualClock('2026-11-26T08:00:00Z'), {
      credential: fixedTokenCredential(),
      retryDelaySeconds: 0,
    });
  });

  it('asks a window of 62 days or more in pieces under 62 days, and reads every piece', async () => {
    fake.setBusy(bram, [{ start: new Date(T0 + 70 * DAY), end: new Date(T0 + 70 * DAY + 3600_000) }]);
    const busy = await graph.getSchedule(bram.aadObjectId, new Date(T0), new Date(T0 + 100 * DAY));
    expect(busy.map((b) => b.start.getTime())).to.deep.equal([T0 + 70 * DAY]);
    const asked = fake.requestsTo('POST', /getSchedule$/);
    expect(asked).to.have.length(2);
    for (const r of asked)
      expect(Date.parse(`${r.body.endTime.dateTime}Z`) - Date.parse(`${r.body.startTime.dateTime}Z`)).to.be.below(62 * DAY);
    expect(asked.map((r) => r.status)).to.deep.equal([200, 200]);
  });

  it('a window of years is refused before any request (a mistake, not a question)', async () => {
    const f = await failure(graph.getSchedule(bram.aadObjectId, new Date(T0), new Date(T0 + (MAX_SCHEDULE_PIECES * 61 + 1) * DAY)));
    expect(f).to.include({ code: 'WindowTooLong', transient: false });
    expect(fake.requests).to.have.length(0);
  });

  it('asks getSchedule in UTC and reads the times only when Graph answers in UTC', async () => {
    fake.setBusy(bram, [{ start: new Date(T0 + 3600_000), end: new Date(T0 + 2 * 3600_000) }]);
    expect((await graph.getSchedule(bram.aadObjectId, new Date(T0), new Date(T0 + DAY)))[0].start.toISOString()).to.equal(
      '2026-11-26T09:00:00.000Z',
    );
    expect(fake.requestsTo('POST', /getSchedule$/)[0].headers.prefer).to.equal('outlook.timezone="UTC"');
    // A proxy drops the header: the answer is in local time. Read as UTC it would be an hour off.
    fake.ignoreTimeZonePreference('W. Europe Standard Time');
    const f = await failure(graph.getSchedule(bram.aadObjectId, new Date(T0), new Date(T0 + DAY)));
    expect(f).to.include({ code: 'ScheduleNotInUtc', transient: false });
  });

  it("encodes the $filter value: a marker with + & # ' is found, and only that one", async () => {
    const marker = "topcontact/t+1/TB-1&x=2#frag/o'brien";
    const { id } = await graph.createEvent(bram.aadObjectId, draft(marker));
    await graph.createEvent(bram.aadObjectId, draft('topcontact/t 1/TB-1', '2026-11-26T10:00:00Z', '2026-11-26T10:15:00Z'));
    expect(await graph.findEvent(bram.aadObjectId, marker)).to.deep.equal({ id });
    expect(await graph.findEvent(bram.aadObjectId, 'topcontact/t+1/TB-1')).to.equal(null);
  });

  it('POST and PATCH carry Content-Type: application/json', async () => {
    const { id } = await graph.createEvent(bram.aadObjectId, draft('ct'));
    await graph.updateEvent(bram.aadObjectId, id, draft('ct', '2026-11-26T11:00:00Z', '2026-11-26T11:15:00Z'));
    await graph.getSchedule(bram.aadObjectId, new Date(T0), new Date(T0 + DAY));
    for (const r of fake.requests.filter((x) => x.method === 'POST' || x.method === 'PATCH'))
      expect(String(r.headers['content-type'])).to.match(/^application\/json/);
  });

  it('a user id that Graph would not take (a Teams id) fails at once and permanently, without a request', async () => {
    const f = await failure(graph.createEvent('29:1BramJansen', draft('x')));
    expect(f).to.include({ status: 400, code: 'InvalidUserId', transient: false });
    expect(fake.requests).to.have.length(0);
  });

  it('a 504 after Graph created the event: the create is not sent again inside the call (one POST, one event, a transient failure for the outbox)', async () => {
    fake.failNext(1, { status: 504, afterwards: true, match: (r) => r.method === 'POST' && /\/events$/.test(r.path) });
    const f = await failure(graph.createEvent(bram.aadObjectId, draft('m504')));
    expect(f).to.include({ status: 504, transient: true });
    expect(fake.requestsTo('POST', /\/events$/)).to.have.length(1);
    expect(fake.eventsOf(bram)).to.have.length(1);
    // What the outbox does next: look the marker up first, and find it.
    expect(await graph.findEvent(bram.aadObjectId, 'm504')).to.deep.equal({ id: fake.eventsOf(bram)[0].id });
    // Reads are still retried inline after a 503.
    fake.failNext(1, { status: 503, retryAfter: 0 });
    expect((await graph.getManager(anna.aadObjectId))?.id).to.equal(dirk.aadObjectId);
    expect(fake.requests.filter((r) => r.status === 503)).to.have.length(1);
  });

  it('without the guard the client would have repeated it: the retry policy says so per method and status', () => {
    const events = 'https://graph.microsoft.com/v1.0/users/x/events';
    expect(mayRepeatInline('POST', events, 504)).to.equal(false);
    expect(mayRepeatInline('POST', events, 503)).to.equal(false);
    expect(mayRepeatInline('POST', events, 429), 'throttled: Graph did not carry it out').to.equal(true);
    expect(mayRepeatInline('POST', 'https://graph.microsoft.com/v1.0/users/x/calendar/getSchedule', 503)).to.equal(true);
    expect(mayRepeatInline('GET', events, 503)).to.equal(true);
    expect(mayRepeatInline('PATCH', `${events}/1`, 504), 'a PATCH repeated sets the same values').to.equal(true);
  });

  it("transactionId is sent with every create (Graph's own guard, besides the marker)", async () => {
    await graph.createEvent(bram.aadObjectId, draft('tx'));
    expect(fake.requestsTo('POST', /\/events$/)[0].body.transactionId).to.equal(transactionIdFor('tx'));
  });

  it('a manager that is an organisational contact is no manager (null); a user is', async () => {
    expect((await graph.getManager(anna.aadObjectId))?.id).to.equal(dirk.aadObjectId);
    fake.setManagerContact(anna, { id: 'c0c0c0c0-0000-4000-8000-0000000000c0', displayName: 'Extern bureau', mail: 'info@extern.example' });
    expect(await graph.getManager(anna.aadObjectId)).to.equal(null);
  });

  it("401 NoPermissionsInAccessToken and 403 are final (accessDenied), not retried; an expired token's 401 stays transient", async () => {
    fake.denyAccess('consent');
    const f401 = await failure(graph.getManager(anna.aadObjectId));
    expect(f401).to.include({ status: 401, code: 'NoPermissionsInAccessToken', transient: false, accessDenied: true });
    fake.allowAccess();
    fake.denyAccess({ policyFor: bram });
    const f403 = await failure(graph.getSchedule(bram.aadObjectId, new Date(T0), new Date(T0 + DAY)));
    expect(f403).to.include({ status: 403, transient: false, accessDenied: true });
    expect(fake.requests.filter((r) => r.status === 401 || r.status === 403)).to.have.length(2);
    const config = loadConfig({ NODE_ENV: 'test', ...fake.env() });
    const wrong = createGraphService(config.graph!, new ManualClock('2026-11-26T08:00:00Z'), {
      credential: fixedTokenCredential('expired'),
      maxRetries: 0,
    });
    expect(await failure(wrong.getManager(anna.aadObjectId))).to.include({ status: 401, transient: true, accessDenied: false });
  });
});
