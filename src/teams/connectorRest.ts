// The outbox's two sends to the Bot Connector (post a message, replace a card) as one plain HTTP
// request each, signed by the same credentials as botbuilder's connector client (issue 14): that
// client's request pipeline (serializer, a dozen policies, each one a promise) cost about 0.3 ms of
// CPU per card update, more than the rest of the send. What the client did and we keep:
// the Authorization header from the bot's AppCredentials (tokens cached and renewed there), the
// REST paths of botframework-connector's Conversations operations, JSON in and out, the error
// as status code, the connector's error code and message, and the response headers (Retry-After).
// What it did and we do not: retries (the outbox owns them, see outbound.ts), redirects (the Bot
// Connector does not send them), an HTTPS_PROXY from the environment (docs/deployment.md).
import http from 'node:http';
import https from 'node:https';

/** The part of botbuilder's AppCredentials (ServiceClientCredentials) that signs a request. */
export interface RequestSigner {
  signRequest(webResource: { headers: { set(name: string, value: string): void } }): Promise<unknown>;
}

/** A failed request, shaped as the connector client's RestError (classifySendError reads these). */
export class ConnectorHttpError extends Error {
  override name = 'ConnectorHttpError';
  constructor(
    message: string,
    readonly statusCode: number,
    readonly code: string | undefined,
    readonly response: { headers: { get(name: string): string | undefined } },
  ) {
    super(message);
  }
}

/** The request did not finish within its time: the outcome is unknown (transient, retried by the outbox). */
export class ConnectorTimeoutError extends Error {
  override name = 'TimeoutError';
  readonly code = 'ETIMEDOUT';
}

export interface ConnectorRest {
  /** POST or PUT `path` (below the service URL) with a JSON body; the parsed JSON answer (undefined when empty). */
  send(serviceUrl: string, signer: RequestSigner, method: 'POST' | 'PUT', path: string, body: string): Promise<unknown>;
  /** Closes the kept-alive connections (shutdown). */
  close(): void;
}

/** Requests on kept-alive connections, each bounded by `timeoutMs` from start to the last byte of the answer. */
export function connectorRest(timeoutMs: number): ConnectorRest {
  const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };
  return {
    async send(serviceUrl, signer, method, path, body) {
      const url = new URL(serviceUrl.replace(/\/+$/, '') + path);
      const protocol = url.protocol as keyof typeof agents;
      if (!agents[protocol]) throw new Error(`service URL with unsupported protocol ${url.protocol}`);
      const headers: Record<string, string> = {
        'content-type': 'application/json; charset=utf-8',
        accept: 'application/json',
        'content-length': String(Buffer.byteLength(body)),
      };
      await signer.signRequest({ headers: { set: (name, value) => (headers[name.toLowerCase()] = value) } });
      const answer = await exchange(
        protocol === 'https:' ? https : http,
        url,
        { method, headers, agent: agents[protocol] },
        body,
        timeoutMs,
      );
      const parsed = parseJson(answer.text);
      if (answer.status >= 200 && answer.status < 300) return parsed;
      const error = (parsed as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
      throw new ConnectorHttpError(
        typeof error?.message === 'string' && error.message ? error.message : `the Bot Connector answered ${answer.status}`,
        answer.status,
        typeof error?.code === 'string' && error.code ? error.code : undefined,
        { headers: { get: (name) => headerValue(answer.headers[name.toLowerCase()]) } },
      );
    },
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

function exchange(
  transport: typeof http | typeof https,
  url: URL,
  options: http.RequestOptions,
  body: string,
  timeoutMs: number,
): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    const req = transport.request(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', fail);
    });
    // A process timer (monotonic), not the clock: it bounds this process's wait, it decides nothing.
    const timer = setTimeout(
      () => req.destroy(new ConnectorTimeoutError(`no answer from the Bot Connector within ${timeoutMs} ms`)),
      timeoutMs,
    );
    function fail(err: Error): void {
      clearTimeout(timer);
      reject(err);
    }
    req.on('error', fail);
    req.end(body);
  });
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v.join(', ') : v;
}
