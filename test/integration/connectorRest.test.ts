// The outbox's plain HTTP request to the Bot Connector (teams/connectorRest.ts), against a local
// server that answers as told: the signer's header arrives, answers and errors come back in the
// shape classifySendError reads (status, the connector's error code, Retry-After), a connector that
// never answers ends the request at the timeout as a transient failure, and requests share
// kept-alive connections.
import { expect } from 'chai';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { connectorRest, ConnectorHttpError, type ConnectorRest, type RequestSigner } from '../../src/teams/connectorRest';
import { classifySendError } from '../../src/teams/proactive';
import { isTransientFailure } from '../../src/app/failures';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  socket: unknown;
}

/** Not chained: restify, loaded by other tests in the same process, patches writeHead to return nothing. */
function reply(res: http.ServerResponse, status: number, headers: http.OutgoingHttpHeaders, body: string): void {
  res.writeHead(status, headers);
  res.end(body);
}

describe('the plain connector request (connectorRest)', () => {
  let server: http.Server;
  let url: string;
  let seen: Seen[];
  let answer: (res: http.ServerResponse) => void;
  let rest: ConnectorRest;
  const signer: RequestSigner = {
    signRequest: async (w) => {
      w.headers.set('Authorization', 'Bearer token-from-the-signer');
      return w;
    },
  };

  before(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        seen.push({ method: req.method!, url: req.url!, headers: req.headers, body, socket: req.socket });
        answer(res);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/teams/`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });
  beforeEach(() => {
    seen = [];
    rest = connectorRest(400);
    answer = (res) => reply(res, 200, { 'content-type': 'application/json' }, '{"id":"1:answer"}');
  });
  afterEach(() => rest.close());

  it('sends the method, the path below the service URL, the signed header and the JSON body; returns the JSON answer', async () => {
    const res = await rest.send(url, signer, 'PUT', '/v3/conversations/a%3Bb/activities/7', '{"type":"message","text":"é"}');
    expect(res).to.deep.equal({ id: '1:answer' });
    expect(seen).to.have.length(1);
    const [r] = seen;
    expect(r!.method).to.equal('PUT');
    expect(r!.url).to.equal('/teams/v3/conversations/a%3Bb/activities/7');
    expect(r!.headers.authorization).to.equal('Bearer token-from-the-signer');
    expect(r!.headers['content-type']).to.equal('application/json; charset=utf-8');
    expect(JSON.parse(r!.body)).to.deep.equal({ type: 'message', text: 'é' });
  });

  it('an empty answer is undefined; two requests in a row share one kept-alive connection', async () => {
    answer = (res) => reply(res, 200, {}, '');
    expect(await rest.send(url, signer, 'PUT', '/v3/x', '{}')).to.equal(undefined);
    expect(await rest.send(url, signer, 'PUT', '/v3/y', '{}')).to.equal(undefined);
    expect(seen).to.have.length(2);
    expect(seen[0]!.socket).to.equal(seen[1]!.socket);
  });

  it('an error answer throws what classifySendError reads: status, the connector error code and message, Retry-After', async () => {
    answer = (res) =>
      reply(
        res,
        429,
        { 'content-type': 'application/json', 'retry-after': '3' },
        '{"error":{"code":"TooManyRequests","message":"slow down"}}',
      );
    const err = await rest.send(url, signer, 'POST', '/v3/x', '{}').then(
      () => expect.fail('no error'),
      (e: unknown) => e,
    );
    expect(err).to.be.instanceOf(ConnectorHttpError);
    const e = err as ConnectorHttpError;
    expect([e.statusCode, e.code, e.message]).to.deep.equal([429, 'TooManyRequests', 'slow down']);
    expect(classifySendError(e, 0)).to.include({ retry: true, retryAfterMs: 3000 });

    answer = (res) => reply(res, 403, { 'content-type': 'application/json' }, '{"error":{"code":"MessageWritesBlocked"}}');
    const blocked = classifySendError(await rest.send(url, signer, 'PUT', '/v3/x', '{}').catch((x: unknown) => x));
    expect(blocked).to.deep.include({ retry: false, problem: { code: 'MessageWritesBlocked', status: 403 } });

    answer = (res) => reply(res, 502, {}, '<html>bad gateway</html>');
    const gateway = await rest.send(url, signer, 'PUT', '/v3/x', '{}').catch((x: unknown) => x);
    expect(gateway).to.include({ statusCode: 502, code: undefined, message: 'the Bot Connector answered 502' });
    expect(classifySendError(gateway)).to.include({ retry: true });
  });

  it('a connector that never answers: the request ends at the timeout as a transient failure', async () => {
    answer = () => undefined; // holds the request open
    const started = performance.now();
    const err = await rest.send(url, signer, 'PUT', '/v3/x', '{}').catch((x: unknown) => x);
    const took = performance.now() - started;
    expect(err).to.include({ name: 'TimeoutError' });
    expect(isTransientFailure(err)).to.equal(true);
    expect(classifySendError(err)).to.include({ retry: true });
    // At the timeout (400 ms), not long after: widened for a loaded machine.
    expect(took).to.be.within(390, 5_000);
  });

  it('a refused connection is a transient failure; an unknown protocol is refused before any request', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const refused = await rest.send(`http://127.0.0.1:${port}`, signer, 'PUT', '/v3/x', '{}').catch((x: unknown) => x);
    expect(refused).to.include({ code: 'ECONNREFUSED' });
    expect(isTransientFailure(refused)).to.equal(true);
    const odd = await rest.send('ftp://127.0.0.1/', signer, 'PUT', '/v3/x', '{}').catch((x: unknown) => x);
    expect(String((odd as Error).message)).to.match(/unsupported protocol ftp:/);
    expect(seen).to.have.length(0);
  });
});
