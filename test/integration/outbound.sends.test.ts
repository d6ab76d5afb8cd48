// The outbox's posts and card updates without a proactive turn (teams/proactive.ts TeamsMessenger
// post and update): one plain HTTP request (teams/connectorRest.ts), signed by the outbound
// connector client's credentials. Against the fake Bot Connector (real HTTP): the request is the one
// botbuilder's proactive turn (continueConversationAsync + ctx.sendActivity / ctx.updateActivity)
// made, the client is the same cached retry-less one, and the local-only guard still holds.
import { expect } from 'chai';
import type { ConversationReference } from 'botbuilder';
import { startFakeConnector, type FakeConnector, type RecordedRequest } from '../harness/fakeConnector';
import { BOT_ID, TEST_TENANT } from '../harness/activities';
import { outbound, type Outbound } from '../../src/teams/outbound';
import { classifySendError, TeamsMessenger } from '../../src/teams/proactive';
import type { Repository } from '../../src/storage/repository';

const CHANNEL = '19:cardupdate@thread.tacv2';
const card = (title: string) => ({
  attachments: [
    {
      contentType: 'application/vnd.microsoft.card.adaptive',
      content: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: title }] },
    },
  ],
});

describe('outbound posts and card updates: one REST call, no proactive turn (fake connector)', () => {
  let connector: FakeConnector;
  let out: Outbound;
  let messenger: TeamsMessenger;
  let ref: Partial<ConversationReference>;

  before(async () => {
    connector = await startFakeConnector({ setAsDefaultServiceUrl: false });
  });
  after(() => connector.close());
  beforeEach(() => {
    connector.reset();
    out = outbound({ MicrosoftAppId: '', MicrosoftAppType: 'MultiTenant' }, 5_000);
    // The card update needs no storage: a repository that refuses every call proves it.
    messenger = new TeamsMessenger(out, '', new Proxy({}, { get: () => () => Promise.reject(new Error('no storage')) }) as Repository);
    ref = {
      serviceUrl: connector.url,
      channelId: 'msteams',
      locale: 'nl-NL',
      bot: { id: BOT_ID, name: 'Top Contact' },
      conversation: {
        id: `${CHANNEL};messageid=1700000000001`,
        isGroup: true,
        conversationType: 'channel',
        tenantId: TEST_TENANT,
        name: '',
      },
    };
  });

  /** What identifies a request on the wire: method, route, conversation, activity, body (the turn's random replyToId left out). */
  const wire = (r: RecordedRequest) => {
    const { replyToId: _replyToId, ...body } = r.body as Record<string, unknown>;
    return { method: r.method, url: r.url, route: r.route, body, contentType: r.headers['content-type'] };
  };

  it('sends the request a proactive turn sent: PUT …/activities/{id} with the same activity', async () => {
    await messenger.update(ref, 'act-1', card('direct'));
    await out.adapter.continueConversationAsync('', ref, async (ctx) => {
      await ctx.updateActivity({ ...card('direct'), id: 'act-1', type: 'message', conversation: ref.conversation as never });
    });

    expect(connector.requests.map((r) => r.route)).to.deep.equal(['update', 'update']);
    const [direct, turn] = connector.requests as [RecordedRequest, RecordedRequest];
    expect(wire(direct)).to.deep.equal(wire(turn));
    expect(direct).to.include({ method: 'PUT', conversationId: ref.conversation!.id, activityId: 'act-1', status: 200 });
    expect(direct.body).to.deep.include({ type: 'message', id: 'act-1', channelId: 'msteams', serviceUrl: connector.url, locale: 'nl-NL' });
    expect(direct.body).to.have.nested.property('from.id', BOT_ID);
    expect(connector.message('act-1')?.card).to.deep.equal(card('direct').attachments[0]!.content);
  });

  it('posts with the request a proactive turn sent: POST …/activities/{random id} replying to it, the id returned', async () => {
    const thread = { ...ref, conversation: { ...ref.conversation!, id: `${CHANNEL};messageid=1700000000002` } };
    const id = await messenger.post(thread, { text: 'direct', ...card('post') });
    let turnId: string | undefined;
    await out.adapter.continueConversationAsync('', thread, async (ctx) => {
      turnId = (await ctx.sendActivity({ text: 'direct', ...card('post') }))?.id;
    });

    expect(connector.requests.map((r) => r.route)).to.deep.equal(['reply', 'reply']);
    const [direct, turn] = connector.requests as [RecordedRequest, RecordedRequest];
    const { url: _u1, ...directWire } = wire(direct);
    const { url: _u2, ...turnWire } = wire(turn);
    expect(directWire).to.deep.equal(turnWire);
    for (const r of [direct, turn]) {
      expect(r).to.include({ method: 'POST', conversationId: thread.conversation.id, status: 200 });
      expect(r.activityId, 'replies to its own random id').to.equal((r.body as { replyToId?: string }).replyToId);
    }
    expect(direct.activityId).to.not.equal(turn.activityId);
    expect(direct.body).to.not.have.property('id');
    expect(id).to.equal(connector.replies[0]!.id);
    expect(turnId).to.equal(connector.replies[1]!.id);
  });

  it('uses the client a proactive turn gets: the same cached object, botbuilder retries off, a timeout per request', async () => {
    let turnClient: unknown;
    await out.adapter.continueConversationAsync('', ref, async (ctx) => {
      turnClient = ctx.turnState.get(out.adapter.ConnectorClientKey);
    });
    const client = await out.connector(ref.serviceUrl);
    expect(client).to.equal(turnClient);
    const policies = (client as unknown as { client: { pipeline: { getOrderedPolicies(): { name: string }[] } } }).client.pipeline
      .getOrderedPolicies()
      .map((p) => p.name);
    expect(policies).to.include('topContactTimeout').and.not.include('defaultRetryPolicy');

    connector.failNext(1, { status: 503 });
    const err = await messenger.update(ref, 'act-2', card('once')).then(
      () => null,
      (e: unknown) => e,
    );
    expect(
      connector.requests.filter((r) => r.route === 'update'),
      'one attempt is one request',
    ).to.have.length(1);
    expect(classifySendError(err)).to.include({ ok: false, retry: true });
  });

  it('the connector answers 429 with Retry-After, 412, 403 and 404: classified as a proactive turn’s failure was', async () => {
    for (const send of [() => messenger.update(ref, 'act-3', card('x')), () => messenger.post(ref, card('x'))]) {
      const outcomes: unknown[] = [];
      for (const spec of [{ status: 429, headers: { 'Retry-After': '7' } }, { status: 412 }, { status: 403 }, { status: 404 }]) {
        connector.failNext(1, spec);
        outcomes.push(classifySendError(await send().catch((e: unknown) => e), 0));
      }
      expect(outcomes.map((o) => ({ ...(o as object), error: undefined }))).to.deep.equal([
        { ok: false, retry: true, retryAfterMs: 7_000, error: undefined },
        { ok: false, retry: true, retryAfterMs: undefined, error: undefined },
        { ok: false, retry: false, error: undefined, problem: { code: 'Forbidden', status: 403 } },
        { ok: false, retry: false, error: undefined, problem: { code: 'NotFound', status: 404 } },
      ]);
    }
  });

  it('without Bot Framework authentication a non-local service URL is refused before any request (final)', async () => {
    const remote = { ...ref, serviceUrl: 'https://smba.trafficmanager.net/emea/' };
    for (const err of [
      await messenger.update(remote, 'act-4', card('x')).catch((e: unknown) => e),
      await messenger.post(remote, card('x')).catch((e: unknown) => e),
    ]) {
      expect(err).to.include({ code: 'ServiceUrlNotLocal' });
      expect(classifySendError(err)).to.include({ ok: false, retry: false });
    }
    expect(connector.requests).to.have.length(0);
  });
});
