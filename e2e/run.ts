/**
 * End to end in the Microsoft 365 Agents Playground: `npm run test:e2e`.
 *
 * Starts the bot (fresh SQLite in a temp dir, auth off, FAKE_NOW) and the Playground, each on a free
 * port, and drives the Playground's web UI in headless Debian Chromium (playwright-core; no browser
 * download, every request that is not to localhost is blocked). Runs the scenarios of
 * e2e/scenarios.ts in order, prints one line per scenario and "N passed, N failed, N skipped", and exits 1 when
 * one failed. Screenshots go to build/e2e/ (a failed scenario leaves `<id>-FAILED.png` there).
 *
 *   node dist/e2e/run.js                  # test run (npm run test:e2e)
 *   node dist/e2e/run.js --docs           # also writes the screenshots to docs/img/e2e/ (npm run docs:screenshots)
 *   E2E_VERBOSE=1 …                       # the bot's and the Playground's output on stderr
 *   E2E_ONLY=03-terugbellen …             # run these scenarios (comma-separated) and what they need
 *   E2E_HEADED=1 …                        # watch it (needs a display)
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { CHROMIUM_ARGS } from '../scripts/cardRenderer';
import { features } from '../src/teams/features';
import { AssertionError, type Scenario, type World } from './scenario';
import { scenarios } from './scenarios';
import { startStack, type Stack } from './stack';
import { PlaygroundUi } from './ui';

/** A Thursday morning: the callback deadline is the end of Friday. Same pictures every run. */
const FAKE_NOW = process.env.E2E_FAKE_NOW || '2026-11-26T09:00:00+01:00';
const RUN_TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_S || 360) * 1000;
const STEP_TIMEOUT_MS = 15_000;
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

type Outcome = { id: string; status: 'passed' | 'failed' | 'skipped'; ms: number; note?: string };

