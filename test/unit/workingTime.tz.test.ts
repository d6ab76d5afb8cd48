import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

/**
 * The server's TZ must not matter. Each check runs the compiled module in a child `node` process
 * whose TZ environment variable really differs, and compares the answers.
 */
const modulePath = path.resolve(__dirname, '../../src/domain/workingTime/index.js');

const script = `
const wt = require(${JSON.stringify(modulePath)});
const cal = new wt.WorkingCalendar();
const lustrumNever = new wt.WorkingCalendar({ liberationDay: 'never', goodFridayClosed: true });
const out = {
  offsetMinutes: new Date(2026, 0, 1, 12).getTimezoneOffset(),
  resolvedZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  rows: [],
};
const starts = [
  '2025-04-24T00:00:00Z', '2025-05-01T00:00:00Z', '2025-12-22T00:00:00Z',
  '2026-03-26T00:00:00Z', '2026-04-01T00:00:00Z', '2026-04-23T00:00:00Z', '2026-05-12T00:00:00Z',
  '2026-05-21T00:00:00Z', '2026-10-22T00:00:00Z', '2026-11-25T00:00:00Z', '2026-12-23T00:00:00Z',
  '2027-04-23T00:00:00Z',
];
for (const start of starts) {
  for (let h = 0; h < 24 * 7; h += 5) {
    const at = new Date(Date.parse(start) + h * 3600000 + 17 * 60000);
    const email = wt.promiseTerms(cal, 'email', at);
    const deadline = wt.callbackDeadline(cal, at);
    const later = new Date(at.getTime() + 3 * 86400000);
    out.rows.push([
      at.toISOString(), cal.dayOf(at), cal.isWorkingDay(at), cal.closedReason(cal.dayOf(at)),
      deadline.toISOString(), email.first.toISOString(), email.final.toISOString(),
      wt.promiseTerms(lustrumNever, 'letter', at).first.toISOString(),
      cal.isWithinOfficeHours(at), cal.workingMillisBetween(at, later),
      wt.deadlineState(cal, deadline, later), wt.formatDeadline(cal, deadline, at),
      wt.formatTimeLeft(cal, deadline, at), wt.formatTimeLeft(cal, deadline, later), wt.formatMoment(cal, at),
      cal.at(cal.dayOf(at), '08:30').toISOString(), cal.nextWorkingDay(cal.dayOf(at)),
    ]);
  }
}
process.stdout.write(JSON.stringify(out));
`;

interface Output {
  offsetMinutes: number;
  resolvedZone: string;
  rows: unknown[][];
}

function runWithTz(tz: string): Output {
  const result = spawnSync(process.execPath, ['-e', script], {
    env: { ...process.env, TZ: tz },
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (result.status !== 0) throw new Error(`child with TZ=${tz} failed: ${result.stderr || String(result.error)}`);
  return JSON.parse(result.stdout) as Output;
}

describe('workingTime: independent of the server time zone', function () {
  this.timeout(60_000);
  let results: Record<string, Output>;

  before(() => {
    results = {
      UTC: runWithTz('UTC'),
      'Asia/Tokyo': runWithTz('Asia/Tokyo'),
      'America/New_York': runWithTz('America/New_York'),
      'Europe/Amsterdam': runWithTz('Europe/Amsterdam'),
    };
  });

  it('the child processes really ran in different zones', () => {
    expect(results.UTC!.offsetMinutes).to.equal(0);
    expect(results['Asia/Tokyo']!.offsetMinutes).to.equal(-540);
    expect(results['America/New_York']!.offsetMinutes).to.equal(300);
    expect(results['Europe/Amsterdam']!.offsetMinutes).to.equal(-60);
  });

  it('TZ=UTC and TZ=Asia/Tokyo give the same answers', () => {
    expect(results.UTC!.rows.length).to.be.greaterThan(300);
    expect(results['Asia/Tokyo']!.rows).to.deep.equal(results.UTC!.rows);
  });

  it('TZ=America/New_York (other DST dates) and TZ=Europe/Amsterdam give the same answers too', () => {
    expect(results['America/New_York']!.rows).to.deep.equal(results.UTC!.rows);
    expect(results['Europe/Amsterdam']!.rows).to.deep.equal(results.UTC!.rows);
  });

  it('and those answers are the Amsterdam ones', () => {
    const byInstant = new Map(results['Asia/Tokyo']!.rows.map((row) => [row[0] as string, row]));
    // Friday 22 May 2026 16:17 UTC = 18:17 in Amsterdam, before Pinkstermaandag
    const row = byInstant.get('2026-05-22T16:17:00.000Z');
    expect(row).to.not.equal(undefined);
    expect(row![1]).to.equal('2026-05-22');
    expect(row![4]).to.equal('2026-05-26T15:00:00.000Z');
    expect(row![6]).to.equal('2026-06-01T15:00:00.000Z');
    expect(row![8]).to.equal(false);
    expect(row![14]).to.equal('vrijdag 22 mei, 18:17');
  });
});
