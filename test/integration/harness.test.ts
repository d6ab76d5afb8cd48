/**
 * Proves the test harness against botbuilder itself (not against our bot): CloudAdapter without
 * credentials talking to the fake Bot Connector, and the activity builders routed by a
 * TeamsActivityHandler the way Teams traffic is.
 *
 * What botbuilder 4.23 does on errors (pinned by the "retries" tests below, so an upgrade that
 * changes it fails here). ConnectorClient runs on @azure/core-rest-pipeline's defaultRetryPolicy,
 * maxRetries 3, so ONE sendActivity/updateActivity can take up to 4 HTTP attempts:
 * - 429 or 503 WITH Retry-After: waits Retry-After (no cap!) and retries, up to 3 times.
 * - 429 WITHOUT Retry-After: no retry, throws at once.
 * - 5xx (except 501/505) and 408: retries with exponential backoff, about 1 s, 2 s, 4 s (with jitter).
 * - 412, 403 (MessageWritesBlocked), 404, other 4xx: no retry.
 * - When it gives up it throws a RestError: { statusCode, code (= body.error.code),
 *   details (= parsed body), response.headers.get('retry-after') }.
 * Routes: ctx.sendActivity posts to the REPLY route whenever the turn activity has an id, i.e.
 * always (continueConversationAsync uses a random UUID, createConversationAsync the conversation
 * id); the reference's activityId is ignored. A channel thread is addressed by
 * '<channel>;messageid=<root>' in conversation.id.
 * Consequences for our outbox: a send can block for 3 x Retry-After before failing, POSTs are
 * retried on 5xx (a message may be posted twice if Teams stored it but answered 5xx), and 412 is
 * not retried by botbuilder, so the outbox must do it.
 */
import { expect } from 'chai';
import restify from 'restify';
import type { AddressInfo } from 'node:net';
import {
  ActivityTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  TeamsActivityHandler,
  TeamsInfo,
  TurnContext,
  type Activity,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type ConversationParameters,
  type ConversationReference,
  type MessagingExtensionAction,
  type MessagingExtensionActionResponse,
  type TaskModuleResponse,
} from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import { startFakeConnector, type FakeConnector } from '../harness/fakeConnector';
import {
  BOT_ID,
  BOT_NAME,
  TEST_TENANT,
  aanmeldingenChannel,
  adaptiveCardAction,
  anna,
  bram,
  channelMessage,
  dirk,
  generalChannel,
  installInTeam,
  installPersonal,
  messageExtensionFetchTask,
  messageExtensionSubmit,
  personalConversationId,
  personalMessage,
  teamNoord,
  threadConversationId,
} from '../harness/activities';
import { httpJson, postActivity } from '../harness/http';

function newAdapter(): CloudAdapter {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  adapter.onTurnError = async (_ctx, err) => {
    throw err;
  };
  return adapter;
}

function personalRef(connector: FakeConnector): Partial<ConversationReference> {
  return {
    channelId: 'msteams',
    serviceUrl: connector.url,
    bot: { id: BOT_ID, name: BOT_NAME },
    user: { id: anna.id, name: anna.name },
    conversation: { id: personalConversationId(anna), conversationType: 'personal', tenantId: TEST_TENANT, isGroup: false, name: '' },
  };
}

const card = (title: string) => ({
  contentType: 'application/vnd.microsoft.card.adaptive',
  content: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: title }] },
});