function yamlValue(config: string, pattern: RegExp, what: string): string {
  const m = pattern.exec(config);
  if (!m) throw new Error(`.m365agentsplayground.yml: ${what} not found`);
  return m[1].trim().replace(/^["']|["']$/g, '');
}

function teamsContext(config: string): World['teams'] {
  const team = config.slice(config.search(/^team:/m));
  const users = config.slice(config.search(/^users:/m));
  return {
    tenantId: yamlValue(config, /^tenantId:\s*(.+)$/m, 'tenantId'),
    teamId: yamlValue(team, /^\s+id:\s*(.+)$/m, 'team.id'),
    teamName: yamlValue(team, /^\s+name:\s*(.+)$/m, 'team.name'),
    channelId: yamlValue(team, /channels:\s*\n\s*-\s*id:\s*(.+)$/m, 'team.channels[0].id'),
    channelName: yamlValue(team, /channels:\s*\n\s*-\s*id:.*\n\s*name:\s*(.+)$/m, 'team.channels[0].name'),
    personalChatId: yamlValue(config, /^personalChat:\s*\n\s+id:\s*(.+)$/m, 'personalChat.id'),
    me: yamlValue(config, /^currentUser:\s*\n(?:\s+.*\n)*?\s+name:\s*(.+)$/m, 'currentUser.name'),
    colleague: {
      id: yamlValue(users, /-\s*id:\s*(.+)$/m, 'users[0].id'),
      name: yamlValue(users, /^\s+name:\s*(.+)$/m, 'users[0].name'),
      aadObjectId: yamlValue(users, /^\s+aadObjectId:\s*(.+)$/m, 'users[0].aadObjectId'),
    },
  };
}

function selected(all: Scenario[]): Scenario[] {
  const only = (process.env.E2E_ONLY || '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!only.length) return all;
  const want = new Set<string>();
  const add = (id: string) => {
    if (want.has(id)) return;
    const s = all.find((x) => x.id === id || x.id.includes(id));
    if (!s) throw new Error(`E2E_ONLY: no scenario "${id}"`);
    want.add(s.id);
    for (const n of s.needs ?? []) add(n);
  };
  only.forEach(add);
  return all.filter((s) => want.has(s.id));
}

async function main(): Promise<number> {
  const started = Date.now();
  const docs = process.argv.includes('--docs');
  const headed = process.env.E2E_HEADED === '1';
  const botCommands = new Set(features.flatMap((f) => Object.keys(f.commands ?? {}).map((c) => c.toLowerCase())));
  if (!fs.existsSync(CHROMIUM)) {
    console.error(
      `[e2e] ${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium); this run never downloads a browser.`,
    );
    return 1;
  }

  let stack: Stack | undefined;
  let context: BrowserContext | undefined;
  let finished = false;
  let closing: Promise<void> | undefined;
  // Idempotent: the watchdog, a signal and the normal end all wait for the same full stop.
  const shutdown = () =>
    (closing ??= (async () => {
      await context?.close().catch(() => undefined);
      await stack?.stop();
    })());
  // Whatever happens (timeout, Ctrl-C, a crash), the bot, the Playground and Chromium stop.
  const watchdog = setTimeout(() => {
    if (finished) return;
    console.error(`[e2e] the run took longer than ${RUN_TIMEOUT_MS / 1000} s: stopping everything`);
    if (stack) console.error(stack.tails());
    void shutdown().finally(() => process.exit(1));
  }, RUN_TIMEOUT_MS);
  watchdog.unref();
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      console.error(`[e2e] ${sig}: stopping everything`);
      void shutdown().finally(() => process.exit(130));
    });
  }

  const outcomes: Outcome[] = [];
  try {
    stack = await startStack({ fakeNow: FAKE_NOW, verbose: process.env.E2E_VERBOSE === '1' });
    process.on('exit', stack.killNow); // last resort (an uncaught error): never leave the children running
    console.log(
      `[e2e] bot ${stack.botUrl}, Playground ${stack.playgroundUrl}, clock ${FAKE_NOW}, temp ${stack.tmp} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    const teams = teamsContext(stack.config);

    const outDir = path.join(stack.root, 'build', 'e2e');
    const docsDir = path.join(stack.root, 'docs', 'img', 'e2e');
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.mkdirSync(outDir, { recursive: true });
    if (docs) fs.mkdirSync(docsDir, { recursive: true });

    const shots: string[] = [];
    const blocked = new Set<string>();
    context = await chromium.launchPersistentContext(path.join(stack.tmp, 'chromium-profile'), {
      executablePath: CHROMIUM,
      args: headed ? CHROMIUM_ARGS.filter((a) => a !== '--headless') : CHROMIUM_ARGS,
      headless: !headed,
      viewport: { width: 1280, height: 860 },
      deviceScaleFactor: 1,
      locale: 'nl-NL',
      timezoneId: 'Europe/Amsterdam',
      serviceWorkers: 'block',
      // Signals are ours: shutdown() closes the browser and then stops the bot and the Playground.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    // The browser's clock starts where the bot's does ("today" is the same day for both).
    await context.clock.install({ time: new Date(FAKE_NOW) });
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === 'localhost' || url.hostname === '127.0.0.1') return route.continue();
      blocked.add(url.host);
      return route.abort('blockedbyclient');
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const ui = await PlaygroundUi.attach(context, page, stack.playgroundUrl, 'Top Contact', teams.teamName);
    await ui.open();

    const world: World = {
      ui,
      stack,
      teams,
      fakeNow: new Date(FAKE_NOW),
      shared: {},
      async shot(name, focus, o) {
        const file = path.join(outDir, `${name}.png`);
        if (o?.element && focus) await focus.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
        else await ui.screenshot(file, focus);
        shots.push(file);
        return file;
      },
    };

    for (const s of selected(scenarios)) {
      const t0 = Date.now();
      const missing = (s.commands ?? []).filter((c) => !botCommands.has(c));
      const failedNeed = (s.needs ?? []).find((n) => outcomes.find((o) => o.id === n)?.status !== 'passed');
      if (missing.length) {
        outcomes.push({
          id: s.id,
          status: 'skipped',
          ms: 0,
          note: `the bot has no ${missing.map((m) => `"${m}"`).join(', ')} command on this branch yet`,
        });
      } else if (failedNeed) {
        outcomes.push({ id: s.id, status: 'failed', ms: 0, note: `not run: ${failedNeed} did not pass` });
      } else {
        try {
          await s.run(world);
          outcomes.push({ id: s.id, status: 'passed', ms: Date.now() - t0 });
        } catch (err) {
          const msg =
            err instanceof AssertionError
              ? err.message
              : err instanceof Error
                ? err.message.split('\n').slice(0, 6).join('\n    ')
                : String(err);
          await page.screenshot({ path: path.join(outDir, `${s.id}-FAILED.png`) }).catch(() => undefined);
          outcomes.push({ id: s.id, status: 'failed', ms: Date.now() - t0, note: msg });
        }
      }
      const o = outcomes[outcomes.length - 1];
      const mark = o.status === 'passed' ? 'ok  ' : o.status === 'skipped' ? 'skip' : 'FAIL';
      console.log(`${mark} ${s.id}: ${s.title}${o.ms ? ` (${(o.ms / 1000).toFixed(1)} s)` : ''}${o.note ? `\n    ${o.note}` : ''}`);
    }
    if (docs && outcomes.every((o) => o.status !== 'failed')) {
      for (const f of shots) fs.copyFileSync(f, path.join(docsDir, path.basename(f)));
      console.log(`[e2e] ${shots.length} screenshots written to ${path.relative(process.cwd(), docsDir)}`);
    } else if (docs) {
      console.log(`[e2e] docs/img/e2e left as it was: a scenario failed`);
    }
    if (blocked.size) console.log(`[e2e] blocked requests to: ${[...blocked].sort().join(', ')}`);
    if (outcomes.some((o) => o.status === 'failed')) {
      console.log(`[e2e] screenshots of the failures: ${path.relative(process.cwd(), outDir)}/*-FAILED.png`);
      console.log(stack.tails());
    }
  } catch (err) {
    console.error(`[e2e] ${err instanceof Error ? err.message : String(err)}`);
    const report = (err as { report?: string }).report ?? stack?.tails();
    if (report) console.error(report);
    outcomes.push({ id: 'setup', status: 'failed', ms: 0 });
  } finally {
    finished = true;
    await shutdown();
    clearTimeout(watchdog);
  }

  const passed = outcomes.filter((o) => o.status === 'passed').length;
  const failed = outcomes.filter((o) => o.status === 'failed').length;
  const skipped = outcomes.filter((o) => o.status === 'skipped').length;
  const ok = failed === 0;
  if (ok && stack) fs.rmSync(stack.tmp, { recursive: true, force: true });
  else if (stack) console.log(`[e2e] logs kept in ${stack.tmp}`);
  if (skipped) console.log(`[e2e] ${skipped} skipped (feature not on this branch yet)`);
  console.log(`[e2e] ${((Date.now() - started) / 1000).toFixed(1)} s`);
  // One closing line that .ci/run reads; CI fails on a skipped scenario as on a failed one.
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
