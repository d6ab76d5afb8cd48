// Issue 14: the digest and the report are folded page by page. Whatever the pages (their order,
// their sizes), the result is the one the whole list gave: for the digest the pre-issue-14
// buildDigest (test/support/digestReference.ts) over the items in the repository's order, as the
// delivery read them; for the report the report over every item at once.
import { expect } from 'chai';
import fc from 'fast-check';
import { buildDigest, digestAccumulator, type DigestAudience, type DigestOptions } from '../../src/domain/digest';
import { onTimeAccumulator, onTimeReport } from '../../src/domain/report/onTime';
import type { HistoryEntry } from '../../src/domain/types';
import { WorkingCalendar } from '../../src/domain/workingTime';
import { channelAudience, personalAudience } from '../../src/teams/features/digest/card';
import { referenceDigest } from '../support/digestReference';
import { aSeed, randomHistory, randomItems, randomPages, repositoryOrder, seeded, shuffled } from '../support/randomItems';
import { staff } from '../harness/roster';
import { openListAccumulator, type OpenFilter } from '../../src/domain/views/openItems';
import { makePolicy } from '../../src/app/policy';
import { referenceList } from '../support/listReference';
import { OWNERS } from '../support/randomItems';

const cal = new WorkingCalendar();
const NOW = new Date('2026-11-26T08:30:00+01:00'); // Thursday, the digest minute
const AUDIENCES: [string, DigestAudience][] = [
  ['channel', channelAudience],
  ['personal (Anna, by Entra and Teams id)', personalAudience(staff.anna)],
  ['personal (Zoë)', personalAudience({ id: 'p-zoe', name: 'Zoë' })],
];

describe('paging: the digest folded page by page equals the digest of all items at once (property)', () => {
  for (const [name, audience] of AUDIENCES) {
    it(`${name}: any pages, any order, any line budget`, () => {
      fc.assert(
        fc.property(aSeed, fc.integer({ min: 150, max: 400 }), fc.integer({ min: 1, max: 45 }), (seed, n, maxLines) => {
          const rnd = seeded(seed);
          const items = randomItems(n, NOW, rnd);
          const o: DigestOptions = { now: NOW, calendar: cal, audience, maxLines };
          // What the delivery built before: every open item, in the order the repository gave them.
          const expected = referenceDigest([...items].sort(repositoryOrder), o);
          expect(buildDigest([...items].sort(repositoryOrder), o), 'buildDigest, the wrapper').to.deep.equal(expected);
          // Pages in id order (keyset paging), and pages in no order at all.
          const byId = [...items].sort((a, b) => (a.id < b.id ? -1 : 1));
          for (const list of [byId, shuffled(items, rnd)]) {
            const acc = digestAccumulator(o);
            for (const page of randomPages(list, rnd)) acc.add(page);
            expect(acc.seen).to.equal(n);
            expect(acc.result(), 'folded').to.deep.equal(expected);
            // The card's size guard asks again with fewer lines: the same as building with that budget.
            const fewer = Math.max(1, Math.floor(maxLines / 2));
            expect(acc.result(fewer), `folded, then ${fewer} lines`).to.deep.equal(
              referenceDigest([...items].sort(repositoryOrder), { ...o, maxLines: fewer }),
            );
          }
        }),
        { numRuns: 40 },
      );
    });
  }

  it('one group that gets the whole budget (one owner, all overdue): exactly its maxLines soonest, whatever the pages', () => {
    const zoe = { id: 'p-zoe', name: 'Zoë' };
    fc.assert(
      fc.property(aSeed, fc.integer({ min: 1, max: 45 }), (seed, maxLines) => {
        const rnd = seeded(seed);
        const items = randomItems(200, NOW, rnd).map((i) => ({
          ...i,
          kind: 'callback' as const,
          data: {},
          owner: zoe,
          closedAt: null,
          deadline: new Date(NOW.getTime() - (1 + Math.floor(rnd() * 5)) * 3_600_000),
        }));
        for (const audience of [channelAudience, personalAudience(zoe)]) {
          const o: DigestOptions = { now: NOW, calendar: cal, audience, maxLines };
          const acc = digestAccumulator(o);
          for (const page of randomPages(shuffled(items, rnd), rnd)) acc.add(page);
          const d = acc.result();
          expect(d.shownLines).to.equal(maxLines);
          expect(d).to.deep.equal(referenceDigest([...items].sort(repositoryOrder), o));
        }
      }),
      { numRuns: 30 },
    );
  });

  it('no more lines than it was folded for', () => {
    const acc = digestAccumulator({ now: NOW, calendar: cal, audience: channelAudience, maxLines: 10 });
    expect(() => acc.result(11)).to.throw(RangeError);
    expect(acc.result(10).counts.open).to.equal(0);
  });
});

