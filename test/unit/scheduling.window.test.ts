// The free/busy window the agenda asks Graph for stays under getSchedule's limit (62 days,
// ErrorTimeIntervalTooBig), whatever the promise to the customer is (issue 13).
import { expect } from 'chai';
import fc from 'fast-check';
import { WorkingCalendar } from '../../src/domain/workingTime';
import { MAX_SEARCH_DAYS, searchWindow } from '../../src/domain/scheduling/slots';
import { schedulePieces } from '../../src/graph/service';

const DAY = 24 * 3600_000;

describe('scheduling: the free/busy window is bounded', () => {
  const cal = new WorkingCalendar();
  const now = new Date('2026-11-26T09:00:00Z');

  it('a near deadline: up to five working days after it, as before', () => {
    const w = searchWindow(cal, now, new Date('2026-11-27T16:00:00Z'));
    expect(w.start).to.deep.equal(now);
    expect(w.end.toISOString()).to.equal(cal.closingTime(cal.addWorkingDays('2026-11-27', 5)).toISOString());
  });

  it('a deadline months or years ahead: at most MAX_SEARCH_DAYS (< 62) from now', () => {
    expect(MAX_SEARCH_DAYS).to.be.below(62);
    for (const d of ['2027-04-20T08:00:00Z', '2036-01-01T00:00:00Z', '9999-12-31T00:00:00Z']) {
      const w = searchWindow(cal, now, new Date(d));
      expect(w.end.getTime() - w.start.getTime(), d).to.equal(MAX_SEARCH_DAYS * DAY);
    }
  });

  it('for any deadline the window is under 62 days (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -30, max: 3000 }), (days) => {
        const w = searchWindow(cal, now, new Date(now.getTime() + days * DAY));
        return w.end.getTime() - w.start.getTime() < 62 * DAY && w.end.getTime() > w.start.getTime();
      }),
    );
  });

  it('GraphService splits any longer window into consecutive pieces under 62 days', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 * DAY }), (len) => {
        const pieces = schedulePieces(now, new Date(now.getTime() + len));
        return (
          pieces[0].start.getTime() === now.getTime() &&
          pieces[pieces.length - 1].end.getTime() === now.getTime() + len &&
          pieces.every(
            (p, i) => p.end.getTime() - p.start.getTime() < 62 * DAY && (i === 0 || p.start.getTime() === pieces[i - 1].end.getTime()),
          )
        );
      }),
    );
  });
});
