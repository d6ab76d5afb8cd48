/**
 * Preloaded into a bot child process (NODE_OPTIONS=--require …/offlineGuard.js) by the
 * production-mode tests: every DNS lookup of a name other than localhost fails at once and is
 * written to stderr as "offline-guard: blocked <host>". So a request meant for the public cloud
 * (login.microsoftonline.com instance discovery, login.botframework.com metadata) shows in the test
 * even on a machine that has internet, instead of quietly succeeding there.
 */
import dns from 'node:dns';

export const OFFLINE_GUARD_MARK = 'offline-guard: blocked';
const LOCAL = new Set(['localhost', '127.0.0.1', '::1']);
const original = dns.lookup;

function guardedLookup(this: unknown, hostname: string, ...rest: unknown[]): unknown {
  if (LOCAL.has(hostname)) return (original as (...a: unknown[]) => unknown).call(this, hostname, ...rest);
  process.stderr.write(`${OFFLINE_GUARD_MARK} ${hostname}\n`);
  const callback = rest[rest.length - 1] as (err: NodeJS.ErrnoException) => void;
  const err = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname} (offline guard)`), { code: 'ENOTFOUND', hostname });
  process.nextTick(callback, err);
  return undefined;
}

(dns as { lookup: unknown }).lookup = guardedLookup;
const promises = dns.promises as { lookup: unknown };
const originalPromise = dns.promises.lookup as (...a: unknown[]) => unknown;
promises.lookup = async (hostname: string, ...rest: unknown[]) => {
  if (LOCAL.has(hostname)) return originalPromise.call(dns.promises, hostname, ...rest);
  process.stderr.write(`${OFFLINE_GUARD_MARK} ${hostname}\n`);
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname} (offline guard)`), { code: 'ENOTFOUND', hostname });
};
