// Entry point: configuration, then the app, then signals for a graceful stop.
// SIGTERM/SIGINT: stop taking requests (503 + Connection: close), finish the turns in flight (at
// most SHUTDOWN_DRAIN_MS), cut idle and half-sent connections, send what the outbox has due (at
// most SHUTDOWN_FLUSH_MS), close storage, exit 0: within 10 s (Kubernetes' and App Service's grace
// is longer), also with the Bot Connector unreachable. A stop that still hangs is cut off after
// HARD_STOP_MS with exit code 1; what was not sent stays in the outbox.
import { ConfigError, loadConfig } from './config/config';
import { nl } from './texts/nl';

const SHUTDOWN_DRAIN_MS = 3_000;
const SHUTDOWN_FLUSH_MS = 3_000;
const HARD_STOP_MS = 9_500;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`Configuratiefout: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  // Loaded after the configuration is checked: a wrong setting is reported at once, not after
  // botbuilder and the rest have been loaded (seconds on a busy machine).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createApp } = require('./app/app') as typeof import('./app/app');
  const app = await createApp(config);
  const log = app.s.log;
  process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled promise rejection'));
  const url = await app.listen();
  log.info({ url, storage: app.s.repo.kind, fakeNow: config.fakeNow?.toISOString() }, 'Top Contact is ready');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping: finishing in-flight requests');
    setTimeout(() => {
      log.error({ signal }, 'stop took too long: exiting');
      process.exit(1);
    }, HARD_STOP_MS).unref();
    try {
      await app.stop({ flushMs: SHUTDOWN_FLUSH_MS, drainMs: SHUTDOWN_DRAIN_MS });
      log.info({ signal }, 'stopped');
      process.exit(0);
    } catch (err) {
      log.error({ err }, 'stop failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

void main().catch((err) => {
  process.stderr.write(`${nl.common.startFailed(err instanceof Error ? err.message : String(err))}\n`);
  process.exit(1);
});
