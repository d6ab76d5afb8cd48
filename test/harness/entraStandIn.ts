/**
 * A local stand-in for Entra ID and the Bot Framework token service, over HTTPS with a CA made at
 * test time (testPki.ts), for tests that run the bot the way production does:
 *
 *   Bot Framework channel (what Teams signs its requests to /api/messages with)
 *     GET  /botframework/v1/.well-known/openidconfiguration   ToBotFromChannelOpenIdMetadataUrl
 *     GET  /botframework/v1/.well-known/keys                  keys with `endorsements` (msteams; a second key only webchat)
 *     GET  /emulator/v2.0/.well-known/openid-configuration    ToBotFromEmulatorOpenIdMetadataUrl
 *   Entra ID (client credentials: the bot's outbound token, Graph's token)
 *     GET  /{tenant}/v2.0/.well-known/openid-configuration    what MSAL reads for an authority
 *     GET  /{tenant}/discovery/v2.0/keys
 *     POST /{tenant}/oauth2/v2.0/token                        client_secret or client_assertion (certificate)
 *   App Service managed identity (plain http on 127.0.0.1, as App Service serves it)
 *     GET  {msiUrl}?resource=…&api-version=2019-08-01&client_id=…   header X-IDENTITY-HEADER
 *
 * Refusals look like Entra's: HTTP 400/401 with `error`, `error_description` starting with the
 * AADSTS code and `error_codes`. Every token request is recorded (tokenRequests) so tests can count.
 */
import crypto, { type KeyObject } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { b64url, decodeJwt, signJwt, signatureValid, type TokenExpectation } from './jwt';
import type { TestPki } from './testPki';

export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';
export const BOT_FRAMEWORK_SCOPE = 'https://api.botframework.com';
export const GRAPH_RESOURCE = 'https://graph.microsoft.com';

export interface StandInApp {
  clientId: string;
  tenant: string;
  secret?: string;
  /** DER of the certificate uploaded to the app registration. */
  certificateDer?: Buffer;
  certificateKey?: KeyObject;
}

export interface StandInIdentity {
  /** Client id of a user-assigned managed identity attached to "this App Service". */
  clientId: string;
  tenant: string;
}

export interface TokenRequestRecord {
  at: number;
  via: 'secret' | 'certificate' | 'managedIdentity' | 'none';
  clientId: string;
  tenant: string;
  /** Scope (token endpoint) or resource (managed identity). */
  scope: string;
  status: number;
  error?: string;
}

export interface Refusal {
  status: number;
  error: string;
  code: number;
  description: string;
}

export const REFUSALS = {
  consentMissing: (clientId: string): Refusal => ({
    status: 400,
    error: 'invalid_grant',
    code: 65001,
    description: `AADSTS65001: The user or administrator has not consented to use the application with ID '${clientId}'. Send an interactive authorization request for this user and resource.`,
  }),
};

export interface EntraStandIn {
  url: string;
  /** Plain-http managed identity endpoint (IDENTITY_ENDPOINT). */
  msiUrl: string;
  msiHeader: string;
  tokenRequests: TokenRequestRecord[];
  /** The eight Bot Framework settings pointing here (for the bot's tenant). */
  botEndpointsEnv(tenant: string): Record<string, string>;
  /** A token as Teams' channel service signs it for a request to the bot. */
  channelToken(o: {
    appId: string;
    serviceUrl: string;
    expiresInSeconds?: number;
    issuer?: string;
    audience?: string;
    key?: 'msteams' | 'webchat' | 'unknown';
  }): string;
  /** What the fake Bot Connector accepts: a token this stand-in issued to `appId` for the Bot Framework. */
  connectorExpectation(tenant: string, appId: string): TokenExpectation;
  /** What Graph accepts: a token for https://graph.microsoft.com issued here. */
  graphExpectation(tenant: string): TokenExpectation;
  /** Issuer of tokens for a tenant (v2 endpoint). */
  issuerFor(tenant: string): string;
  /** Lifetime of issued tokens (default 3600 s). */
  setTokenLifetime(seconds: number): void;
  /** Change an app registration (a new secret, another certificate uploaded) while the bot runs. */
  updateApp(clientId: string, patch: Partial<StandInApp>): void;
  /** Refuse the next token requests of a client with this answer until cleared (null). */
  refuse(clientId: string, r: Refusal | null): void;
  close(): Promise<void>;
}

interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  endorsements?: string[];
}

function rsaKey(kid: string, endorsements?: string[]): SigningKey {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, publicKey, endorsements };
}

/** Keys are made once per test process: RSA generation is the slow part. */
let keyCache: { teams: SigningKey; webchat: SigningKey; stray: SigningKey; entra: SigningKey } | null = null;
function keys() {
  keyCache ??= {
    teams: rsaKey('teams-key-1', ['msteams', 'webchat', 'skype']),
    webchat: rsaKey('webchat-key-1', ['webchat', 'directline']),
    stray: rsaKey('not-published'),
    entra: rsaKey('entra-key-1'),
  };
  return keyCache;
}

function jwk(k: SigningKey): Record<string, unknown> {
  const j = k.publicKey.export({ format: 'jwk' }) as { n: string; e: string };
  return { kty: 'RSA', use: 'sig', kid: k.kid, n: j.n, e: j.e, ...(k.endorsements ? { endorsements: k.endorsements } : {}) };
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function entraError(res: http.ServerResponse, r: Refusal): void {
  const trace = crypto.randomUUID();
  send(res, r.status, {
    error: r.error,
    error_description: `${r.description}\r\nTrace ID: ${trace}\r\nCorrelation ID: ${crypto.randomUUID()}\r\nTimestamp: ${new Date().toISOString().replace('T', ' ').slice(0, 19)}Z`,
    error_codes: [r.code],
    timestamp: new Date().toISOString(),
    trace_id: trace,
    correlation_id: crypto.randomUUID(),
  });
}

export async function startEntraStandIn(o: { pki: TestPki; apps: StandInApp[]; identities?: StandInIdentity[] }): Promise<EntraStandIn> {
  const k = keys();
  const tokenRequests: TokenRequestRecord[] = [];
  const refusals = new Map<string, Refusal>();
  let lifetime = 3600;
  let base = '';
  const msiHeader = crypto.randomBytes(16).toString('hex');
  const issuerFor = (tenant: string) => `${base}/${tenant}/v2.0`;

  const issue = (tenant: string, clientId: string, resource: string) => {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      aud: resource,
      iss: issuerFor(tenant),
      iat: now,
      nbf: now,
      exp: now + lifetime,
      appid: clientId,
      azp: clientId,
      tid: tenant,
      ver: '2.0',
      oid: crypto.randomUUID(),
      sub: clientId,
      ...(resource === GRAPH_RESOURCE ? { roles: ['Calendars.ReadWrite', 'Calendars.ReadBasic.All', 'User.Read.All'] } : {}),
    };
    return signJwt(claims, k.entra.privateKey, { kid: k.entra.kid });
  };

  async function tokenEndpoint(req: http.IncomingMessage, res: http.ServerResponse, tenant: string): Promise<void> {
    const form = new URLSearchParams(await readBody(req));
    const clientId = form.get('client_id') ?? '';
    const scope = form.get('scope') ?? '';
    const rec: TokenRequestRecord = { at: Date.now(), via: 'none', clientId, tenant, scope, status: 0 };
    tokenRequests.push(rec);
    const refuse = (r: Refusal) => {
      rec.status = r.status;
      rec.error = `AADSTS${r.code}`;
      entraError(res, r);
    };
    if (!o.apps.some((a) => a.tenant === tenant)) {
      return refuse({
        status: 400,
        error: 'invalid_request',
        code: 90002,
        description: `AADSTS90002: Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
      });
    }
    if (form.get('grant_type') !== 'client_credentials') {
      return refuse({
        status: 400,
        error: 'unsupported_grant_type',
        code: 70003,
        description: 'AADSTS70003: The app requested an unsupported grant type.',
      });
    }
    const app = o.apps.find((a) => a.clientId === clientId && a.tenant === tenant);
    if (!app) {
      return refuse({
        status: 400,
        error: 'unauthorized_client',
        code: 700016,
        description: `AADSTS700016: Application with identifier '${clientId}' was not found in the directory '${tenant}'.`,
      });
    }
    const assertion = form.get('client_assertion');
    if (assertion) {
      rec.via = 'certificate';
      const d = decodeJwt(assertion);
      const der = app.certificateDer;
      const x5t = der ? b64url(crypto.createHash('sha1').update(der).digest()) : '';
      const x5t256 = der ? b64url(crypto.createHash('sha256').update(der).digest()) : '';
      const now = Math.floor(Date.now() / 1000);
      const ok =
        !!d &&
        !!der &&
        !!app.certificateKey &&
        form.get('client_assertion_type') === 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' &&
        (d.header.x5t === x5t || d.header['x5t#S256'] === x5t256) &&
        signatureValid(d, app.certificateKey) &&
        d.claims.iss === clientId &&
        d.claims.sub === clientId &&
        d.claims.aud === `${base}/${tenant}/oauth2/v2.0/token` &&
        typeof d.claims.exp === 'number' &&
        d.claims.exp > now;
      if (!ok) {
        return refuse({
          status: 401,
          error: 'invalid_client',
          code: 700027,
          description: `AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${d?.header.x5t ?? ''}']`,
        });
      }
    } else {
      rec.via = 'secret';
      if (!app.secret || form.get('client_secret') !== app.secret) {
        return refuse({
          status: 401,
          error: 'invalid_client',
          code: 7000215,
          description: `AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
        });
      }
    }
    const m = /^(https:\/\/[^\s]+)\/\.default$/.exec(scope);
    const resource = m?.[1];
    if (!resource || ![BOT_FRAMEWORK_SCOPE, GRAPH_RESOURCE].includes(resource)) {
      return refuse({
        status: 400,
        error: 'invalid_resource',
        code: 500011,
        description: `AADSTS500011: The resource principal named ${resource ?? scope} was not found in the tenant named ${tenant}. This can happen if the application has not been installed by the administrator of the tenant.`,
      });
    }
    const refusal = refusals.get(clientId);
    if (refusal) return refuse(refusal);
    rec.status = 200;
    send(res, 200, {
      token_type: 'Bearer',
      expires_in: lifetime,
      ext_expires_in: lifetime,
      access_token: issue(tenant, clientId, resource),
    });
  }

  function metadata(res: http.ServerResponse, tenant: string): void {
    const t = `${base}/${tenant}`;
    send(res, 200, {
      token_endpoint: `${t}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${t}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: issuerFor(tenant),
      request_uri_parameter_supported: false,
      authorization_endpoint: `${t}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${t}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${t}/oauth2/v2.0/logout`,
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nbf', 'tid'],
      tenant_region_scope: 'EU',
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: 'graph.microsoft.com',
    });
  }

  async function onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const u = new URL(req.url ?? '/', base);
    const p = u.pathname;
    if (req.method === 'GET' && p === '/botframework/v1/.well-known/openidconfiguration') {
      return send(res, 200, {
        issuer: BOT_FRAMEWORK_ISSUER,
        authorization_endpoint: `${base}/botframework/v1/authorize`,
        jwks_uri: `${base}/botframework/v1/.well-known/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      });
    }
    if (req.method === 'GET' && p === '/botframework/v1/.well-known/keys') return send(res, 200, { keys: [jwk(k.teams), jwk(k.webchat)] });
    if (req.method === 'GET' && p === '/emulator/v2.0/.well-known/openid-configuration') {
      return send(res, 200, { issuer: `${base}/emulator/v2.0`, jwks_uri: `${base}/emulator/discovery/v2.0/keys` });
    }
    if (req.method === 'GET' && p === '/emulator/discovery/v2.0/keys') return send(res, 200, { keys: [] });
    let m = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(p);
    if (req.method === 'GET' && m) return metadata(res, m[1]!);
    m = /^\/([^/]+)\/discovery\/v2\.0\/keys$/.exec(p);
    if (req.method === 'GET' && m) return send(res, 200, { keys: [jwk(k.entra)] });
    m = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(p);
    if (req.method === 'POST' && m) return tokenEndpoint(req, res, m[1]!);
    send(res, 404, { error: 'not_found', error_description: `stand-in: no route ${req.method} ${p}` });
  }

  /** App Service's managed identity endpoint (api-version 2019-08-01). */
  function onMsiRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    const clientId = u.searchParams.get('client_id') ?? u.searchParams.get('clientid') ?? '';
    const resource = (u.searchParams.get('resource') ?? '').replace(/\/$/, '');
    const rec: TokenRequestRecord = { at: Date.now(), via: 'managedIdentity', clientId, tenant: '', scope: resource, status: 0 };
    tokenRequests.push(rec);
    const fail = (status: number, message: string) => {
      rec.status = status;
      rec.error = message;
      send(res, status, { statusCode: status, message, correlationId: crypto.randomUUID() });
    };
    if (req.headers['x-identity-header'] !== msiHeader) return fail(401, 'Missing or invalid X-IDENTITY-HEADER.');
    if (u.searchParams.get('api-version') !== '2019-08-01') return fail(400, 'Unsupported api-version.');
    const id = (o.identities ?? []).find((i) => i.clientId === clientId);
    if (!id) return fail(400, 'No User Assigned or Delegated Managed Identity found for specified ClientId/ResourceId/PrincipalId.');
    rec.tenant = id.tenant;
    if (![BOT_FRAMEWORK_SCOPE, GRAPH_RESOURCE].includes(resource))
      return fail(400, `AADSTS500011: The resource principal named ${resource} was not found in the tenant.`);
    const refusal = refusals.get(clientId);
    if (refusal) return fail(refusal.status, refusal.description);
    rec.status = 200;
    const exp = Math.floor(Date.now() / 1000) + lifetime;
    send(res, 200, {
      access_token: issue(id.tenant, clientId, resource),
      expires_on: String(exp),
      resource,
      token_type: 'Bearer',
      client_id: clientId,
    });
  }

  const server = https.createServer({ key: o.pki.serverKey, cert: o.pki.serverCert }, (req, res) => {
    onRequest(req, res).catch((err: unknown) => send(res, 500, { error: 'server_error', error_description: String(err) }));
  });
  const msi = http.createServer(onMsiRequest);
  for (const s of [server, msi]) {
    s.keepAliveTimeout = 1000;
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(0, '127.0.0.1', () => resolve());
    });
  }
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const msiUrl = `http://127.0.0.1:${(msi.address() as AddressInfo).port}/msi/token`;
  const entraKeys = new Map([[k.entra.kid, k.entra.publicKey]]);

  return {
    url: base,
    msiUrl,
    msiHeader,
    tokenRequests,
    issuerFor,
    botEndpointsEnv: (tenant) => ({
      ToBotFromChannelOpenIdMetadataUrl: `${base}/botframework/v1/.well-known/openidconfiguration`,
      ToBotFromChannelTokenIssuer: BOT_FRAMEWORK_ISSUER,
      ToBotFromEmulatorOpenIdMetadataUrl: `${base}/emulator/v2.0/.well-known/openid-configuration`,
      ToChannelFromBotLoginUrl: `${base}/${tenant}`,
      ToChannelFromBotOAuthScope: BOT_FRAMEWORK_SCOPE,
      OAuthUrl: `${base}/oauth`,
      CallerId: 'urn:botframework:azure',
      ValidateAuthority: 'true',
    }),
    channelToken: (t) => {
      const now = Math.floor(Date.now() / 1000);
      const exp = now + (t.expiresInSeconds ?? 3600);
      const key = t.key === 'webchat' ? k.webchat : t.key === 'unknown' ? k.stray : k.teams;
      return signJwt(
        { serviceurl: t.serviceUrl, nbf: Math.min(now, exp - 60), exp, iss: t.issuer ?? BOT_FRAMEWORK_ISSUER, aud: t.audience ?? t.appId },
        key.privateKey,
        { kid: key.kid, x5t: key.kid },
      );
    },
    connectorExpectation: (tenant, appId) => ({ keys: entraKeys, issuers: [issuerFor(tenant)], audience: BOT_FRAMEWORK_SCOPE, appId }),
    graphExpectation: (tenant) => ({ keys: entraKeys, issuers: [issuerFor(tenant)], audience: GRAPH_RESOURCE }),
    setTokenLifetime: (s) => (lifetime = s),
    updateApp: (clientId, patch) => {
      const app = o.apps.find((a) => a.clientId === clientId);
      if (!app) throw new Error(`stand-in: no app ${clientId}`);
      Object.assign(app, patch);
    },
    refuse: (clientId, r) => (r ? refusals.set(clientId, r) : refusals.delete(clientId)),
    close: async () => {
      for (const s of [server, msi]) {
        s.closeAllConnections();
        await new Promise<void>((r) => s.close(() => r()));
      }
    },
  };
}
