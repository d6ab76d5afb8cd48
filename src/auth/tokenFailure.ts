// Why a token request failed, in the terms of the setting an administrator has to look at. Entra
// ID answers a refused client-credentials request with an AADSTS code in its error description;
// the App Service managed identity endpoint answers 400 for an identity it does not know. One
// line naming the setting is what makes "a bot that says nothing" on day one fixable.

/** Which settings hold what, for the bot's own sign-in or for Graph's. */
export interface CredentialSettings {
  clientId: string;
  tenant: string;
  /** The secret, or the certificate, or the managed identity's client id. */
  secret: string;
  /** Where the token's resource (scope) comes from. */
  scope: string;
}

export const BOT_SETTINGS = (kind: 'secret' | 'managedIdentity'): CredentialSettings => ({
  clientId: 'MicrosoftAppId',
  tenant: 'MicrosoftAppTenantId',
  secret: kind === 'secret' ? 'MicrosoftAppPassword' : "MicrosoftAppId (the managed identity's client id)",
  scope: 'ToChannelFromBotOAuthScope',
});

export const GRAPH_SETTINGS = (kind: 'secret' | 'certificate' | 'managedIdentity'): CredentialSettings => ({
  clientId: kind === 'managedIdentity' ? 'GRAPH_MANAGED_IDENTITY_CLIENT_ID' : 'GRAPH_CLIENT_ID',
  tenant: 'GRAPH_TENANT_ID',
  secret:
    kind === 'secret' ? 'GRAPH_CLIENT_SECRET' : kind === 'certificate' ? 'GRAPH_CERTIFICATE_PATH' : 'GRAPH_MANAGED_IDENTITY_CLIENT_ID',
  scope: 'GRAPH_BASE_URL',
});

export interface TokenFailure {
  /** 'AADSTS7000215', 'managedIdentity', 'network', 'unknown'. */
  code: string;
  /** The setting (or action) to check, e.g. 'GRAPH_CLIENT_SECRET' or 'admin consent'. */
  check: string;
  /** One line for the log and /healthz: what was refused and what to check. No secrets. */
  message: string;
}

/** AADSTS codes seen for client-credentials requests → what is wrong. */
const AADSTS: { codes: number[]; what: string; check: (c: CredentialSettings) => string }[] = [
  { codes: [7000215, 7000222, 7000216], what: 'the client secret is wrong or expired', check: (c) => c.secret },
  {
    codes: [700027, 700024, 700023, 500181],
    what: 'the client certificate is not accepted (not uploaded to the app registration, expired, or another one)',
    check: (c) => c.secret,
  },
  { codes: [700016, 7000229], what: 'the application is not known in this tenant', check: (c) => `${c.clientId} and ${c.tenant}` },
  { codes: [90002, 900023, 90072], what: 'the tenant is not known', check: (c) => c.tenant },
  { codes: [500011, 70011, 1002012], what: 'the requested resource (scope) is not known', check: (c) => c.scope },
  {
    codes: [65001, 650057, 650051, 7000112, 7000114],
    what: 'admin consent is missing or the app is disabled',
    check: () => 'admin consent (Entra ID > Enterprise applications > Permissions)',
  },
];

/** Reads an error from @azure/identity (or botbuilder's credentials) into a TokenFailure. */
export function describeTokenFailure(err: unknown, who: 'Bot Framework' | 'Microsoft Graph', settings: CredentialSettings): TokenFailure {
  const text = errorText(err);
  const m = /AADSTS(\d+)/.exec(text);
  if (m) {
    const n = Number(m[1]);
    const known = AADSTS.find((k) => k.codes.includes(n));
    const check = known ? known.check(settings) : `${settings.clientId}, ${settings.tenant} and ${settings.secret}`;
    const what = known ? known.what : 'the sign-in was refused';
    return { code: `AADSTS${n}`, check, message: `${who} token refused by Entra ID (AADSTS${n}: ${what}): check ${check}` };
  }
  if (/managed identity|ManagedIdentity|IDENTITY_ENDPOINT|No User Assigned/i.test(text)) {
    return {
      code: 'managedIdentity',
      check: settings.secret,
      message: `${who} token refused by the managed identity endpoint: check ${settings.secret} and that the identity is assigned to this App Service`,
    };
  }
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|socket hang up|network|certificate|self[- ]signed|fetch failed/i.test(text)) {
    return { code: 'network', check: 'network', message: `${who} token endpoint not reachable: ${firstLine(text)}` };
  }
  return {
    code: 'unknown',
    check: `${settings.clientId}, ${settings.tenant} and ${settings.secret}`,
    message: `${who} token request failed: ${firstLine(text)}`,
  };
}

function errorText(err: unknown): string {
  if (!err || typeof err !== 'object') return String(err);
  const e = err as { message?: string; errorResponse?: { errorDescription?: string; error_description?: string }; cause?: unknown };
  return [e.message, e.errorResponse?.errorDescription, e.errorResponse?.error_description, e.cause instanceof Error ? e.cause.message : '']
    .filter(Boolean)
    .join(' | ');
}

function firstLine(s: string): string {
  // Entra's descriptions carry trace and correlation ids after the first line: keep the line.
  return s.split(/\r?\n/)[0]!.slice(0, 300);
}
