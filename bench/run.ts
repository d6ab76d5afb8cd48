// `npm run bench`: Top Contact through its full HTTP stack (the real process, node dist/src/index.js)
// on SQLite and PostgreSQL, next to a bare botbuilder + restify bot answering the same invokes in
// the same run, against a local fake Bot Connector. Prints a markdown table with targets and ratios.
//
// Every measurement runs three times (BENCH_ROUNDS): the table shows the median and the spread
// (min–max), and CPU and throughput as ratios against the bare bot measured in the same round,
// because the ratio moves with the machine and with what else runs on it.
// The Bot Connector is a minimal sink in its own process (bench/sinkConnector.ts): our bot updates
// the channel card after every claim (as in production), the bare bot sends nothing.
// Measured, per store and round:
// - claim invokes (Action.Execute callback.claim, each on its own open callback) at 32 concurrent
//   clients with keep-alive, on a fresh store: throughput, p50, p99, CPU per claim; the bare bot
//   answers the identical invokes right before, so both numbers see the same machine load;
// - intake: 2,000 POSTs at concurrency 20 (rps, p99);
// - start to ready (/healthz 200, two starts) and resident memory with 10,000 stored items, on a
//   fresh copy of the seeded store (SQLite: a file copy; PostgreSQL: CREATE DATABASE … TEMPLATE);
// - once: the daily digest for 10,000 open items (composeDigest: build + card), and its size.
// Environment: BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/test; the bench creates and
// drops databases of its own there); BENCH_QUICK=1 for a short smoke run; BENCH_ROUNDS (default 3);
// BENCH_PROFILE=<dir> for CPU profiles of the bots; BENCH_NODE_FLAGS overrides the bots' node flags;
// BENCH_BEFORE=<other build>/dist/src/index.js measures that build too, in the same rounds (before/after);
// BENCH_BEFORE_FLAGS gives that build, and the bare bot it is compared with, other node flags (BENCH_BEFORE=dist/src/index.js with it: a flag change measured);
// BENCH_ONLY=claims|memory and BENCH_STORES=sqlite|postgres run a part only; BENCH_TRACE=1 prints the memory after each step.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { createApp } from '../src/app/app';
import { loadConfig } from '../src/config/config';
import { ManualClock } from '../src/domain/clock';
import { createLogger } from '../src/logging';
import { composeDigest, channelAudience } from '../src/teams/features/digest/card';
import {
  adaptiveCardAction,
  channelMessage,
  generalChannel,
  teamNoord,
  anna,
  TEST_TENANT,
  setDefaultServiceUrl,
  type TestUser,
} from '../test/harness/activities';
import { staff } from '../test/harness/scenario';

const QUICK = !!process.env.BENCH_QUICK;
const PG_URL = process.env.BENCH_PG_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const FAKE_NOW = '2026-11-26T10:00:00+01:00';
const INTAKE_KEY = 'bench-intake-key-0123456789';
const CLAIM_CLIENTS = 32;
const CLAIMS = QUICK ? 300 : 2000;
const CLAIM_WARMUP = QUICK ? 50 : 300;
const INTAKES = QUICK ? 300 : 2000;
const INTAKE_CLIENTS = 20;
const STORED = QUICK ? 2000 : 10_000;
/** How long the memory round keeps sampling the resident memory after its measurement. */
const AFTER_WORK_MS = QUICK ? 3000 : 10_000;
/** Every measurement runs this often; the table shows the median and the spread (BENCH_ROUNDS overrides). */
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3) || 3);
/** While working on one part: BENCH_ONLY=claims or memory, BENCH_STORES=sqlite or postgres (default both). */
const ONLY = process.env.BENCH_ONLY ?? '';
const STORES = (process.env.BENCH_STORES ?? 'sqlite,postgres').split(',');
const ROOT = path.resolve(__dirname, '..');
/** Node flags for the bots, as `npm start` runs them (package.json); BENCH_NODE_FLAGS overrides. */
const NODE_FLAGS = (process.env.BENCH_NODE_FLAGS ?? startFlags()).split(/\s+/).filter(Boolean);

