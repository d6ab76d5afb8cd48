// Issue 14 on a real store (SQLite and PostgreSQL): the digest and the report read the items a page
// at a time (and the report the history once per page), and give what the whole reads gave: the
// digest of every open item in the repository's order (the pre-issue-14 buildDigest,
// test/support/digestReference.ts) and the report from each item's own history (one query per item).
import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildReport, digestOf, ownOpenItems, REPORT_WEEKS, teamOpenItems, type ListRequest } from '../../src/app/openItems';
import { makePolicy } from '../../src/app/policy';
import { referenceList } from '../support/listReference';
import type { Services } from '../../src/app/services';
import { isHeld } from '../../src/domain/customers/pause';
import type { DigestAudience } from '../../src/domain/digest';
import { onTimeReport, reportStart } from '../../src/domain/report/onTime';
import type { HistoryEntry, Item } from '../../src/domain/types';
import { WorkingCalendar } from '../../src/domain/workingTime';
import { PostgresRepository } from '../../src/storage/postgres';
import type { Repository } from '../../src/storage/repository';
import { SqliteRepository } from '../../src/storage/sqlite';
import { channelAudience, personalAudience, renderDigestCard } from '../../src/teams/features/digest/card';
import { dropSchema, freshSchema, PG_URL, requirePostgres } from '../harness/pg';
import { staff } from '../harness/roster';
import { referenceDigest } from '../support/digestReference';
import { randomHistory, randomItems, seeded } from '../support/randomItems';

const cal = new WorkingCalendar();
const NOW = new Date('2026-11-26T08:30:00+01:00');
const PAGE = 7;
const TENANT = 't';

/** The parts of Services the reads use. */
const policy = makePolicy((p) => p.id === staff.dirk.id);
const services = (repo: Repository): Services =>
  ({ repo, calendar: cal, clock: { now: () => NOW }, itemPageSize: PAGE, policy }) as unknown as Services;

/** 160 random items, a few held, made over the last five weeks, each with a random history. */
async function seed(repo: Repository): Promise<void> {
  const rnd = seeded(14);
  const items = randomItems(160, NOW, rnd).map((i, n): Item => {
    const createdAt = new Date(NOW.getTime() - Math.floor(rnd() * 35 * 24) * 3_600_000);
    return { ...i, tenantId: TENANT, createdAt, updatedAt: createdAt, data: n % 23 === 0 ? { ...i.data, held: true } : i.data };
  });
  for (const item of items) {
    const history = randomHistory(item, NOW, rnd);
    expect(await repo.commit({ item, expectedVersion: null, history, outbox: [] })).to.equal(true);
  }
}

