// Graph failures as the rest of the bot sees them: no Graph types, no request content (so never
// customer data), only status, code, whether trying again can help, and how long to wait.
import type { DeliveryResult } from '../app/outbox';

export class GraphFailure extends Error {
  constructor(
    message: string,
    /** HTTP status; undefined for network errors and timeouts. */
    readonly status: number | undefined,
    /** Graph error code ('ErrorItemNotFound', 'TooManyRequests', …) when given. */
    readonly code: string | null,
    /** Worth trying again later (network, timeout, an expired token's 401, 408, 429, 5xx). */
    readonly transient: boolean,
    /** From Retry-After, when the server said how long to wait. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'GraphFailure';
  }

  get notFound(): boolean {
    return this.status === 404;
  }

  /**
   * Graph refuses the app itself, not this one request: admin consent missing or not yet in the
   * token (401 NoPermissionsInAccessToken), or a 403 (an Exchange application access policy / RBAC
   * for Applications, or a directory permission that was not granted). Asking again cannot help
   * until an administrator acts; src/app/graphAccess.ts tells the managers and re-checks.
   */
  get accessDenied(): boolean {
    return isAccessDenied(this.status, this.code);
  }
}

/** See GraphFailure.accessDenied. https://learn.microsoft.com/en-us/graph/errors (401/403) and https://learn.microsoft.com/en-us/graph/auth-limit-mailbox-access */
export function isAccessDenied(status: number | undefined, code: string | null): boolean {
  return (status === 401 && code === 'NoPermissionsInAccessToken') || status === 403;
}

/** Retry-After as seconds or an HTTP date → milliseconds (undefined when absent or unreadable). */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  const n = Number(value);
  if (Number.isFinite(n)) return Math.max(0, n * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** Any error from the Graph client (GraphError, fetch TypeError, AbortError, credential errors) → GraphFailure. */
export function toGraphFailure(err: unknown, nowMs: number): GraphFailure {
  if (err instanceof GraphFailure) return err;
  const e = (err ?? {}) as {
    statusCode?: number;
    code?: string | null;
    name?: string;
    message?: string;
    headers?: { get?: (n: string) => string | null };
  };
  const status = typeof e.statusCode === 'number' && e.statusCode > 0 ? e.statusCode : undefined;
  const code = typeof e.code === 'string' ? e.code : null;
  if (status === undefined) {
    // The Graph client wraps native errors (statusCode -1) and keeps their name in `code`.
    const name = code ?? e.name ?? 'Error';
    const what =
      name === 'TimeoutError' || name === 'AbortError'
        ? 'timeout'
        : name === 'AuthenticationError' || name === 'CredentialUnavailableError'
          ? 'credential'
          : 'network';
    return new GraphFailure(`graph ${what}: ${name}`, undefined, null, true);
  }
  const retryAfterMs = parseRetryAfter(e.headers?.get?.('retry-after') ?? null, nowMs);
  // A 401 is usually an expired or not yet valid token (the credential fetches a new one): try
  // again. A 401 NoPermissionsInAccessToken is not: the token carries no application roles.
  const transient = (status === 401 && !isAccessDenied(status, code)) || status === 408 || status === 429 || status >= 500;
  return new GraphFailure(`graph ${status}${code ? ` ${code}` : ''}`, status, code, transient, retryAfterMs);
}

/** What the outbox should do after a Graph failure. */
export function deliveryResultFor(err: unknown, nowMs: number): DeliveryResult {
  const f = toGraphFailure(err, nowMs);
  return f.transient
    ? { ok: false, retry: true, retryAfterMs: f.retryAfterMs, error: f.message }
    : { ok: false, retry: false, error: f.message };
}