function startFlags(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  return /node\s+((?:--\S+\s+)*)dist\/src\/index\.js/.exec(pkg.scripts.start ?? '')?.[1]?.trim() ?? '';
}

// ---------------------------------------------------------------- HTTP with keep-alive

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

function get(url: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      })
      .on('error', reject);
  });
}

interface LoadResult {
  n: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  cpuMsPerRequest?: number;
}

/** Runs `n` requests with `clients` at a time; latency per request in ms. */
async function load(
  n: number,
  clients: number,
  send: (i: number) => Promise<{ status: number; text: string }>,
  ok: (r: { status: number; text: string }) => boolean,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (;;) {
        const i = next++;
        if (i >= n) return;
        const t0 = performance.now();
        const r = await send(i).catch(() => ({ status: 0, text: '' }));
        latencies.push(performance.now() - t0);
        if (!ok(r)) errors++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
  return { n, seconds, rps: n / seconds, p50: q(0.5), p99: q(0.99), errors };
}

// ---------------------------------------------------------------- processes

/** readyMs: spawn to /healthz 200 (wall clock); readyCpuMs: CPU the bot used until then (steadier on a busy machine). */
interface Proc {
  proc: ChildProcess;
  url: string;
  pid: number;
  readyMs: number;
  readyCpuMs: number;
  stop(): Promise<void>;
}

async function spawnBot(script: string, env: Record<string, string>, nodeFlags: readonly string[] = NODE_FLAGS): Promise<Proc> {
  const t0 = performance.now();
  // BENCH_PROFILE=<dir>: the bots write V8 CPU profiles there (open in Chrome DevTools).
  const flags = [...nodeFlags, ...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [])];
  const proc = spawn(process.execPath, [...flags, script], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let url = '';
  let err = '';
  proc.stderr!.on('data', (d) => (err += String(d)));
  await new Promise<void>((resolve, reject) => {
    let buf = '';
    const onData = (d: Buffer) => {
      buf += String(d);
      const line = buf.split('\n').find((l) => l.includes('"msg":"Top Contact is ready"'));
      if (line) {
        url = String(JSON.parse(line).url);
        // Stop collecting: the bot's log lines after this are read and dropped (no work for the load generator).
        proc.stdout!.off('data', onData);
        resolve();
      }
    };
    proc.stdout!.on('data', onData);
    proc.once('exit', (code) => reject(new Error(`${script} exited ${code}: ${err.slice(0, 1000)}`)));
  });
  // Ready = /healthz answers 200.
  for (;;) {
    const r = await get(`${url}/healthz`).catch(() => ({ status: 0, text: '' }));
    if (r.status === 200) break;
    await new Promise((r2) => setTimeout(r2, 5));
  }
  const readyMs = performance.now() - t0;
  const readyCpuMs = cpuMs(proc.pid!);
  proc.stdout!.resume();
  return {
    proc,
    url,
    pid: proc.pid!,
    readyMs,
    readyCpuMs,
    stop: () =>
      new Promise((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}

function botEnv(databaseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    ALLOWED_TENANT_IDS: TEST_TENANT,
    INTAKE_API_KEY: INTAKE_KEY,
    INTAKE_RATE_PER_MINUTE: '100000',
    FAKE_NOW,
    ...extra,
  };
}

/** CPU time (user + system) a process has used so far, in ms. */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (100/s)
}

function rssMb(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** The minimal connector (bench/sinkConnector.ts) in its own process; activities point at it. */
async function startSink(): Promise<ChildProcess> {
  const proc = spawn(process.execPath, [path.join(ROOT, 'bench/sinkConnector.js')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve) =>
    proc.stdout!.once('data', (d) => resolve(String(JSON.parse(String(d).split('\n')[0]!).url))),
  );
  setDefaultServiceUrl(url);
  return proc;
}

// ---------------------------------------------------------------- scenarios

const people: TestUser[] = Array.from({ length: 40 }, (_, i) => staff(i + 1));

function claimBody(id: string, i: number) {
  return adaptiveCardAction({
    from: people[i % people.length]!,
    conversation: generalChannel.id,
    team: teamNoord,
    channel: generalChannel,
    verb: 'callback.claim',
    data: { id },
  });
}

async function createItems(url: string, n: number, clients: number, offset: number): Promise<{ ids: string[]; result: LoadResult }> {
  const ids: string[] = new Array(n);
  const result = await load(
    n,
    clients,
    async (i) => {
      const r = await post(
        `${url}/api/callbacks`,
        { customerName: `Bench Klant ${offset + i}`, phone: `06 ${String(20_000_000 + offset + i)}`, topic: `Bench ${i % 50}` },
        { authorization: `Bearer ${INTAKE_KEY}` },
      );
      if (r.status === 201) ids[i] = String(JSON.parse(r.text).id);
      return r;
    },
    (r) => r.status === 201,
  );
  return { ids: ids.filter(Boolean), result };
}

async function outboxDrained(url: string, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const h = JSON.parse((await get(`${url}/healthz`)).text) as { outbox?: { pending: number } };
    if (!h.outbox || h.outbox.pending === 0) return;
    if (Date.now() > deadline) throw new Error(`outbox not drained: ${JSON.stringify(h.outbox)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function claims(url: string, pid: number, ids: string[]): Promise<LoadResult> {
  const warm = ids.slice(0, CLAIM_WARMUP);
  await load(
    warm.length,
    CLAIM_CLIENTS,
    (i) => post(`${url}/api/messages`, claimBody(warm[i]!, i)),
    () => true,
  );
  await outboxDrained(url);
  const measured = ids.slice(CLAIM_WARMUP, CLAIM_WARMUP + CLAIMS);
  const cpu0 = cpuMs(pid);
  const r = await load(
    measured.length,
    CLAIM_CLIENTS,
    (i) => post(`${url}/api/messages`, claimBody(measured[i]!, i)),
    (res) => res.status === 200 && res.text.includes('opgepakt'),
  );
  await outboxDrained(url); // the card updates belong to the cost of a claim
  return { ...r, cpuMsPerRequest: (cpuMs(pid) - cpu0) / measured.length };
}

/** The bare bot's claims, on the node flags of the bot it is compared with (a flag change moves both). */
async function bareClaims(flags: readonly string[]): Promise<LoadResult> {
  const bare = await spawnBot(path.join(ROOT, 'bench/bareBot.js'), { NODE_ENV: 'production' }, flags);
  try {
    const ids = Array.from({ length: CLAIM_WARMUP + CLAIMS }, (_, i) => `TB-${100_000 + i}`);
    const warm = ids.slice(0, CLAIM_WARMUP);
    await load(
      warm.length,
      CLAIM_CLIENTS,
      (i) => post(`${bare.url}/api/messages`, claimBody(warm[i]!, i)),
      () => true,
    );
    const measured = ids.slice(CLAIM_WARMUP);
    const cpu0 = cpuMs(bare.pid);
    const r = await load(
      measured.length,
      CLAIM_CLIENTS,
      (i) => post(`${bare.url}/api/messages`, claimBody(measured[i]!, i)),
      (res) => res.status === 200,
    );
    return { ...r, cpuMsPerRequest: (cpuMs(bare.pid) - cpu0) / measured.length };
  } finally {
    await bare.stop();
  }
}

/** Fills a store with `n` open callbacks (a third claimed; due tomorrow, today, some overdue) in-process. */
async function seed(databaseUrl: string, n: number): Promise<void> {
  const clock = new ManualClock(FAKE_NOW);
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl, ALLOWED_TENANT_IDS: TEST_TENANT });
  const app = await createApp(config, { clock, scheduler: false, logger: createLogger('silent') });
  const now = new Date(FAKE_NOW).getTime();
  for (let i = 0; i < n; i++) {
    // Created over the last ~2 days: due tomorrow, today, and some overdue (as on a normal morning).
    clock.set(new Date(now - ((i * 7919) % (44 * 60)) * 60_000));
    const who = { id: people[i % 12]!.aadObjectId, name: people[i % 12]!.name, teamsId: people[i % 12]!.id };
    const r = await app.s.items.create(
      'callback',
      TEST_TENANT,
      {
        customerName: `Bewaarde Klant ${i}`,
        phone: `06 ${String(30_000_000 + i)}`,
        topic: `Onderwerp ${i % 97}`,
        details: 'Wil graag teruggebeld worden over de reparatie.',
      },
      who,
      'bench',
    );
    if (r.status === 'created' && i % 3 === 0) await app.s.items.act(TEST_TENANT, r.item.id, 'claim', {}, who);
  }
  await app.s.outbox.idle();
  await app.stop();
}

/** Databases of its own on the PostgreSQL server of PG_URL (created, copied with CREATE DATABASE … TEMPLATE, dropped at the end). */
interface PgDatabases {
  create(name: string, template?: string): Promise<string>;
}

async function withPg<T>(fn: (pg: PgDatabases) => Promise<T>): Promise<T | null> {
  const admin = new Pool({ connectionString: PG_URL, max: 1, connectionTimeoutMillis: 3000 });
  try {
    await admin.query('SELECT 1');
  } catch {
    await admin.end();
    return null;
  }
  const prefix = `tc_bench_${Date.now().toString(36)}_${process.pid}`;
  const created: string[] = [];
  const urlOf = (db: string) => {
    const u = new URL(PG_URL);
    u.pathname = `/${db}`;
    u.searchParams.delete('schema');
    return u.toString();
  };
  try {
    return await fn({
      create: async (name, template) => {
        const db = `${prefix}_${name}`;
        // A template must have no sessions: the seeding app's connections may take a moment to go.
        for (let attempt = 0; ; attempt++) {
          try {
            await admin.query(`CREATE DATABASE "${db}"${template ? ` TEMPLATE "${prefix}_${template}"` : ''}`);
            break;
          } catch (err) {
            if (attempt >= 20 || !/being accessed by other users/.test(String(err))) throw err;
            await new Promise((r) => setTimeout(r, 250));
          }
        }
        created.push(db);
        return urlOf(db);
      },
    });
  } finally {
    for (const db of created.reverse()) await admin.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}

// ---------------------------------------------------------------- the run

/** One claims round: a fresh store, intake, the bare bot, then our claims (all in the same minute). */
interface ClaimRound {
  intake: LoadResult;
  claim: LoadResult;
  bare: LoadResult;
}
/** One round with the seeded store (a fresh copy each round): two starts, memory after work, the digest over HTTP. */
interface MemoryRound {
  readyMs: number[];
  readyCpuMs: number[];
  rss: { rss: number; peak: number };
  /** RSS sampled every 500 ms over the AFTER_WORK_MS after the measurement: the 10,000 channel cards `koppel` queued are still being posted. */
  after: { median: number; max: number };
  digestLoadMs: number;
}
interface StoreResult {
  claims: ClaimRound[];
  memory: MemoryRound[];
}

async function claimRound(kind: string, round: number, databaseUrl: string, script: string, flags: readonly string[]): Promise<ClaimRound> {
  process.stderr.write(`[${kind} ${round + 1}/${ROUNDS}] intake and claims\n`);
  const bot = await spawnBot(script, botEnv(databaseUrl), flags);
  try {
    await post(`${bot.url}/api/messages`, channelMessage({ text: 'koppel', from: anna, team: teamNoord, channel: generalChannel }));
    const first = await createItems(bot.url, INTAKES, INTAKE_CLIENTS, 0);
    const extra = await createItems(bot.url, CLAIM_WARMUP + CLAIMS - first.ids.length, INTAKE_CLIENTS, INTAKES);
    await outboxDrained(bot.url);
    // The bare bot right before ours, so both see the same machine load.
    const bare = await bareClaims(flags);
    const claim = await claims(bot.url, bot.pid, [...first.ids, ...extra.ids]);
    await outboxDrained(bot.url);
    const r = { intake: first.result, claim, bare };
    process.stderr.write(
      `[${kind} ${round + 1}/${ROUNDS}] CPU per claim ${f(claim.cpuMsPerRequest!, 2)} ms, bare ${f(bare.cpuMsPerRequest!, 2)} ms (${f(claim.cpuMsPerRequest! / bare.cpuMsPerRequest!, 2)}×); ${f(claim.rps)} /s, bare ${f(bare.rps)} /s\n`,
    );
    return r;
  } finally {
    await bot.stop();
  }
}

async function memoryRound(kind: string, round: number, seededUrl: string, script: string, flags: readonly string[]): Promise<MemoryRound> {
  process.stderr.write(`[${kind} ${round + 1}/${ROUNDS}] ${STORED} stored items: start, memory\n`);
  const readyMs: number[] = [];
  const readyCpuMs: number[] = [];
  // First start: let the start-up tick run (reminders, digest and retention over all stored items), then some work.
  const b = await spawnBot(script, botEnv(seededUrl), flags);
  let rss: { rss: number; peak: number };
  let after: MemoryRound['after'];
  let digestLoadMs: number;
  try {
    readyMs.push(b.readyMs);
    readyCpuMs.push(b.readyCpuMs);
    // BENCH_TRACE=1: the resident memory after each step, to see which step makes it grow.
    const trace = (what: string) => process.env.BENCH_TRACE && process.stderr.write(`  RSS ${what}: ${f(rssMb(b.pid).rss)} MB\n`);
    trace('ready');
    await new Promise((r) => setTimeout(r, 3000));
    trace('after start-up tick');
    await post(`${b.url}/api/messages`, channelMessage({ text: 'koppel', from: anna, team: teamNoord, channel: generalChannel }));
    trace('after koppel');
    const t0 = performance.now();
    await post(`${b.url}/api/messages`, channelMessage({ text: 'digest', from: anna, team: teamNoord, channel: generalChannel }));
    digestLoadMs = performance.now() - t0;
    trace('after digest');
    await load(
      200,
      16,
      (k) => post(`${b.url}/api/messages`, claimBody(`TB-${1001 + 3 * k + 1}`, k)),
      () => true,
    );
    trace('after claims');
    await new Promise((r) => setTimeout(r, 1000));
    rss = rssMb(b.pid);
    // One sample lands wherever V8's collector happens to be (between collections the old space holds
    // up to about four times the live heap): the samples after it show the range.
    const samples: number[] = [];
    for (let t = 0; t < AFTER_WORK_MS; t += 500) {
      await new Promise((r) => setTimeout(r, 500));
      samples.push(rssMb(b.pid).rss);
    }
    after = { median: median(samples), max: Math.max(...samples) };
    trace(`over the ${AFTER_WORK_MS / 1000} s after: median ${f(after.median)}, max ${f(after.max)}`);
  } finally {
    await b.stop();
  }
  // Second start on the same store: start to ready only.
  const again = await spawnBot(script, botEnv(seededUrl), flags);
  readyMs.push(again.readyMs);
  readyCpuMs.push(again.readyCpuMs);
  await again.stop();
  process.stderr.write(
    `[${kind} ${round + 1}/${ROUNDS}] ready ${readyMs.map((x) => f(x)).join(' / ')} ms (CPU ${readyCpuMs.map((x) => f(x)).join(' / ')} ms), RSS ${f(rss.rss)} MB (peak ${f(rss.peak)} MB)\n`,
  );
  return { readyMs, readyCpuMs, rss, after, digestLoadMs };
}

/**
 * The bots measured: this build, and with BENCH_BEFORE=<path of another build's dist/src/index.js>
 * that build too, in the same rounds (each with its own fresh store and its own bare-bot run right
 * before), so a change is compared within one time window on a busy machine.
 */
const BEFORE_FLAGS = (process.env.BENCH_BEFORE_FLAGS ?? NODE_FLAGS.join(' ')).split(/\s+/).filter(Boolean);
const VARIANTS: { label: string; script: string; flags: readonly string[] }[] = [
  { label: '', script: path.join(ROOT, 'src/index.js'), flags: NODE_FLAGS },
  ...(process.env.BENCH_BEFORE ? [{ label: ' (before)', script: path.resolve(process.env.BENCH_BEFORE), flags: BEFORE_FLAGS }] : []),
];

/**
 * A store measured ROUNDS times: each round, per variant, a claims run on a fresh store (with the
 * bare bot right before) and a memory run on a fresh copy of the seeded store (`copy(r, v)` gives its URL).
 */
async function storeRun(
  kind: string,
  fresh: (round: number, variant: number) => Promise<string>,
  copy: (round: number, variant: number) => Promise<string>,
): Promise<StoreResult[]> {
  const out: StoreResult[] = VARIANTS.map(() => ({ claims: [], memory: [] }));
  for (let r = 0; r < ROUNDS; r++) {
    // Alternate which variant goes first, so neither always meets the same phase of the machine's load.
    const order = VARIANTS.map((_, v) => v);
    if (r % 2) order.reverse();
    for (const v of order) {
      const label = `${kind}${VARIANTS[v]!.label}`;
      if (ONLY !== 'memory') out[v]!.claims.push(await claimRound(label, r, await fresh(r, v), VARIANTS[v]!.script, VARIANTS[v]!.flags));
      if (ONLY !== 'claims') out[v]!.memory.push(await memoryRound(label, r, await copy(r, v), VARIANTS[v]!.script, VARIANTS[v]!.flags));
    }
  }
  return out;
}

async function digestBench(databaseUrl: string): Promise<{ ms: number; buildMs: number; cardMs: number; bytes: number; items: number }> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl, ALLOWED_TENANT_IDS: TEST_TENANT });
  const app = await createApp(config, { clock: new ManualClock(FAKE_NOW), scheduler: false, logger: createLogger('silent') });
  try {
    const items = await app.s.repo.queryItems(TEST_TENANT, { open: true });
    const now = new Date(FAKE_NOW);
    const runs = [];
    for (let i = 0; i < 7; i++) runs.push(composeDigest(items, channelAudience, now, app.s.calendar, { digestTime: '08:30' }));
    const sorted = [...runs].sort((a, b) => a.buildMs + a.cardMs - (b.buildMs + b.cardMs));
    const mid = sorted[Math.floor(sorted.length / 2)]!;
    return { ms: mid.buildMs + mid.cardMs, buildMs: mid.buildMs, cardMs: mid.cardMs, bytes: mid.bytes, items: items.length };
  } finally {
    await app.stop();
  }
}

const f = (n: number, d = 0) => n.toFixed(d);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
/** "median (min–max)" of a list, with `d` decimals and a unit. */
const spread = (xs: number[], d = 0, unit = '') => `${f(median(xs), d)}${unit} (${f(Math.min(...xs), d)}–${f(Math.max(...xs), d)}${unit})`;

/** Targets of issue 14 (CPU per claim against the bare bot in the same round, memory, start). */
const TARGETS = { cpuRatio: { SQLite: 2.5, PostgreSQL: 3.5 }, rssMb: 160, readyMs: 1500, throughputRatio: 0.5, p99Ms: 50 } as const;

type AddRow = (metric: string, value: string, target: string, met: boolean | null) => void;

function claimRows(store: 'SQLite' | 'PostgreSQL', label: string, c: ClaimRound[], add: AddRow): void {
  const name = `${store}${label}`;
  const cpuRatios = c.map((x) => x.claim.cpuMsPerRequest! / x.bare.cpuMsPerRequest!);
  const rpsRatios = c.map((x) => x.claim.rps / x.bare.rps);
  const p99s = c.map((x) => x.claim.p99);
  add(
    `Claim invokes, ${name}: CPU per claim (bot process, incl. its card update), × bare bot`,
    `${spread(cpuRatios, 2, '×')}; ${spread(
      c.map((x) => x.claim.cpuMsPerRequest!),
      2,
    )} ms, bare ${spread(
      c.map((x) => x.bare.cpuMsPerRequest!),
      2,
    )} ms`,
    `≤ ${TARGETS.cpuRatio[store]} × bare`,
    median(cpuRatios) <= TARGETS.cpuRatio[store],
  );
  add(
    `Claim invokes, ${name}: throughput (32 clients), × bare bot`,
    `${spread(rpsRatios, 2, '×')}; ${spread(c.map((x) => x.claim.rps))} /s, bare ${spread(c.map((x) => x.bare.rps))} /s`,
    `≥ ${f(TARGETS.throughputRatio, 2)} × bare`,
    median(rpsRatios) >= TARGETS.throughputRatio,
  );
  add(
    `Claim invokes, ${name}: p50`,
    `${spread(
      c.map((x) => x.claim.p50),
      1,
      ' ms',
    )}, bare ${spread(
      c.map((x) => x.bare.p50),
      1,
      ' ms',
    )}`,
    '—',
    null,
  );
  add(
    `Claim invokes, ${name}: p99`,
    `${spread(p99s, 1, ' ms')}, bare ${spread(
      c.map((x) => x.bare.p99),
      1,
      ' ms',
    )}`,
    `≤ ${TARGETS.p99Ms} ms`,
    median(p99s) <= TARGETS.p99Ms,
  );
  const errors = c.reduce((n, x) => n + x.claim.errors, 0);
  add(
    `Claim invokes, ${name}: answers other than 200 + "opgepakt"`,
    `${errors} of ${c.reduce((n, x) => n + x.claim.n, 0)}`,
    '0',
    errors === 0,
  );
  const intakeErrors = c.reduce((n, x) => n + x.intake.errors, 0);
  add(
    `Intake, ${name}: ${INTAKES} POSTs at 20`,
    `${spread(c.map((x) => x.intake.rps))} /s, p50 ${f(median(c.map((x) => x.intake.p50)), 1)} ms, p99 ${f(median(c.map((x) => x.intake.p99)), 1)} ms, errors ${intakeErrors}`,
    '— (reported)',
    intakeErrors === 0 ? null : false,
  );
}

function memoryRows(store: 'SQLite' | 'PostgreSQL', label: string, m: MemoryRound[], add: AddRow): void {
  const name = `${store}${label}`;
  const ready = m.flatMap((x) => x.readyMs);
  const rss = m.map((x) => x.rss.rss);
  add(
    `Start to ready (/healthz 200), ${name}, ${STORED} items`,
    `${spread(ready, 0, ' ms')}, ${ready.length} starts`,
    `≤ ${TARGETS.readyMs} ms`,
    median(ready) <= TARGETS.readyMs,
  );
  add(
    `CPU used from start to ready, ${name}, ${STORED} items`,
    spread(
      m.flatMap((x) => x.readyCpuMs),
      0,
      ' ms',
    ),
    '— (reported)',
    null,
  );
  add(
    `Resident memory, ${name}, ${STORED} items (after start-up jobs, a digest, 200 claims)`,
    `${spread(rss, 0, ' MB')}, peak ${f(median(m.map((x) => x.rss.peak)))} MB`,
    `≤ ${TARGETS.rssMb} MB`,
    median(rss) <= TARGETS.rssMb,
  );
  add(
    `Resident memory, ${name}, sampled every 0.5 s over the ${AFTER_WORK_MS / 1000} s after (cards still being posted): median, max`,
    `${spread(
      m.map((x) => x.after.median),
      0,
      ' MB',
    )}; max ${f(Math.max(...m.map((x) => x.after.max)))} MB`,
    '— (reported)',
    null,
  );
  add(
    `Digest command over HTTP, ${name}, ${STORED} items (load + build + send)`,
    spread(
      m.map((x) => x.digestLoadMs),
      0,
      ' ms',
    ),
    '— (reported)',
    null,
  );
}

async function main(): Promise<void> {
  const cpu = os.cpus();
  const machine = `${cpu.length} × ${cpu[0]?.model ?? '?'}, ${f(os.totalmem() / 2 ** 30, 1)} GB RAM, ${os.type()} ${os.release()}, Node ${process.version}, load average at start ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`;
  process.stderr.write(`machine: ${machine}\n`);
  const began = performance.now();
  const connector = await startSink();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-bench-'));
  const rows: string[][] = [];
  const add: AddRow = (metric, value, target, met) => rows.push([metric, value, target, met === null ? '—' : met ? 'met' : 'NOT MET']);
  try {
    // SQLite: seeded once; every memory round starts from a fresh copy of that file.
    const seededFile = path.join(tmp, 'seeded.db');
    const seedSqlite = ONLY !== 'claims' && STORES.includes('sqlite');
    if (seedSqlite) process.stderr.write(`[sqlite] seeding ${STORED} items\n`);
    if (seedSqlite) await seed(`sqlite:${seededFile}`, STORED);
    const digest = ONLY === '' && seedSqlite ? await digestBench(`sqlite:${seededFile}`) : null;
    const sqlite = !STORES.includes('sqlite')
      ? null
      : await storeRun(
          'sqlite',
          async (r, v) => `sqlite:${path.join(tmp, `claims-${r}-${v}.db`)}`,
          async (r, v) => {
            const file = path.join(tmp, `memory-${r}-${v}.db`);
            fs.copyFileSync(seededFile, file);
            return `sqlite:${file}`;
          },
        );
    // PostgreSQL: the seeded database is the template of every memory round's database.
    const pg = !STORES.includes('postgres')
      ? null
      : await withPg(async (dbs) => {
          const seeded = await dbs.create('seed');
          process.stderr.write(`[postgres] seeding ${STORED} items\n`);
          if (ONLY !== 'claims') await seed(seeded, STORED);
          return storeRun(
            'postgres',
            (r, v) => dbs.create(`claims${r}_${v}`),
            (r, v) => dbs.create(`memory${r}_${v}`, 'seed'),
          );
        });

    for (const [name, results] of [
      ['SQLite', sqlite],
      ['PostgreSQL', pg],
    ] as const) {
      if (!STORES.includes(name === 'SQLite' ? 'sqlite' : 'postgres')) continue;
      if (!results) {
        add(`${name}`, 'not run (database not reachable)', '', null);
        continue;
      }
      results.forEach((r, v) => {
        if (r.claims.length) claimRows(name, VARIANTS[v]!.label, r.claims, add);
        if (r.memory.length) memoryRows(name, VARIANTS[v]!.label, r.memory, add);
      });
    }
    if (digest)
      add(
        `Digest for ${digest.items} open items: build + card (composeDigest)`,
        `${f(digest.ms, 1)} ms (build ${f(digest.buildMs, 1)}, card ${f(digest.cardMs, 1)})`,
        '≤ 50 ms',
        digest.ms <= 50,
      );
    if (digest)
      add(`Digest card size, ${digest.items} open items`, `${f(digest.bytes / 1024, 1)} KB`, '≤ 80 KB', digest.bytes <= 80 * 1024);
  } finally {
    connector.kill('SIGTERM');
    fs.rmSync(tmp, { recursive: true, force: true });
    agent.destroy();
  }
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c]!.length), ['Metric', 'Result', 'Target', 'Met'][c]!.length));
  const line = (r: string[]) => `| ${r.map((x, i) => x.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(
    `\nTop Contact benchmark ${new Date().toISOString()}${QUICK ? ' (BENCH_QUICK: reduced sizes)' : ''}, ${ROUNDS} rounds: median (min–max), ratios against the bare bot of the same round`,
  );
  console.log(`Machine: ${machine}\nBots run as: node ${NODE_FLAGS.join(' ')} dist/src/index.js\n`);
  if (process.env.BENCH_BEFORE) console.log(`(before) runs as: node ${BEFORE_FLAGS.join(' ')} ${process.env.BENCH_BEFORE}\n`);
  console.log(line(['Metric', 'Result', 'Target', 'Met']));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
  console.log(
    `\nLoad average at the end: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}; the bench took ${f((performance.now() - began) / 60_000, 1)} min`,
  );
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
