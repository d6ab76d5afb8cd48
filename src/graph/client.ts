// The Microsoft Graph client: @azure/identity credential → TokenCredentialAuthenticationProvider
// → @microsoft/microsoft-graph-client with the client's own RetryHandler (429/503/504, Retry-After,
// bounded). Only this folder knows Graph; the rest of the bot uses GraphService (service.ts).
import fs from 'node:fs';
import { ClientCertificateCredential, ClientSecretCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import {
  Client,
  HTTPMessageHandler,
  RetryHandler,
  RetryHandlerOptions,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import { ConfigError, type GraphConfig } from '../config/config';
import type { CredentialHealth } from '../auth/credentialHealth';
import { systemClock } from '../domain/clock';
import { parseRetryAfter } from './errors';
import { mayRepeatInline, methodAndUrl } from './retryPolicy';

/** National-cloud Graph hosts: their token scope is their own origin. */
const GRAPH_HOSTS = new Set([
  'graph.microsoft.com',
  'graph.microsoft.us',
  'dod-graph.microsoft.us',
  'graph.microsoft.de',
  'microsoftgraph.chinacloudapi.cn',
]);

export interface GraphClientOptions {
  /** Replaces the configured credential (tests: a TokenCredential returning a fixed token). */
  credential?: TokenCredential;
  /** Retries inside one call for 429/503/504 (RetryHandler); default 3. */
  maxRetries?: number;
  /** Wait before a retry when the server gives no Retry-After, seconds; default 1 (RetryHandler backs off from there). */
  retryDelaySeconds?: number;
  /**
   * A Retry-After longer than this is not waited out inside the call: the call fails with the
   * Retry-After, and the durable outbox tries again then. Default 10 seconds.
   */
  maxInlineWaitSeconds?: number;
  /** Records every token request's outcome (/healthz, one log line, the user's message). */
  health?: CredentialHealth;
}

/**
 * The configured credential: certificate, else client secret, else managed identity (kind: see
 * graphCredentialKind in index.ts). With GRAPH_AUTHORITY_HOST, instance discovery is off: MSAL
 * would otherwise first ask the public cloud's login host about that host (and fail offline).
 */
export function credentialFor(cfg: GraphConfig): TokenCredential {
  const options = cfg.authorityHost ? { authorityHost: cfg.authorityHost, disableInstanceDiscovery: true } : {};
  if (cfg.certificatePath && cfg.clientId) {
    // Read here so a wrong path stops the bot at start with a clear message, not at the first call.
    try {
      fs.accessSync(cfg.certificatePath, fs.constants.R_OK);
    } catch {
      throw new ConfigError(`GRAPH_CERTIFICATE_PATH: cannot read "${cfg.certificatePath}"`);
    }
    return new ClientCertificateCredential(cfg.tenantId, cfg.clientId, { certificatePath: cfg.certificatePath }, options);
  }
  if (cfg.clientSecret && cfg.clientId) return new ClientSecretCredential(cfg.tenantId, cfg.clientId, cfg.clientSecret, options);
  if (cfg.managedIdentityClientId) return new ManagedIdentityCredential({ clientId: cfg.managedIdentityClientId });
  throw new Error('GRAPH_*: no credential configured (GRAPH_CLIENT_SECRET, GRAPH_CERTIFICATE_PATH or GRAPH_MANAGED_IDENTITY_CLIENT_ID)');
}

/** 'https://graph.microsoft.com/v1.0' → origin + path prefix and version, the way the Graph client wants them. */
export function splitBaseUrl(baseUrl: string): { baseUrl: string; version: string; origin: string; scope: string } {
  const u = new URL(baseUrl);
  const parts = u.pathname.split('/').filter(Boolean);
  const version = parts.pop() ?? 'v1.0';
  const prefix = parts.length ? `/${parts.join('/')}` : '';
  const scopeOrigin = GRAPH_HOSTS.has(u.hostname) ? u.origin : 'https://graph.microsoft.com';
  return { baseUrl: `${u.origin}${prefix}`, version, origin: u.origin, scope: `${scopeOrigin}/.default` };
}

/**
 * Adds the bearer token to requests for the configured Graph origin, and only to those.
 * (The client's own AuthenticationHandler recognises https Graph hosts only; this one also
 * serves a local http fake in tests, and never hands the token to any other host.)
 */
class BearerTokenHandler implements Middleware {
  private next?: Middleware;
  constructor(
    private readonly provider: TokenCredentialAuthenticationProvider,
    private readonly origin: string,
  ) {}
  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    const headers = (context.options ??= {}).headers as Record<string, string> | undefined;
    const h: Record<string, string> = { ...(headers ?? {}) };
    delete h.Authorization;
    if (new URL(url).origin === this.origin) h.Authorization = `Bearer ${await this.provider.getAccessToken()}`;
    context.options.headers = h;
    await this.next!.execute(context);
  }
  setNext(next: Middleware): void {
    this.next = next;
  }
}

export function createGraphClient(cfg: GraphConfig, o: GraphClientOptions = {}): Client {
  const { baseUrl, version, origin, scope } = splitBaseUrl(cfg.baseUrl);
  const base = o.credential ?? credentialFor(cfg);
  const credential = o.health ? o.health.wrap(base) : base;
  const provider = new TokenCredentialAuthenticationProvider(credential, { scopes: [scope] });
  const maxInlineMs = (o.maxInlineWaitSeconds ?? 10) * 1000;
  // The RetryHandler already retries 429/503/504 honouring Retry-After (seconds or date) with
  // exponential backoff: configure it rather than retry again around it. A long Retry-After is
  // not slept through: shouldRetry declines it and the outbox reschedules the work durably.
  // A creating POST is not repeated after a 503/504 (retryPolicy.ts).
  const retry = new RetryHandler(
    new RetryHandlerOptions(o.retryDelaySeconds ?? 1, o.maxRetries ?? 3, (_delay, _attempt, req, opts, res) => {
      const { method, url } = methodAndUrl(req, opts as { method?: string } | undefined);
      if (!mayRepeatInline(method, url, res.status)) return false; // a creating POST: the outbox decides (retryPolicy.ts)
      const wait = parseRetryAfter(res.headers?.get('retry-after'), systemClock.now().getTime());
      return wait === undefined || wait <= maxInlineMs;
    }),
  );
  const chain: Middleware[] = [new BearerTokenHandler(provider, origin), retry, new HTTPMessageHandler()];
  return Client.initWithMiddleware({ middleware: chain, baseUrl, defaultVersion: version });
}
