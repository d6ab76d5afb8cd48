// Random open and closed items with many ties (the same deadline, creation time or owner), for the
// tests that fold items page by page (issue 14) and must give what reading them all at once gave.
import fc from 'fast-check';
import type { HistoryEntry, Item, ItemKind, Person } from '../../src/domain/types';
import { staff } from '../harness/roster';

const { anna, bram, carla } = staff;
const HOUR = 3_600_000;

/** Owners: nobody, colleagues, Anna by her Teams id, and Anna under an older name (a rename: same id). */
export const OWNERS: readonly (Person | null)[] = [
  null,
  anna,
  bram,
  carla,
  { id: anna.teamsId!, name: anna.name },
  { ...anna, name: 'Anna (oud)' },
  { id: 'p-zoe', name: 'Zoë' },
  { id: 'p-zoe-2', name: 'zoe' },
];

const KINDS: readonly ItemKind[] = ['callback', 'appointment', 'interpreter', 'exception'];

/** A pseudo-random sequence from a seed (the order of pages and shuffles must come from fast-check's seed). */
export function seeded(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x1_0000_0000;
  };
}

export function shuffled<T>(list: readonly T[], rnd: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** `list` cut into pages of random sizes (1 to `max`). */
export function randomPages<T>(list: readonly T[], rnd: () => number, max = 60): T[][] {
  const pages: T[][] = [];
  for (let i = 0; i < list.length;) {
    const n = 1 + Math.floor(rnd() * max);
    pages.push(list.slice(i, i + n));
    i += n;
  }
  return pages;
}

/** The repository's default order (storage/rows.ts itemQuerySql): deadline (none last), creation time, id. */
export function repositoryOrder(a: Item, b: Item): number {
  const da = a.deadline?.getTime() ?? Number.POSITIVE_INFINITY;
  const db = b.deadline?.getTime() ?? Number.POSITIVE_INFINITY;
  if (da !== db) return da < db ? -1 : 1;
  return a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

const pick = <T>(list: readonly T[], rnd: () => number): T => list[Math.floor(rnd() * list.length)]!;

/**
 * `n` items around `now`: deadlines and creation times from a few values (ties), a deadline in the
 * year 10000 now and then (an unreadable line), interpreter requests with a confirmation term,
 * closed ones, long subjects, and ids whose text order is not their number order ('TB-9' > 'TB-10').
 */
export function randomItems(n: number, now: Date, rnd: () => number): Item[] {
  const t = now.getTime();
  const deadlines = [-50, -26, -3, -1, 0.5, 2, 8, 20, 30, 75, 200].map((h) => new Date(t + h * HOUR));
  const created = [-400, -200, -30, -5].map((h) => new Date(t + h * HOUR));
  const items: Item[] = [];
  for (let i = 0; i < n; i++) {
    const kind = pick(KINDS, rnd);
    const r = rnd();
    const deadline = r < 0.15 ? null : r < 0.17 ? new Date('+010000-01-01T00:00:00Z') : pick(deadlines, rnd);
    const createdAt = pick(created, rnd);
    const owner = pick(OWNERS, rnd);
    const closed = rnd() < 0.1;
    const data: Record<string, unknown> = {};
    if (kind === 'interpreter' && rnd() < 0.6) data.confirmBy = pick(deadlines, rnd).toISOString();
    if (kind === 'interpreter' && rnd() < 0.2) data.mode = 'phoneNow';
    if (kind === 'appointment') data.promiseKind = pick(['email', 'phone', 'walkin'], rnd);
    items.push({
      tenantId: 't',
      id: `${kind === 'callback' ? 'TB' : kind === 'appointment' ? 'AF' : kind === 'interpreter' ? 'TK' : 'TW'}-${i}`,
      kind,
      status: closed ? pick(['done', 'cancelled'], rnd) : kind === 'interpreter' && rnd() < 0.5 ? 'requested' : owner ? 'claimed' : 'open',
      subject: `Onderwerp ${i} `.padEnd(Math.floor(rnd() * 140), 'x'),
      owner,
      createdBy: bram,
      createdAt,
      updatedAt: createdAt,
      deadline,
      closedAt: closed ? new Date(t - 2 * HOUR) : null,
      source: pick(['teams', 'website', 'phone'], rnd),
      version: 1,
      data,
      card: null,
    });
  }
  return items;
}

/** A random history for `item`, oldest first: created (owned or not), claims, moves of the deadline, failed attempts. */
export function randomHistory(item: Item, now: Date, rnd: () => number): HistoryEntry[] {
  const h: HistoryEntry[] = [
    {
      tenantId: item.tenantId,
      itemId: item.id,
      at: item.createdAt,
      actor: bram,
      action: 'created',
      details: rnd() < 0.3 ? { for: anna.name } : undefined,
    },
  ];
  let at = item.createdAt.getTime();
  const steps = Math.floor(rnd() * 4);
  for (let i = 0; i < steps; i++) {
    at += Math.floor(rnd() * 30) * HOUR;
    if (at > now.getTime()) break;
    const action = pick(['claimed', 'handedOver', 'rescheduled', 'acknowledged', 'notReached', 'noted'], rnd);
    const details =
      action === 'rescheduled' || action === 'acknowledged'
        ? { from: new Date(at - 5 * HOUR).toISOString(), to: new Date(at + Math.floor(rnd() * 60) * HOUR).toISOString() }
        : undefined;
    h.push({ tenantId: item.tenantId, itemId: item.id, at: new Date(at), actor: anna, action, details });
  }
  return h;
}

/** fast-check's seed for the helpers above. */
export const aSeed = fc.integer({ min: 1, max: 0x7fff_ffff });
