// Entry point: configuration, then the app, then signals for a graceful stop.
// SIGTERM/SIGINT: stop taking requests (503 + Connection: close), finish the turns in flight,
// send what the outbox has due (at most SHUTDOWN_FLUSH_MS), close storage, exit 0. A stop that
// hangs is cut off after HARD_STOP_MS with exit code 1; what was not sent stays in the outbox.
import { ConfigError, loadConfig } from './config/config';
import { createApp } from './app/app';
import { nl } from './texts/nl';

const SHUTDOWN_FLUSH_MS = 5_000;
const HARD_STOP_MS = 25_000;

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
      await app.stop({ flushMs: SHUTDOWN_FLUSH_MS });
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
