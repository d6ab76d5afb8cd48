// Builds the whole bot from a configuration: storage, clock, calendar, services, the Teams
// adapter and the HTTP server, plus the scheduler tick. index.ts runs it; tests run it in-process.
import { ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type restify from 'restify';
import type { Config } from '../config/config';
import { offsetClock, systemClock, type Clock } from '../domain/clock';
import { WorkingCalendar } from '../domain/workingTime';
import type { Person } from '../domain/types';
import { createLogger, type Logger } from '../logging';
import { createServer } from '../http/server';
import { openRepository } from '../storage';
import type { Repository } from '../storage/repository';
import { TopContactBot } from '../teams/bot';
import { teamsDeliveries } from '../teams/delivery';
import { features } from '../teams/features';
import { TeamsMessenger } from '../teams/proactive';
import { outboundAdapter } from '../teams/outbound';
import { InboundAdapter } from '../teams/inboundAdapter';
import { deliveryProblemHooks } from './deliveryProblems';
import { nl } from '../texts/nl';
import { createGraphService, type GraphClientOptions } from '../graph';
import { ItemService } from './itemService';
import { OutboxDispatcher, sendTimeoutMs, type OutboxOptions } from './outbox';
import { PeopleDirectory } from './people';
import { makePolicy } from './policy';
import type { Services } from './services';

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
}

export interface App {
  s: Services;
  server: restify.Server;
  adapter: InboundAdapter;
  listen(port?: number, host?: string): Promise<string>;
  /** Runs every periodic job once and delivers the outbox (what the scheduler does each tick). */
  tick(): Promise<void>;
  /** Graceful stop: refuse new requests, finish the ones in flight, flush the outbox (at most flushMs), close storage. */
  stop(opts?: { flushMs?: number }): Promise<void>;
}

/** How often the outbox looks for due messages by itself (besides kicks after commits and the tick). */
export const OUTBOX_POLL_MS = 5_000;

export const VERSION: string = (JSON.parse(readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as { version: string }).version;

export async function createApp(config: Config, opts: AppOptions = {}): Promise<App> {
  const log = opts.logger ?? createLogger(config.logLevel);
  const clock = opts.clock ?? (config.fakeNow ? offsetClock(config.fakeNow) : systemClock);
  const repo = opts.repo ?? (await openRepository(config.databaseUrl));
  const calendar = new WorkingCalendar(config.workingTime);
  const managers = new Set(config.managerIds);
  const isManager = (p: Person) => managers.has(p.id) || (!!p.teamsId && managers.has(p.teamsId));
  const outbox = new OutboxDispatcher(repo, clock, log, { lockMs: config.outboxLockSeconds * 1000, ...opts.outbox });
  const items = new ItemService({ repo, clock, calendar, isManager, kick: () => outbox.kick() });
  const graph = config.graph ? createGraphService(config.graph, clock, opts.graph) : null;
  const people = new PeopleDirectory({ graph, graphConfig: config.graph, repo, clock, log, fallbackId: config.managerFallbackId });
  const s: Services = { config, clock, calendar, repo, items, outbox, log, isManager, policy: makePolicy(isManager), graph, people };

  const authOptions = {
    MicrosoftAppId: config.bot.appId,
    MicrosoftAppPassword: config.bot.appPassword,
    // Without an app id the adapter runs unauthenticated (local trial, tests); SingleTenant would refuse that.
    MicrosoftAppType: config.bot.appId ? config.bot.appType : 'MultiTenant',
    MicrosoftAppTenantId: config.bot.tenantId,
  };
  const auth = new ConfigurationBotFrameworkAuthentication(authOptions);
  const adapter = new InboundAdapter(auth);
  adapter.onTurnError = async (ctx: TurnContext, err: unknown) => {
    log.error({ err, activityType: ctx.activity.type }, 'unhandled error in turn');
    if (ctx.activity.type === 'message') {
      await ctx.sendActivity(nl.common.somethingWrong).catch(() => undefined);
    }
  };

  const bot = new TopContactBot(s, features);
  // Outbox sends go through an adapter without botbuilder's own retries: the outbox owns retry and order.
  const messenger = new TeamsMessenger(outboundAdapter(authOptions, sendTimeoutMs(outbox.options.lockMs)), config.bot.appId, repo);
  outbox.hooks = deliveryProblemHooks(s);
  const renderers = Object.assign({}, ...features.map((f) => f.cards ?? {}));
  // Calendar sync is a no-op unless a feature registers its own handler below (features/agenda does).
  outbox.register('calendarSync', async () => ({ ok: true }));
  for (const [type, handler] of Object.entries(teamsDeliveries(s, messenger, renderers))) outbox.register(type, handler);
  for (const f of features) for (const [type, make] of Object.entries(f.deliveries ?? {})) outbox.register(type, make(s, messenger));

  const server = createServer({ s, adapter, bot, version: VERSION });
  const jobs = features.flatMap((f) => f.jobs ?? []);

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

  let timer: NodeJS.Timeout | null = null;
  let poller: NodeJS.Timeout | null = null;
  const app: App = {
    s, server, adapter, tick,
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
          const addr = server.address() as { port: number };
          resolve(`http://127.0.0.1:${addr.port}`);
        });
      }),
    stop: async (o = {}) => {
      if (timer) clearInterval(timer);
      if (poller) clearInterval(poller);
      // 1. Refuse new requests (503 + Connection: close) and wait for the turns in flight.
      await (server as restify.Server & { drain?: () => Promise<void> }).drain?.();
      await new Promise<void>((r) => server.close(() => r()));
      if (ticking) await ticking.catch(() => undefined);
      // 2. Send what those turns queued, within the flush window; the rest waits for the next start.
      await outbox.stop(o.flushMs ?? 0);
      await repo.close();
    },
  };
  return app;
}
