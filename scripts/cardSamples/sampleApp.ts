// A throw-away in-process app (temp SQLite, fixed clock) for rendering card samples.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../src/app/app';
import { loadConfig } from '../../src/config/config';
import { ManualClock } from '../../src/domain/clock';
import type { Person } from '../../src/domain/types';

export const SAMPLE_TENANT = '7c3f1e2a-5b4d-4e6f-9a8b-0c1d2e3f4a5b';
export const anna: Person = { id: 'a1a1a1a1-0000-4000-8000-00000000000a', name: 'Anna de Vries', teamsId: '29:anna' };
export const bram: Person = { id: 'b2b2b2b2-0000-4000-8000-00000000000b', name: 'Bram Jansen', teamsId: '29:bram' };
export const dirk: Person = { id: 'd4d4d4d4-0000-4000-8000-00000000000d', name: 'Dirk Bakker', teamsId: '29:dirk' };

export async function sampleApp(
  now = '2026-11-26T14:32:00+01:00',
): Promise<{ app: App; clock: ManualClock; cleanup: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-samples-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}`,
    MANAGER_IDS: dirk.id,
  });
  const clock = new ManualClock(now);
  const app = await createApp(config, { clock, scheduler: false });
  for (const p of [anna, bram, dirk])
    await app.s.repo.upsertUser({ tenantId: SAMPLE_TENANT, userId: p.id, teamsId: p.teamsId, name: p.name });
  return {
    app,
    clock,
    cleanup: async () => {
      await app.s.outbox.stop();
      await app.s.repo.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
