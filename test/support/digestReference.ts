// The digest as buildDigest made it before issue 14 (commit 20398f2): every item at once, each
// section's items grouped per owner (the group's owner as on its first item in the order given),
// each group sorted whole. It shares with the fold what the fold did not change (digestTally: the
// counts, which section an item goes to, the line wording and the cut to the line budget), so the
// tests hold against it exactly what paging changed: grouping, ordering, the kept lines, the owner.
// (Checked once against the old build.ts copied verbatim: the same results; see docs/performance.md.)
import {
  byOwner,
  DEFAULT_MAX_LINES,
  digestTally,
  type Digest,
  type DigestOptions,
  type SectionKey,
  type SortedSection,
} from '../../src/domain/digest/build';
import type { Item, Person } from '../../src/domain/types';
import { repositoryOrder } from './randomItems';

export function referenceDigest(items: readonly Item[], o: DigestOptions): Digest {
  const tally = digestTally(o);
  const buckets = new Map<SectionKey, Map<string, { owner: Person | null; items: Item[] }>>();
  for (const item of items) {
    const place = tally.add(item);
    if (!place) continue;
    const groups = buckets.get(place.section) ?? new Map<string, { owner: Person | null; items: Item[] }>();
    buckets.set(place.section, groups);
    const g = groups.get(place.group) ?? { owner: place.group ? item.owner : null, items: [] };
    groups.set(place.group, g);
    g.items.push(item);
  }
  const sections = [...buckets].map(([key, groups]): SortedSection => ({
    key,
    groups: [...groups.values()]
      .map((g) => ({ owner: g.owner, total: g.items.length, items: g.items.sort(repositoryOrder) }))
      .sort(byOwner),
  }));
  return tally.digest(sections, Math.max(1, Math.floor(o.maxLines ?? DEFAULT_MAX_LINES)));
}
