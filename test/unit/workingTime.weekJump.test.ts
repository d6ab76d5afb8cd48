// The week jump (docs/working-time.md): working-time arithmetic over long spans must give exactly
// what the old day-by-day walk gave, at a cost that does not grow with the span. The old walk is
// kept here as the reference.
import { expect } from 'chai';
import fc from 'fast-check';
import {
  WorkingCalendar,
  addCalendarDays,
  type IsoWeekday,
  type LiberationDayRule,
  type OfficeHours,
  type WorkingTimeConfigInput,
} from '../../src/domain/workingTime';

// ---- the reference: the day-by-day walk as it was before the week jump ----

function walkAddWorkingDays(cal: WorkingCalendar, day: string, n: number): string {
  let d = day;
  for (let i = 0; i < n; i++) d = cal.nextWorkingDay(d);
  return d;
}

function walkWorkingDaysBetween(cal: WorkingCalendar, from: string, to: string): number {
  if (to < from) return -walkWorkingDaysBetween(cal, to, from);
  let count = 0;
  for (let day = addCalendarDays(from, 1); day <= to; day = addCalendarDays(day, 1)) if (cal.isWorkingDay(day)) count++;
  return count;
}

function walkWorkingMillisBetween(cal: WorkingCalendar, from: Date, to: Date): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b < a) return -walkWorkingMillisBetween(cal, to, from);
  let total = 0;
  const last = cal.dayOf(to);
  for (let day = cal.dayOf(from); day <= last; day = addCalendarDays(day, 1)) {
    if (!cal.isWorkingDay(day)) continue;
    const start = Math.max(a, cal.openingTime(day).getTime());
    const end = Math.min(b, cal.closingTime(day).getTime());
    if (end > start) total += end - start;
  }
  return total;
}

// ---- generators: moments within (and a little around) a 12-month horizon ----

const MIN = Date.UTC(2025, 0, 1);
const MAX = Date.UTC(2029, 0, 1);
const HORIZON_MS = 366 * 86_400_000;
const instant = fc.integer({ min: MIN, max: MAX }).map((ms) => new Date(ms));
const hhmm = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

// Office hours may span the night's DST change (00:00–23:59), so the DST correction is exercised.
const officeHours: fc.Arbitrary<OfficeHours | null> = fc.oneof(
  fc.constant(null),
  fc.constant({ open: '00:00', close: '23:59' }),
  fc
    .tuple(fc.integer({ min: 0, max: 23 * 60 + 59 }), fc.integer({ min: 0, max: 23 * 60 + 59 }))
    .filter(([a, b]) => a !== b)
    .map(([a, b]) => ({ open: hhmm(Math.min(a, b)), close: hhmm(Math.max(a, b)) })),
);

const config: fc.Arbitrary<WorkingTimeConfigInput> = fc.record({
  timeZone: fc.constantFrom('Europe/Amsterdam', 'Europe/London', 'America/New_York', 'Australia/Sydney', 'UTC'),
  goodFridayClosed: fc.boolean(),
  liberationDay: fc.constantFrom<LiberationDayRule>('never', 'lustrum', 'always'),
  closingDays: fc.array(
    fc.integer({ min: MIN, max: MAX }).map((ms) => new Date(ms).toISOString().slice(0, 10)),
    { maxLength: 60 },
  ),
  officeHours: fc
    .tuple(officeHours, officeHours, officeHours, officeHours, officeHours, officeHours, officeHours)
    .filter((hours) => hours.some((h) => h !== null))
    .map((hours) => Object.fromEntries(hours.map((h, i) => [i + 1, h])) as Record<IsoWeekday, OfficeHours | null>),
});

const calendar: fc.Arbitrary<WorkingCalendar> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(new WorkingCalendar()) },
  { weight: 2, arbitrary: config.map((c) => new WorkingCalendar(c)) },
);

describe('workingTime: the week jump equals the day-by-day walk', () => {
  const runs = { numRuns: 300 };

  it('workingMillisBetween over random pairs of moments up to 13 months apart', () => {
    fc.assert(
      fc.property(
        calendar,
        instant,
        fc.integer({ min: -HORIZON_MS - 30 * 86_400_000, max: HORIZON_MS + 30 * 86_400_000 }),
        (cal, a, span) => {
          const b = new Date(a.getTime() + span);
          expect(cal.workingMillisBetween(a, b)).to.equal(walkWorkingMillisBetween(cal, a, b));
        },
      ),
      runs,
    );
  });

  it('workingDaysBetween over random pairs of days up to 13 months apart', () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: -400, max: 400 }), (cal, a, days) => {
        const from = cal.dayOf(a);
        const to = addCalendarDays(from, days);
        expect(cal.workingDaysBetween(from, to)).to.equal(walkWorkingDaysBetween(cal, from, to));
      }),
      runs,
    );
  });

  it('addWorkingDays for n up to a year of working days', () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 0, max: 300 }), (cal, a, n) => {
        const day = cal.dayOf(a);
        expect(cal.addWorkingDays(day, n)).to.equal(walkAddWorkingDays(cal, day, n));
      }),
      runs,
    );
  });

  it('costs far less than the walk: CPU time of a year-long span is a fraction of walking it (best of 5)', () => {
    const cal = new WorkingCalendar();
    const from = new Date('2026-12-03T09:00:00Z');
    const to = new Date(from.getTime() + HORIZON_MS);
    const pairs = Array.from(
      { length: 200 },
      (_, i) => [new Date(from.getTime() + i * 3_600_000), new Date(to.getTime() - i * 3_600_000)] as const,
    );
    // Warm the per-year caches (holidays, DST days) so both sides measure arithmetic only.
    walkWorkingMillisBetween(cal, from, to);
    cal.workingMillisBetween(from, to);
    const cpu = (fn: () => void): number => {
      let best = Infinity;
      for (let r = 0; r < 5; r++) {
        const t0 = process.cpuUsage();
        fn();
        const d = process.cpuUsage(t0);
        best = Math.min(best, d.user + d.system);
      }
      return best;
    };
    const fast = cpu(() => {
      for (const [a, b] of pairs) cal.workingMillisBetween(a, b);
    });
    const walk = cpu(() => {
      for (const [a, b] of pairs) walkWorkingMillisBetween(cal, a, b);
    });
    // A year is ~52 weeks: the jump does ~15 day-steps where the walk does ~366.
    expect(fast * 5).to.be.lessThan(walk);
    // And per call well under a millisecond of CPU (200 calls).
    expect(fast / 200).to.be.lessThan(1000);
  });
});
