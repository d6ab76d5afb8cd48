// Scheduled jobs do not repeat long working-time arithmetic per item per tick (issue 13): with many
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
import { CUSTOMER, intake } from './callbacks.helpers';

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
