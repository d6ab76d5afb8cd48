// The one item builder of the unit tests. anItem() gives a stored item with plain defaults (give
// what the test is about); createdItem() makes one through the kind's own create rule, as the
// service would store it right after creation (id, version 1, no card).
import type { ActionContext } from '../../src/domain/items/lifecycle';
import { rulesFor } from '../../src/domain/items/registry';
import type { Item, ItemKind, Person } from '../../src/domain/types';
import { staff } from './roster';

const PREFIX: Record<ItemKind, string> = { callback: 'TB', appointment: 'AF', interpreter: 'TK', exception: 'TW' };
/** Friday 20 November 2026, 09:00 (Amsterdam): when anItem()'s items were made unless told. */
const DEFAULT_AT = new Date('2026-11-20T09:00:00+01:00');
let seq = 0;

/**
 * An item with plain defaults (open, or claimed when it has an owner; subject 'Onderwerp', created
 * by Bram on Friday 20 November 2026 09:00, version 1, no data); give what the test is about,
 * `at` sets both createdAt and updatedAt. Ids follow the kind's prefix and count up from 1001
 * after resetItemIds().
 */
export function anItem<D = Record<string, unknown>>(o: Partial<Item<D>> & { kind?: ItemKind; at?: Date } = {}): Item<D> {
  const { at = DEFAULT_AT, ...over } = o;
  const kind = over.kind ?? 'callback';
  return {
    tenantId: 't',
    id: `${PREFIX[kind]}-${1000 + ++seq}`,
    kind,
    status: over.owner ? 'claimed' : 'open',
    subject: 'Onderwerp',
    owner: null,
    createdBy: staff.bram,
    createdAt: at,
    updatedAt: at,
    deadline: null,
    closedAt: null,
    source: 'teams',
    version: 1,
    data: {} as D,
    card: null,
    ...over,
  };
}

/** Restarts the id count (a test that pins ids calls this first). */
export function resetItemIds(): void {
  seq = 0;
}

/**
 * An item made by the kind's own create rule from the form `input`, by `ctx.actor` at `ctx.now`
 * (createdAt = updatedAt = now, createdBy = actor); throws when the rule refuses. `over` sets
 * fields of the stored item (id, tenantId, …); the id defaults to the kind's prefix + 1001.
 */
export function createdItem<D = Record<string, unknown>>(
  kind: ItemKind,
  input: Record<string, unknown>,
  ctx: ActionContext,
  over: Partial<Item<D>> = {},
): Item<D> {
  const c = rulesFor(kind).create(input, ctx);
  if (!c.ok) throw new Error(`create ${kind} refused: ${JSON.stringify(c.refusal)}`);
  const n = c.item as { status: string; subject: string; owner: Person | null; deadline: Date | null; data: D };
  return {
    tenantId: 't',
    id: `${PREFIX[kind]}-1001`,
    kind,
    status: n.status,
    subject: n.subject,
    owner: n.owner,
    createdBy: ctx.actor,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    deadline: n.deadline,
    closedAt: null,
    source: 'teams',
    version: 1,
    data: n.data,
    card: null,
    ...over,
  };
}
