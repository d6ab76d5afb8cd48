// Starts what the e2e run talks to: the bot (fresh SQLite in a temp dir, auth off, FAKE_NOW) and the
// Microsoft 365 Agents Playground (in its own temp working directory, so its devTools/ logs stay out
// of the repo), each on a free port and in its own process group, so stop() ends everything they
// started. Reuses the start/stop helpers of scripts/dev.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { CONFIG_FILE, playgroundLogErrors, projectRoot, stop, waitFor } from '../scripts/dev';

export interface StackOptions {
  /** ISO instant the bot's clock (and the Playground's) starts at. */
  fakeNow: string;
  /** Print the children's output as it comes (E2E_VERBOSE=1). */
  verbose?: boolean;
}

export interface Stack {
  root: string;
  tmp: string;
  botUrl: string;
  playgroundUrl: string;
  /** The Playground's config (users, team, channel ids), as copied into the temp dir. */
  config: string;
  botLog: string;
  playgroundLog: string;
  /** Bearer key of the bot's intake API (POST /api/callbacks), made up for this run. */
  intakeKey: string;
  stop(): Promise<void>;
  /** SIGKILL to the children's process groups, synchronously (for process 'exit'). */
  killNow(): void;
  /** The last lines of both logs, for a failure report. */
  tails(lines?: number): string;
}

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

function tail(file: string, n: number): string {
  if (!fs.existsSync(file)) return '';
  return fs.readFileSync(file, 'utf8').split(/\r?\n/).filter(Boolean).slice(-n).join('\n');
}

function spawnLogged(
  command: string,
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv; log: string; verbose?: boolean; label: string },
): ChildProcess {
  const out = fs.openSync(opts.log, 'a');
  const child = spawn(command, args, {
    cwd: opts.cwd,
    env: opts.env,
    // Own process group: stop() signals the whole group, never anything else.
    detached: true,
    stdio: ['ignore', opts.verbose ? 'pipe' : out, opts.verbose ? 'pipe' : out],
  });
  if (opts.verbose) {
    for (const s of [child.stdout, child.stderr]) {
      s?.on('data', (d: Buffer) => {
        fs.appendFileSync(opts.log, d);
        process.stderr.write(d.toString('utf8').replace(/^(?=.)/gm, `[${opts.label}] `));
      });
    }
  }
  fs.closeSync(out);
  return child;
}

export async function startStack(o: StackOptions): Promise<Stack> {
  const root = projectRoot();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'topcontact-e2e-'));
  const children: { name: string; child: ChildProcess }[] = [];
  const botLog = path.join(tmp, 'bot.log');
  const playgroundDir = path.join(tmp, 'playground');
  const playgroundLog = path.join(playgroundDir, 'devTools', 'm365agentsplayground.log');
  const playgroundOut = path.join(tmp, 'playground.out');
  fs.mkdirSync(path.dirname(playgroundLog), { recursive: true });
  const config = fs.readFileSync(path.join(root, CONFIG_FILE), 'utf8');
  fs.writeFileSync(path.join(playgroundDir, CONFIG_FILE), config);

  let stopping: Promise<void> | undefined;
  const stack: Stack = {
    root,
    tmp,
    botUrl: '',
    playgroundUrl: '',
    config,
    botLog,
    playgroundLog,
    intakeKey: randomBytes(18).toString('base64url'),
    /** SIGTERM to each child's process group, SIGKILL after 5 s; every caller waits for the same end. */
    stop() {
      stopping ??= Promise.all(children.map((c) => stop(c.child, c.name))).then(() => undefined);
      return stopping;
    },
    killNow() {
      for (const { child } of children) {
        if (child.pid && child.exitCode === null && child.signalCode === null) {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            /* gone */
          }
        }
      }
    },
    tails(n = 15) {
      return [
        `--- bot (${botLog})`,
        tail(botLog, n),
        `--- Playground (${playgroundOut})`,
        tail(playgroundOut, n),
        ...playgroundLogErrors(playgroundLog, 0).map((l) => `  ${l}`),
      ].join('\n');
    },
  };
  try {
    // 1. The bot. Only what the run needs is set; the Playground does not sign requests (auth off).
    const botPort = await freePort();
    const entry = path.join(root, 'dist', 'src', 'index.js');
    if (!fs.existsSync(entry))
      throw new Error(`${path.relative(root, entry)} not found: run "npm run build" first (npm run test:e2e does)`);
    const tenant = /^tenantId:\s*["']?([^"'\s#]+)/m.exec(config)?.[1] ?? '';
    const botStarted = Date.now();
    const bot = spawnLogged(process.execPath, ['--disable-warning=DEP0111', entry], {
      cwd: tmp,
      label: 'bot',
      log: botLog,
      verbose: o.verbose,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        TZ: process.env.TZ,
        NODE_ENV: 'development',
        PORT: String(botPort),
        HOST: '127.0.0.1',
        DATABASE_URL: `sqlite:${path.join(tmp, 'topcontact.db')}`,
        FAKE_NOW: o.fakeNow,
        ALLOWED_TENANT_IDS: tenant,
        INTAKE_API_KEY: stack.intakeKey,
        // The daily digest is posted by the `digest` scenario, not by the scheduler in mid-run.
        DIGEST_TIME: '16:30',
        LOG_LEVEL: 'info',
        MicrosoftAppId: '',
        MicrosoftAppPassword: '',
        MicrosoftAppTenantId: '',
        MicrosoftAppType: '',
      },
    });
    children.push({ name: 'bot', child: bot });
    stack.botUrl = `http://127.0.0.1:${botPort}`;
    await waitFor(`${stack.botUrl}/healthz`, 'the bot', bot);

    // 2. The Playground, from the devDependency (never npx: no downloads in a test run).
    let cli: string;
    try {
      cli = path.join(path.dirname(require.resolve('@microsoft/m365agentsplayground/package.json', { paths: [root] })), 'cli.js');
    } catch {
      throw new Error('@microsoft/m365agentsplayground is not installed: run "npm ci"');
    }
    const pgPort = await freePort();
    const pg = spawnLogged(
      process.execPath,
      [
        '-r',
        path.join(__dirname, 'playgroundClock.js'),
        cli,
        '-e',
        `${stack.botUrl}/api/messages`,
        '-c',
        'msteams',
        '-p',
        String(pgPort),
        '--disable-telemetry',
      ],
      {
        cwd: playgroundDir,
        label: 'playground',
        log: playgroundOut,
        verbose: o.verbose,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          TZ: process.env.TZ,
          TEAMSAPPTESTER_BROWSER: 'none',
          APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
          M365_AGENTS_PLAYGROUND_CONFIG_PATH: path.join(playgroundDir, CONFIG_FILE),
          M365_AGENTS_PLAYGROUND_LOGFILE: playgroundLog,
          // The bot's clock started at FAKE_NOW when it was spawned; start the Playground's where the bot's is now.
          E2E_FAKE_NOW: new Date(Date.parse(o.fakeNow) + (Date.now() - botStarted)).toISOString(),
        },
      },
    );
    children.push({ name: 'Playground', child: pg });
    stack.playgroundUrl = `http://localhost:${pgPort}`;
    await waitFor(`http://127.0.0.1:${pgPort}/_debug/ping`, 'the Playground', pg);
    return stack;
  } catch (err) {
    const report = stack.tails();
    await stack.stop();
    throw Object.assign(err instanceof Error ? err : new Error(String(err)), { report });
  }
}
