import { expect } from 'chai';
import fc from 'fast-check';
import {
  WorkingCalendar,
  addCalendarDays,
  callbackDeadline,
  deadlineState,
  formatDeadline,
  promiseTerms,
  type IsoWeekday,
  type LiberationDayRule,
  type OfficeHours,
  type WorkingTimeConfigInput,
} from '../../src/domain/workingTime';

const MIN = Date.UTC(2024, 0, 1);
const MAX = Date.UTC(2032, 0, 1);
const instant = fc.integer({ min: MIN, max: MAX }).map((ms) => new Date(ms));
const hhmm = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

const officeHours: fc.Arbitrary<OfficeHours | null> = fc.oneof(
  fc.constant(null),
  fc
    .tuple(fc.integer({ min: 5 * 60, max: 23 * 60 }), fc.integer({ min: 5 * 60, max: 23 * 60 }))
    .filter(([a, b]) => a !== b)
    .map(([a, b]) => ({ open: hhmm(Math.min(a, b)), close: hhmm(Math.max(a, b)) })),
);

const config: fc.Arbitrary<WorkingTimeConfigInput> = fc.record({
  goodFridayClosed: fc.boolean(),
  liberationDay: fc.constantFrom<LiberationDayRule>('never', 'lustrum', 'always'),
  closingDays: fc.array(
    fc.integer({ min: MIN, max: MAX }).map((ms) => new Date(ms).toISOString().slice(0, 10)),
    { maxLength: 40 },
  ),
  officeHours: fc
    .tuple(officeHours, officeHours, officeHours, officeHours, officeHours, officeHours, officeHours)
    .filter((hours) => hours.some((h) => h !== null))
    .map((hours) => Object.fromEntries(hours.map((h, i) => [i + 1, h])) as Record<IsoWeekday, OfficeHours | null>),
});

/** Default calendar most of the time (where the real cases are), random configuration otherwise. */
const calendar: fc.Arbitrary<WorkingCalendar> = fc.oneof(
  { weight: 2, arbitrary: fc.constant(new WorkingCalendar()) },
  { weight: 1, arbitrary: config.map((c) => new WorkingCalendar(c)) },
);

function workingDaysStrictlyBetween(cal: WorkingCalendar, fromDay: string, toDay: string): number {
  return cal.workingDaysBetween(fromDay, addCalendarDays(toDay, -1));
}

describe('workingTime: properties', () => {
  const runs = { numRuns: 400 };

  it('a callback deadline falls on a working day at closing time, strictly after the promise, with no working day in between', () => {
    fc.assert(
      fc.property(calendar, instant, (cal, promisedAt) => {
        const deadline = callbackDeadline(cal, promisedAt);
        const promiseDay = cal.dayOf(promisedAt);
        const deadlineDay = cal.dayOf(deadline);
        expect(cal.isWorkingDay(deadlineDay)).to.equal(true);
        expect(deadline.getTime()).to.equal(cal.closingTime(deadlineDay).getTime());
        expect(deadline.getTime()).to.be.greaterThan(promisedAt.getTime());
        expect(deadlineDay > promiseDay).to.equal(true);
        expect(workingDaysStrictlyBetween(cal, promiseDay, deadlineDay)).to.equal(0);
      }),
      runs,
    );
  });

  it('every computed term of callback, e-mail and letter has those properties; "within 5" leaves exactly 4 working days between', () => {
    fc.assert(
      fc.property(calendar, instant, fc.constantFrom('callback' as const, 'email' as const, 'letter' as const), (cal, promisedAt, kind) => {
        const terms = promiseTerms(cal, kind, promisedAt);
        const promiseDay = cal.dayOf(promisedAt);
        const expectations: Array<[Date, number]> =
          kind === 'callback'
            ? [[terms.first, 1]]
            : kind === 'letter'
              ? [[terms.first, 5]]
              : [
                  [terms.first, 1],
                  [terms.final!, 5],
                ];
        for (const [deadline, n] of expectations) {
          const day = cal.dayOf(deadline);
          expect(cal.isWorkingDay(day)).to.equal(true);
          expect(deadline.getTime()).to.equal(cal.closingTime(day).getTime());
          expect(deadline.getTime()).to.be.greaterThan(promisedAt.getTime());
          expect(workingDaysStrictlyBetween(cal, promiseDay, day)).to.equal(n - 1);
          expect(cal.workingDaysBetween(promiseDay, day)).to.equal(n);
        }
      }),
      runs,
    );
  });

  it('addWorkingDays(d, n) lands on a working day with exactly n working days in (d, result]', () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 1, max: 30 }), (cal, at, n) => {
        const day = cal.dayOf(at);
        const result = cal.addWorkingDays(day, n);
        expect(cal.isWorkingDay(result)).to.equal(true);
        expect(cal.workingDaysBetween(day, result)).to.equal(n);
        expect(cal.addWorkingDays(cal.nextWorkingDay(day), n - 1)).to.equal(result);
      }),
      runs,
    );
  });

  it('workingMillisBetween is antisymmetric, additive and never more than the wall time', () => {
    const span = fc.integer({ min: 0, max: 20 * 86_400_000 });
    fc.assert(
      fc.property(calendar, instant, span, span, (cal, a, s1, s2) => {
        const b = new Date(a.getTime() + s1);
        const c = new Date(b.getTime() + s2);
        const ab = cal.workingMillisBetween(a, b);
        const bc = cal.workingMillisBetween(b, c);
        expect(ab).to.be.within(0, s1);
        expect(cal.workingMillisBetween(b, a)).to.equal(-ab);
        expect(cal.workingMillisBetween(a, c)).to.equal(ab + bc);
      }),
      runs,
    );
  });

  it('isWithinOfficeHours agrees with working time around an instant', () => {
    fc.assert(
      fc.property(calendar, instant, (cal, at) => {
        const justAfter = new Date(at.getTime() + 1000);
        const inside = cal.isWithinOfficeHours(at) && cal.isWithinOfficeHours(justAfter);
        if (inside) expect(cal.workingMillisBetween(at, justAfter)).to.equal(1000);
        if (!cal.isWithinOfficeHours(at) && !cal.isWithinOfficeHours(new Date(at.getTime() + 999))) {
          expect(cal.workingMillisBetween(at, justAfter)).to.equal(0);
        }
      }),
      runs,
    );
  });

  it('dayOf(at(day, time)) is that day, and closedReason is null exactly on working days', () => {
    const cal = new WorkingCalendar();
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 24 * 60 - 1 }), (at, minutes) => {
        const day = cal.dayOf(at);
        expect(cal.dayOf(cal.at(day, hhmm(minutes)))).to.equal(day);
        expect(cal.closedReason(day) === null).to.equal(cal.isWorkingDay(day));
      }),
      runs,
    );
  });

  it('deadlineState and formatDeadline agree on "today"', () => {
    const cal = new WorkingCalendar();
    fc.assert(
      fc.property(instant, fc.integer({ min: -5 * 86_400_000, max: 10 * 86_400_000 }), (now, delta) => {
        const deadline = callbackDeadline(cal, new Date(now.getTime() + delta));
        const state = deadlineState(cal, deadline, now);
        const text = formatDeadline(cal, deadline, now);
        if (state === 'dueToday') expect(text).to.match(/^vandaag \d\d:\d\d$/);
        if (state === 'onTime') expect(text).to.match(/^(morgen \d\d:\d\d|uiterlijk \S+ \d{1,2} \S+( \d{4})?, \d\d:\d\d)$/);
      }),
      runs,
    );
  });
});
