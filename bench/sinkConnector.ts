// A minimal Bot Connector for the benchmark, in its own process: answers every send, reply and
// update at once (200 with a new id) and records nothing, so the connector side costs the bench as
// little as the real Bot Connector would. Prints its URL as the first line.
import http from 'node:http';

let n = 1_000_000;
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const url = req.url ?? '';
    const body =
      req.method === 'POST' && /\/v3\/conversations\/?$/.test(url)
        ? { id: `a:bench-${++n}`, activityId: String(++n) } // createConversation
        : { id: String(++n) };
    const payload = JSON.stringify(body);
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) });
    res.end(payload);
  });
});
server.keepAliveTimeout = 5000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}/` })}\n`);
});
process.on('SIGTERM', () => process.exit(0));
