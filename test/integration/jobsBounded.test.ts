// Scheduled jobs do not repeat long working-time arithmetic per item per tick (issue 13), and read
// items a page at a time (issue 14: a counting repository proves no read returns more than a page). With many
// unclaimed callbacks due almost a year ahead (HTTP intake, SQLite), a tick of the reminder jobs
// counts working time over at most two weeks per item, and an item it cannot read is skipped.
import { expect } from 'chai';
import sinon from 'sinon';
import { TEST_TENANT } from '../harness/activities';
import type { BotUnderTest } from '../harness/bot';
import { startTeamBot } from '../harness/team';
import { useBot } from '../harness/suite';
import { WorkingCalendar } from '../../src/domain/workingTime';
import { NEAR_PROBE_MS } from '../../src/domain/reminders';
import { bindChannel, CUSTOMER, intake, introduce, startCallbackBot } from './callbacks.helpers';
import type { ItemQuery } from '../../src/storage/repository';
import { nl } from '../../src/texts/nl';

describe('jobs: working time per item per tick is bounded (HTTP)', () => {
  let bot: BotUnderTest;
  const suite = useBot((connector) => startTeamBot(connector));
  beforeEach(() => ({ bot } = suite));
  afterEach(() => sinon.restore());

  it('a tick over 40 far-off unclaimed callbacks counts at most two weeks of working time for each', async () => {
    for (let i = 0; i < 40; i++) {
      const res = await intake(bot, { ...CUSTOMER, topic: `Verzoek ${i}`, preferredMoment: '2027-10-20T10:00:00+02:00' });
      expect(res.status).to.equal(201);
    }
    // And one nearly due, so the job really runs its nudge path (a 'near' item still gets its nudge).
    const near = await intake(bot, { ...CUSTOMER, topic: 'Bijna' });
    await bot.settle();
    bot.clock.set('2026-11-27T15:30:00+01:00');
    const spans: number[] = [];
    const original = WorkingCalendar.prototype.workingMillisBetween;
    sinon.replace(WorkingCalendar.prototype, 'workingMillisBetween', function (this: WorkingCalendar, from: Date, to: Date) {
      spans.push(Math.abs(to.getTime() - from.getTime()));
      return original.call(this, from, to);
    });
    await bot.app.tick();
    await bot.app.tick();
    expect(spans.length, 'counted at all (the test must see the job work)').to.be.greaterThan(0);
    expect(spans.length).to.be.at.most(2 * 2 * 41);
    expect(Math.max(...spans)).to.be.at.most(NEAR_PROBE_MS);
    const nudged = await bot.app.s.repo.hasClaim(TEST_TENANT, `nudge:${near.body.id}:${Date.parse(near.body.deadline)}`);
    expect(nudged, 'the near callback got its nudge').to.equal(true);
  });
});

describe('jobs: a tick reads items a page at a time (HTTP, SQLite)', () => {
  const PAGE = 10;
  let bot: BotUnderTest;
  // The digest is due later in the day here: this test is about the reminder jobs (the digest reads
  // pages too since issue 14, see test/integration/pagedReads.test.ts).
  const suite = useBot(async (connector) => {
    const b = await startCallbackBot({ env: { DIGEST_TIME: '17:00' }, app: { itemPageSize: PAGE } });
    await bindChannel(b, connector);
    await introduce(b);
    await b.settle();
    return b;
  });
  beforeEach(() => ({ bot } = suite));

  it('with 4 pages of overdue callbacks and far-off ones, no query returns more than a page, and every overdue one is reminded', async () => {
    const overdue: string[] = [];
    for (let i = 0; i < 3 * PAGE + 5; i++) {
      const res = await intake(bot, { ...CUSTOMER, topic: `Verzoek ${i}` });
      expect(res.status).to.equal(201);
      overdue.push(String(res.body.id));
    }
    const far: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await intake(bot, { ...CUSTOMER, topic: `Later ${i}`, preferredMoment: '2027-10-20T10:00:00+02:00' });
      expect(res.status).to.equal(201);
      far.push(String(res.body.id));
    }
    await bot.settle();
    // Monday 10:00: the first 35 are past their deadline (Friday), the others months ahead.
    bot.clock.set('2026-11-30T10:00:00+01:00');
    const reads: { q: ItemQuery; n: number }[] = [];
    const repo = bot.app.s.repo;
    const queryItems = repo.queryItems.bind(repo);
    repo.queryItems = async (tenantId, q) => {
      const items = await queryItems(tenantId, q);
      reads.push({ q, n: items.length });
      return items;
    };
    await bot.app.tick();

    expect(reads.length, 'the jobs read items').to.be.greaterThan(0);
    for (const r of reads) {
      expect(r.n, JSON.stringify(r.q)).to.be.at.most(PAGE);
      expect(r.q.limit, `a bounded read: ${JSON.stringify(r.q)}`).to.be.within(1, PAGE);
    }
    const overdueReads = reads.filter((r) => r.q.kinds?.includes('callback') && r.q.deadlineBefore);
    expect(overdueReads.length, 'the overdue callbacks came in pages').to.be.at.least(4);
    for (const id of overdue) expect(await repo.hasClaim(TEST_TENANT, `overdue:${id}:2026-11-30`), id).to.equal(true);
    for (const id of far) expect(await repo.hasClaim(TEST_TENANT, `overdue:${id}:2026-11-30`), id).to.equal(false);
    // 35 notices for the channel became one message listing the ids.
    const pending = await repo.listOutbox({ tenantId: TEST_TENANT, type: 'notifyChannel', limit: 100 });
    const bundled = pending.filter((m) => String(m.key).startsWith(`bundle:${TEST_TENANT}:channel:${TEST_TENANT}:2026-11-30:`));
    expect(bundled).to.have.length(1);
    expect(bundled[0]!.payload.text).to.equal(
      nl.common.remindersBundledChannel(overdue.length, nl.common.remindersIdList(overdue.slice(0, 10), overdue.length - 10)),
    );
  });
});
