// Graceful shutdown of the real process (node dist/src/index.js) on SIGTERM: new requests are
// refused (503, Connection: close) while the turns in flight finish, the outbox sends what those
// turns queued, and the process exits 0 with nothing left pending.
import { expect } from 'chai';
import fs from 'node:fs';
import { startFakeConnector, type FakeConnector } from '../harness/fakeConnector';
import { startChildBot, type ChildBot } from '../harness/child';
import { anna, bram, generalChannel, personalConversationId, personalMessage } from '../harness/activities';
import { httpJson, postActivity } from '../harness/http';
import { bindChannel, claimInvoke, intake, phoneFor, sleep } from '../harness/scenario';
import { tempSqliteUrl } from '../harness/bot';
import { SqliteRepository } from '../../src/storage/sqlite';

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
    await connector.waitFor((c) => ids.every((i) => c.messagesIn(generalChannel.id).find((m) => JSON.stringify(m.card ?? {}).includes(i))), 10_000);

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
      (c) => c.requests.slice(seen).some((r) => r.method === 'POST' && (r.conversationId ?? '').startsWith(personalConversationId(anna))) || undefined,
      15_000,
    );
    const stopped = bot.kill('SIGTERM');
    await sleep(100);

    // During the drain: refused with 503 and Connection: close (or, once closed, no connection at all).
    const late = await httpJson('POST', `${bot.url}/api/callbacks`, { customerName: 'Te Laat', phone: phoneFor(556), topic: 'Na SIGTERM' }, {
      authorization: 'Bearer test-intake-key-0123456789',
    }).catch((err: Error) => ({ status: 0, body: err.message, headers: {} as Record<string, string> }));
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
});
