/**
 * Local trial of Top Contact in the Microsoft 365 Agents Playground (no Teams tenant needed).
 *
 *   npm run dev                      # then open the printed URL
 *   OPEN_BROWSER=1 npm run dev       # let the Playground open a browser itself
 *
 * 1. Starts the bot (`node dist/src/index.js`, PORT default 3978) unless one already answers on
 *    http://127.0.0.1:PORT/healthz, and waits until /healthz answers.
 * 2. Starts the Playground CLI on PLAYGROUND_PORT (default 56150) with .m365agentsplayground.yml
 *    from the project root, and waits until /_debug/ping answers.
 * 3. Prints the URL to open. Ctrl-C stops both.
 *
 * The Playground sends unauthenticated requests, so the bot is started with the MicrosoftApp*
 * credentials blanked (auth off); nothing leaves this machine. `.env` is read as for the bot.
 * DEV_BOT_ENTRY=<file.js> runs another bot entry point (e.g. a stand-in while testing this script).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { parseDotEnv } from './packageManifest';

export const PLAYGROUND_VERSION = '0.2.28';
export const CONFIG_FILE = '.m365agentsplayground.yml';
const STARTUP_TIMEOUT_MS = 60_000;

export function projectRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, CONFIG_FILE))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`${CONFIG_FILE} not found above ${__dirname}`);
    dir = parent;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1500) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Waits until `url` answers 2xx; rejects when `child` exits first or after the timeout. */
export async function waitFor(url: string, what: string, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let exited: number | null | undefined;
  child?.once('exit', (code, signal) => (exited = code ?? (signal ? 1 : 0)));
  while (Date.now() < deadline) {
    if (exited !== undefined) throw new ExitError(`${what} stopped (exit code ${exited}) before ${url} answered`, exited || 1);
    if (await answers(url)) return;
    await sleep(250);
  }
  throw new ExitError(`${what} did not answer on ${url} within ${STARTUP_TIMEOUT_MS / 1000} s`, 1);
}

/** The Playground's signed-in user (`currentUser` in .m365agentsplayground.yml), or null. */
export function playgroundUser(config: string): { name: string; aadObjectId: string } | null {
  const block = /^currentUser:\n((?:[ \t]+.*\n?)*)/m.exec(config)?.[1] ?? '';
  const field = (k: string) => new RegExp(`^\\s+${k}:\\s*["']?([^"'\\n#]+?)["']?\\s*$`, 'm').exec(block)?.[1];
  const aadObjectId = field('aadObjectId');
  return aadObjectId ? { name: field('name') ?? aadObjectId, aadObjectId } : null;
}

export class ExitError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

/** Command to run the Playground: the local devDependency, else npx with a pinned version. */
export function playgroundCommand(root: string): { command: string; args: string[]; label: string } {
  try {
    const pkg = require.resolve('@microsoft/m365agentsplayground/package.json', { paths: [root] });
    return { command: process.execPath, args: [path.join(path.dirname(pkg), 'cli.js')], label: 'agentsplayground' };
  } catch {
    console.warn(
      `[dev] @microsoft/m365agentsplayground is not installed; using npx -y @microsoft/m365agentsplayground@${PLAYGROUND_VERSION} (slower).`,
    );
    const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
    return { command: npx, args: ['-y', `@microsoft/m365agentsplayground@${PLAYGROUND_VERSION}`], label: 'npx agentsplayground' };
  }
}

/** The error lines the Playground wrote to its log since `fromByte` (it says why only there). */
export function playgroundLogErrors(logFile: string, fromByte: number): string[] {
  if (!fs.existsSync(logFile)) return [];
  const text = fs.readFileSync(logFile).subarray(fromByte).toString('utf8');
  return text
    .split(/\r?\n/)
    .filter((l) => /^error\b/.test(l))
    .slice(-10);
}

