// Graceful shutdown of the real process (node dist/src/index.js) on SIGTERM: new requests are
// refused (503, Connection: close) while the turns in flight finish, the outbox sends what those
// turns queued, and the process exits 0 with nothing left pending.
import { expect } from 'chai';
import fs from 'node:fs';
import net from 'node:net';
import { startFakeConnector, type FakeConnector } from '../harness/fakeConnector';
import { startChildBot, type ChildBot } from '../harness/child';
import { anna, bram, generalChannel, personalConversationId, personalMessage } from '../harness/activities';
import { httpJson, postActivity } from '../harness/http';
import { bindChannel, claimInvoke, intake, phoneFor, sleep } from '../harness/scenario';
import { INTAKE_KEY } from '../harness/child';
import { tempSqliteUrl } from '../harness/bot';
import { SqliteRepository } from '../../src/storage/sqlite';

/** Resolves once the bot refuses requests (503 ShuttingDown) or no longer accepts connections. */
async function untilDraining(url: string, timeoutMs = 20_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const r = await httpJson('GET', `${url}/no-such-route`).catch(() => ({ status: 0 }));
    if (r.status === 503 || r.status === 0) return;
    if (performance.now() > deadline) throw new Error(`still not draining after ${timeoutMs} ms (last status ${r.status})`);
    await sleep(25);
  }
}

