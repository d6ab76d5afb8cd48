// `node dist/bench/jobsMemory.js`: resident memory of the real process (node dist/src/index.js) with
// 10,000 open callbacks stored, after its start-up work (damaged-item check, the first tick: reminders,
// nudges, digest claim, retention) has run. Three starts per store; prints each and the median.
// Environment: JOBS_BENCH_ITEMS (default 10000), BENCH_PG_URL (PostgreSQL is skipped when unreachable).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { createApp } from '../src/app/app';
import { loadConfig } from '../src/config/config';
import { ManualClock } from '../src/domain/clock';
import { createLogger } from '../src/logging';
import { TEST_TENANT } from '../test/harness/activities';
import { staff } from '../test/harness/scenario';

const N = Number(process.env.JOBS_BENCH_ITEMS ?? 10_000);
const PG_URL = process.env.BENCH_PG_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const FAKE_NOW = '2026-11-26T10:00:00+01:00';
const ROOT = path.resolve(__dirname, '..');
const STARTS = 3;

async function seed(databaseUrl: string): Promise<void> {
  const clock = new ManualClock(FAKE_NOW);
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl, ALLOWED_TENANT_IDS: TEST_TENANT });
  const app = await createApp(config, { clock, scheduler: false, logger: createLogger('silent') });
  const now = new Date(FAKE_NOW).getTime();
  for (let i = 0; i < N; i++) {
    // As bench/run.ts: created over the last ~2 days, a third claimed; due tomorrow, today, some overdue.
    clock.set(new Date(now - ((i * 7919) % (44 * 60)) * 60_000));
    const p = staff((i % 12) + 1);
    const who = { id: p.aadObjectId, name: p.name, teamsId: p.id };
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

function get(url: string): Promise<number> {
  return new Promise((resolve) => {
    http
      .get(url, { agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', () => resolve(0));
  });
}

function rssMb(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** Starts the bot on the seeded store, waits for ready and for the start-up tick to finish, reads its memory. */
async function once(databaseUrl: string): Promise<{ rss: number; peak: number }> {
  const env = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    ALLOWED_TENANT_IDS: TEST_TENANT,
    INTAKE_API_KEY: 'bench-intake-key-0123456789',
    FAKE_NOW,
  };
  const proc = spawn(process.execPath, [path.join(ROOT, 'src/index.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout!.on('data', (d) => (out += String(d)));
  try {
    let url = '';
    while (!url) {
      if (proc.exitCode !== null) throw new Error(`bot exited: ${out.slice(-2000)}`);
      const line = out.split('\n').find((l) => l.includes('Top Contact is ready'));
      if (line) url = String((JSON.parse(line) as { url: string }).url);
      else await new Promise((r) => setTimeout(r, 20));
    }
    while ((await get(`${url}/healthz`)) !== 200) await new Promise((r) => setTimeout(r, 20));
    // The start-up tick runs right after listen; give it time to finish on a loaded machine.
    await new Promise((r) => setTimeout(r, 6000));
    return rssMb(proc.pid!);
  } finally {
    await new Promise<void>((r) => {
      proc.once('exit', () => r());
      proc.kill('SIGTERM');
    });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function measure(name: string, url: string): Promise<void> {
  process.stderr.write(`[${name}] seeding ${N} items\n`);
  await seed(url);
  const runs: { rss: number; peak: number }[] = [];
  for (let i = 0; i < STARTS; i++) runs.push(await once(url));
  const f = (x: number) => x.toFixed(0);
  console.log(
    `${name}: ${N} open items, resident memory after start-up jobs: ${runs.map((r) => `${f(r.rss)} MB (peak ${f(r.peak)})`).join(', ')}; median ${f(median(runs.map((r) => r.rss)))} MB, peak ${f(median(runs.map((r) => r.peak)))} MB`,
  );
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-jobs-mem-'));
  try {
    await measure('sqlite', `sqlite:${path.join(tmp, 'seeded.db')}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const admin = new Pool({ connectionString: PG_URL, max: 1, connectionTimeoutMillis: 3000 });
  try {
    await admin.query('SELECT 1');
  } catch {
    console.log('postgres: not reachable, skipped');
    await admin.end();
    return;
  }
  const schema = `tc_jobsmem_${process.pid}`;
  const u = new URL(PG_URL);
  u.searchParams.set('schema', schema);
  try {
    await measure('postgres', u.toString());
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
