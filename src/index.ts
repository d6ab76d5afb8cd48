// Entry point: configuration, then the app, then signals for a graceful stop.
import { ConfigError, loadConfig } from './config/config';
import { createApp } from './app/app';

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
  const url = await app.listen();
  app.s.log.info({ url, storage: app.s.repo.kind, fakeNow: config.fakeNow?.toISOString() }, 'Top Contact is ready');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.s.log.info({ signal }, 'stopping: finishing in-flight requests');
    await app.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

void main().catch((err) => {
  process.stderr.write(`Top Contact kon niet starten: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