async function rejection(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

describe('test harness: fake Bot Connector with botbuilder CloudAdapter', function () {
  let connector: FakeConnector;
  let adapter: CloudAdapter;

  before(async () => {
    connector = await startFakeConnector();
    adapter = newAdapter();
  });
  afterEach(() => connector.reset());
  after(() => connector.close());

  it('records a proactive send, update and delete, without any Authorization header', async () => {
    let sentId = '';
    let continuationId = '';
    await adapter.continueConversationAsync('', personalRef(connector), async (ctx) => {
      continuationId = ctx.activity.id!;
      const res = await ctx.sendActivity('hallo');
      sentId = res!.id;
      await ctx.updateActivity({ id: sentId, type: ActivityTypes.Message, text: 'hallo, bijgewerkt', attachments: [card('Bijgewerkt')] });
    });

    const conv = personalConversationId(anna);
    // Quirk: continueConversationAsync builds a continuation event with a random UUID id, so
    // ctx.sendActivity goes to the REPLY route with replyToId = that UUID, never to the send route.
    expect(connector.sent).to.have.length(0);
    expect(connector.replies).to.have.length(1);
    expect(connector.replies[0]).to.include({ conversationId: conv, id: sentId, replyToId: continuationId, attempts: 1 });
    expect(continuationId).to.match(/^[0-9a-f-]{36}$/);
    expect(connector.replies[0]!.activity).to.include({ type: 'message', text: 'hallo' });
    expect(connector.replies[0]!.at).to.be.instanceOf(Date);
    expect(connector.allPosted().map((p) => p.id)).to.deep.equal([sentId]);
    expect(connector.updates).to.have.length(1);
    expect(connector.updates[0]).to.include({ conversationId: conv, activityId: sentId, attempts: 1 });

    const [msg] = connector.messagesIn(conv);
    expect(msg).to.include({ id: sentId, updates: 1, deleted: false });
    expect(msg!.activity['text']).to.equal('hallo, bijgewerkt');
    expect(msg!.card).to.deep.include({ type: 'AdaptiveCard' });

    // The bot under test runs without credentials: botbuilder sends no Authorization at all.
    expect(connector.requests.map((r) => r.headers['authorization'])).to.deep.equal([undefined, undefined]);

    await adapter.continueConversationAsync('', personalRef(connector), (ctx) => ctx.deleteActivity(sentId));
    expect(connector.deletes).to.deep.include({ conversationId: conv, activityId: sentId, at: connector.deletes[0]!.at, attempts: 1 });
    expect(connector.messagesIn(conv)).to.have.length(0);
    expect(connector.messagesIn(conv, { includeDeleted: true })).to.have.length(1);
  });

  it('records the send route when the ConnectorClient is called directly', async () => {
    let id = '';
    await adapter.continueConversationAsync('', personalRef(connector), async (ctx) => {
      const client = ctx.turnState.get<ConnectorClient>(ctx.adapter.ConnectorClientKey);
      const res = await client.conversations.sendToConversation(personalConversationId(anna), {
        type: 'message',
        text: 'direct',
      } as Activity);
      id = res.id!;
    });
    expect(connector.replies).to.have.length(0);
    expect(connector.sent).to.have.length(1);
    expect(connector.sent[0]).to.include({ conversationId: personalConversationId(anna), id, attempts: 1 });
  });

  it('posts into a channel thread when conversation.id has ;messageid= (reference activityId is ignored)', async () => {
    const thread = threadConversationId(aanmeldingenChannel.id, '1700000000000');
    await adapter.continueConversationAsync(
      '',
      {
        channelId: 'msteams',
        serviceUrl: connector.url,
        bot: { id: BOT_ID, name: BOT_NAME },
        conversation: { id: thread, conversationType: 'channel', isGroup: true, tenantId: TEST_TENANT, name: '' },
        activityId: '1700000000000',
      },
      async (ctx) => {
        await ctx.sendActivity('in de draad');
      },
    );
    expect(connector.replies).to.have.length(1);
    // The URL-encoded thread id arrives decoded; the replyToId is the continuation UUID, not the
    // reference's activityId: in Teams the thread is chosen by ';messageid=' in the conversation id.
    expect(connector.replies[0]!.conversationId).to.equal(thread);
    expect(connector.replies[0]!.replyToId).to.not.equal('1700000000000');
    expect(connector.requests[0]!.url).to.contain(encodeURIComponent(thread));
    // A channel id without ';messageid=' covers all its threads.
    expect(connector.messagesIn(aanmeldingenChannel.id).map((m) => m.activity['text'])).to.deep.equal(['in de draad']);
    expect(connector.messagesIn(thread)).to.have.length(1);
    expect(connector.messagesIn(generalChannel.id)).to.have.length(0);
  });

  it('creates a 1:1 conversation with the same id per user + tenant', async () => {
    const params = {
      isGroup: false,
      bot: { id: BOT_ID, name: BOT_NAME },
      members: [{ id: anna.id, name: anna.name }],
      tenantId: TEST_TENANT,
      channelData: { tenant: { id: TEST_TENANT } },
    } as unknown as ConversationParameters;

    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      await adapter.createConversationAsync('', 'msteams', connector.url, '', params, async (ctx) => {
        ids.push(ctx.activity.conversation.id);
        await ctx.sendActivity(`welkom ${i}`);
      });
    }
    expect(ids).to.deep.equal([personalConversationId(anna), personalConversationId(anna)]);
    expect(connector.createdConversations.map((c) => c.isNew)).to.deep.equal([true, false]);
    expect(connector.createdConversations[0]).to.include({ id: personalConversationId(anna), serviceUrl: connector.url, attempts: 1 });
    expect(connector.createdConversations[0]!.params['members']).to.deep.equal([{ id: anna.id, name: anna.name }]);
    // Quirk: the turn's activity.id is the conversation id, so sendActivity inside
    // createConversationAsync goes to the *reply* route with replyToId = conversation id.
    expect(connector.replies.map((r) => r.replyToId)).to.deep.equal([ids[0], ids[0]]);
    expect(connector.messagesIn(ids[0]!).map((m) => m.activity['text'])).to.deep.equal(['welkom 0', 'welkom 1']);
  });

  it('serves members, paged members, team details and channels from the roster', async () => {
    const ref: Partial<ConversationReference> = {
      channelId: 'msteams',
      serviceUrl: connector.url,
      bot: { id: BOT_ID, name: BOT_NAME },
      conversation: { id: teamNoord.id, conversationType: 'channel', isGroup: true, tenantId: TEST_TENANT, name: '' },
    };
    await adapter.continueConversationAsync('', ref, async (ctx) => {
      const byId = await TeamsInfo.getMember(ctx, bram.id);
      expect(byId).to.include({ id: bram.id, aadObjectId: bram.aadObjectId, email: bram.email, name: bram.name });
      const byAad = await TeamsInfo.getMember(ctx, dirk.aadObjectId);
      expect(byAad.id).to.equal(dirk.id);

      const page1 = await TeamsInfo.getPagedMembers(ctx, 3);
      expect(page1.members).to.have.length(3);
      expect(page1.continuationToken).to.be.a('string');
      const page2 = await TeamsInfo.getPagedMembers(ctx, 3, page1.continuationToken);
      expect(page2.members.map((m) => m.name)).to.deep.equal([dirk.name]);
      expect(page2.continuationToken).to.equal(undefined);

      const team = await TeamsInfo.getTeamDetails(ctx, teamNoord.id);
      expect(team).to.include({ id: teamNoord.id, name: 'WIJ Noord', aadGroupId: teamNoord.aadGroupId, memberCount: 4 });
      const channels = await TeamsInfo.getTeamChannels(ctx, teamNoord.id);
      // Like Teams: the General channel comes without a name.
      expect(channels).to.deep.equal([{ id: generalChannel.id }, { id: aanmeldingenChannel.id, name: 'Aanmeldingen' }]);

      const err = await rejection(TeamsInfo.getMember(ctx, '29:1nobody'));
      expect(err.statusCode).to.equal(404);
    });
    expect(connector.unhandled).to.have.length(0);
  });

  describe('retries (botbuilder behaviour the outbox must know about)', () => {
    const sendHallo = () =>
      adapter.continueConversationAsync('', personalRef(connector), async (ctx) => {
        await ctx.sendActivity('hallo');
      });

    it('429 with Retry-After: botbuilder waits Retry-After and retries by itself', async () => {
      connector.failNext(1, { status: 429, headers: { 'Retry-After': '1' } });
      const t0 = Date.now();
      await sendHallo();
      expect(Date.now() - t0).to.be.at.least(900);
      expect(connector.requests.map((r) => [r.status, r.attempt, r.injected])).to.deep.equal([
        [429, 1, 'failNext'],
        [200, 2, undefined],
      ]);
      expect(connector.allPosted()).to.have.length(1);
      expect(connector.allPosted()[0]!.attempts).to.equal(2);
      expect(connector.rejected).to.have.length(1);
    });

    it('429 four times: gives up after 1 + 3 retries with a RestError', async () => {
      connector.failNext(10, { status: 429, headers: { 'Retry-After': '0' } });
      const err = await rejection(sendHallo());
      expect(err).to.include({ name: 'RestError', statusCode: 429, code: 'TooManyRequests' });
      expect(err.response.headers.get('retry-after')).to.equal('0');
      expect(connector.requests).to.have.length(4);
      expect(connector.allPosted()).to.have.length(0);
    });

    it('429 without Retry-After: no retry at all', async () => {
      connector.failNext(1, { status: 429, omitRetryAfter: true });
      const err = await rejection(sendHallo());
      expect(err.statusCode).to.equal(429);
      expect(connector.requests).to.have.length(1);
    });

    it('502: retried with backoff (about 1 s); 412: not retried', async () => {
      connector.failNext(1, { status: 502 });
      await sendHallo();
      expect(connector.requests.map((r) => r.status)).to.deep.equal([502, 200]);
      connector.reset();
      connector.failNext(1, { status: 412 });
      const err = await rejection(sendHallo());
      expect(err).to.include({ statusCode: 412, code: 'PreconditionFailed' });
      expect(connector.requests).to.have.length(1);
    });

    it('counts attempts across turns: an outbox-style resend of the same message is attempt 2', async () => {
      connector.failNext(1, { status: 412 });
      const err = await rejection(sendHallo());
      expect(err.statusCode).to.equal(412);
      await sendHallo(); // a new turn: new random replyToId in the URL, same message
      expect(connector.requests.map((r) => [r.status, r.attempt])).to.deep.equal([
        [412, 1],
        [200, 2],
      ]);
      expect(connector.replies[0]!.attempts).to.equal(2);
      await sendHallo(); // the previous call succeeded, so this is a new call
      expect(connector.replies[1]!.attempts).to.equal(1);
    });

    it('failFor fails every matching write for a while', async () => {
      connector.failFor(300, { status: 503, headers: { 'Retry-After': '0' } });
      const err = await rejection(sendHallo());
      expect(err.statusCode).to.equal(503);
      await new Promise((r) => setTimeout(r, 350));
      await sendHallo();
      expect(connector.allPosted()).to.have.length(1);
    });

    it('a blocked conversation answers 403 MessageWritesBlocked, not retried', async () => {
      connector.block(personalConversationId(anna), 403, { error: { code: 'MessageWritesBlocked', message: 'blocked' } });
      const err = await rejection(sendHallo());
      expect(err).to.include({ statusCode: 403, code: 'MessageWritesBlocked' });
      expect(err.details).to.deep.equal({ error: { code: 'MessageWritesBlocked', message: 'blocked' } });
      expect(connector.requests).to.have.length(1);
      connector.unblock(personalConversationId(anna));
      await sendHallo();
      expect(connector.allPosted()).to.have.length(1);
    });

    it('optional Teams per-thread rate limits answer 429 with Retry-After (botbuilder then waits)', async () => {
      connector.setRateLimits([{ limit: 2, windowMs: 1000 }]);
      try {
        await sendHallo();
        await sendHallo();
        await sendHallo(); // 429 Retry-After: 1, botbuilder waits and retries
      } finally {
        connector.setRateLimits(false);
      }
      expect(connector.rejected.map((r) => [r.status, r.injected, r.headers['authorization']])).to.deep.equal([
        [429, 'rateLimit', undefined],
      ]);
      expect(connector.allPosted().map((s) => s.attempts)).to.deep.equal([1, 1, 2]);
    });
  });

  it('waitFor resolves with the value and rejects with a readable dump', async () => {
    await adapter.continueConversationAsync('', personalRef(connector), async (ctx) => {
      await ctx.sendActivity({ type: 'message', attachments: [card('Nieuwe aanmelding')] });
    });
    const entry = await connector.waitFor((c) => c.allPosted()[0]);
    expect(entry.activity['type']).to.equal('message');
    const err = await rejection(connector.waitFor((c) => c.sent.length > 5, 50, 'six messages'));
    expect(err.message).to.contain('waitFor for six messages timed out after 50 ms');
    expect(err.message).to.contain('replies (1):');
    expect(err.message).to.contain('[card "Nieuwe aanmelding"]');
  });

  it('answers unknown routes with 404 and lists them', async () => {
    const res = await httpJson('GET', `${connector.url}v3/nonsense`);
    expect(res.status).to.equal(404);
    expect(connector.unhandled.map((r) => r.url)).to.deep.equal(['/v3/nonsense']);
  });
});

