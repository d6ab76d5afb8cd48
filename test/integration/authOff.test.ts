// Issue 13: with Bot Framework authentication off (no MicrosoftAppId) the bot says so at start (one
// log line) and in /healthz, and only talks to local service URLs: an activity naming another
// serviceUrl is refused (403, nothing stored, nothing sent), and no send goes to one.
import { expect } from 'chai';
import { anna, personalMessage, TEST_TENANT } from '../harness/activities';
import { startBot } from '../harness/bot';
import { httpJson } from '../harness/http';
import { capturedLines } from '../harness/logCapture';
import { useBot } from '../harness/suite';
import { isLocalServiceUrl } from '../../src/teams/localOnly';

describe('Bot Framework authentication off: local service URLs only (issue 13)', () => {
  let linesBefore = 0;
  const suite = useBot(async () => {
    linesBefore = capturedLines.length;
    return startBot();
  });

  it('says so at start in one log line, and in /healthz', async () => {
    const warnings = capturedLines.slice(linesBefore).filter((l) => l.includes('Bot Framework authentication is OFF'));
    expect(warnings).to.have.length(1);
    expect(JSON.parse(warnings[0]!).level).to.equal(40); // warn
    const health = await httpJson('GET', `${suite.bot.url}/healthz`);
    expect(health.status).to.equal(200);
    expect(health.body.botFrameworkAuth).to.equal('off');
  });

  it('refuses an activity whose serviceUrl is not on this machine; nothing stored or sent', async () => {
    for (const serviceUrl of [
      'https://smba.trafficmanager.net/emea/',
      'http://10.0.0.5:3978/',
      'http://127.0.0.1.evil.example/',
      'http://localhost.evil.example/',
    ]) {
      const res = await suite.bot.post({ ...personalMessage({ text: 'hulp', from: anna }), serviceUrl });
      expect(res.status, serviceUrl).to.equal(403);
      expect(res.body.error.code).to.equal('ServiceUrlNotLocal');
    }
    await suite.bot.settle();
    expect(suite.connector.allPosted()).to.have.length(0);
    expect(await suite.bot.app.s.repo.listUsers(TEST_TENANT)).to.deep.equal([]);
    // The local fake connector (the Agents Playground's place) is served as before.
    expect((await suite.bot.post(personalMessage({ text: 'hulp', from: anna }))).status).to.equal(200);
    await suite.connector.waitFor((c) => c.allPosted().length > 0);
  });

  it('does not send to a stored conversation with a non-local serviceUrl: final failure, no request', async () => {
    const s = suite.bot.app.s;
    const ref = {
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      channelId: 'msteams',
      conversation: { id: 'a:1remote', conversationType: 'personal', tenantId: TEST_TENANT },
      user: { id: anna.id },
      bot: { id: '28:bot' },
    };
    await s.repo.upsertUser({ tenantId: TEST_TENANT, userId: anna.aadObjectId, teamsId: anna.id, name: anna.name, conversationRef: ref });
    const requestsBefore = suite.connector.requests.length;
    await s.repo.enqueue(
      [
        {
          tenantId: TEST_TENANT,
          key: 'remote-1',
          type: 'notifyPerson',
          lane: `user:${anna.aadObjectId}`,
          payload: { to: { id: anna.aadObjectId, name: anna.name, teamsId: anna.id }, text: 'x' },
        },
      ],
      s.clock.now(),
    );
    await suite.bot.settle();
    const [failed] = await s.repo.listOutbox({ status: 'failed' });
    expect(failed?.key).to.equal('remote-1');
    expect(failed?.lastError).to.contain('ServiceUrlNotLocal');
    expect(suite.connector.requests.length).to.equal(requestsBefore);
  });

  it('knows which URLs are local', () => {
    for (const u of [
      'http://127.0.0.1:56150/_connector',
      'http://localhost:3978/',
      'https://127.5.6.7/',
      'http://[::1]:9/',
      'http://0x7f000001/',
    ])
      expect(isLocalServiceUrl(u), u).to.equal(true);
    for (const u of ['https://smba.trafficmanager.net/emea/', 'http://127.0.0.1.nip.io/', 'file:///etc/passwd', '', 42])
      expect(isLocalServiceUrl(u), String(u)).to.equal(false);
  });
});

describe('Bot Framework authentication on', () => {
  it('/healthz says on and the start logs no warning', async () => {
    const before = capturedLines.length;
    const bot = await startBot({
      env: {
        MicrosoftAppId: '0f0f0f0f-1111-4222-8333-444444444444',
        MicrosoftAppPassword: 'x',
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppTenantId: TEST_TENANT,
      },
    });
    try {
      expect((await httpJson('GET', `${bot.url}/healthz`)).body.botFrameworkAuth).to.equal('on');
      expect(capturedLines.slice(before).some((l) => l.includes('authentication is OFF'))).to.equal(false);
    } finally {
      await bot.stop();
    }
  });
});