export function stop(child: ChildProcess | undefined, name: string): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  const pid = child.pid;
  return new Promise((resolve) => {
    const kill = (signal: NodeJS.Signals) => {
      try {
        process.kill(-pid, signal); // the child's own process group (spawned detached)
      } catch {
        try {
          child.kill(signal);
        } catch {
          /* already gone */
        }
      }
    };
    const timer = setTimeout(() => {
      console.warn(`[dev] ${name} did not stop within 5 s; killing it`);
      kill('SIGKILL');
    }, 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    kill('SIGTERM');
  });
}

const children: { bot?: ChildProcess; playground?: ChildProcess } = {};
let stopping = false;

/** Stops both children (SIGTERM, SIGKILL after 5 s) and exits. */
async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.all([stop(children.playground, 'Playground'), stop(children.bot, 'bot')]);
  process.exit(code);
}

async function main(): Promise<number> {
  const root = projectRoot();
  const dotEnvFile = path.join(root, '.env');
  const env: NodeJS.ProcessEnv = {
    ...(fs.existsSync(dotEnvFile) ? parseDotEnv(fs.readFileSync(dotEnvFile, 'utf8')) : {}),
    ...process.env,
  };
  const port = Number(env.PORT || 3978);
  const playgroundPort = Number(env.PLAYGROUND_PORT || 56150);
  const botBase = `http://127.0.0.1:${port}`;
  process.on('SIGINT', () => {
    console.log('\n[dev] stopping the Playground and the bot …');
    void shutdown(0);
  });
  process.on('SIGTERM', () => void shutdown(0));
  process.on('exit', () => {
    // Last resort (e.g. an uncaught error): never leave the children running.
    for (const c of [children.playground, children.bot]) {
      if (c?.pid && c.exitCode === null && c.signalCode === null) {
        try {
          process.kill(-c.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
    }
  });

  // Tenant check: a bot limited to ALLOWED_TENANT_IDS must let the Playground's tenant in.
  const config = fs.readFileSync(path.join(root, CONFIG_FILE), 'utf8');
  const tenant = /^tenantId:\s*["']?([^"'\s#]+)/m.exec(config)?.[1];
  const allowed = (env.ALLOWED_TENANT_IDS || '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (tenant && allowed.length && !allowed.includes(tenant)) {
    console.warn(`[dev] ALLOWED_TENANT_IDS does not contain the Playground tenant ${tenant}; the bot may ignore every message.`);
  }

  const you = playgroundUser(config);
  const managerIds = [...(env.MANAGER_IDS || '').split(','), you?.aadObjectId ?? '']
    .map((x) => x.trim())
    .filter(Boolean)
    .join(',');

  // 1. The bot.
  if (await answers(`${botBase}/healthz`)) {
    console.log(`[dev] a bot already answers on ${botBase}/healthz; using it (not starting another).`);
  } else {
    if (await portInUse(port)) {
      throw new ExitError(`port ${port} is taken by something that does not answer /healthz; stop it or set PORT`, 1);
    }
    const entry = path.resolve(root, env.DEV_BOT_ENTRY || path.join('dist', 'src', 'index.js'));
    if (!fs.existsSync(entry)) {
      throw new ExitError(`bot entry ${path.relative(root, entry)} not found; run "npm run build" first (npm run dev does)`, 1);
    }
    console.log(`[dev] starting the bot: node ${path.relative(root, entry)} (PORT=${port}, Bot Framework auth off for the Playground)`);
    children.bot = spawn(process.execPath, ['--disable-warning=DEP0111', entry], {
      cwd: root,
      env: {
        ...env,
        PORT: String(port),
        // The Playground's user is a manager here, so rapport, inzage and tolk overzicht can be tried.
        MANAGER_IDS: managerIds,
        MicrosoftAppId: '',
        MicrosoftAppPassword: '',
        MicrosoftAppTenantId: '',
        MicrosoftAppType: '',
      },
      stdio: 'inherit',
      detached: true,
    });
    await waitFor(`${botBase}/healthz`, 'the bot', children.bot);
    console.log(`[dev] bot is up: ${botBase}/healthz`);
    if (you)
      console.log(
        `[dev] ${you.name}, the Playground's user, is a manager (leidinggevende) in this bot (MANAGER_IDS): try rapport, inzage and tolk overzicht.`,
      );
  }

  // 2. The Playground.
  if (await portInUse(playgroundPort)) {
    // The Playground would silently move to a random port; say so instead.
    throw new ExitError(`port ${playgroundPort} is in use (another Playground?); stop it or set PLAYGROUND_PORT`, 1);
  }
  const logFile = path.join(root, 'devTools', 'm365agentsplayground.log');
  const logStart = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
  const pg = playgroundCommand(root);
  const args = [...pg.args, '-e', `${botBase}/api/messages`, '-c', 'msteams', '-p', String(playgroundPort), '--disable-telemetry'];
  const pgEnv: NodeJS.ProcessEnv = {
    ...env,
    // The Playground's own dependencies print deprecation warnings that are not ours to fix.
    NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} --no-deprecation`.trim(),
    APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
    M365_AGENTS_PLAYGROUND_CONFIG_PATH: path.join(root, CONFIG_FILE),
    M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
  };
  if (env.OPEN_BROWSER === '1') delete pgEnv.TEAMSAPPTESTER_BROWSER;
  else pgEnv.TEAMSAPPTESTER_BROWSER = 'none';
  console.log(`[dev] starting the Playground (${pg.label}) on port ${playgroundPort} with ${CONFIG_FILE}`);
  children.playground = spawn(pg.command, args, { cwd: root, env: pgEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  children.playground.stdout?.on('data', (d: Buffer) => process.stdout.write(prefixLines('[playground] ', d)));
  children.playground.stderr?.on('data', (d: Buffer) => process.stderr.write(prefixLines('[playground] ', d)));
  try {
    await waitFor(`http://127.0.0.1:${playgroundPort}/_debug/ping`, 'the Playground', children.playground);
  } catch (err) {
    // Give it a moment to finish writing its log.
    await sleep(300);
    const lines = playgroundLogErrors(logFile, logStart);
    if (lines.length) {
      console.error(`[dev] the Playground says (${path.relative(root, logFile)}):`);
      for (const l of lines) console.error(`  ${l}`);
    } else {
      console.error(`[dev] see ${path.relative(root, logFile)} for the Playground's reasons`);
    }
    throw err;
  }

  const url = `http://localhost:${playgroundPort}`;
  console.log('');
  console.log(`  Top Contact runs in the Microsoft 365 Agents Playground: open ${url}`);
  console.log('  Type "hulp" in the personal chat. In the team "Klantcontact WIJ" @mention Top Contact;');
  console.log('  use "Mock an Activity" for install / add-member events. Ctrl-C stops the Playground and the bot.');
  console.log('');

  // 3. Run until Ctrl-C, or until one of the two stops by itself.
  return new Promise<number>((resolve) => {
    const onExit = (name: string) => (code: number | null) => {
      if (stopping) return;
      console.error(`[dev] the ${name} stopped (exit code ${code ?? 'signal'}); stopping the rest.`);
      if (name === 'Playground') for (const l of playgroundLogErrors(logFile, logStart)) console.error(`  ${l}`);
      resolve(code || 1);
    };
    children.playground?.once('exit', onExit('Playground'));
    children.bot?.once('exit', onExit('bot'));
  });
}

export function prefixLines(prefix: string, data: Buffer): string {
  return data
    .toString('utf8')
    .split(/(?<=\n)/)
    .map((l) => (l.trim() ? prefix + l : l))
    .join('');
}

if (require.main === module) {
  main().then(
    (code) => shutdown(code),
    (err: unknown) => {
      console.error(`[dev] ${err instanceof Error ? err.message : String(err)}`);
      return shutdown(err instanceof ExitError ? err.code : 1);
    },
  );
}
