// Which failures are worth trying again (issue 13, docs/reliability.md "Poison messages"): only the
// network and HTTP answers that say "later" (408, 412, 429, 5xx, timeouts, refused or reset
// connections). Anything else (a render error, a bad stored value, a RangeError from date
// formatting) fails the same way on every attempt: the outbox records it as failed, tells the team
// once and moves the lane on, instead of parking the lane for half an hour.

/** Error codes of Node's sockets, undici (fetch) and @azure/core-rest-pipeline that mean "the network". */
const NETWORK_CODE =
  /^(E(CONN\w+|TIMEDOUT|PIPE|AI_AGAIN|NOTFOUND|HOSTUNREACH|NETUNREACH|NETDOWN|PROTO)|UND_ERR_\w+|ERR_SOCKET_\w+|ERR_STREAM_PREMATURE_CLOSE|REQUEST_SEND_ERROR)$/;
const NETWORK_NAME = new Set(['AbortError', 'TimeoutError', 'FetchError']);

export function isTransientFailure(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 3) return false;
  const e = err as {
    statusCode?: unknown;
    status?: unknown;
    code?: unknown;
    name?: unknown;
    message?: unknown;
    transient?: unknown;
    cause?: unknown;
  };
  const status =
    typeof e.statusCode === 'number' && e.statusCode > 0
      ? e.statusCode
      : typeof e.status === 'number' && e.status > 0
        ? e.status
        : undefined;
  if (status !== undefined) return status === 408 || status === 412 || status === 429 || status >= 500;
  if (e.transient === true) return true; // GraphFailure says so itself
  if (typeof e.code === 'string' && NETWORK_CODE.test(e.code)) return true;
  if (typeof e.name === 'string' && NETWORK_NAME.has(e.name)) return true;
  // fetch() reports a network failure as TypeError('fetch failed') with the socket error as cause.
  if (e.name === 'TypeError' && typeof e.message === 'string' && /^fetch failed/.test(e.message)) return true;
  return isTransientFailure(e.cause, depth + 1);
}

/** What the outbox records for a failure: the error's class and message (no stack, no payload). */
export function failureText(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`.slice(0, 300);
  return String(err).slice(0, 300);
}
