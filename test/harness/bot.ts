// Starts the real bot in-process on an ephemeral port (real HTTP, real restify, real storage),
// with a hand-moved clock, against the fake Bot Connector. Restart = stop + start on the same DB.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App, type AppOptions } from '../../src/app/app';
import { loadConfig, type Config } from '../../src/config/config';
import { ManualClock } from '../../src/domain/clock';
import { createLogger } from '../../src/logging';
import type { OutboxOptions } from '../../src/app/outbox';
import { logSink, noteItem } from './logCapture';
import type { Repository } from '../../src/storage/repository';
import { TEST_TENANT } from './roster';
import { postActivity } from './http';
import type { TeamsActivity } from './activities';

export interface BotUnderTest {
  app: App;
  url: string;
  clock: ManualClock;
  config: Config;
  databaseUrl: string;
  post(activity: TeamsActivity | Record<string, unknown>): Promise<{ status: number; body: any }>;
  /** Runs the scheduler's jobs and waits for the outbox to drain. */
  tick(): Promise<void>;
  /** Waits until the outbox has nothing left to do right now. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

export function tempSqliteUrl(name = 'tc'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  return `sqlite:${path.join(dir, 'topcontact.db')}`;
}

export interface StartOptions {
  env?: Record<string, string>;
  databaseUrl?: string;
  clock?: ManualClock;
  /** Default: Thursday 26 November 2026, 10:00 in Amsterdam. */
  now?: string;
  /** The clock runs at real speed from `now` (outbox retries need time to pass); set() still moves it. */
  realTime?: boolean;
  /** Outbox tuning, e.g. a scaled-down backoff. */
  outbox?: OutboxOptions;
  /** A storage adapter to use instead of DATABASE_URL (e.g. PostgreSQL on a test schema); migrated here. */
  repo?: Repository;
  /** Extra app options (e.g. graph: { credential } for the fake Graph). */
  app?: Partial<AppOptions>;
}

/** A ManualClock that also runs at real speed from where it was last set. */
export class RunningClock extends ManualClock {
  private base: number;
  private anchor = Date.now();
  constructor(start: Date | string) {
    super(start);
    this.base = new Date(start).getTime();
  }
  override now(): Date {
    return new Date(this.base + (Date.now() - this.anchor));
  }
  override set(at: Date | string): void {
    this.base = new Date(at).getTime();
    this.anchor = Date.now();
  }
  override advance(ms: number): void {
    this.base += ms;
  }
}

export async function startBot(opts: StartOptions = {}): Promise<BotUnderTest> {
  const databaseUrl = opts.databaseUrl ?? tempSqliteUrl();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ALLOWED_TENANT_IDS: TEST_TENANT,
    INTAKE_API_KEY: 'test-intake-key-0123456789',
    DATABASE_URL: databaseUrl,
    ...opts.env,
  });
  const start = opts.now ?? '2026-11-26T10:00:00+01:00';
  const clock = opts.clock ?? (opts.realTime ? new RunningClock(start) : new ManualClock(start));
  if (opts.repo) await opts.repo.migrate();
  // Every test bot logs at debug level into the run's log capture (scanned for personal data at the end).
  const app = await createApp(config, {
    clock,
    scheduler: false,
    logger: createLogger('debug', logSink),
    repo: opts.repo,
    outbox: opts.outbox,
    ...opts.app,
  });
  // Note the customer data each test stores, so the log scan knows what to look for.
  const commit = app.s.repo.commit.bind(app.s.repo);
  app.s.repo.commit = async (change) => {
    noteItem(change.item);
    return commit(change);
  };
  const url = await app.listen(0, '127.0.0.1');
  return {
    app,
    url,
    clock,
    config,
    databaseUrl,
    post: (activity) => postActivity(url, activity as TeamsActivity),
    tick: () => app.tick(),
    settle: async () => {
      app.s.outbox.kick();
      await app.s.outbox.idle();
    },
    stop: () => app.stop(),
  };
}
