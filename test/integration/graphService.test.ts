// GraphService over real HTTP against the fake Graph: the Graph client, its RetryHandler and our
// token middleware are real; only the credential is swapped for one returning a fixed token.
import { expect } from 'chai';
import { loadConfig } from '../../src/config/config';
import { ManualClock } from '../../src/domain/clock';
import { createGraphService, type GraphService } from '../../src/graph';
import { MARKER_PROPERTY, transactionIdFor } from '../../src/graph/service';
import { splitBaseUrl } from '../../src/graph/client';
import { FAKE_GRAPH_TOKEN, fixedTokenCredential, startFakeGraph, type FakeGraph } from '../harness/fakeGraph';
import { draft, failure } from './graph.helpers';
import { anna, bram, dirk } from '../harness/roster';

describe('GraphService against the fake Graph (HTTP)', () => {
  let fake: FakeGraph;
  let graph: GraphService;
  let credential: ReturnType<typeof fixedTokenCredential>;

  before(async () => {
    fake = await startFakeGraph();
  });
  after(async () => fake.close());
  beforeEach(() => {
    fake.reset();
    credential = fixedTokenCredential();
    const config = loadConfig({ NODE_ENV: 'test', ...fake.env() });
    graph = createGraphService(config.graph!, new ManualClock('2026-11-26T08:00:00Z'), { credential });
  });

  it('splits base URLs and picks the token scope of the cloud', () => {
    expect(splitBaseUrl('https://graph.microsoft.com/v1.0')).to.deep.equal({
      baseUrl: 'https://graph.microsoft.com',
      version: 'v1.0',
      origin: 'https://graph.microsoft.com',
      scope: 'https://graph.microsoft.com/.default',
    });
    expect(splitBaseUrl('https://graph.microsoft.us/beta').scope).to.equal('https://graph.microsoft.us/.default');
    expect(splitBaseUrl('http://127.0.0.1:9/prefix/v1.0')).to.include({ baseUrl: 'http://127.0.0.1:9/prefix', version: 'v1.0' });
  });

  it("sends the credential's token and reads free/busy (blocks and events) by the user's mail address", async () => {
    fake.setBusy(bram, [
      { start: '2026-11-26T09:00:00Z', end: '2026-11-26T10:00:00Z' },
      { start: '2026-11-26T11:00:00Z', end: '2026-11-26T11:30:00Z', status: 'free' },
      { start: '2026-11-27T09:00:00Z', end: '2026-11-27T10:00:00Z', status: 'oof' },
    ]);
    await graph.createEvent(bram.aadObjectId, draft('m1', '2026-11-26T13:00:00Z', '2026-11-26T13:15:00Z'));
    const busy = await graph.getSchedule(bram.aadObjectId, new Date('2026-11-26T08:00:00Z'), new Date('2026-11-28T00:00:00Z'));
    expect(busy.map((b) => [b.start.toISOString(), b.end.toISOString()])).to.deep.equal([
      ['2026-11-26T09:00:00.000Z', '2026-11-26T10:00:00.000Z'],
      ['2026-11-27T09:00:00.000Z', '2026-11-27T10:00:00.000Z'],
      ['2026-11-26T13:00:00.000Z', '2026-11-26T13:15:00.000Z'],
    ]);
    const sched = fake.requestsTo('POST', /getSchedule$/)[0];
    expect(sched.body.schedules).to.deep.equal([bram.email]);
    expect(fake.requests.every((r) => r.auth === `Bearer ${FAKE_GRAPH_TOKEN}`)).to.equal(true);
    expect(credential.calls).to.be.greaterThan(0);
  });

  it('creates an event with reminder, busy, category, private, transactionId and marker; finds it by marker; moves and deletes it', async () => {
    const { id } = await graph.createEvent(bram.aadObjectId, draft('tenant/TB-1001/0'));
    const ev = fake.eventsOf(bram)[0];
    expect(ev).to.include({
      id,
      subject: 'Terugbellen: Lekkage',
      showAs: 'busy',
      isReminderOn: true,
      reminderMinutesBeforeStart: 10,
      sensitivity: 'private',
      transactionId: transactionIdFor('tenant/TB-1001/0'),
    });
    expect(ev.categories).to.deep.equal(['Top Contact']);
    expect(ev.singleValueExtendedProperties).to.deep.equal([{ id: MARKER_PROPERTY, value: 'tenant/TB-1001/0' }]);
    expect(await graph.findEvent(bram.aadObjectId, 'tenant/TB-1001/0')).to.deep.equal({ id });
    expect(await graph.findEvent(bram.aadObjectId, 'tenant/TB-1001/1')).to.equal(null);
    expect(await graph.findEvent(anna.aadObjectId, 'tenant/TB-1001/0')).to.equal(null);

    await graph.updateEvent(bram.aadObjectId, id, draft('tenant/TB-1001/0', '2026-11-27T10:00:00Z', '2026-11-27T10:15:00Z'));
    expect(fake.eventsOf(bram)[0].start.dateTime).to.match(/^2026-11-27T10:00:00/);

    await graph.deleteEvent(bram.aadObjectId, id);
    expect(fake.eventsOf(bram)).to.have.length(0);
    await graph.deleteEvent(bram.aadObjectId, id); // already gone: fine
    const f = await failure(graph.updateEvent(bram.aadObjectId, id, draft('x')));
    expect(f).to.include({ status: 404, notFound: true, transient: false });
  });

  it('looks up the manager, and null when there is none', async () => {
    expect(await graph.getManager(anna.aadObjectId)).to.deep.equal({ id: dirk.aadObjectId, displayName: dirk.name, mail: dirk.email });
    expect(await graph.getManager(dirk.aadObjectId)).to.equal(null);
  });

  it('429 with Retry-After: the RetryHandler waits that long and tries again (once, no duplicate)', async () => {
    fake.failNext(1, { status: 429, retryAfter: 1, match: (r) => r.method === 'POST' && /\/events$/.test(r.path) });
    await graph.createEvent(bram.aadObjectId, draft('m429'));
    const posts = fake.requestsTo('POST', /\/events$/);
    expect(posts.map((p) => p.status)).to.deep.equal([429, 201]);
    expect(posts[1].at - posts[0].at).to.be.at.least(950);
    expect(fake.eventsOf(bram)).to.have.length(1);
  });

  it('a long Retry-After is not slept through: the call fails at once with it (the outbox waits)', async () => {
    fake.failNext(5, { status: 429, retryAfter: 120 });
    const t0 = Date.now();
    const f = await failure(graph.getManager(anna.aadObjectId));
    // Far below the 120 s it was asked to wait (a loaded machine may be slow, never that slow).
    expect(Date.now() - t0).to.be.below(15_000);
    expect(f).to.include({ status: 429, transient: true, retryAfterMs: 120_000 });
    expect(fake.requests).to.have.length(1);
  });

  it('503 for a while: retried inside the call (bounded) until Graph answers', async () => {
    fake.failFor(1200, { status: 503, retryAfter: 1 });
    expect((await graph.getManager(anna.aadObjectId))?.id).to.equal(dirk.aadObjectId);
    expect(fake.requests.filter((r) => r.status === 503).length).to.be.within(1, 3);
  });

  it('503 that lasts: gives up after the bounded retries with a transient failure', async () => {
    fake.failFor(60_000, { status: 503, retryAfter: 0 });
    const f = await failure(graph.getManager(anna.aadObjectId));
    expect(f).to.include({ status: 503, transient: true });
    expect(fake.requests).to.have.length(4); // 1 + 3 retries
  });

  it('Graph unreachable: a transient network failure, quickly', async () => {
    fake.down();
    const f = await failure(graph.getSchedule(bram.aadObjectId, new Date('2026-11-26T08:00:00Z'), new Date('2026-11-27T08:00:00Z')));
    expect(f.transient).to.equal(true);
    expect(f.status).to.equal(undefined);
    fake.up();
  });

  it('a call that gets no answer fails within its time budget', async () => {
    fake.hangNext(1);
    const t0 = Date.now();
    const f = await failure(graph.getManager(anna.aadObjectId, { timeoutMs: 300 }));
    // Its own 300 ms budget, not the 25 s default, ended it: well below the default on any machine.
    expect(Date.now() - t0).to.be.below(12_000);
    expect(f).to.include({ transient: true });
    expect(f.message).to.contain('timeout');
  });

  it('an unknown user or a mailbox without calendar is a permanent failure', async () => {
    const nobody = '00000000-0000-4000-8000-000000000404';
    expect(await failure(graph.getSchedule(nobody, new Date('2026-11-26T08:00:00Z'), new Date('2026-11-27T08:00:00Z')))).to.include({
      status: 404,
      transient: false,
    });
    expect(await failure(graph.createEvent(nobody, draft('m404')))).to.include({ status: 404, transient: false });
    expect(await graph.getManager(nobody)).to.equal(null); // Graph answers 404 alike: no such user, or no manager
    fake.setNoMailbox(bram);
    expect(
      await failure(graph.getSchedule(bram.aadObjectId, new Date('2026-11-26T08:00:00Z'), new Date('2026-11-27T08:00:00Z'))),
    ).to.include({ transient: false });
  });

  it('a wrong token is refused by the fake (so the token really travels)', async () => {
    const config = loadConfig({ NODE_ENV: 'test', ...fake.env() });
    const wrong = createGraphService(config.graph!, new ManualClock('2026-11-26T08:00:00Z'), {
      credential: fixedTokenCredential('wrong'),
      maxRetries: 0,
    });
    expect(await failure(wrong.getManager(anna.aadObjectId))).to.include({ status: 401 });
  });
});