function pagedReadsSuite(name: string, makeRepo: () => Promise<Repository>, cleanup: () => Promise<void>): void {
  describe(`paged reads (issue 14): ${name}`, function () {
    let repo: Repository;
    before(async function () {
      this.timeout(60_000);
      repo = await makeRepo();
      await repo.migrate();
      await seed(repo);
    });
    after(async () => {
      await repo?.close();
      await cleanup();
    });

    const audiences: [string, DigestAudience][] = [
      ['channel', channelAudience],
      ['personal', personalAudience(staff.anna)],
    ];
    for (const [who, audience] of audiences) {
      it(`the ${who} digest from pages equals the digest of all open items read at once, card byte for byte`, async () => {
        // What digestItems read before: every open item (the channel: minus held ones; a person: by both ids).
        let all: Item[];
        if (audience.type === 'channel') all = (await repo.queryItems(TENANT, { open: true })).filter((i) => !isHeld(i));
        else {
          const p = audience.person;
          all = [];
          for (const id of [p.id, p.teamsId!]) all.push(...(await repo.queryItems(TENANT, { open: true, ownerId: id })));
        }
        expect(all.length).to.be.greaterThan(3 * PAGE);
        const reads: number[] = [];
        const queryItems = repo.queryItems.bind(repo);
        const counting = Object.create(repo) as Repository;
        counting.queryItems = async (tenantId, q) => {
          const items = await queryItems(tenantId, q);
          reads.push(items.length);
          expect(q.limit).to.equal(PAGE);
          return items;
        };
        const folded = await digestOf(services(counting), TENANT, audience, NOW);
        expect(Math.max(...reads)).to.be.at.most(PAGE);
        expect(folded.seen).to.equal(all.length);
        for (const maxLines of [40, 20, 10, 5, 2, 1]) {
          const expected = referenceDigest(all, { now: NOW, calendar: cal, audience, maxLines });
          const got = folded.result(maxLines);
          expect(got).to.deep.equal(expected);
          const card = (d: typeof got) => JSON.stringify(renderDigestCard(d, cal, { digestTime: '08:30' }));
          expect(card(got)).to.equal(card(expected));
        }
      });
    }

    const requests: [string, ListRequest][] = [
      ['mijn of Anna in her chat', { actor: staff.anna, personal: true, keep: 30 }],
      ['overzicht in the channel', { actor: staff.bram, personal: false, keep: 40 }],
      [
        'overzicht of a manager in her chat, filtered on callbacks',
        { actor: staff.dirk, personal: true, filter: { kind: 'callback' }, keep: 40 },
      ],
      [
        'overzicht in the channel, filtered on overdue items of nobody',
        { actor: staff.bram, personal: false, filter: { owner: 'none', state: 'overdue' }, keep: 5 },
      ],
    ];
    for (const [what, r] of requests) {
      it(`${what}: the list from pages equals the list of all open items read at once`, async () => {
        const mine = what.startsWith('mijn');
        const all = await repo.queryItems(TENANT, mine ? { open: true, ownerId: r.actor.id } : { open: true });
        expect(all.length).to.be.greaterThan(mine ? PAGE : 3 * PAGE);
        const expected = referenceList(all, r, policy, cal, NOW);
        if (!mine) for (const u of await repo.listUsers(TENANT)) if (!expected.owners.has(u.userId)) expected.owners.set(u.userId, u.name);
        const reads: number[] = [];
        const queryItems = repo.queryItems.bind(repo);
        const counting = Object.create(repo) as Repository;
        counting.queryItems = async (tenantId, q) => {
          expect(q.limit).to.equal(PAGE);
          const items = await queryItems(tenantId, q);
          reads.push(items.length);
          return items;
        };
        const got = await (mine ? ownOpenItems : teamOpenItems)(services(counting), TENANT, r);
        expect(reads.length).to.be.greaterThan(1);
        expect(got.rows.map((x) => x.item.id)).to.deep.equal(expected.rows.map((x) => x.item.id));
        expect(got).to.deep.equal(expected);
      });
    }

    it('the report from pages, with one history query per page, equals the report from every item and its own history', async () => {
      const since = cal.at(reportStart(cal, NOW, REPORT_WEEKS), '00:00');
      const items = await repo.queryItems(TENANT, { createdSince: since });
      const history = new Map<string, HistoryEntry[]>();
      for (const item of items) history.set(item.id, await repo.history(TENANT, item.id));
      const expected = onTimeReport(items, history, cal, NOW, REPORT_WEEKS);
      expect(expected.total.made).to.be.greaterThan(3 * PAGE);

      const calls = { history: 0, historyOf: 0, ids: 0 };
      const counting = Object.create(repo) as Repository;
      counting.history = async () => {
        calls.history++;
        return [];
      };
      counting.historyOf = async (tenantId, ids) => {
        calls.historyOf++;
        calls.ids = Math.max(calls.ids, ids.length);
        return repo.historyOf(tenantId, ids);
      };
      const got = await buildReport(services(counting), TENANT);
      expect(got).to.deep.equal(expected);
      expect(calls.history, 'no query per item').to.equal(0);
      expect(calls.historyOf).to.equal(Math.ceil(items.length / PAGE));
      expect(calls.ids).to.equal(PAGE);
    });
  });
}

{
  let dir: string | undefined;
  pagedReadsSuite(
    'sqlite',
    async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'topcontact-paged-'));
      return new SqliteRepository(path.join(dir, 'store.db'));
    },
    async () => {
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  );
}

describe('PostgreSQL', function () {
  const schema = freshSchema('tc_paged');
  before(async function () {
    await requirePostgres(this, 'PostgreSQL paged reads');
  });
  pagedReadsSuite(
    'postgres',
    async () => new PostgresRepository(PG_URL, { schema }),
    () => dropSchema(schema),
  );
});