describe('paging: the report folded page by page equals the report of all items at once (property)', () => {
  it('any pages, any order: every week, kind and channel the same', () => {
    const now = new Date('2026-11-26T12:00:00+01:00');
    fc.assert(
      fc.property(aSeed, fc.integer({ min: 150, max: 400 }), (seed, n) => {
        const rnd = seeded(seed);
        // Items made over the last five weeks (the report looks back four), some in the future.
        const items = randomItems(n, now, rnd).map((i) => {
          const createdAt = new Date(now.getTime() + (rnd() * 36 - 34) * 24 * 3_600_000);
          return { ...i, createdAt, updatedAt: createdAt };
        });
        const history = new Map<string, HistoryEntry[]>(items.map((i) => [i.id, randomHistory(i, now, rnd)]));
        const expected = onTimeReport(items, history, cal, now);
        for (const list of [[...items].sort((a, b) => (a.id < b.id ? -1 : 1)), shuffled(items, rnd)]) {
          const acc = onTimeAccumulator(cal, now);
          // Each page with the history of its own items only (what Repository.historyOf gives).
          for (const page of randomPages(list, rnd)) acc.add(page, new Map(page.map((i) => [i.id, history.get(i.id)!])));
          expect(acc.result()).to.deep.equal(expected);
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('paging: the lists (mijn, overzicht) folded page by page equal the lists of all items at once (property)', () => {
  const people = OWNERS.filter((p) => p !== null);
  const filters = fc.record(
    {
      kind: fc.constantFrom(undefined, 'callback', 'appointment', 'exception', 'interpreter'),
      owner: fc.constantFrom(undefined, 'none', ...people.map((p) => p.id)),
      state: fc.constantFrom(undefined, 'overdue', 'dueToday', 'onTime', 'noDeadline'),
    },
    { requiredKeys: [] },
  );
  it('any pages, any order, any filter, any number of rows kept', () => {
    const policy = makePolicy(() => false);
    fc.assert(
      fc.property(aSeed, fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 45 }), filters, (seed, n, keep, f) => {
        const rnd = seeded(seed);
        const items = randomItems(n, NOW, rnd);
        const filter = Object.fromEntries(Object.entries(f).filter(([, x]) => x !== undefined)) as OpenFilter;
        const expected = referenceList(items, { actor: people[0]!, personal: true, filter, keep }, policy, cal, NOW);
        for (const list of [[...items].sort((a, b) => (a.id < b.id ? -1 : 1)), shuffled(items, rnd)]) {
          const acc = openListAccumulator({ calendar: cal, now: NOW, filter, keep });
          for (const page of randomPages(list, rnd)) acc.add(page);
          expect({ ...acc.result(), hidden: 0 }).to.deep.equal(expected);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('a list keeps at most `keep` rows, and counts every open item it was given', () => {
    const rnd = seeded(7);
    const items = randomItems(500, NOW, rnd);
    const acc = openListAccumulator({ calendar: cal, now: NOW, filter: {}, keep: 40 });
    for (const page of randomPages(items, rnd)) acc.add(page);
    const r = acc.result();
    const open = items.filter((i) => i.closedAt === null).length;
    expect(open).to.be.greaterThan(40);
    expect(r.counts.total).to.equal(open);
    expect(r.filtered).to.equal(open);
    expect(r.rows).to.have.length(40);
  });
});