/** A throwaway Teams bot (not ours) to prove the builders are routed like real Teams traffic. */
class ProbeBot extends TeamsActivityHandler {
  readonly seen: { kind: string; detail: unknown }[] = [];

  constructor() {
    super();
    this.onMessage(async (ctx, next) => {
      const text = (TurnContext.removeRecipientMention(ctx.activity) ?? '').trim();
      let suffix = '';
      if (ctx.activity.conversation.conversationType === 'channel') {
        const team = await TeamsInfo.getTeamDetails(ctx); // uses channelData.team.id
        suffix = ` (${team.name})`;
      }
      this.seen.push({ kind: 'message', detail: { text, mentions: ctx.activity.entities?.filter((e) => e.type === 'mention').length } });
      await ctx.sendActivity(`echo: ${text}${suffix}`);
      await next();
    });
    this.onTeamsMembersAddedEvent(async (membersAdded, teamInfo, ctx, next) => {
      const botAdded = membersAdded.some((m) => m.id === ctx.activity.recipient.id);
      this.seen.push({ kind: 'membersAdded', detail: { botAdded, team: teamInfo?.name } });
      if (botAdded) await ctx.sendActivity(teamInfo ? `Hallo team ${teamInfo.name}` : 'Hallo!');
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke(ctx: TurnContext, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    this.seen.push({ kind: 'cardAction', detail: { verb: value.action.verb, data: value.action.data, replyToId: ctx.activity.replyToId } });
    return {
      statusCode: 200,
      type: 'application/vnd.microsoft.card.adaptive',
      value: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: `Gedaan: ${value.action.verb}` }] } as any,
    };
  }

