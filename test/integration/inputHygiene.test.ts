// Issue 13, input at the HTTP edge and in cards: only JSON bodies are parsed (others 415 on every
// route), a 400 names fields and never echoes the body, failed intake keys are counted per source
// address (ten a minute, then 429 for that source only), and typed text loses its invisible
// direction characters and bare links before it reaches a card.
import { expect } from 'chai';
import http from 'node:http';
import { anna, generalChannel, personalMessage, TEST_TENANT } from '../harness/activities';
import { startBot } from '../harness/bot';
import { INTAKE_KEY } from '../harness/child';
import { bindChannel, intake, phoneFor } from '../harness/scenario';
import { useBot } from '../harness/suite';
import { MAX_KEY_FAILURES_PER_MINUTE } from '../../src/http/intake';

/** A raw POST from a chosen local source address (127.0.0.x are all this machine). */
function rawPost(
  url: string,
  path: string,
  body: string,
  headers: Record<string, string>,
  localAddress = '127.0.0.1',
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${url}${path}`,
      { method: 'POST', localAddress, headers: { 'content-length': String(Buffer.byteLength(body)), ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const SECRET = 'Mevrouw Geheim 0612345678';

describe('input hygiene at the HTTP edge (issue 13)', () => {
  const suite = useBot(() => startBot());

  it('refuses a body that is not JSON with 415 on every route, before reading it; nothing stored', async () => {
    for (const path of ['/api/messages', '/api/callbacks', '/healthz', '/onbekend']) {
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', '']) {
        const res = await rawPost(suite.bot.url, path, `customerName=${SECRET}`, {
          authorization: `Bearer ${INTAKE_KEY}`,
          ...(type ? { 'content-type': type } : {}),
        });
        expect(res.status, `${path} ${type}`).to.equal(415);
        expect(JSON.parse(res.text).error.code).to.equal('UnsupportedMediaType');
        expect(res.text).not.to.contain('Geheim');
      }
    }
    expect(await suite.bot.app.s.repo.queryItems(TEST_TENANT, {})).to.deep.equal([]);
  });

  it('a 400 for broken JSON does not echo the body (V8 quotes it in its own message)', async () => {
    for (const path of ['/api/messages', '/api/callbacks']) {
      const res = await rawPost(suite.bot.url, path, `{"customerName": "${SECRET}", oops`, {
        authorization: `Bearer ${INTAKE_KEY}`,
        'content-type': 'application/json',
      });
      expect(res.status, path).to.equal(400);
      expect(JSON.parse(res.text).error.message).to.equal('The body is not valid JSON.');
      expect(res.text).not.to.match(/Geheim|0612345678/);
    }
  });

  it('a 400 for invalid fields names the fields and never repeats their values', async () => {
    const res = await intake(suite.bot.url, {
      customerName: 42,
      phone: `${SECRET}!!`,
      topic: SECRET,
      preferredMoment: `${SECRET} morgen`,
      kleur: SECRET,
    });
    expect(res.status).to.equal(400);
    expect(JSON.stringify(res.body)).not.to.match(/Geheim|0612345678/);
    expect(Object.keys(res.body.error.fields)).to.include('kleur');
    const typed = await intake(suite.bot.url, {
      customerName: 42,
      phone: `${SECRET}!!`,
      topic: SECRET,
      preferredMoment: `${SECRET} morgen`,
    });
    expect(typed.status).to.equal(400);
    expect(Object.keys(typed.body.error.fields).sort()).to.deep.equal(['customerName', 'preferredMoment']);
    expect(JSON.stringify(typed.body)).not.to.match(/Geheim|0612345678/);
    const activity = await rawPost(
      suite.bot.url,
      '/api/messages',
      JSON.stringify({ type: 'message', text: SECRET, channelData: { tenant: { id: TEST_TENANT } } }),
      { 'content-type': 'application/json' },
    );
    expect(activity.status).to.equal(400);
    expect(activity.text).not.to.match(/Geheim|0612345678/);
  });

  it(`after ${MAX_KEY_FAILURES_PER_MINUTE} wrong keys in a minute that source gets 429; another source with a valid key is not blocked`, async () => {
    const body = JSON.stringify({ customerName: 'Meneer Bron', phone: phoneFor(31), topic: 'Sleutel' });
    const json = { 'content-type': 'application/json' };
    const attacker = '127.0.0.2';
    for (let i = 0; i < MAX_KEY_FAILURES_PER_MINUTE; i++) {
      expect(
        (await rawPost(suite.bot.url, '/api/callbacks', body, { ...json, authorization: `Bearer guess-${i}` }, attacker)).status,
      ).to.equal(401);
    }
    // Blocked: even its next request is not looked at (so a guess cannot tell a right key from a wrong one).
    const blocked = await rawPost(suite.bot.url, '/api/callbacks', body, { ...json, authorization: `Bearer ${INTAKE_KEY}` }, attacker);
    expect(blocked.status).to.equal(429);
    expect(JSON.parse(blocked.text).error.code).to.equal('TooManyFailures');
    // The real system at another address goes on.
    const ok = await rawPost(suite.bot.url, '/api/callbacks', body, { ...json, authorization: `Bearer ${INTAKE_KEY}` }, '127.0.0.1');
    expect(ok.status, ok.text).to.equal(201);
    // A minute later the attacker's address is heard again (and its failures count from zero).
    suite.bot.clock.advance(61_000);
    expect(
      (await rawPost(suite.bot.url, '/api/callbacks', body, { ...json, authorization: 'Bearer guess-again' }, attacker)).status,
    ).to.equal(401);
  });

  it('nine failures do not block; the tenth failure does', async () => {
    const body = JSON.stringify({ customerName: 'Meneer Bron', phone: phoneFor(32), topic: 'Sleutel' });
    const h = { 'content-type': 'application/json' };
    for (let i = 0; i < MAX_KEY_FAILURES_PER_MINUTE - 1; i++)
      await rawPost(suite.bot.url, '/api/callbacks', body, { ...h, authorization: 'Bearer x' }, '127.0.0.3');
    expect(
      (await rawPost(suite.bot.url, '/api/callbacks', body, { ...h, authorization: `Bearer ${INTAKE_KEY}` }, '127.0.0.3')).status,
    ).to.equal(201);
    await rawPost(suite.bot.url, '/api/callbacks', body, { ...h, authorization: 'Bearer x' }, '127.0.0.3');
    expect(
      (await rawPost(suite.bot.url, '/api/callbacks', body, { ...h, authorization: `Bearer ${INTAKE_KEY}` }, '127.0.0.3')).status,
    ).to.equal(429);
  });
});

describe('typed text in a card: no invisible direction characters, no bare links (issue 13)', () => {
  const suite = useBot(async (connector) => {
    const bot = await startBot();
    await bindChannel(bot.url, connector);
    await bot.post(personalMessage({ text: 'hulp', from: anna }));
    return bot;
  });

  it('an intake topic with a bidi override, zero-width spaces and a URL shows inert in the channel card', async () => {
    const res = await intake(suite.bot.url, {
      customerName: 'Meneer Link',
      phone: phoneFor(41),
      topic: 'Zie\u200b https://evil.example/inlog \u202eTB-9999\u202c',
      details: 'www.evil.example',
    });
    expect(res.status).to.equal(201);
    await suite.bot.settle();
    const card = JSON.stringify(
      suite.connector.messagesIn(generalChannel.id).find((m) => JSON.stringify(m.card ?? {}).includes(res.body.id))?.card,
    );
    expect(card).to.contain('https\\\\[:\\\\]//evil\\\\[.\\\\]example/inlog');
    expect(card).not.to.match(/https:\/\/evil|\\u202e|\u202e|\u200b Zie|Zie\u200b/);
    expect(card).to.contain('TB-9999');
  });
});
