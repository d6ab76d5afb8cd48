/**
 * An HTTPS front for the fake Graph (production mode refuses a plain-http GRAPH_BASE_URL): it
 * checks the bearer token the way Graph does (signed by the Entra stand-in, issuer of the tenant,
 * audience https://graph.microsoft.com, not expired), records what it saw, and passes the request
 * on to the fake Graph with the fake's own token. A bad token gets Graph's 401 InvalidAuthenticationToken.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { FAKE_GRAPH_TOKEN, type FakeGraph } from './fakeGraph';
import { decodeJwt, tokenProblem, type TokenExpectation } from './jwt';
import type { TestPki } from './testPki';

export interface GraphFrontRecord {
  method: string;
  path: string;
  /** Claims of the bearer token (undefined when there was none or it was not a JWT). */
  claims?: Record<string, any>;
  problem: string | null;
}

export interface GraphFront {
  /** What GRAPH_BASE_URL should be. */
  baseUrl: string;
  seen: GraphFrontRecord[];
  close(): Promise<void>;
}

export async function startGraphFront(o: { pki: TestPki; graph: FakeGraph; expect: TokenExpectation }): Promise<GraphFront> {
  const seen: GraphFrontRecord[] = [];
  const target = new URL(o.graph.url);
  const server = https.createServer({ key: o.pki.serverKey, cert: o.pki.serverCert }, (req, res) => {
    const auth = String(req.headers.authorization ?? '');
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    const problem = token ? tokenProblem(token, o.expect) : 'no bearer token';
    seen.push({
      method: req.method ?? 'GET',
      path: (req.url ?? '').split('?')[0]!,
      claims: token ? decodeJwt(token)?.claims : undefined,
      problem,
    });
    if (problem) {
      const body = JSON.stringify({
        error: { code: 'InvalidAuthenticationToken', message: `Access token validation failure (${problem}).` },
      });
      res.writeHead(401, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    const headers = { ...req.headers, host: target.host, authorization: `Bearer ${FAKE_GRAPH_TOKEN}` };
    const up = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(up);
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `https://127.0.0.1:${port}/v1.0`,
    seen,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