  protected override async handleTeamsMessagingExtensionFetchTask(
    _ctx: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    this.seen.push({
      kind: 'fetchTask',
      detail: { commandId: action.commandId, context: action.commandContext, body: action.messagePayload?.body?.content },
    });
    return { task: { type: 'continue', value: { title: 'Nieuw item', card: card('Nieuw item') } } } as MessagingExtensionActionResponse;
  }

  protected override async handleTeamsMessagingExtensionSubmitAction(
    _ctx: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    this.seen.push({
      kind: 'submit',
      detail: { commandId: action.commandId, data: action.data, author: action.messagePayload?.from?.user?.displayName },
    });
    return { task: { type: 'message', value: `Opgeslagen: ${(action.data as { title: string }).title}` } as TaskModuleResponse['task'] };
  }
}

describe('test harness: activity builders through a TeamsActivityHandler', function () {
  let connector: FakeConnector;
  let server: restify.Server;
  let botUrl: string;
  let bot: ProbeBot;

  before(async () => {
    connector = await startFakeConnector();
    const adapter = newAdapter();
    bot = new ProbeBot();
    server = restify.createServer();
    server.use(restify.plugins.bodyParser());
    server.post('/api/messages', async (req, res) => {
      await adapter.process(req, res, (ctx) => bot.run(ctx));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    botUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => {
    connector.reset();
    bot.seen.length = 0;
  });
  after(async () => {
    server.close();
    await connector.close();
  });

  it('channelMessage: mention stripped, channelData team usable, reply lands in the thread', async () => {
    const activity = channelMessage({ text: 'help', from: anna, team: teamNoord, channel: aanmeldingenChannel });
    expect(activity.serviceUrl).to.equal(connector.url);
    expect(activity.conversation.id).to.equal(`${aanmeldingenChannel.id};messageid=${activity.id}`);
    const res = await postActivity(botUrl, activity);
    expect(res.status).to.equal(200);
    expect(bot.seen).to.deep.equal([{ kind: 'message', detail: { text: 'help', mentions: 1 } }]);
    expect(connector.replies).to.have.length(1);
    expect(connector.replies[0]).to.include({ conversationId: activity.conversation.id, replyToId: activity.id });
    expect(connector.replies[0]!.activity['text']).to.equal('echo: help (WIJ Noord)');
    expect(connector.messagesIn(aanmeldingenChannel.id)).to.have.length(1);
  });

  it('personalMessage: reply in the personal chat', async () => {
    await postActivity(botUrl, personalMessage({ text: 'hoi', from: bram }));
    const reply = await connector.waitFor((c) => c.messagesIn(personalConversationId(bram))[0]);
    expect(reply.activity['text']).to.equal('echo: hoi');
  });

  it('installInTeam and installPersonal reach the members-added handler', async () => {
    expect((await postActivity(botUrl, installInTeam({ team: teamNoord, from: dirk }))).status).to.equal(200);
    expect((await postActivity(botUrl, installPersonal({ from: anna }))).status).to.equal(200);
    expect(bot.seen.map((s) => s.detail)).to.deep.equal([
      { botAdded: true, team: 'WIJ Noord' },
      { botAdded: true, team: undefined },
    ]);
    expect(connector.messagesIn(teamNoord.id).map((m) => m.activity['text'])).to.deep.equal(['Hallo team WIJ Noord']);
    expect(connector.messagesIn(personalConversationId(anna)).map((m) => m.activity['text'])).to.deep.equal(['Hallo!']);
  });

  it('adaptiveCardAction: invoke answered in the HTTP response', async () => {
    const res = await postActivity(
      botUrl,
      adaptiveCardAction({
        verb: 'markDone',
        data: { itemId: '42' },
        from: anna,
        conversation: personalConversationId(anna),
        replyToId: '1700000000001',
      }),
    );
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.include({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(res.body.value.body[0].text).to.equal('Gedaan: markDone');
    expect(bot.seen[0]).to.deep.equal({
      kind: 'cardAction',
      detail: { verb: 'markDone', data: { itemId: '42' }, replyToId: '1700000000001' },
    });
  });

  it('messageExtensionFetchTask and messageExtensionSubmit carry the messagePayload', async () => {
    const conversation = threadConversationId(generalChannel.id, '1700000000002');
    const message = { id: '1700000000002', from: bram, text: 'Kun je mij terugbellen?' };
    const fetch = await postActivity(botUrl, messageExtensionFetchTask({ commandId: 'newItem', from: anna, conversation, message }));
    expect(fetch.status).to.equal(200);
    expect(fetch.body.task.type).to.equal('continue');
    const submit = await postActivity(
      botUrl,
      messageExtensionSubmit({ commandId: 'newItem', from: anna, conversation, message, data: { title: 'Terugbellen' } }),
    );
    expect(submit.status).to.equal(200);
    expect(submit.body).to.deep.equal({ task: { type: 'message', value: 'Opgeslagen: Terugbellen' } });
    expect(bot.seen).to.deep.equal([
      { kind: 'fetchTask', detail: { commandId: 'newItem', context: 'message', body: '<p>Kun je mij terugbellen?</p>' } },
      { kind: 'submit', detail: { commandId: 'newItem', data: { title: 'Terugbellen' }, author: bram.name } },
    ]);
  });
});
