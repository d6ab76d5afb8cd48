// The durable outbox against a failing Bot Connector (fake connector fault injection, real HTTP,
// SQLite, a clock that runs at real speed so retries come due).
//
// Backoff is scaled down 20x for speed: base 50 ms instead of 1 s (max 30 s instead of 10 min),
// so "503 for a minute" becomes "503 for 3 s": the same number of doublings (50, 100, 200, 400,
// 800, 1600 ms ≈ 1, 2, 4, 8, 16, 32 s), so the same attempts, order and outcome at 1/20 of the time.
import { expect } from 'chai';
import { nl } from '../../src/texts/nl';
import { type FakeConnector } from '../harness/fakeConnector';
import { startBot, type BotUnderTest } from '../harness/bot';
import {
  aanmeldingenChannel,
  anna,
  bram,
  carla,
  dirk,
  generalChannel,
  personalConversationId,
  personalMessage,
  TEST_TENANT,
} from '../harness/activities';
import { httpJson, postActivity } from '../harness/http';
import { bindChannel, cardsByItem, claimInvoke, intake, phoneFor, sleep } from '../harness/scenario';
import { problemLines } from '../../src/app/deliveryProblems';
import { useBot } from '../harness/suite';

const SCALE = 20;
const OUTBOX = { baseBackoffMs: 1000 / SCALE, maxBackoffMs: 600_000 / SCALE };

