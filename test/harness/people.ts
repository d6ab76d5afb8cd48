// The staff of the test story as the domain sees them (Person), for pure unit tests; the
// Teams-shaped roster (test/harness/roster.ts) is for tests over HTTP. One place for both.
import type { Item, ItemKind, Person } from '../../src/domain/types';
import type { TestUser } from './roster';

/** Anna, Bram, Carla and Dirk as Persons (Entra id, name, Teams id), the same in every unit test. */
export const staff = {
  anna: { id: 'aad-anna', name: 'Anna de Vries', teamsId: '29:anna' },
  bram: { id: 'aad-bram', name: 'Bram Jansen', teamsId: '29:bram' },
  carla: { id: 'aad-carla', name: 'Carla Smit', teamsId: '29:carla' },
  dirk: { id: 'aad-dirk', name: 'Dirk Bakker', teamsId: '29:dirk' },
} as const satisfies Record<string, Person>;

/** A roster user (over HTTP) as the Person the bot stores for them. */
export function asPerson(u: TestUser): Person {
  return { id: u.aadObjectId, name: u.name, teamsId: u.id };
}

const PREFIX: Record<ItemKind, string> = { callback: 'TB', appointment: 'AF', interpreter: 'TK', exception: 'TW' } as Record<ItemKind, string>;
let seq = 0;

/**
 * An item with plain defaults (open, no owner, created by Bram on Friday 20 November 2026 09:00,
 * version 1); give what the test is about. Ids follow the kind's prefix and count up.
 */
export function buildItem(o: Partial<Item> & { kind?: ItemKind } = {}): Item {
  const kind = o.kind ?? 'callback';
  const at = new Date('2026-11-20T09:00:00+01:00');
  return {
    tenantId: 't', id: `${PREFIX[kind] ?? 'XX'}-${1000 + ++seq}`, kind, status: o.owner ? 'claimed' : 'open', subject: 'Onderwerp', owner: null,
    createdBy: staff.bram, createdAt: at, updatedAt: at, deadline: null, closedAt: null, source: 'teams', version: 1, data: {}, card: null,
    ...o,
  };
}

/** Restarts the id count (a test that pins ids calls this first). */
export function resetItemIds(): void {
  seq = 0;
}
