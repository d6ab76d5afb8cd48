// Production sign-in end to end: the real process (`node dist/src/index.js`, NODE_ENV=production)
// configured as docs/deployment.md says, against a local stand-in of Entra ID and the Bot
// Framework token service over HTTPS (a CA made at test time, trusted through NODE_EXTRA_CA_CERTS).
// Inbound: requests signed by the stand-in's channel key are answered; forged, expired, foreign
// ones get 401 and nothing is sent. Outbound: the fake Bot Connector and the Graph front accept
// only tokens the stand-in issued for their audience. What only a real tenant can show: see
// docs/deployment.md.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startFakeConnector, type FakeConnector } from '../harness/fakeConnector';
import { startChildBot, type ChildBot } from '../harness/child';
import {
  adaptiveCardAction,
  anna,
  bram,
  channelMessage,
  generalChannel,
  personalConversationId,
  personalMessage,
  teamNoord,
  TEST_TENANT,
  type TestUser,
} from '../harness/activities';
import { tempSqliteUrl } from '../harness/bot';
import { httpJson, postActivity } from '../harness/http';
import { intake, phoneFor } from '../harness/scenario';
import { startFakeGraph, type FakeGraph } from '../harness/fakeGraph';
import { startGraphFront, type GraphFront } from '../harness/graphFront';
import { REFUSALS, startEntraStandIn, type EntraStandIn } from '../harness/entraStandIn';
import { decodeJwt } from '../harness/jwt';
import { testPki, type TestPki } from '../harness/testPki';
import { nl } from '../../src/texts/nl';
import { ConfigError, loadConfig } from '../../src/config/config';
import { OFFLINE_GUARD_MARK } from '../harness/offlineGuard';

const BOT_APP = 'b0b0b0b0-1111-4222-8333-000000000001';
const BOT_SECRET = 'bot-secret-value-0123456789';
const GRAPH_APP = '6a6a6a6a-1111-4222-8333-000000000002';
const GRAPH_SECRET = 'graph-secret-value-0123456789';
const BOT_MSI = 'a5a5a5a5-1111-4222-8333-000000000003';
const GRAPH_MSI = 'a6a6a6a6-1111-4222-8333-000000000004';
const OTHER_TENANT = 'f0f0f0f0-9999-4999-8999-999999999999';
const ENTRY = path.resolve(__dirname, '../../src/index.js');
/** Every lookup of a public host fails loudly in the bot process (test/harness/offlineGuard.ts). */
const GUARD = `--require ${path.resolve(__dirname, '../harness/offlineGuard.js')}`;

interface Env {
  pki: TestPki;
  standIn: EntraStandIn;
  graph: FakeGraph;
  front: GraphFront;
}

/** The environment docs/deployment.md prescribes for SingleTenant with a client secret, pointed at the stand-ins. */
function singleTenantEnv(e: Env, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'production',
    FAKE_NOW: '',
    LOG_LEVEL: 'info',
    NODE_EXTRA_CA_CERTS: e.pki.caPath,
    NODE_OPTIONS: GUARD,
    DATABASE_URL: tempSqliteUrl('tc-prodauth'),
    MicrosoftAppType: 'SingleTenant',
    MicrosoftAppId: BOT_APP,
    MicrosoftAppPassword: BOT_SECRET,
    MicrosoftAppTenantId: TEST_TENANT,
    ...e.standIn.botEndpointsEnv(TEST_TENANT),
    GRAPH_TENANT_ID: TEST_TENANT,
    GRAPH_CLIENT_ID: GRAPH_APP,
    GRAPH_CLIENT_SECRET: GRAPH_SECRET,
    GRAPH_BASE_URL: e.front.baseUrl,
    GRAPH_AUTHORITY_HOST: e.standIn.url,
    ...extra,
  };
}

