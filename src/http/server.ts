// The HTTP edge: restify with the Bot Framework endpoint, health, and the intake API.
// Tenant allow-listing happens here, before any handler runs.
import restify from 'restify';
import type { CloudAdapter } from 'botbuilder';
import type { ActivityHandler } from 'botbuilder';
import type { Services } from '../app/services';
import { registerIntake } from './intake';

export interface ServerDeps {
  s: Services;
  adapter: CloudAdapter;
  bot: ActivityHandler;
  version: string;
}

/** The activity's tenant, from either place Teams puts it. */
function tenantOfBody(body: unknown): string {
  const b = (body ?? {}) as { channelData?: { tenant?: { id?: string } }; conversation?: { tenantId?: string } };
  return b.channelData?.tenant?.id || b.conversation?.tenantId || '';
}

export function jsonError(res: restify.Response, status: number, code: string, message: string, extra: Record<string, unknown> = {}): void {
  res.status(status);
  res.json({ error: { code, message, ...extra } });
}

export function createServer({ s, adapter, bot, version }: ServerDeps): restify.Server {
  const server = restify.createServer({ name: 'top-contact', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: s.config.bodyLimitBytes, mapParams: false, rejectUnknown: true }));

  let inFlight = 0;
  let draining = false;
  server.pre((req, res, next) => {
    if (draining && req.url !== '/healthz') {
      res.header('Connection', 'close');
      jsonError(res, 503, 'ShuttingDown', 'De bot start opnieuw op. Probeer het zo nog eens.');
      return next(false);
    }
    inFlight++;
    res.once('finish', () => inFlight--);
    res.once('close', () => inFlight--);
    return next();
  });

  server.get('/healthz', async (_req, res) => {
    const storage = await s.repo.ping();
    res.status(storage ? 200 : 503);
    res.json({ status: storage ? 'ok' : 'degraded', version, storage: { kind: s.repo.kind, ok: storage } });
  });

  server.post('/api/messages', async (req, res) => {
    const tenant = tenantOfBody(req.body);
    const allowed = s.config.allowedTenantIds;
    if (allowed.length > 0 && !allowed.includes(tenant)) {
      s.log.warn({ tenantKnown: tenant !== '' }, 'activity from a tenant that is not allowed was refused');
      jsonError(res, 403, 'TenantNotAllowed', 'This tenant may not use this bot.');
      return;
    }
    if (!req.body || typeof req.body !== 'object' || typeof (req.body as { type?: unknown }).type !== 'string') {
      jsonError(res, 400, 'BadActivity', 'Expected a Bot Framework activity (JSON object with a type).');
      return;
    }
    try {
      // Sends caused by this activity wait until it has been answered (see OutboxDispatcher.afterAnswer).
      await s.outbox.afterAnswer(() => adapter.process(req, res, (ctx) => bot.run(ctx)));
    } catch (err) {
      s.log.error({ err }, 'activity processing failed');
      if (!res.headersSent) jsonError(res, 500, 'InternalError', 'The activity could not be processed.');
    }
  });

  registerIntake(server, s);

  server.on('restifyError', (req, res, err, cb) => {
    // Body parser and routing errors as JSON with a clear code (413 too large, 415 wrong type, 400 bad JSON).
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    err.toJSON = () => ({ error: { code: err.name || 'Error', message: status === 413 ? 'Request body too large.' : err.message } });
    return cb();
  });

  (server as restify.Server & { drain: () => Promise<void> }).drain = async () => {
    draining = true;
    const deadline = Date.now() + 10_000;
    while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  };
  return server;
}