describe('graceful shutdown on SIGTERM (child process)', function () {
  this.timeout(60_000);
  let connector: FakeConnector;
  let bot: ChildBot | undefined;

  before(async () => {
    connector = await startFakeConnector();
  });
  after(async () => {
    await bot?.kill('SIGKILL');
    await connector.close();
  });

  it('refuses new requests, finishes the turns in flight, flushes the outbox, exits 0', async () => {
    const db = tempSqliteUrl('tc-shutdown');
    const b = await startChildBot({ env: { DATABASE_URL: db } });
    bot = b;
    await bindChannel(b.url, connector);
    const ids: string[] = [];
    for (let n = 0; n < 3; n++) {
      const created = await intake(bot.url, { customerName: `Klant Afsluiten ${n}`, phone: phoneFor(555 + n), topic: 'Netjes stoppen' });
      expect(created.status).to.equal(201);
      ids.push(created.body.id as string);
    }
    const id = ids[0]!;
    await connector.waitFor(
      (c) => ids.every((i) => c.messagesIn(generalChannel.id).find((m) => JSON.stringify(m.card ?? {}).includes(i))),
      10_000,
    );

    // From now on every connector call takes 700 ms: turns that reply are slow, and the three card
    // updates the claims queue go one after the other (one lane: the channel), about 2 s in all.
    connector.setLatency(700);
    const seen = connector.requests.length;
    const inFlightMessage = postActivity(bot.url, personalMessage({ text: 'hulp', from: anna })); // replies through the connector
    const inFlightClaim = postActivity(bot.url, claimInvoke(bram, id)); // answers at once, queues a card update
    const otherClaims = await Promise.all(ids.slice(1).map((i) => postActivity(b.url, claimInvoke(bram, i))));
    expect(otherClaims.map((r) => r.status)).to.deep.equal([200, 200]);
    // SIGTERM only once the reply to "hulp" is on its way to the connector (no fixed sleep that a
    // loaded machine could outrun): then that turn is surely in flight.
    await connector.waitFor(
      (c) =>
        c.requests.slice(seen).some((r) => r.method === 'POST' && (r.conversationId ?? '').startsWith(personalConversationId(anna))) ||
        undefined,
      15_000,
    );
    const stopped = bot.kill('SIGTERM');
    // Wait until the process drains (no fixed sleep a loaded machine could outrun): a request to no
    // route is then refused with 503, or the port is already closed.
    await untilDraining(bot.url);

    // During the drain: refused with 503 and Connection: close (or, once closed, no connection at all).
    const late = await httpJson(
      'POST',
      `${bot.url}/api/callbacks`,
      { customerName: 'Te Laat', phone: phoneFor(556), topic: 'Na SIGTERM' },
      {
        authorization: 'Bearer test-intake-key-0123456789',
      },
    ).catch((err: Error) => ({ status: 0, body: err.message, headers: {} as Record<string, string> }));
    expect([503, 0], JSON.stringify(late.body)).to.include(late.status);
    if (late.status === 503) {
      expect(late.body.error.code).to.equal('ShuttingDown');
      expect(late.headers.connection).to.equal('close');
    }

    // The turns in flight finished normally.
    const [message, claim] = await Promise.all([inFlightMessage, inFlightClaim]);
    expect(message.status).to.equal(200);
    expect(claim.status).to.equal(200);
    expect(JSON.stringify(claim.body)).to.contain('opgepakt');
    expect(connector.messagesIn(personalConversationId(anna)).some((m) => m.card)).to.equal(true); // the help card was sent

    const exit = await stopped;
    expect(exit).to.deep.equal({ code: 0, signal: null });
    expect(bot.lines.some((l) => l.includes('"stopped"') || l.includes('stopped'))).to.equal(true);

    // The card updates the claims queued were all sent before the process ended (also the ones
    // that had not started when SIGTERM came).
    for (const i of ids) {
      const card = connector.messagesIn(generalChannel.id).find((m) => JSON.stringify(m.card ?? {}).includes(i))!;
      expect(JSON.stringify(card.card), i).to.contain('Opgepakt door Bram Jansen');
    }
    const repo = new SqliteRepository(db.slice('sqlite:'.length));
    try {
      expect((await repo.outboxStats()).pending).to.equal(0);
      expect((await repo.queryItems((await repo.tenants())[0]!, {})).map((i) => i.id).sort()).to.deep.equal([...ids].sort()); // the late request stored nothing
    } finally {
      await repo.close();
      fs.rmSync(db.slice('sqlite:'.length), { force: true });
    }
    connector.setLatency(0);
  });
  it('ends within 10 s with idle and half-sent connections open and the Bot Connector hanging: exit 0, outbox kept, storage closed (issue 13)', async () => {
    const db = tempSqliteUrl('tc-shutdown-hang');
    const file = db.slice('sqlite:'.length);
    const b = await startChildBot({ env: { DATABASE_URL: db } });
    bot = b;
    await bindChannel(b.url, connector);
    // The connector stops answering (a send waits for ever, as behind a dead proxy).
    connector.setLatency(600_000);
    const created = await intake(b.url, { customerName: 'Klant Hangend', phone: phoneFor(571), topic: 'Connector weg' });
    expect(created.status).to.equal(201);
    const { port } = new URL(b.url);
    const open = (text: string) =>
      new Promise<net.Socket>((resolve) => {
        const sock = net.connect(Number(port), '127.0.0.1', () => {
          sock.write(text);
          resolve(sock);
        });
        sock.on('error', () => undefined);
      });
    // An idle keep-alive connection (one answered request), a request with half its body, one with half its headers.
    const idle = await open('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n');
    await new Promise((r) => idle.once('data', r));
    const halfBody = await open(
      `POST /api/callbacks HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${INTAKE_KEY}\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{"customerName": "Half`,
    );
    const halfHeaders = await open('POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Ty');
    await sleep(1000); // the half requests reach the server (generous for a loaded machine; nothing waits on them)

    const started = process.hrtime.bigint();
    const exit = await b.kill('SIGTERM');
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    expect(exit).to.deep.equal({ code: 0, signal: null });
    expect(seconds, `stopped after ${seconds.toFixed(1)} s`).to.be.below(10);
    for (const sock of [idle, halfBody, halfHeaders]) sock.destroy();
    connector.setLatency(0);

    // Storage was closed cleanly (SQLite folds its write-ahead log back in on close) and the card
    // that could not be posted is still in the outbox for the next start.
    expect(fs.existsSync(`${file}-wal`), 'WAL file left: storage not closed').to.equal(false);
    const repo = new SqliteRepository(file);
    try {
      const tenant = (await repo.tenants())[0]!;
      expect((await repo.queryItems(tenant, {})).map((i) => i.id)).to.deep.equal([created.body.id]);
      const posts = (await repo.listOutbox({})).filter((m) => m.type === 'postCard');
      expect(posts.map((m) => m.status)).to.deep.equal(['pending']);
    } finally {
      await repo.close();
      fs.rmSync(file, { force: true });
    }
  });
});
