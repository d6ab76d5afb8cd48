/**
 * Minimal JSON-over-HTTP helpers for integration tests (node:http, no keep-alive so nothing
 * lingers after a test).
 */
import http from 'node:http';

export interface HttpResult<T = any> {
  status: number;
  /** Parsed JSON when the response is JSON, the raw text otherwise, undefined when empty. */
  body: T;
  text: string;
  headers: http.IncomingHttpHeaders;
}

export function httpJson<T = any>(
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
  timeoutMs = 30_000,
): Promise<HttpResult<T>> {
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      target,
      {
        method: method.toUpperCase(),
        agent: false,
        headers: {
          Accept: 'application/json',
          ...(payload !== undefined
            ? { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(payload) }
            : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = undefined;
          if (text) {
            try {
              parsed = JSON.parse(text);
            } catch {
              parsed = text;
            }
          }
          resolve({ status: res.statusCode ?? 0, body: parsed as T, text, headers: res.headers });
        });
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`${method} ${url} timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/**
 * POST an activity to the bot as Teams would (no Authorization header unless given).
 * `botBaseUrl` is the bot's origin ('http://127.0.0.1:3978'); '/api/messages' is appended when
 * the URL has no path. A full endpoint URL is used as is.
 */
export function postActivity<T = any>(botBaseUrl: string, activity: unknown, headers: Record<string, string> = {}): Promise<HttpResult<T>> {
  const u = new URL(botBaseUrl);
  if (u.pathname === '/' || u.pathname === '') u.pathname = '/api/messages';
  return httpJson<T>('POST', u.toString(), activity, headers);
}
