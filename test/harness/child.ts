/**
 * Runs the real bot as a child process (`node dist/src/index.js`) with an environment, the way it
 * runs in production: for tests that need separate processes (two instances on one database),
 * SIGKILL or SIGTERM. Its stdout (pino JSON) goes into the run's log capture.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { TEST_TENANT } from './roster';
import { captureStream } from './logCapture';

export const INTAKE_KEY = 'test-intake-key-0123456789';
const ENTRY = path.resolve(__dirname, '../../src/index.js');

export interface ChildBot {
  proc: ChildProcess;
  pid: number;
  url: string;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Every stdout line (pino JSON) and stderr text of this process. */
  lines: string[];
  stderr: string[];
  kill(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface ChildOptions {
  env?: Record<string, string>;
  readyTimeoutMs?: number;
  /** Node options before the entry (e.g. the documented `--disable-warning=DEP0111`). */
  nodeArgs?: string[];
}

export function childEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'test',
    LOG_LEVEL: 'debug',
    PORT: '0',
    HOST: '127.0.0.1',
    ALLOWED_TENANT_IDS: TEST_TENANT,
    INTAKE_API_KEY: INTAKE_KEY,
    FAKE_NOW: '2026-11-26T10:00:00+01:00',
    TICK_SECONDS: '3600',
    ...extra,
  };
}

export async function startChildBot(opts: ChildOptions = {}): Promise<ChildBot> {
  const proc = spawn(process.execPath, [...(opts.nodeArgs ?? []), ENTRY], { env: childEnv(opts.env), stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const stderr: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    proc.once('exit', (code, signal) => resolve({ code, signal }));
  });
  let readyResolve: (url: string) => void;
  const ready = new Promise<string>((r) => (readyResolve = r));
  captureStream(proc.stdout!, (line) => {
    lines.push(line);
    if (line.includes('Top Contact is ready')) {
      try {
        readyResolve(String(JSON.parse(line).url));
      } catch {
        /* not JSON */
      }
    }
  });
  proc.stderr!.setEncoding('utf8');
  proc.stderr!.on('data', (d: string) => stderr.push(d));
  const timeoutMs = opts.readyTimeoutMs ?? 30_000;
  let timer: NodeJS.Timeout | undefined;
  const url = await Promise.race([
    ready,
    exited.then(({ code, signal }) => {
      throw new Error(`bot exited before it was ready (code ${code}, signal ${signal}): ${stderr.join('').slice(0, 2000)}`);
    }),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        proc.kill('SIGKILL'); // not left running behind the failed test
        reject(new Error(`bot not ready after ${timeoutMs} ms: ${stderr.join('').slice(0, 2000)}`));
      }, timeoutMs);
    }),
  ]).finally(() => clearTimeout(timer));
  return {
    proc,
    pid: proc.pid!,
    url,
    exited,
    lines,
    stderr,
    kill: async (signal: NodeJS.Signals = 'SIGTERM') => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      return exited;
    },
  };
}
