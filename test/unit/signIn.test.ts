// Sign-in configuration and failures as pure logic: the Bot Framework endpoint settings (all or
// none), AADSTS codes → the setting to check, and one log line per failing streak.
import { expect } from 'chai';
import { Writable } from 'node:stream';
import { ConfigError, loadConfig } from '../../src/config/config';
import { BOT_ENDPOINT_NAMES } from '../../src/config/botEndpoints';
import { BOT_SETTINGS, describeTokenFailure, GRAPH_SETTINGS } from '../../src/auth/tokenFailure';
import { CredentialHealth } from '../../src/auth/credentialHealth';
import { createLogger } from '../../src/logging';
import { splitLoginUrl } from '../../src/teams/botAuth';

const TENANT = '11111111-2222-4333-8444-555555555555';
const endpoints = (login = `https://login.example/${TENANT}`): Record<string, string> => ({
  ToBotFromChannelOpenIdMetadataUrl: 'https://login.example/botframework/v1/.well-known/openidconfiguration',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.example/emulator/v2.0/.well-known/openid-configuration',
  ToChannelFromBotLoginUrl: login,
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  OAuthUrl: 'https://login.example/oauth',
  CallerId: 'urn:botframework:azure',
  ValidateAuthority: 'false',
});
const bot = { MicrosoftAppId: 'b0b0b0b0-1111-4222-8333-000000000001', MicrosoftAppPassword: 'pw', MicrosoftAppTenantId: TENANT };

describe('sign-in: Bot Framework endpoint settings', () => {
  it('none set: the public cloud (null); all set: every value read', () => {
    expect(loadConfig(bot).botEndpoints).to.equal(null);
    const c = loadConfig({ ...bot, ...endpoints() });
    expect(c.botEndpoints).to.deep.include({
      toChannelFromBotLoginUrl: `https://login.example/${TENANT}`,
      callerId: 'urn:botframework:azure',
      validateAuthority: false,
    });
  });

  it('each one missing from an otherwise full set is named', () => {
    for (const name of BOT_ENDPOINT_NAMES) {
      const env: Record<string, string> = { ...bot, ...endpoints() };
      delete env[name];
      expect(() => loadConfig(env), name).to.throw(ConfigError, new RegExp(`^${name}: required because`));
    }
  });

  it('one set alone names the seven others', () => {
    expect(() => loadConfig({ ...bot, CallerId: 'urn:botframework:azure' })).to.throw(
      ConfigError,
      /^ToBotFromChannelOpenIdMetadataUrl, ToBotFromChannelTokenIssuer, ToBotFromEmulatorOpenIdMetadataUrl, ToChannelFromBotLoginUrl, ToChannelFromBotOAuthScope, OAuthUrl, ValidateAuthority: required because CallerId is set/,
    );
  });

  it('http is fine outside production, refused in it; the issuer is an identifier, not fetched', () => {
    const http = { ...endpoints(`http://127.0.0.1:1/${TENANT}`), ToBotFromChannelTokenIssuer: 'http://issuer.example' };
    expect(() => loadConfig({ ...bot, ...http })).not.to.throw();
    expect(() => loadConfig({ ...bot, ...http, NODE_ENV: 'production' })).to.throw(ConfigError, /^ToChannelFromBotLoginUrl: must be https/);
  });

  it('MultiTenant may sign in at botframework.com; SingleTenant only at its own tenant', () => {
    expect(() =>
      loadConfig({ ...bot, MicrosoftAppType: 'MultiTenant', ...endpoints('https://login.example/botframework.com') }),
    ).not.to.throw();
    expect(() => loadConfig({ ...bot, ...endpoints('https://login.example/botframework.com') })).to.throw(
      ConfigError,
      /^ToChannelFromBotLoginUrl: must end with/,
    );
  });

  it('splits a login URL into the authority host and the tenant', () => {
    expect(splitLoginUrl(`https://login.microsoftonline.com/${TENANT}`)).to.deep.equal({
      authorityHost: 'https://login.microsoftonline.com',
      tenant: TENANT,
    });
    expect(splitLoginUrl('https://127.0.0.1:4443/entra/contoso.example')).to.deep.equal({
      authorityHost: 'https://127.0.0.1:4443/entra',
      tenant: 'contoso.example',
    });
  });

  it('a managed identity for Graph alone still needs GRAPH_TENANT_ID (it used to leave Graph off silently)', () => {
    expect(() => loadConfig({ GRAPH_MANAGED_IDENTITY_CLIENT_ID: 'x' })).to.throw(ConfigError, /^GRAPH_TENANT_ID: required/);
    expect(loadConfig({ GRAPH_MANAGED_IDENTITY_CLIENT_ID: 'x', GRAPH_TENANT_ID: TENANT }).graph?.managedIdentityClientId).to.equal('x');
  });
});

