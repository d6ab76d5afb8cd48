// The HTTP edge: restify with the Bot Framework endpoint, health, and the intake API.
// Tenant allow-listing happens here, before any handler runs.
import restify from 'restify';
import type { ActivityHandler } from 'botbuilder';
import { activityProblem, type InboundAdapter } from '../teams/inboundAdapter';
import type { Services } from '../app/services';
import { registerIntake, type IntakePorts } from './intake';
import type { Health } from '../app/health';
import { isLocalServiceUrl } from '../teams/localOnly';
import { jsonError } from './jsonError';
import { nl } from '../texts/nl';
// Kept for importers from before the split (intake.ts imports ./jsonError directly: no cycle).
export { jsonError };

/** What the HTTP edge uses: the settings, the log, the outbox's answer gate, the intake's ports and the health report. */
export type HttpPorts = IntakePorts & Pick<Services, 'log'> & { health: () => Promise<Health> };

export interface ServerDeps {
  s: HttpPorts;
  adapter: InboundAdapter;
  bot: ActivityHandler;
  version: string;
}

function isJson(req: restify.Request): boolean {
  const type = (req.header('content-type') ?? '').toLowerCase();
  return /^application\/([a-z0-9.+-]*\+)?json\b/.test(type);
}

/** The activity's tenant, from either place Teams puts it. */
function tenantOfBody(body: unknown): string {
  const b = (body ?? {}) as { channelData?: { tenant?: { id?: string } }; conversation?: { tenantId?: string } };
  return b.channelData?.tenant?.id || b.conversation?.tenantId || '';
}

export function createServer({ s, adapter, bot, version }: ServerDeps): restify.Server {
  const server = restify.createServer({ name: 'top-contact', handleUncaughtExceptions: false });
  server.use(
    restify.plugins.jsonBodyParser({ maxBodySize: s.config.bodyLimitBytes, mapParams: false } as Parameters<
      typeof restify.plugins.jsonBodyParser
    >[0]),
  );

  let inFlight = 0;
  let draining = false;
  server.pre((req, res, next) => {
    if (draining && req.url !== '/healthz') {
      res.header('Connection', 'close');
      jsonError(res, 503, 'ShuttingDown', nl.common.shuttingDown);
      return next(false);
    }
    inFlight++;
    const started = process.hrtime.bigint();
    let counted = true;
    const done = () => {
      if (!counted) return;
      counted = false;
      inFlight--;
      // Path only (no query, no body): nothing personal in the log.
      s.log.debug(
        {
          method: req.method,
          path: (req.url ?? '').split('?')[0],
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        },
        'request',
      );
    };
    res.once('finish', done);
    res.once('close', done);
    return next();
  });

  // JSON only (no multipart or form parsing): a request that carries a body of another type is
  // refused with 415 before anything reads it, on every route (a pre-handler: before routing, so unknown paths too).
  server.pre((req, res, next) => {
    const hasBody = Number(req.header('content-length') ?? 0) > 0 || req.header('transfer-encoding') !== undefined;
    if (hasBody && !isJson(req)) {
      jsonError(res, 415, 'UnsupportedMediaType', 'Send JSON with Content-Type: application/json.');
      return next(false);
    }
    return next();
  });
  // A newcomer (or a load balancer) opening the root URL learns what answers here and where to go.
  server.get('/', async (_req, res) => {
    res.json({
      name: 'Top Contact',
      what: 'Microsoft Teams bot (Bot Framework) of Woonservice IJsselland: callbacks, appointments, interpreters, second opinions.',
      version,
      endpoints: {
        messages: 'POST /api/messages (Bot Framework activities from Teams; signed requests only)',
        health: 'GET /healthz',
        intake: s.config.intake.apiKey
          ? 'POST /api/callbacks (Authorization: Bearer <INTAKE_API_KEY>)'
          : 'POST /api/callbacks (off: INTAKE_API_KEY is not set)',
      },
      use: 'Talk to the bot in Microsoft Teams (docs/teams-app.md), or locally in the Agents Playground with npm run dev.',
    });
  });

  server.get('/healthz', async (_req, res) => {
    const h = await s.health();
    res.status(h.storage.ok ? 200 : 503);
    res.json({ status: h.storage.ok ? 'ok' : 'degraded', version, storage: h.storage, botFrameworkAuth: h.botFrameworkAuth, ...h.details });
  });

  server.post('/api/messages', async (req, res) => {
    if (!isJson(req)) return jsonError(res, 415, 'UnsupportedMediaType', 'Send the activity as JSON (Content-Type: application/json).');
    const tenant = tenantOfBody(req.body);
    const allowed = s.config.allowedTenantIds;
    if (allowed.length > 0 && !allowed.includes(tenant)) {
      s.log.warn({ tenantKnown: tenant !== '' }, 'activity from a tenant that is not allowed was refused');
      return jsonError(res, 403, 'TenantNotAllowed', 'This tenant may not use this bot.');
    }
    const problem = activityProblem(req.body);
    if (problem) return jsonError(res, 400, 'BadActivity', `Expected a Bot Framework activity (problem: ${problem}).`);
    if (!s.config.bot.appId && !isLocalServiceUrl((req.body as { serviceUrl?: unknown }).serviceUrl)) {
      s.log.warn('activity with a non-local serviceUrl refused: Bot Framework authentication is off');
      return jsonError(
        res,
        403,
        'ServiceUrlNotLocal',
        'Without MicrosoftAppId this bot only talks to local service URLs (Agents Playground, tests).',
      );
    }
    // Sends caused by this activity wait until it has been answered (see OutboxDispatcher.afterAnswer).
    await s.outbox.afterAnswer(async () => {
      const outcome = await adapter.handle(
        req.header('authorization') ?? '',
        req.body as Record<string, unknown>,
        (ctx) => bot.run(ctx),
        s.log,
      );
      if (outcome.status === 'unauthorized') {
        res.header('WWW-Authenticate', 'Bearer');
        return jsonError(res, 401, 'Unauthorized', 'A valid Bot Framework token is required.');
      }
      if (outcome.status === 'failed') return jsonError(res, 500, 'InternalError', 'The activity could not be processed.');
      const ir = outcome.invokeResponse;
      // botbuilder answers invokes it does not support (unknown names, a card action that is not
      // Action.Execute) with 501; that is the sender's mistake, not a server fault.
      res.status(ir?.status === 501 ? 400 : (ir?.status ?? 200));
      if (ir?.body !== undefined && ir.body !== null) res.json(ir.body);
      else res.end();
    });
  });

  registerIntake(server, s);

  server.on('restifyError', (req, res, err, cb) => {
    // Body parser and routing errors as JSON with a clear code (413 too large, 415 wrong type, 400 bad JSON).
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    // Never the parser's own message: V8's JSON errors quote the body ("…" is not valid JSON), and the body may hold customer data.
    const message =
      status === 413
        ? 'Request body too large.'
        : status === 400
          ? 'The body is not valid JSON.'
          : status === 404
            ? 'Not found.'
            : status === 405
              ? 'Method not allowed.'
              : 'Request refused.';
    err.toJSON = () => ({ error: { code: err.name || 'Error', message } });
    return cb();
  });

  (server as restify.Server & { drain: (ms?: number) => Promise<void> }).drain = async (ms = 10_000) => {
    draining = true;
    const deadline = performance.now() + ms; // the drain budget of this process: monotonic
    while (inFlight > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  };
  return server;
}
