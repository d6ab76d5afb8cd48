// Builds the whole bot from a configuration: storage, clock, calendar, services, the Teams
// adapter and the HTTP server, plus the scheduler tick. index.ts runs it; tests run it in-process.
import { ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import { botAuth } from '../teams/botAuth';
import { CredentialHealth } from '../auth/credentialHealth';
import { GRAPH_SETTINGS } from '../auth/tokenFailure';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type restify from 'restify';
import type { Config } from '../config/config';
import { offsetClock, systemClock, type Clock } from '../domain/clock';
import { WorkingCalendar } from '../domain/workingTime';
import type { Person } from '../domain/types';
import { createLogger, type Logger } from '../logging';
import { createServer, type HttpPorts } from '../http/server';
import { healthOf } from './health';
import { customerStoreFor, openRepository } from '../storage';
import type { Repository } from '../storage/repository';
import { TopContactBot } from '../teams/bot';
import { teamsDeliveries, type DeliveryPorts } from '../teams/delivery';
import { features } from '../teams/features';
import { featureDeliveries, type ItemCardRenderer } from '../teams/feature';
import { TeamsMessenger } from '../teams/proactive';
import { outbound } from '../teams/outbound';
import { InboundAdapter } from '../teams/inboundAdapter';
import { warmTemplates } from '../teams/cards/render';
import { deliveryProblemHooks } from './deliveryProblems';
import { poisonHooks } from './poisonMessages';
import { markDamagedItems } from './damagedItems';
import { followTheClock } from './cardClock';
import { appJobs } from './jobs';
import { nl } from '../texts/nl';
import { createGraphService, graphCredentialKind, type GraphClientOptions } from '../graph';
import { ItemService } from './itemService';
import { ITEM_PAGE_SIZE } from './itemPages';
import { loadItemView } from './itemView';
import { OutboxDispatcher, sendTimeoutMs, type OutboxOptions } from './outbox';
import { PeopleDirectory } from './people';
import { reportGraphAccess } from './graphAccess';
import { makePolicy } from './policy';
import { CustomerService } from './customers';
import { narrowPort, type Services } from './services';
import { useCasesOf } from './useCases';

export interface AppOptions {
  clock?: Clock;
  logger?: Logger;
  repo?: Repository;
  /** Start the periodic tick (default true). Tests drive tick() by hand. */
  scheduler?: boolean;
  /** Outbox tuning (tests scale the backoff down); the lock comes from OUTBOX_LOCK_SECONDS. */
  outbox?: OutboxOptions;
  /** Graph client options; tests inject a credential returning a fixed token (HTTP stays real). */
  graph?: GraphClientOptions;
  /** Items per page when jobs and start-up checks read items (default ITEM_PAGE_SIZE, app/itemPages.ts). */
  itemPageSize?: number;
}

export interface App {
  s: Services;
  server: restify.Server;
  adapter: InboundAdapter;
  listen(port?: number, host?: string): Promise<string>;
  /** Runs every periodic job once and delivers the outbox (what the scheduler does each tick). */
  tick(): Promise<void>;
  /**
   * Graceful stop: refuse new requests, finish the ones in flight (at most drainMs), cut the
   * connections left (idle keep-alive, half-sent requests), flush the outbox (at most flushMs),
   * close storage. Every wait is bounded, so an unreachable Bot Connector cannot hold it.
   */
  stop(opts?: { flushMs?: number; drainMs?: number }): Promise<void>;
}

/** How often the outbox looks for due messages by itself (besides kicks after commits and the tick). */
export const OUTBOX_POLL_MS = 5_000;

export const VERSION: string = (JSON.parse(readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as { version: string })
  .version;

/** Waits for p, but at most ms (a stop must end even when something hangs). */
function within(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const cap = new Promise<void>((r) => {
    timer = setTimeout(r, ms);
    timer.unref();
  });
  return Promise.race([p.then(() => undefined), cap]).finally(() => clearTimeout(timer));
}

export async function createApp(config: Config, opts: AppOptions = {}): Promise<App> {
  const log = opts.logger ?? createLogger(config.logLevel);
  const clock = opts.clock ?? (config.fakeNow ? offsetClock(config.fakeNow) : systemClock);
  const repo = opts.repo ?? (await openRepository(config.databaseUrl));
  const calendar = new WorkingCalendar(config.workingTime);
  const managers = new Set(config.managerIds);
  const isManager = (p: Person) => managers.has(p.id) || (!!p.teamsId && managers.has(p.teamsId));
  const outbox = new OutboxDispatcher(repo, clock, log, { lockMs: config.outboxLockSeconds * 1000, ...opts.outbox });
  const itemPageSize = opts.itemPageSize ?? ITEM_PAGE_SIZE;
  const customers = new CustomerService(customerStoreFor(repo), repo, clock, itemPageSize);
  const items = new ItemService({
    repo,
    clock,
    calendar,
    isManager,
    momentHorizonMonths: config.momentHorizonMonths,
    kick: () => outbox.kick(),
    customers,
    notReachedAttempts: config.conversation.notReachedAttempts,
    itemPageSize,
  });
  const graphAuth = config.graph ? new CredentialHealth('Microsoft Graph', GRAPH_SETTINGS(graphCredentialKind(config.graph)), log) : null;
  const graph = config.graph ? createGraphService(config.graph, clock, { ...opts.graph, health: graphAuth ?? undefined }) : null;
  const people = new PeopleDirectory({
    graph,
    graphConfig: config.graph,
    repo,
    clock,
    log,
    fallbackId: config.managerFallbackId,
    onAccessDenied: (tenantId, f, person) => reportGraphAccess(s, tenantId, f, { op: 'directory', userId: person.id, name: person.name }),
  });
  // The bot's sign-in (inbound token checks, outbound tokens): one credentials factory for both adapters.
  const bfAuth = botAuth(config, log);
  const s: Services = {
    config,
    clock,
    calendar,
    repo,
    items,
    outbox,
    log,
    isManager,
    policy: makePolicy(isManager),
    graph,
    people,
    customers,
    credentials: { bot: bfAuth.health, graph: graphAuth },
    itemPageSize,
    users: narrowPort(repo, ['getUser', 'upsertUser', 'listUsers']),
    bindings: narrowPort(repo, ['getBinding']),
    // Bound to `s` itself: read at each call, so the use cases see the whole services built here.
    ...useCasesOf(() => s),
  };
  if (!config.bot.appId) {
    log.warn(
      { botFrameworkAuth: 'off' },
      'Bot Framework authentication is OFF (no MicrosoftAppId): every activity is accepted unchecked, and the bot only talks to local service URLs (Agents Playground, tests)',
    );
  }

  const authOptions = bfAuth.options;
  const auth = new ConfigurationBotFrameworkAuthentication(authOptions, bfAuth.credentialsFactory);
  const adapter = new InboundAdapter(auth);
  adapter.onTurnError = async (ctx: TurnContext, err: unknown) => {
    log.error({ err, activityType: ctx.activity.type }, 'unhandled error in turn');
    if (ctx.activity.type === 'message') {
      await ctx.sendActivity(nl.common.somethingWrong).catch(() => undefined);
    }
  };

  const bot = new TopContactBot(s, features);
  // Outbox sends go through an adapter without botbuilder's own retries: the outbox owns retry and order.
  const sends = outbound(authOptions, sendTimeoutMs(outbox.options.lockMs), bfAuth.credentialsFactory);
  const messenger = new TeamsMessenger(sends, config.bot.appId, repo);
  outbox.hooks = { ...deliveryProblemHooks(s), ...poisonHooks(s) };
  const renderers: Partial<Record<string, ItemCardRenderer>> = Object.assign({}, ...features.map((f) => f.cards ?? {}));
  // Calendar sync is a no-op unless a feature registers its own handler below (features/agenda does).
  outbox.register('calendarSync', async () => ({ ok: true }));
  // The Teams deliveries get their ports only (teams/delivery.ts DeliveryPorts), not the whole services.
  const deliveryPorts: DeliveryPorts = {
    log: s.log,
    items: s.items,
    bindings: s.bindings,
    itemViews: s.itemViews,
    channelCards: s.channelCards,
  };
  for (const [type, handler] of Object.entries(teamsDeliveries(deliveryPorts, messenger, renderers))) outbox.register(type, handler);
  // Each feature's delivery handlers get only the services it declared (as its bot handlers do).
  for (const [type, handler] of featureDeliveries(s, features, messenger)) outbox.register(type, handler);

  // The HTTP edge gets its ports only (http/server.ts HttpPorts), not the whole services.
  const httpPorts: HttpPorts = {
    config: s.config,
    clock: s.clock,
    outbox: s.outbox,
    items: s.items,
    users: s.users,
    bindings: s.bindings,
    log: s.log,
    repo: { tenants: () => repo.tenants() },
    health: () => healthOf(s),
  };
  const server = createServer({ s: httpPorts, adapter, bot, version: VERSION });
  // The periodic jobs are the app's (app/jobs/index.ts); the adapter only renders what they enqueue.
  const jobs = appJobs();
  // Cards follow the clock: due channel cards are rendered and updated when their words changed.
  jobs.push(async (sv, now) => {
    await followTheClock(sv, now, async (item) => {
      const r = renderers[item.kind];
      return r ? r.channel(await loadItemView(sv, item)) : null;
    });
  });

  let ticking: Promise<void> | null = null;
  const tick = async () => {
    if (ticking) return ticking;
    ticking = (async () => {
      const now = clock.now();
      for (const job of jobs) {
        try {
          await job(s, now);
        } catch (err) {
          log.error({ err }, 'scheduled job failed');
        }
      }
      outbox.kick();
      await outbox.idle();
    })().finally(() => (ticking = null));
    return ticking;
  };

  // Stored moments beyond the horizon or unreadable: marked damaged and told to the managers once.
  await markDamagedItems(s);

  let timer: NodeJS.Timeout | null = null;
  let poller: NodeJS.Timeout | null = null;
  const app: App = {
    s,
    server,
    adapter,
    tick,
    listen: (port = config.port, host = config.host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          if (opts.scheduler !== false) {
            timer = setInterval(() => void tick(), config.tickSeconds * 1000);
            timer.unref();
            // The outbox also looks for due work on its own every few seconds: messages whose lock
            // expired (an instance died while sending) or whose retry came due are not left for the tick.
            poller = setInterval(() => outbox.kick(), OUTBOX_POLL_MS);
            poller.unref();
            void tick(); // catch up at once: a digest or reminder missed while down goes out now
          }
          // The card templates are parsed now that the server answers (see prepareTemplates).
          void warmTemplates();
          const addr = server.address() as { port: number };
          resolve(`http://127.0.0.1:${addr.port}`);
        });
      }),
    stop: async (o = {}) => {
      if (timer) clearInterval(timer);
      if (poller) clearInterval(poller);
      // 1. Refuse new requests (503 + Connection: close) and wait for the turns in flight.
      await (server as restify.Server & { drain?: (ms?: number) => Promise<void> }).drain?.(o.drainMs ?? 10_000);
      // 2. Stop listening and cut what is left: idle keep-alive connections and requests whose
      //    body never finished would otherwise keep close() waiting for ever.
      const closed = new Promise<void>((r) => server.close(() => r()));
      const http = server.server as import('node:http').Server;
      http.closeIdleConnections?.();
      http.closeAllConnections?.();
      await closed;
      if (ticking)
        await within(
          ticking.catch(() => undefined),
          1_000,
        );
      // 3. Send what those turns queued, within the flush window; the rest (also a send still
      //    waiting on an unreachable connector) stays in the outbox for the next start.
      await within(outbox.stop(o.flushMs ?? 0), (o.flushMs ?? 0) + 1_000);
      sends.close();
      await repo.close();
    },
  };
  return app;
}