describe('outbox under connector faults', function () {
  this.timeout(60_000);
  let connector: FakeConnector;
  let bot: BotUnderTest;
  const suite = useBot(async (connector) => {
    const bot = await startBot({ realTime: true, outbox: OUTBOX, env: { MANAGER_IDS: dirk.aadObjectId } });
    await bindChannel(bot.url, connector);
    return bot;
  });
  beforeEach(() => ({ connector, bot } = suite));

  const create = async (n: number, extra: Record<string, unknown> = {}) => {
    const res = await intake(bot.url, { customerName: `Klant Outbox ${n}`, phone: phoneFor(n), topic: `Onderwerp ${n}`, ...extra });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.id as string;
  };
  const postsTo = (conversation: string) =>
    connector.requests.filter((r) => r.route === 'reply' && r.conversationId?.split(';')[0] === conversation);
  const outboxRow = async (key: string) => (await bot.app.s.repo.listOutbox({})).find((m) => m.key === key);
  const waitDone = async (timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await bot.settle();
      const stats = await bot.app.s.repo.outboxStats();
      if (stats.pending === 0) return stats;
      if (Date.now() > deadline) throw new Error(`outbox not drained: ${JSON.stringify(stats)}\n${connector.summary()}`);
      await sleep(25);
    }
  };

  it('one outbox attempt is one HTTP request: botbuilder retries are off (3 x 503, then the card)', async () => {
    connector.failNext(3, { status: 503, match: { routes: ['reply'] } });
    const id = await create(1);
    await waitDone();
    expect(cardsByItem(connector).get(id)).to.equal(1);
    const posts = postsTo(generalChannel.id).filter((r) => JSON.stringify(r.body).includes(id));
    expect(posts.map((p) => p.status)).to.deep.equal([503, 503, 503, 200]);
    const row = await outboxRow(`post:${TEST_TENANT}:${id}`);
    expect(row?.status).to.equal('done');
    expect(row?.attempts).to.equal(4); // = HTTP requests: no hidden retries inside an attempt
  });

  it('429 with Retry-After waits at least that long; 429 without it and 412 are retried too', async () => {
    connector.failNext(1, { status: 429, headers: { 'Retry-After': '1' }, match: { routes: ['reply'] } });
    const a = await create(2);
    await waitDone();
    const [first, second] = postsTo(generalChannel.id).filter((r) => JSON.stringify(r.body).includes(a));
    expect(first!.status).to.equal(429);
    expect(second!.status).to.equal(200);
    // The backoff alone would retry after ~50 ms; Retry-After says 1 s.
    expect(second!.at.getTime() - first!.at.getTime()).to.be.at.least(950);

    connector.failNext(1, { status: 429, omitRetryAfter: true, match: { routes: ['reply'] } });
    const b = await create(3);
    await waitDone();
    connector.failNext(2, { status: 412, match: { routes: ['reply'] } });
    const c = await create(4);
    await waitDone();
    for (const id of [a, b, c]) expect(cardsByItem(connector).get(id), id).to.equal(1);
    expect(
      postsTo(generalChannel.id)
        .filter((r) => JSON.stringify(r.body).includes(b))
        .map((r) => r.status),
    ).to.deep.equal([429, 200]);
    expect(
      postsTo(generalChannel.id)
        .filter((r) => JSON.stringify(r.body).includes(c))
        .map((r) => r.status),
    ).to.deep.equal([412, 412, 200]);
  });

  it('a card update that fails with 503 is retried and lands; a deleted card (404 on update) is not retried', async () => {
    const id = await create(5);
    await waitDone();
    connector.failNext(2, { status: 503, match: { routes: ['update'] } });
    const res = await postActivity(bot.url, claimInvoke(bram, id));
    expect(res.status).to.equal(200);
    await waitDone();
    const card = connector.messagesIn(generalChannel.id).find((m) => JSON.stringify(m.card ?? {}).includes(id))!;
    expect(JSON.stringify(card.card)).to.contain('Opgepakt door Bram Jansen');
    expect(connector.requests.filter((r) => r.route === 'update').map((r) => r.status)).to.deep.equal([503, 503, 200]);

    connector.failNext(1, {
      status: 404,
      body: { error: { code: 'NotFound', message: 'message deleted' } },
      match: { routes: ['update'] },
    });
    await postActivity(bot.url, {
      ...claimInvoke(bram, id),
      value: { action: { type: 'Action.Execute', verb: 'callback.release', data: { id } }, trigger: 'manual' },
    });
    await waitDone();
    expect(connector.requests.filter((r) => r.route === 'update').map((r) => r.status)).to.deep.equal([503, 503, 200, 404]);
    expect(await bot.app.s.repo.listDeliveryProblems({})).to.deep.equal([]); // one deleted message is not a blocked channel
  });

  it('403 MessageWritesBlocked: not retried, recorded, shown in /healthz, told to the binder and managers in Dutch; koppel again posts what was left', async () => {
    // Dirk (manager) and Anna (who bound the channel) have talked to the bot before: their 1:1 chats are known.
    await postActivity(bot.url, personalMessage({ text: 'hulp', from: dirk }));
    connector.block(generalChannel.id); // 403 MessageWritesBlocked on every write to the channel
    const first = await create(6);
    const second = await create(7);
    await waitDone();
    const blocked = postsTo(generalChannel.id).filter((r) => r.status === 403);
    expect(blocked).to.have.length(2); // one attempt per message, no retries
    const failed = await bot.app.s.repo.listOutbox({ status: 'failed' });
    expect(failed.map((m) => m.key).sort()).to.deep.equal([`post:${TEST_TENANT}:${first}`, `post:${TEST_TENANT}:${second}`].sort());
    expect(failed[0]!.lastError).to.contain('MessageWritesBlocked');

    const problems = await bot.app.s.repo.listDeliveryProblems({ open: true });
    expect(problems).to.have.length(1);
    expect(problems[0]).to.deep.include({ target: `channel:${generalChannel.id}`, code: 'MessageWritesBlocked', failures: 2 });
    const health = await httpJson('GET', `${bot.url}/healthz`);
    expect(health.status).to.equal(200);
    expect(health.body.deliveryProblems).to.deep.equal([
      { target: 'channel', code: 'MessageWritesBlocked', since: problems[0]!.firstAt.toISOString(), failures: 2 },
    ]);
    expect(health.body.outbox).to.deep.include({ failed: 2 });

    // Told once (not once per failed message) to Anna (bound the channel) and Dirk (manager), in their 1:1 chats.
    for (const who of [anna, dirk]) {
      const notices = connector
        .messagesIn(personalConversationId(who))
        .filter((m) => /geen berichten meer plaatsen in het werkkanaal/.test(String(m.activity.text)));
      expect(notices, who.name).to.have.length(1);
      expect(String(notices[0]!.activity.text)).to.contain('koppel');
    }
    const lines = await problemLines(bot.app.s, TEST_TENANT);
    expect(lines).to.have.length(1);
    expect(lines[0]).to.match(/^Let op: ik kan sinds .* niet meer schrijven in kanaal "Algemeen"/); // the General channel has no name in Teams' channelData
    // ... and that line heads the next digest (here Dirk's own, asked for in his 1:1 chat).
    await postActivity(bot.url, personalMessage({ text: 'digest', from: dirk }));
    const digest = await connector.waitFor((c) =>
      c.messagesIn(personalConversationId(dirk)).find((m) => m.card && JSON.stringify(m.card).includes('Let op: ik kan sinds')),
    );
    expect(JSON.stringify(digest.card)).to.contain('niet meer schrijven in kanaal');
    // ... and `overzicht` (asked in the 1:1 chat: the channel cannot be written to).
    await postActivity(bot.url, personalMessage({ text: 'overzicht', from: dirk }));
    await connector.waitFor((c) =>
      c
        .messagesIn(personalConversationId(dirk))
        .find((m) => m.card && JSON.stringify(m.card).includes('Let op: ik kan sinds') && m !== digest),
    );

    // The team binds the channel again once the app is back: the two cards are posted, the problem is resolved.
    connector.unblock(generalChannel.id);
    await bindChannel(bot.url, connector, carla);
    await waitDone();
    expect(cardsByItem(connector).get(first)).to.equal(1);
    expect(cardsByItem(connector).get(second)).to.equal(1);
    expect(await bot.app.s.repo.listDeliveryProblems({ open: true })).to.deep.equal([]);
    expect((await httpJson('GET', `${bot.url}/healthz`)).body.deliveryProblems).to.deep.equal([]);
  });

  it('a removed channel (404 ConversationNotFound) is recorded the same way and not retried', async () => {
    connector.block(generalChannel.id, 404, { error: { code: 'ConversationNotFound', message: 'Conversation not found.' } });
    const id = await create(8);
    await waitDone();
    expect(
      postsTo(generalChannel.id)
        .filter((r) => JSON.stringify(r.body).includes(id))
        .map((r) => r.status),
    ).to.deep.equal([404]);
    const [p] = await bot.app.s.repo.listDeliveryProblems({ open: true });
    expect(p).to.deep.include({ code: 'ConversationNotFound', target: `channel:${generalChannel.id}` });
    // The team binds another channel: the card goes there, and the old channel is no longer a problem.
    await bindChannel(bot.url, connector, dirk, aanmeldingenChannel); // a manager may move it (issue 13)
    await waitDone();
    expect(cardsByItem(connector, aanmeldingenChannel.id).get(id)).to.equal(1);
    expect(await bot.app.s.repo.listDeliveryProblems({ open: true })).to.deep.equal([]);
  });

  it('the connector answering 503 for a while, then recovering: nothing lost, order per conversation kept', async () => {
    // Carla has used the bot before (her 1:1 chat is known); during the outage every connector call fails.
    await postActivity(bot.url, personalMessage({ text: 'hulp', from: carla }));
    await connector.waitFor((c) => c.messagesIn(personalConversationId(carla)).length > 0);
    // The outage lasts until the test ends it (no wall-clock window a loaded machine could miss).
    connector.failFor(10 * 60_000, { status: 503, match: { routes: 'all' } });
    // During the outage: 12 new callbacks, Bram claims every third, then hands it to Carla (1:1 notices in order).
    const ids: string[] = [];
    for (let n = 0; n < 12; n++) ids.push(await create(100 + n));
    for (const id of ids.filter((_, i) => i % 3 === 0)) {
      expect((await postActivity(bot.url, claimInvoke(bram, id))).status).to.equal(200);
      const handover = await postActivity(bot.url, {
        ...claimInvoke(bram, id),
        value: { action: { type: 'Action.Execute', verb: 'callback.handover', data: { id, to: carla.aadObjectId } }, trigger: 'manual' },
      });
      expect(handover.status).to.equal(200);
    }
    // The outbox keeps trying during the outage and delivers nothing.
    await connector.waitFor((c) => c.rejected.filter((r) => r.status === 503).length > 10 || undefined, 60_000);
    expect((await bot.app.s.repo.outboxStats()).pending).to.be.greaterThan(0);
    connector.recover();
    const stats = await waitDone(60_000);
    expect(stats).to.deep.include({ pending: 0, failed: 0 });

    // Nothing lost: one card per callback, showing its last state.
    const cards = cardsByItem(connector);
    for (const id of ids) expect(cards.get(id), id).to.equal(1);
    for (const id of ids.filter((_, i) => i % 3 === 0)) {
      const card = connector.messagesIn(generalChannel.id).find((m) => JSON.stringify(m.card ?? {}).includes(nl.callbacks.card.title(id)))!;
      expect(JSON.stringify(card.card), id).to.contain('Opgepakt door Carla Smit');
    }
    // Order per conversation: the channel's new cards appear in the order the callbacks were made,
    // and every update of a card comes after its post.
    const okPosts = connector.requests.filter((r) => r.status === 200 && r.route === 'reply' && r.conversationId === generalChannel.id);
    const postedOrder = okPosts.map((r) => /Terugbelverzoek (TB-\d+)/.exec(JSON.stringify(r.body))?.[1]).filter(Boolean);
    expect(postedOrder).to.deep.equal(ids);
    for (const u of connector.requests.filter((r) => r.status === 200 && r.route === 'update')) {
      const postSeq = okPosts.find((p) =>
        JSON.stringify(p.body).includes(String(/Terugbelverzoek (TB-\d+)/.exec(JSON.stringify(u.body))?.[1])),
      )!.seq;
      expect(u.seq).to.be.greaterThan(postSeq);
    }
    // Carla's 1:1 chat: the handover notices arrive in the order they were made.
    const notices = connector
      .messagesIn(personalConversationId(carla))
      .map((m) => /terugbelverzoek \*\*(TB-\d+)\*\*/.exec(String(m.activity.text))?.[1])
      .filter(Boolean);
    expect(notices).to.deep.equal(ids.filter((_, i) => i % 3 === 0));
  });
});
