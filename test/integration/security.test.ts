// Security at the HTTP edge: Bot Framework authentication on /api/messages (with credentials set)
// and the intake API's key, size, content type and rate limit. Every refusal leaves storage as it was.
import { expect } from 'chai';
import { startFakeConnector, type FakeConnector } from '../harness/fakeConnector';
import { startBot, type BotUnderTest } from '../harness/bot';
import { anna, personalMessage, TEST_TENANT } from '../harness/activities';
import { httpJson, postActivity } from '../harness/http';
import { intake, phoneFor } from '../harness/scenario';
import { INTAKE_KEY } from '../harness/child';
import { keyMatches } from '../../src/http/intake';

/** A JWT-shaped token (header.payload.signature) that no one signed. */
function fakeJwt(claims: Record<string, unknown>): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'RS256', typ: 'JWT', kid: 'not-a-real-key' })}.${b64(claims)}.${Buffer.from('signature').toString('base64url')}`;
}

async function snapshot(bot: BotUnderTest) {
  const repo = bot.app.s.repo;
  return JSON.stringify({
    items: await repo.queryItems(TEST_TENANT, {}),
    users: await repo.listUsers(TEST_TENANT),
    outbox: await repo.listOutbox({}),
    binding: await repo.getBinding(TEST_TENANT),
    tenants: await repo.tenants(),
  });
}

describe('security: /api/messages with bot credentials set', function () {
  this.timeout(30_000);
  let connector: FakeConnector;
  let bot: BotUnderTest;

  before(async () => {
    connector = await startFakeConnector();
    bot = await startBot({
      env: {
        MicrosoftAppId: '0f0f0f0f-1111-4222-8333-444444444444',
        MicrosoftAppPassword: 'not-a-real-secret',
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppTenantId: TEST_TENANT,
      },
    });
  });
  after(async () => {
    await bot.stop();
    await connector.close();
  });

  const cases: [string, Record<string, string>][] = [
    ['no Authorization header', {}],
    ['an empty bearer token', { authorization: 'Bearer ' }],
    ['a malformed token (not a JWT)', { authorization: 'Bearer abc.def' }],
    ['garbage after Bearer', { authorization: 'Bearer %%%%' }],
    ['another scheme', { authorization: 'Basic dXNlcjpwYXNz' }],
    [
      'an unsigned JWT with the Bot Framework issuer',
      {
        authorization: `Bearer ${fakeJwt({ iss: 'https://api.botframework.com', aud: '0f0f0f0f-1111-4222-8333-444444444444', exp: 4102444800 })}`,
      },
    ],
    [
      'an unsigned JWT from an unknown issuer',
      { authorization: `Bearer ${fakeJwt({ iss: 'https://evil.example', aud: 'x', exp: 4102444800 })}` },
    ],
  ];
  for (const [name, headers] of cases) {
    it(`refuses ${name} with 401, quickly, without running the bot`, async () => {
      const before = await snapshot(bot);
      const started = Date.now();
      const res = await postActivity(bot.url, personalMessage({ text: 'help', from: anna }), headers);
      expect(res.status, res.text).to.equal(401);
      expect(Date.now() - started).to.be.below(10_000); // no bot turn ran: quick even on a loaded machine
      await new Promise((r) => setTimeout(r, 50));
      expect(connector.allPosted()).to.have.length(0);
      expect(await snapshot(bot)).to.equal(before);
    });
  }
});

describe('security: intake API', function () {
  this.timeout(30_000);
  let bot: BotUnderTest;
  const valid = { customerName: 'Meneer Veiligheid', phone: phoneFor(4242), topic: 'Sleutel kwijt' };

  beforeEach(async () => {
    bot = await startBot({ env: { INTAKE_RATE_PER_MINUTE: '5', BODY_LIMIT_BYTES: String(64 * 1024) } });
  });
  afterEach(async () => bot.stop());

  it('compares keys in constant time over a hash (any length, no early exit)', () => {
    expect(keyMatches(INTAKE_KEY, INTAKE_KEY)).to.equal(true);
    expect(keyMatches(`${INTAKE_KEY}x`, INTAKE_KEY)).to.equal(false);
    expect(keyMatches('', INTAKE_KEY)).to.equal(false);
    expect(keyMatches(INTAKE_KEY.slice(0, -1) + 'X', INTAKE_KEY)).to.equal(false);
  });

  it('401 without a key, with a wrong key, a key of another length and another scheme; nothing stored', async () => {
    const before = await snapshot(bot);
    const noKey = await httpJson('POST', `${bot.url}/api/callbacks`, valid);
    expect(noKey.status).to.equal(401);
    expect(noKey.headers['www-authenticate']).to.equal('Bearer');
    expect(noKey.body.error.code).to.equal('Unauthorized');
    expect((await intake(bot.url, valid, {}, 'test-intake-key-0123456780')).status).to.equal(401); // same length, last char differs
    expect((await intake(bot.url, valid, {}, 'short')).status).to.equal(401);
    expect((await httpJson('POST', `${bot.url}/api/callbacks`, valid, { authorization: `Basic ${INTAKE_KEY}` })).status).to.equal(401);
    expect(await snapshot(bot)).to.equal(before);
    expect((await intake(bot.url, valid)).status).to.equal(201);
  });

  it('413 for a body over BODY_LIMIT_BYTES, 415 for a wrong content type, 400 for broken JSON; nothing stored', async () => {
    const before = await snapshot(bot);
    const big = await intake(bot.url, { ...valid, details: 'x'.repeat(70 * 1024) });
    expect(big.status).to.equal(413);
    expect(big.body.error.message).to.equal('Request body too large.');
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml']) {
      const res = await httpJson('POST', `${bot.url}/api/callbacks`, JSON.stringify(valid), {
        authorization: `Bearer ${INTAKE_KEY}`,
        'Content-Type': type,
      });
      expect(res.status, type).to.equal(415);
    }
    const broken = await httpJson('POST', `${bot.url}/api/callbacks`, '{"customerName": "x",', { authorization: `Bearer ${INTAKE_KEY}` });
    expect(broken.status).to.equal(400);
    expect(await snapshot(bot)).to.equal(before);
  });

  it('429 with Retry-After over the per-key rate limit; accepted again in the next minute', async () => {
    for (let i = 0; i < 5; i++) expect((await intake(bot.url, { ...valid, phone: phoneFor(i) })).status).to.equal(201);
    const before = await snapshot(bot);
    const limited = await intake(bot.url, { ...valid, phone: phoneFor(9) });
    expect(limited.status).to.equal(429);
    expect(Number(limited.headers['retry-after'])).to.be.within(1, 60);
    expect(await snapshot(bot)).to.equal(before);
    // Refused requests with a wrong key do not count against (or reset) the real key's window.
    expect((await intake(bot.url, valid, {}, 'wrong-key-wrong-key-wrong')).status).to.equal(401);
    bot.clock.advance(61_000);
    expect((await intake(bot.url, { ...valid, phone: phoneFor(10) })).status).to.equal(201);
  });
});
