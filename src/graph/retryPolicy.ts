// Which requests the Graph client's RetryHandler may send again inside one call.
//
// A 503/504 does not say the request was not carried out: Graph may have created the event and
// only the answer failed (https://learn.microsoft.com/en-us/graph/errors: 503 "the service is
// temporarily unavailable", 504 "the server, while acting as a proxy, did not receive a timely
// response from the upstream server"). Repeating a creating POST then risks a second event. So a
// creating POST is repeated inline only after 429, which Graph sends for requests it throttled,
// that is did not carry out (https://learn.microsoft.com/en-us/graph/throttling). Anything else is
// left to the outbox, whose handler first looks the event up by its marker (agenda/sync.ts).
// Reads (GET, and getSchedule, a POST that only reads) may be repeated.

/** Whether a request that got `status` may be sent again inside the same call. */
export function mayRepeatInline(method: string | undefined, url: string, status: number): boolean {
  if ((method ?? 'GET').toUpperCase() !== 'POST') return true;
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    // a relative URL: use it as it is
  }
  if (/\/calendar\/getSchedule$/i.test(path)) return true;
  return status === 429;
}

/** Method and URL of what the RetryHandler hands to shouldRetry (a URL string with options, or a Request). */
export function methodAndUrl(request: unknown, options: { method?: string } | undefined): { method: string | undefined; url: string } {
  if (typeof request === 'string') return { method: options?.method, url: request };
  const r = request as { method?: string; url?: string };
  return { method: options?.method ?? r.method, url: r.url ?? '' };
}