/** UserAssignedMSI: no secrets at all; App Service's managed identity endpoint gives both tokens. */
function managedIdentityEnv(e: Env, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'production',
    FAKE_NOW: '',
    LOG_LEVEL: 'info',
    NODE_EXTRA_CA_CERTS: e.pki.caPath,
    NODE_OPTIONS: GUARD,
    DATABASE_URL: tempSqliteUrl('tc-prodauth-msi'),
    MicrosoftAppType: 'UserAssignedMSI',
    MicrosoftAppId: BOT_MSI,
    MicrosoftAppTenantId: TEST_TENANT,
    ...e.standIn.botEndpointsEnv(TEST_TENANT),
    IDENTITY_ENDPOINT: e.standIn.msiUrl,
    IDENTITY_HEADER: e.standIn.msiHeader,
    GRAPH_TENANT_ID: TEST_TENANT,
    GRAPH_MANAGED_IDENTITY_CLIENT_ID: GRAPH_MSI,
    GRAPH_BASE_URL: e.front.baseUrl,
    ...extra,
  };
}

type TokenTweak = Partial<Parameters<EntraStandIn['channelToken']>[0]>;
const suiteTitle = 'production sign-in against local Entra ID stand-ins (child process, NODE_ENV=production)';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(suiteTitle, function () {
  this.timeout(60_000);
  const e = {} as Env;
  let connector: FakeConnector;
  let bot: ChildBot | undefined;
  const files: string[] = [];

  before(async () => {
    e.pki = testPki();
    e.standIn = await startEntraStandIn({
      pki: e.pki,
      apps: [
        { clientId: BOT_APP, tenant: TEST_TENANT, secret: BOT_SECRET },
        {
          clientId: GRAPH_APP,
          tenant: TEST_TENANT,
          secret: GRAPH_SECRET,
          certificateDer: e.pki.clientCertDer,
          certificateKey: e.pki.clientPublicKey,
        },
      ],
      identities: [
        { clientId: BOT_MSI, tenant: TEST_TENANT },
        { clientId: GRAPH_MSI, tenant: TEST_TENANT },
      ],
    });
    e.graph = await startFakeGraph();
    e.front = await startGraphFront({ pki: e.pki, graph: e.graph, expect: e.standIn.graphExpectation(TEST_TENANT) });
  });
  after(async () => {
    await e.front?.close();
    await e.graph?.close();
    await e.standIn?.close();
    for (const f of files) fs.rmSync(f, { force: true });
  });
  // A test at this level starts its own process and leaves nothing behind; a describe's process
  // lives for its tests (counters are not reset between them: they assert on the whole story).
  afterEach(async function () {
    if (this.currentTest?.parent?.title !== suiteTitle) return;
    await stopBot();
  });
  const reset = () => {
    e.standIn.tokenRequests.length = 0;
    e.front.seen.length = 0;
    e.standIn.setTokenLifetime(3600);
    e.standIn.refuse(GRAPH_APP, null);
  };

  /** Nothing in this process tried to reach a public host (the point of the endpoint settings). */
  function expectNoPublicHost(b: ChildBot | undefined) {
    if (!b) return;
    expect(
      b.stderr
        .join('')
        .split('\n')
        .filter((l) => l.startsWith(OFFLINE_GUARD_MARK)),
    ).to.deep.equal([]);
  }

  async function stopBot() {
    const b = bot;
    await bot?.kill('SIGKILL');
    bot = undefined;
    await connector?.close().catch(() => undefined);
    reset();
    expectNoPublicHost(b);
  }

  async function start(env: Record<string, string>, appId: string): Promise<ChildBot> {
    connector = await startFakeConnector({ requireToken: e.standIn.connectorExpectation(TEST_TENANT, appId) });
    files.push(env.DATABASE_URL!.slice('sqlite:'.length));
    bot = await startChildBot({ env });
    return bot;
  }

  /** POST an activity signed the way Teams signs it (options change one thing about the token). */
  function signed(activity: Record<string, any>, appId: string, t: TokenTweak = {}) {
    const token = e.standIn.channelToken({ appId, serviceUrl: activity.serviceUrl, ...t });
    return postActivity(bot!.url, activity, { authorization: `Bearer ${token}` });
  }

  /** Waits until the connector has seen no new request for 300 ms (sends of the previous step done). */
  async function quiet(): Promise<number> {
    let n = -1;
    while (n !== connector.requests.length) {
      n = connector.requests.length;
      await sleep(300);
    }
    return n;
  }

  const botTokenRequests = (appId: string) => e.standIn.tokenRequests.filter((r) => r.clientId === appId);
  const logged = (re: RegExp) => bot!.lines.filter((l) => re.test(l));

  /** Every request the connector saw carried a valid token for the Bot Framework from the bot's app. */
  function connectorSawOnlyValidTokens(appId: string) {
    expect(connector.requests.length).to.be.above(0);
    for (const r of connector.requests) {
      expect(r.authProblem, `${r.method} ${r.url}`).to.equal(undefined);
      const claims = decodeJwt(String(r.headers.authorization).slice(7))!.claims;
      expect(claims).to.include({ aud: 'https://api.botframework.com', appid: appId, iss: e.standIn.issuerFor(TEST_TENANT) });
    }
  }

  async function bindAndCreateCallback(appId: string): Promise<string> {
    const res = await signed(channelMessage({ text: 'koppel', from: anna, team: teamNoord, channel: generalChannel }), appId);
    expect(res.status, res.text).to.equal(200);
    await connector.waitFor((c) => c.allPosted().find((p) => /werkkanaal/.test(String(p.activity.text ?? ''))), 10_000, 'koppel answer');
    const created = await intake(bot!.url, { customerName: 'Mevrouw Productie', phone: phoneFor(7101), topic: 'Sleutel kwijt' });
    expect(created.status, created.text).to.equal(201);
    await connector.waitFor(
      (c) => c.messagesIn(generalChannel.id).find((m) => JSON.stringify(m.card ?? {}).includes(created.body.id)),
      10_000,
      'callback card',
    );
    return created.body.id as string;
  }

  async function createForColleague(appId: string, colleague: TestUser) {
    const res = await signed(
      adaptiveCardAction({
        from: anna,
        conversation: personalConversationId(anna),
        verb: 'callback.create',
        data: {
          customerName: 'Meneer Agenda',
          phone: phoneFor(7202),
          topic: 'Vraag over huur',
          assignee: colleague.aadObjectId,
          formId: randomUUID(),
        },
      }),
      appId,
    );
    expect(res.status, res.text).to.equal(200);
    return JSON.stringify(res.body);
  }

  describe('SingleTenant with a client secret (one process for these four)', () => {
    before(async () => {
      await start(singleTenantEnv(e), BOT_APP);
    });
    after(stopBot);

    it('answers a signed message; the reply reaches the connector with a verified token for https://api.botframework.com', async () => {
      const res = await signed(personalMessage({ text: 'help', from: anna }), BOT_APP);
      expect(res.status, res.text).to.equal(200);
      await connector.waitFor((c) => c.allPosted().length > 0, 10_000, 'help answer');
      connectorSawOnlyValidTokens(BOT_APP);
      const reqs = botTokenRequests(BOT_APP);
      expect(reqs).to.have.length(1);
      expect(reqs[0]).to.include({ via: 'secret', tenant: TEST_TENANT, scope: 'https://api.botframework.com/.default', status: 200 });
    });

    it('answers a card action (adaptiveCard/action); the card update is sent with the same cached token', async () => {
      const id = await bindAndCreateCallback(BOT_APP);
      const claim = await signed(
        adaptiveCardAction({
          from: bram,
          conversation: generalChannel.id,
          team: teamNoord,
          channel: generalChannel,
          verb: 'callback.claim',
          data: { id },
        }),
        BOT_APP,
      );
      expect(claim.status, claim.text).to.equal(200);
      expect(JSON.stringify(claim.body)).to.include('Bram');
      await connector.waitFor((c) => c.updates.length > 0, 10_000, 'card update');
      connectorSawOnlyValidTokens(BOT_APP);
      // The help answer, the koppel answer, the channel card, its update: one token request, within its lifetime.
      expect(botTokenRequests(BOT_APP)).to.have.length(1);
    });

    it('refuses with 401 and sends nothing: expired, other audience, other serviceurl, key without msteams, unpublished key, other issuers', async () => {
      const sentBefore = await quiet();
      const msg = () => personalMessage({ text: 'help', from: anna });
      const cases: [string, TokenTweak][] = [
        ['expired (beyond the 5 minutes of clock skew allowed)', { expiresInSeconds: -600 }],
        ['another audience', { audience: 'c0c0c0c0-1111-4222-8333-000000000009' }],
        ['a serviceurl claim that differs from the activity', { serviceUrl: 'https://smba.trafficmanager.net/emea/' }],
        ['a key endorsed for webchat only (no msteams)', { key: 'webchat' }],
        ['a key the metadata does not publish', { key: 'unknown' }],
        ["another tenant's issuer (v1)", { issuer: `https://sts.windows.net/${OTHER_TENANT}/` }],
        ["another tenant's issuer (v2)", { issuer: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` }],
      ];
      for (const [name, t] of cases) {
        const res = await signed(msg(), BOT_APP, t);
        expect(res.status, name).to.equal(401);
      }
      // And an invoke (a button) with an expired token.
      const click = await signed(
        adaptiveCardAction({ from: bram, conversation: generalChannel.id, verb: 'callback.claim', data: { id: 'TB-1' } }),
        BOT_APP,
        { expiresInSeconds: -600 },
      );
      expect(click.status).to.equal(401);
      await sleep(300);
      expect(connector.requests.slice(sentBefore), connector.summary()).to.have.length(0);
      // The same message with a valid token is answered (the refusals were about the token only).
      expect((await signed(msg(), BOT_APP)).status).to.equal(200);
      await connector.waitFor((c) => c.requests.length > sentBefore, 10_000, 'answer to the valid one');
    });

    it('Graph: the agenda read carries a token for https://graph.microsoft.com/.default got with the client secret, cached', async () => {
      await createForColleague(BOT_APP, bram);
      await createForColleague(BOT_APP, bram);
      const reads = e.front.seen.filter((x) => /getSchedule$/.test(x.path));
      expect(reads.length).to.be.at.least(2);
      for (const x of e.front.seen) {
        expect(x.problem, x.path).to.equal(null);
        expect(x.claims).to.include({ aud: 'https://graph.microsoft.com', appid: GRAPH_APP, tid: TEST_TENANT });
      }
      const graphTokens = botTokenRequests(GRAPH_APP);
      expect(graphTokens).to.have.length(1);
      expect(graphTokens[0]).to.include({ via: 'secret', scope: 'https://graph.microsoft.com/.default', status: 200 });
      const health = await httpJson('GET', `${bot!.url}/healthz`);
      expect(health.status).to.equal(200);
      expect(health.body.graphAuth.status).to.equal('ok');
      expect(health.body.botAuth.status).to.equal('ok');
      expect(botTokenRequests(BOT_APP)).to.have.length(1);
    });
  });

  it('Graph with a certificate (GRAPH_CERTIFICATE_PATH); tokens that expire within five minutes are renewed, not used', async () => {
    e.standIn.setTokenLifetime(299);
    await start(singleTenantEnv(e, { GRAPH_CLIENT_SECRET: '', GRAPH_CERTIFICATE_PATH: e.pki.clientPemPath }), BOT_APP);
    await bindAndCreateCallback(BOT_APP); // the koppel answer and the channel card: two sends
    await createForColleague(BOT_APP, bram);
    await createForColleague(BOT_APP, bram);
    const graphTokens = botTokenRequests(GRAPH_APP);
    expect(graphTokens.length).to.be.at.least(2);
    for (const t of graphTokens) expect(t).to.include({ via: 'certificate', status: 200, scope: 'https://graph.microsoft.com/.default' });
    expect(botTokenRequests(BOT_APP).filter((r) => r.status === 200).length).to.be.at.least(2);
    expect(e.front.seen.length).to.be.at.least(2);
    for (const x of e.front.seen) expect(x.problem).to.equal(null);
    connectorSawOnlyValidTokens(BOT_APP);
  });

  it('a refused Graph sign-in: one log line naming the setting (wrong secret, then consent missing, then recovered), /healthz says so, the user gets a Dutch message', async () => {
    const right = 'graph-secret-as-configured-0123';
    e.standIn.updateApp(GRAPH_APP, { secret: 'a-newer-secret-in-entra-0123' });
    await start(singleTenantEnv(e, { GRAPH_CLIENT_SECRET: right }), BOT_APP);
    try {
      await bindAndCreateCallback(BOT_APP);
      // 1. Wrong secret: the person planning for a colleague is told, once per request; the log once.
      const card = await createForColleague(BOT_APP, bram);
      expect(card).to.include(JSON.stringify(nl.agenda.signInRefused(bram.name)).slice(1, -1));
      await createForColleague(BOT_APP, bram);
      const lines = logged(/AADSTS7000215/);
      expect(lines, bot!.lines.join('\n')).to.have.length(1);
      expect(lines[0]).to.include('check GRAPH_CLIENT_SECRET');
      expect(lines[0]).not.to.include(right);
      let health = await httpJson('GET', `${bot!.url}/healthz`);
      expect(health.status).to.equal(200);
      expect(health.body.graphAuth).to.include({ status: 'failing', code: 'AADSTS7000215', check: 'GRAPH_CLIENT_SECRET' });
      expect(e.front.seen).to.have.length(0);
      // 2. The secret is fixed in Entra, but admin consent is missing.
      e.standIn.updateApp(GRAPH_APP, { secret: right });
      e.standIn.refuse(GRAPH_APP, REFUSALS.consentMissing(GRAPH_APP));
      await createForColleague(BOT_APP, bram);
      health = await httpJson('GET', `${bot!.url}/healthz`);
      expect(health.body.graphAuth).to.include({ status: 'failing', code: 'AADSTS65001' });
      expect(health.body.graphAuth.check).to.match(/admin consent/);
      expect(logged(/AADSTS65001.*admin consent/)).to.have.length(1);
      // 3. Consent given: it works again, and says so once.
      e.standIn.refuse(GRAPH_APP, null);
      await createForColleague(BOT_APP, bram);
      health = await httpJson('GET', `${bot!.url}/healthz`);
      expect(health.body.graphAuth.status).to.equal('ok');
      expect(logged(/Microsoft Graph token obtained again/)).to.have.length(1);
      expect(e.front.seen.length).to.be.above(0);
    } finally {
      e.standIn.updateApp(GRAPH_APP, { secret: GRAPH_SECRET });
    }
  });

  it('a certificate the app registration does not know names GRAPH_CERTIFICATE_PATH', async () => {
    e.standIn.updateApp(GRAPH_APP, { certificateDer: e.pki.otherCertDer, certificateKey: e.pki.otherPublicKey });
    try {
      await start(singleTenantEnv(e, { GRAPH_CLIENT_SECRET: '', GRAPH_CERTIFICATE_PATH: e.pki.clientPemPath }), BOT_APP);
      await bindAndCreateCallback(BOT_APP);
      await createForColleague(BOT_APP, bram);
      expect(logged(/AADSTS700027.*check GRAPH_CERTIFICATE_PATH/)).to.have.length(1);
    } finally {
      e.standIn.updateApp(GRAPH_APP, { certificateDer: e.pki.clientCertDer, certificateKey: e.pki.clientPublicKey });
    }
  });

  it('a wrong bot secret, scope or tenant: nothing reaches Teams, the log and /healthz name the setting', async () => {
    connector = await startFakeConnector({ requireToken: e.standIn.connectorExpectation(TEST_TENANT, BOT_APP) });
    const envs = [
      singleTenantEnv(e, { ToChannelFromBotOAuthScope: 'https://api.botframework.example' }),
      singleTenantEnv(e, { MicrosoftAppTenantId: OTHER_TENANT, ToChannelFromBotLoginUrl: `${e.standIn.url}/${OTHER_TENANT}` }),
    ];
    for (const env of envs) files.push(env.DATABASE_URL!.slice('sqlite:'.length));
    // Two processes side by side (each has its own configuration); a loaded CI machine starts them slowly.
    const started = await Promise.allSettled(envs.map((env) => startChildBot({ env, readyTimeoutMs: 60_000 })));
    const failed = started.find((r) => r.status === 'rejected');
    if (failed) {
      for (const r of started) if (r.status === 'fulfilled') await r.value.kill('SIGKILL');
      throw (failed as PromiseRejectedResult).reason;
    }
    const [wrongScope, wrongTenant] = started.map((r) => (r as PromiseFulfilledResult<ChildBot>).value);
    const help = async (b: ChildBot) => {
      const a = personalMessage({ text: 'help', from: anna });
      const res = await postActivity(b.url, a, {
        authorization: `Bearer ${e.standIn.channelToken({ appId: BOT_APP, serviceUrl: a.serviceUrl })}`,
      });
      expect(res.status).to.be.oneOf([200, 500]);
    };
    const expectNamed = async (b: ChildBot, re: RegExp, code: string) => {
      expect(
        b.lines.filter((l) => re.test(l)),
        b.lines.join('\n'),
      ).to.have.length(1);
      const health = await httpJson('GET', `${b.url}/healthz`);
      expect(health.status).to.equal(200);
      expect(health.body.botAuth).to.include({ status: 'failing', code });
    };
    try {
      // The secret in Entra differs from MicrosoftAppPassword (checked before the scope).
      e.standIn.updateApp(BOT_APP, { secret: 'rotated-in-entra-0123456789' });
      await help(wrongScope);
      await expectNamed(wrongScope, /AADSTS7000215.*check MicrosoftAppPassword/, 'AADSTS7000215');
      e.standIn.updateApp(BOT_APP, { secret: BOT_SECRET });
      await help(wrongScope);
      await expectNamed(wrongScope, /AADSTS500011.*check ToChannelFromBotOAuthScope/, 'AADSTS500011');
      await help(wrongTenant);
      await expectNamed(wrongTenant, /AADSTS90002.*check MicrosoftAppTenantId/, 'AADSTS90002');
      await sleep(300);
      expect(connector.requests, connector.summary()).to.have.length(0);
      for (const b of [wrongScope, wrongTenant]) expectNoPublicHost(b);
    } finally {
      e.standIn.updateApp(BOT_APP, { secret: BOT_SECRET });
      await Promise.all([wrongScope, wrongTenant].map((b) => b!.kill('SIGKILL')));
    }
  });

  describe('UserAssignedMSI (App Service managed identity; one process)', () => {
    before(async () => {
      await start(managedIdentityEnv(e), BOT_MSI);
    });
    after(stopBot);

    it('answers a signed message and a card action; bot and Graph tokens come from IDENTITY_ENDPOINT', async () => {
      const res = await signed(personalMessage({ text: 'help', from: anna }), BOT_MSI);
      expect(res.status, res.text).to.equal(200);
      const id = await bindAndCreateCallback(BOT_MSI);
      const claim = await signed(
        adaptiveCardAction({
          from: bram,
          conversation: generalChannel.id,
          team: teamNoord,
          channel: generalChannel,
          verb: 'callback.claim',
          data: { id },
        }),
        BOT_MSI,
      );
      expect(claim.status, claim.text).to.equal(200);
      await connector.waitFor((c) => c.updates.length > 0, 10_000, 'card update');
      connectorSawOnlyValidTokens(BOT_MSI);
      await createForColleague(BOT_MSI, bram);
      const bt = botTokenRequests(BOT_MSI);
      expect(bt).to.have.length(1);
      expect(bt[0]).to.include({ via: 'managedIdentity', scope: 'https://api.botframework.com', status: 200 });
      const gt = botTokenRequests(GRAPH_MSI);
      expect(gt).to.have.length(1);
      expect(gt[0]).to.include({ via: 'managedIdentity', scope: 'https://graph.microsoft.com', status: 200 });
      expect(e.front.seen.length).to.be.above(0);
      for (const x of e.front.seen) expect(x.claims).to.include({ aud: 'https://graph.microsoft.com', appid: GRAPH_MSI });
    });

    it('refuses a token for another audience (the managed identity is the app id)', async () => {
      const before = await quiet();
      const res = await signed(personalMessage({ text: 'help', from: anna }), BOT_MSI, { audience: BOT_APP });
      expect(res.status).to.equal(401);
      await sleep(200);
      expect(connector.requests.length).to.equal(before);
    });
  });

  describe('configuration refused at start (one line naming the setting)', () => {
    it('the real process stops with one line naming the missing Bot Framework endpoints', () => {
      const env = singleTenantEnv(e);
      delete env.ToBotFromChannelTokenIssuer;
      delete env.CallerId;
      const r = spawnSync(process.execPath, [ENTRY], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 30_000 });
      expect(r.status).to.equal(2);
      const lines = r.stderr.split('\n').filter((l) => l.trim() && !/DeprecationWarning|trace-deprecation/.test(l));
      expect(lines).to.have.length(1);
      expect(lines[0]).to.match(/^Configuratiefout: ToBotFromChannelTokenIssuer, CallerId: required because/);
    });

    const refused: [string, Record<string, string>, RegExp][] = [
      [
        'an http metadata URL in production',
        { ToBotFromChannelOpenIdMetadataUrl: 'http://login.example/keys' },
        /^ToBotFromChannelOpenIdMetadataUrl: must be https/,
      ],
      [
        'an http login URL in production',
        { ToChannelFromBotLoginUrl: `http://127.0.0.1:1/${TEST_TENANT}` },
        /^ToChannelFromBotLoginUrl: must be https/,
      ],
      [
        'a login URL for another tenant than MicrosoftAppTenantId',
        { ToChannelFromBotLoginUrl: 'https://login.example/botframework.com' },
        /^ToChannelFromBotLoginUrl: must end with \/[0-9a-f-]+ \(MicrosoftAppTenantId/,
      ],
      ['ValidateAuthority that is not true or false', { ValidateAuthority: 'yes' }, /^ValidateAuthority: expected true or false/],
      ['FAKE_NOW in production', { FAKE_NOW: '2026-11-26T10:00:00+01:00' }, /^FAKE_NOW: not allowed when NODE_ENV=production/],
      [
        'an identity endpoint elsewhere on the network over http',
        { IDENTITY_ENDPOINT: 'http://10.0.0.5:8081/msi/token', IDENTITY_HEADER: 'x' },
        /^IDENTITY_ENDPOINT: must be https/,
      ],
      ['a password with UserAssignedMSI', { MicrosoftAppType: 'UserAssignedMSI' }, /^MicrosoftAppPassword: must be empty/],
    ];
    for (const [name, extra, re] of refused) {
      it(`refuses ${name}`, () => {
        expect(() => loadConfig(singleTenantEnv(e, extra))).to.throw(ConfigError, re);
      });
    }

    it("accepts both deployments as docs/deployment.md writes them, and App Service's http identity endpoint on the host itself", () => {
      expect(loadConfig(singleTenantEnv(e)).botEndpoints?.toChannelFromBotLoginUrl).to.equal(`${e.standIn.url}/${TEST_TENANT}`);
      const msi = loadConfig(managedIdentityEnv(e));
      expect(msi.bot.appType).to.equal('UserAssignedMSI');
      expect(msi.graph?.managedIdentityClientId).to.equal(GRAPH_MSI);
      const plain = { ...singleTenantEnv(e) };
      for (const k of Object.keys(e.standIn.botEndpointsEnv(TEST_TENANT))) delete plain[k];
      expect(loadConfig(plain).botEndpoints).to.equal(null);
    });
  });
});