describe('sign-in: refused token requests name the setting', () => {
  const entra = (code: number, text = 'Something.') =>
    Object.assign(new Error(`ClientSecretCredential authentication failed: AADSTS${code}: ${text}\r\nTrace ID: abc`), {
      name: 'AuthenticationError',
    });
  const cases: [number, 'bot' | 'graph', string][] = [
    [7000215, 'bot', 'MicrosoftAppPassword'],
    [7000215, 'graph', 'GRAPH_CLIENT_SECRET'],
    [700027, 'graph', 'GRAPH_CERTIFICATE_PATH'],
    [90002, 'bot', 'MicrosoftAppTenantId'],
    [500011, 'bot', 'ToChannelFromBotOAuthScope'],
    [500011, 'graph', 'GRAPH_BASE_URL'],
    [700016, 'graph', 'GRAPH_CLIENT_ID and GRAPH_TENANT_ID'],
    [65001, 'graph', 'admin consent (Entra ID > Enterprise applications > Permissions)'],
  ];
  for (const [code, who, check] of cases) {
    it(`AADSTS${code} (${who}) → ${check}`, () => {
      const f = describeTokenFailure(
        entra(code),
        who === 'bot' ? 'Bot Framework' : 'Microsoft Graph',
        who === 'bot' ? BOT_SETTINGS('secret') : GRAPH_SETTINGS(code === 700027 ? 'certificate' : 'secret'),
      );
      expect(f).to.include({ code: `AADSTS${code}`, check });
      expect(f.message).to.match(new RegExp(`AADSTS${code}.*check ${check.replace(/[()>]/g, '.')}$`));
      expect(f.message).not.to.include('Trace ID');
    });
  }

  it('the managed identity endpoint and an unreachable host are told apart', () => {
    const msi = describeTokenFailure(
      new Error('ManagedIdentityCredential: No User Assigned or Delegated Managed Identity found'),
      'Microsoft Graph',
      GRAPH_SETTINGS('managedIdentity'),
    );
    expect(msi).to.include({ code: 'managedIdentity', check: 'GRAPH_MANAGED_IDENTITY_CLIENT_ID' });
    const down = describeTokenFailure(new Error('connect ECONNREFUSED 127.0.0.1:1'), 'Bot Framework', BOT_SETTINGS('secret'));
    expect(down.code).to.equal('network');
  });

  it('logs once per failing streak (and when the reason changes), once when it works again', async () => {
    const lines: string[] = [];
    const log = createLogger('info', new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }) as never);
    const h = new CredentialHealth('Microsoft Graph', GRAPH_SETTINGS('secret'), log);
    expect(h.current.status).to.equal('untested');
    let fail: Error | null = entra(7000215);
    const cred = h.wrap({
      getToken: async () => {
        if (fail) throw fail;
        return { token: 't', expiresOnTimestamp: Date.now() + 3600_000 };
      },
    });
    for (let i = 0; i < 3; i++) await cred.getToken('s').catch(() => undefined);
    fail = entra(65001);
    await cred.getToken('s').catch(() => undefined);
    expect(h.failing).to.equal(true);
    expect(h.current).to.include({ status: 'failing', code: 'AADSTS65001' });
    fail = null;
    await cred.getToken('s');
    await cred.getToken('s');
    expect(h.current.status).to.equal('ok');
    const texts = lines.map((l) => JSON.parse(l).msg as string);
    expect(texts.filter((t) => /AADSTS7000215/.test(t))).to.have.length(1);
    expect(texts.filter((t) => /AADSTS65001/.test(t))).to.have.length(1);
    expect(texts.filter((t) => /obtained again/.test(t))).to.have.length(1);
  });
});
