// The lists (`mijn`, `overzicht`) as they were computed before issue 14 folded them page by page:
// every open item at once, the visibility split the views feature made, then openRows, countRows,
// filterRows and capList. The one rule that is new: an owner's name in the filter list is the name
// on their soonest item (before, the last item in the repository's order won).
import type { ListRequest, ListResult } from '../../src/app/openItems';
import type { Policy } from '../../src/app/policy';
import { isHeld } from '../../src/domain/customers/pause';
import { CHANNEL_KINDS } from '../../src/domain/items/registry';
import type { Item } from '../../src/domain/types';
import { capList, countRows, filterRows, openRows } from '../../src/domain/views/openItems';
import type { WorkingCalendar } from '../../src/domain/workingTime';

export function referenceList(all: readonly Item[], r: ListRequest, policy: Policy, cal: WorkingCalendar, now: Date): ListResult {
  const open = all.filter((i) => i.closedAt === null);
  const visible = policy.isManager(r.actor) ? open : open.filter((i) => !isHeld(i) || policy.mayViewPrivate(i, r.actor));
  const shown = r.personal ? visible : visible.filter((i) => CHANNEL_KINDS.has(i.kind));
  const rows = openRows(shown, cal, now);
  const passing = filterRows(rows, r.filter ?? {});
  const owners = new Map<string, string>();
  for (const row of [...rows].reverse()) if (row.item.owner) owners.set(row.item.owner.id, row.item.owner.name);
  return {
    counts: countRows(rows),
    filtered: passing.length,
    rows: capList(passing, r.keep).shown,
    owners,
    hidden: visible.length - shown.length,
  };
}
