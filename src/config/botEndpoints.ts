// The Bot Framework's authentication endpoints, under the SDK's own setting names, for sovereign
// clouds and tests (docs/deployment.md). Unset = the public cloud's endpoints. The SDK switches to
// its parameterized mode as soon as ONE of them is set and then uses `undefined` for every one
// that is not (no defaults), which breaks sign-in in ways that only show in a real tenant; so
// they are set together or not at all. (`fail` is config.ts's: one line naming the setting.)

export const BOT_ENDPOINT_NAMES = [
  'ToBotFromChannelOpenIdMetadataUrl',
  'ToBotFromChannelTokenIssuer',
  'ToBotFromEmulatorOpenIdMetadataUrl',
  'ToChannelFromBotLoginUrl',
  'ToChannelFromBotOAuthScope',
  'OAuthUrl',
  'CallerId',
  'ValidateAuthority',
] as const;

export type BotEndpointName = (typeof BOT_ENDPOINT_NAMES)[number];

export interface BotEndpoints {
  /** OpenID metadata whose keys sign what the channel (Teams) sends to /api/messages. */
  toBotFromChannelOpenIdMetadataUrl: string;
  /** The `iss` of those tokens (public cloud: https://api.botframework.com). */
  toBotFromChannelTokenIssuer: string;
  toBotFromEmulatorOpenIdMetadataUrl: string;
  /** Authority the bot gets its outbound token from: <login host>/<tenant> (public: https://login.microsoftonline.com/<tenant>). */
  toChannelFromBotLoginUrl: string;
  /** Resource of the outbound token (public cloud: https://api.botframework.com). */
  toChannelFromBotOAuthScope: string;
  oAuthUrl: string;
  callerId: string;
  validateAuthority: boolean;
}

/** The public cloud's values (what the SDK uses when none is set). */
export const PUBLIC_LOGIN_HOST = 'https://login.microsoftonline.com';
export const PUBLIC_BOT_SCOPE = 'https://api.botframework.com';

/** Settings the SDK fetches from: https only in production. */
const FETCHED: BotEndpointName[] = [
  'ToBotFromChannelOpenIdMetadataUrl',
  'ToBotFromEmulatorOpenIdMetadataUrl',
  'ToChannelFromBotLoginUrl',
  'OAuthUrl',
];

/**
 * Reads the eight settings: null when none is set, all of them when all are set, otherwise one
 * ConfigError naming the missing ones. `tenantId` is MicrosoftAppTenantId when the app type signs
 * in to its own tenant (SingleTenant, UserAssignedMSI): the login URL must end with it.
 */
export type Fail = (name: string, expected: string) => never;

export function loadBotEndpoints(env: NodeJS.ProcessEnv, production: boolean, tenantId: string | null, fail: Fail): BotEndpoints | null {
  const set = BOT_ENDPOINT_NAMES.filter((n) => (env[n] ?? '').trim() !== '');
  if (set.length === 0) return null;
  const missing = BOT_ENDPOINT_NAMES.filter((n) => !set.includes(n));
  if (missing.length) {
    fail(
      missing.join(', '),
      `required because ${set.join(', ')} ${set.length === 1 ? 'is' : 'are'} set (the Bot Framework endpoints are set together or not at all; see docs/deployment.md)`,
    );
  }
  const v = (n: BotEndpointName) => env[n]!.trim();
  for (const n of BOT_ENDPOINT_NAMES.filter((x) => x !== 'ValidateAuthority' && x !== 'CallerId')) {
    let u: URL;
    try {
      u = new URL(v(n));
    } catch {
      fail(n, `expected a URL, got "${v(n)}"`);
    }
    if (!/^https?:$/.test(u.protocol)) fail(n, `expected an http(s) URL, got "${v(n)}"`);
    if (production && FETCHED.includes(n) && u.protocol !== 'https:') fail(n, `must be https:// when NODE_ENV=production`);
  }
  const validate = v('ValidateAuthority').toLowerCase();
  if (validate !== 'true' && validate !== 'false') fail('ValidateAuthority', 'expected true or false');
  const login = new URL(v('ToChannelFromBotLoginUrl'));
  const loginTenant = login.pathname.split('/').filter(Boolean).pop() ?? '';
  if (!loginTenant) fail('ToChannelFromBotLoginUrl', `expected <login host>/<tenant>, got "${v('ToChannelFromBotLoginUrl')}"`);
  if (tenantId && loginTenant.toLowerCase() !== tenantId.toLowerCase()) {
    fail(
      'ToChannelFromBotLoginUrl',
      `must end with /${tenantId} (MicrosoftAppTenantId: a single-tenant bot signs in to its own tenant), got "${v('ToChannelFromBotLoginUrl')}"`,
    );
  }
  return {
    toBotFromChannelOpenIdMetadataUrl: v('ToBotFromChannelOpenIdMetadataUrl'),
    toBotFromChannelTokenIssuer: v('ToBotFromChannelTokenIssuer'),
    toBotFromEmulatorOpenIdMetadataUrl: v('ToBotFromEmulatorOpenIdMetadataUrl'),
    toChannelFromBotLoginUrl: v('ToChannelFromBotLoginUrl').replace(/\/$/, ''),
    toChannelFromBotOAuthScope: v('ToChannelFromBotOAuthScope'),
    oAuthUrl: v('OAuthUrl'),
    callerId: v('CallerId'),
    validateAuthority: validate === 'true',
  };
}

/**
 * The managed identity endpoint App Service sets (IDENTITY_ENDPOINT): https, or http on the host
 * itself (that is how App Service serves it). Anything else would carry the identity header over
 * the network in the clear.
 */
export function checkIdentityEndpoint(env: NodeJS.ProcessEnv, production: boolean, fail: Fail): void {
  const raw = env.IDENTITY_ENDPOINT;
  if (!raw) return;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    fail('IDENTITY_ENDPOINT', `expected a URL, got "${raw}"`);
  }
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
  if (production && !(u.protocol === 'https:' || (u.protocol === 'http:' && local))) {
    fail('IDENTITY_ENDPOINT', 'must be https://, or http:// on localhost / 127.0.0.1, when NODE_ENV=production');
  }
  if (!env.IDENTITY_HEADER) fail('IDENTITY_HEADER', 'required when IDENTITY_ENDPOINT is set (App Service sets both)');
}
