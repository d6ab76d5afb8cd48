/**
 * A small in-process measurement (issue 14, docs/performance.md): the channel digest of 10,000 open
 * items in a SQLite file, read whole (queryItems + buildDigest, how the delivery read them before)
 * or a page at a time (app/openItems.ts digestOf). Prints time (median of 7 after a warm-up) and
 * the live heap at its peak (a forced collection after each read). Not a test: figures vary.
 *
 *   npm run build && node --expose-gc dist/scripts/digestMemory.js whole|pages
 *
 * Run each mode in its own process. The "before" figures in docs/performance.md came from the
 * build.ts of before issue 14 in the `whole` role; today's buildDigest keeps only the lines a card
 * can show, so `whole` now measures mostly the cost of reading every item at once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { digestOf } from '../src/app/openItems';
import type { Services } from '../src/app/services';
import { isHeld } from '../src/domain/customers/pause';
import { buildDigest, type Digest } from '../src/domain/digest';
import type { Item } from '../src/domain/types';
import { WorkingCalendar } from '../src/domain/workingTime';
import { SqliteRepository } from '../src/storage/sqlite';
import { channelAudience } from '../src/teams/features/digest/card';

const N = 10_000;
const T = 't';
const NOW = new Date('2026-11-26T08:30:00+01:00');
const cal = new WorkingCalendar();
const gc = (globalThis as { gc?: () => void }).gc;

async function main(mode: string): Promise<void> {
  if (!gc || (mode !== 'whole' && mode !== 'pages')) throw new Error('usage: node --expose-gc dist/scripts/digestMemory.js whole|pages');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'topcontact-digest-'));
  const repo = new SqliteRepository(path.join(dir, 'store.db'));
  try {
    await repo.migrate();
    const start = new Date('2026-11-20T09:00:00+01:00').getTime();
    const created = new Date('2026-11-19T09:00:00+01:00');
    for (let i = 0; i < N; i++) {
      const owner = i % 4 ? { id: `p${i % 40}`, name: `P ${i % 40}` } : null;
      const item: Item = {
        tenantId: T,
        id: `TB-${1000 + i}`,
        kind: 'callback',
        status: owner ? 'claimed' : 'open',
        subject: `Onderwerp ${i} `.padEnd(60, 'x'),
        owner,
        createdBy: { id: 'b', name: 'Bram' },
        createdAt: created,
        updatedAt: created,
        deadline: new Date(start + (i % 500) * 30 * 60_000),
        closedAt: null,
        source: 'teams',
        version: 1,
        data: {},
        card: null,
      };
      await repo.commit({
        item,
        expectedVersion: null,
        history: [{ tenantId: T, itemId: item.id, at: created, actor: item.createdBy, action: 'created' }],
        outbox: [],
      });
    }
    let peak = 0;
    let sampling = false;
    const sample = () => {
      if (!sampling) return;
      gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    };
    const queryItems = repo.queryItems.bind(repo);
    let queries = 0;
    repo.queryItems = async (tenantId, q) => {
      const items = await queryItems(tenantId, q);
      queries++;
      sample();
      return items;
    };
    const s = { repo, calendar: cal, clock: { now: () => NOW }, itemPageSize: 500 } as unknown as Services;
    const run = async (): Promise<Digest> => {
      if (mode === 'whole') {
        const items = await repo.queryItems(T, { open: true });
        const d = buildDigest(
          items.filter((i) => !isHeld(i)),
          { now: NOW, calendar: cal, audience: channelAudience },
        );
        sample();
        return d;
      }
      const d = (await digestOf(s, T, channelAudience, NOW)).result();
      sample();
      return d;
    };
    await run();
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      gc();
      const t0 = performance.now();
      await run();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    gc();
    const base = process.memoryUsage().heapUsed;
    peak = base;
    queries = 0;
    sampling = true;
    const d = await run();
    sampling = false;
    console.log(
      JSON.stringify({
        mode,
        open: d.counts.open,
        lines: d.shownLines,
        queries,
        medianMs: Math.round(times[3]! * 10) / 10,
        liveHeapPeakMB: Math.round(((peak - base) / 1_048_576) * 100) / 100,
      }),
    );
  } finally {
    await repo.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main(process.argv[2] ?? '').catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
