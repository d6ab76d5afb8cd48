import { expect } from 'chai';
import { WorkingCalendar, defaultWorkingTimeConfig, type LiberationDayRule } from '../../src/domain/workingTime';

const t = (iso: string): Date => new Date(iso);

describe('workingTime: WorkingCalendar', () => {
  const cal = new WorkingCalendar();

  describe('configuration', () => {
    it('has the documented defaults', () => {
      expect(defaultWorkingTimeConfig.timeZone).to.equal('Europe/Amsterdam');
      expect(defaultWorkingTimeConfig.goodFridayClosed).to.equal(false);
      expect(defaultWorkingTimeConfig.liberationDay).to.equal('lustrum');
      expect(defaultWorkingTimeConfig.closingDays).to.deep.equal([]);
      for (const wd of [1, 2, 3, 4, 5] as const) {
        expect(defaultWorkingTimeConfig.officeHours[wd]).to.deep.equal({ open: '08:30', close: '17:00' });
      }
      expect(defaultWorkingTimeConfig.officeHours[6]).to.equal(null);
      expect(defaultWorkingTimeConfig.officeHours[7]).to.equal(null);
      expect(cal.config).to.deep.equal(defaultWorkingTimeConfig);
    });

    it('merges partial office hours over the defaults', () => {
      const c = new WorkingCalendar({ officeHours: { 5: { open: '08:30', close: '12:00' } } });
      expect(c.config.officeHours[5]).to.deep.equal({ open: '08:30', close: '12:00' });
      expect(c.config.officeHours[1]).to.deep.equal({ open: '08:30', close: '17:00' });
      expect(c.closingTime('2026-11-27').toISOString()).to.equal('2026-11-27T11:00:00.000Z');
    });

    it('rejects invalid configuration', () => {
      expect(() => new WorkingCalendar({ timeZone: 'Mars/Olympus' })).to.throw(RangeError);
      expect(() => new WorkingCalendar({ officeHours: { 1: { open: '17:00', close: '08:30' } } })).to.throw(RangeError);
      expect(() => new WorkingCalendar({ officeHours: { 1: { open: '8:30', close: '17:00' } } })).to.throw(RangeError);
      expect(() => new WorkingCalendar({ closingDays: ['2026-02-30'] })).to.throw(RangeError);
      expect(() => new WorkingCalendar({ liberationDay: 'sometimes' as LiberationDayRule })).to.throw(RangeError);
      expect(() => new WorkingCalendar({ officeHours: { 1: null, 2: null, 3: null, 4: null, 5: null, 6: null, 7: null } })).to.throw(
        RangeError,
      );
    });

    it('sorts and deduplicates closing days and freezes the config', () => {
      const c = new WorkingCalendar({ closingDays: ['2026-12-31', '2026-11-30', '2026-12-31'] });
      expect(c.config.closingDays).to.deep.equal(['2026-11-30', '2026-12-31']);
      expect(Object.isFrozen(c.config)).to.equal(true);
    });
  });

  describe('dayOf / at / timeOf in Europe/Amsterdam', () => {
    const cases: Array<[string, string, string]> = [
      ['2026-11-27T23:30:00Z', '2026-11-28', '00:30'],
      ['2026-11-27T22:59:00Z', '2026-11-27', '23:59'],
      ['2026-06-30T22:00:00Z', '2026-07-01', '00:00'],
      ['2026-06-30T21:59:00Z', '2026-06-30', '23:59'],
      // spring forward Sunday 29 March 2026 (02:00 CET → 03:00 CEST)
      ['2026-03-28T23:30:00Z', '2026-03-29', '00:30'],
      ['2026-03-29T01:00:00Z', '2026-03-29', '03:00'],
      // fall back Sunday 25 October 2026 (03:00 CEST → 02:00 CET)
      ['2026-10-24T22:30:00Z', '2026-10-25', '00:30'],
      ['2026-10-24T21:59:00Z', '2026-10-24', '23:59'],
      ['2026-10-25T00:30:00Z', '2026-10-25', '02:30'],
      ['2026-10-25T01:30:00Z', '2026-10-25', '02:30'],
      ['2026-12-31T23:00:00Z', '2027-01-01', '00:00'],
    ];
    for (const [iso, day, time] of cases) {
      it(`${iso} is ${day} ${time}`, () => {
        expect(cal.dayOf(t(iso))).to.equal(day);
        expect(cal.timeOf(t(iso))).to.equal(time);
      });
    }

    it('at() converts wall-clock times, including on both DST Sundays', () => {
      expect(cal.at('2026-11-27', '17:00').toISOString()).to.equal('2026-11-27T16:00:00.000Z');
      expect(cal.at('2026-07-01', '08:30').toISOString()).to.equal('2026-07-01T06:30:00.000Z');
      expect(cal.at('2026-03-29', '01:59').toISOString()).to.equal('2026-03-29T00:59:00.000Z');
      expect(cal.at('2026-03-29', '03:00').toISOString()).to.equal('2026-03-29T01:00:00.000Z');
      expect(cal.at('2026-03-29', '02:30').toISOString()).to.equal('2026-03-29T01:30:00.000Z'); // skipped → 03:30
      expect(cal.at('2026-10-25', '01:30').toISOString()).to.equal('2026-10-24T23:30:00.000Z');
      expect(cal.at('2026-10-25', '02:30').toISOString()).to.equal('2026-10-25T01:30:00.000Z'); // ambiguous → later
      expect(cal.at('2026-10-25', '03:00').toISOString()).to.equal('2026-10-25T02:00:00.000Z');
    });

    it('rejects invalid days and instants', () => {
      expect(() => cal.isWorkingDay('2026-13-01')).to.throw(RangeError);
      expect(() => cal.isWorkingDay('27-11-2026')).to.throw(RangeError);
      expect(() => cal.dayOf(new Date('nonsense'))).to.throw(RangeError);
      expect(() => cal.at('2026-11-27', '24:00')).to.throw(RangeError);
    });
  });

  describe('working days and closed reasons (defaults)', () => {
    const cases: Array<[string, boolean, string | null]> = [
      ['2026-11-27', true, null], // Friday
      ['2026-11-28', false, 'weekend'],
      ['2026-11-29', false, 'weekend'],
      ['2026-01-01', false, 'Nieuwjaar'],
      ['2026-04-03', true, null], // Goede Vrijdag, open by default
      ['2026-04-05', false, 'Pasen'],
      ['2026-04-06', false, 'Tweede paasdag'],
      ['2026-04-27', false, 'Koningsdag'], // Monday
      ['2027-04-27', false, 'Koningsdag'], // Tuesday
      ['2027-04-26', true, null],
      ['2025-04-26', false, 'Koningsdag'], // Saturday: 27 April 2025 is a Sunday
      ['2025-04-27', false, 'weekend'],
      ['2025-04-28', true, null],
      ['2026-05-05', true, null], // Bevrijdingsdag, not a lustrum year
      ['2025-05-05', false, 'Bevrijdingsdag'], // lustrum year
      ['2030-05-06', true, null],
      ['2026-05-14', false, 'Hemelvaartsdag'],
      ['2026-05-24', false, 'Pinksteren'],
      ['2026-05-25', false, 'Tweede pinksterdag'],
      ['2026-12-24', true, null],
      ['2026-12-25', false, 'Kerstmis'],
      ['2026-12-26', false, 'Tweede kerstdag'],
      ['2026-12-31', true, null], // Oudejaarsdag is type bank: open
      ['2027-01-01', false, 'Nieuwjaar'],
      ['2026-05-04', true, null], // Dodenherdenking is an observance
    ];
    for (const [day, working, reason] of cases) {
      it(`${day}: ${working ? 'working day' : `closed (${String(reason)})`}`, () => {
        expect(cal.isWorkingDay(day)).to.equal(working);
        expect(cal.closedReason(day)).to.equal(reason);
      });
    }

    it('accepts a Date and takes its Amsterdam day', () => {
      expect(cal.isWorkingDay(t('2026-11-27T23:30:00Z'))).to.equal(false); // Saturday 00:30 in Amsterdam
      expect(cal.isWorkingDay(t('2026-11-29T23:30:00Z'))).to.equal(true); // Monday 00:30 in Amsterdam
    });
  });

  describe('Koningsdag on a Saturday with Saturday office hours', () => {
    const saturdays = new WorkingCalendar({ officeHours: { 6: { open: '10:00', close: '14:00' } } });
    it('closes Saturday 26 April 2025 but not other Saturdays', () => {
      expect(saturdays.isWorkingDay('2025-04-19')).to.equal(true);
      expect(saturdays.isWorkingDay('2025-04-26')).to.equal(false);
      expect(saturdays.closedReason('2025-04-26')).to.equal('Koningsdag');
      expect(saturdays.nextWorkingDay('2025-04-25')).to.equal('2025-04-28');
      expect(saturdays.nextWorkingDay('2025-04-18')).to.equal('2025-04-19');
      expect(saturdays.closingTime('2025-04-19').toISOString()).to.equal('2025-04-19T12:00:00.000Z');
    });
  });

  describe('configuration switches', () => {
    const rules: LiberationDayRule[] = ['never', 'lustrum', 'always'];
    // is 5 May a working day in [2025 (a Monday, lustrum year), 2026 (a Tuesday)]
    const expected: Record<LiberationDayRule, [boolean, boolean]> = {
      never: [true, true],
      lustrum: [false, true],
      always: [false, false],
    };
    for (const rule of rules) {
      it(`Bevrijdingsdag '${rule}': 2025 ${expected[rule][0] ? 'open' : 'closed'}, 2026 ${expected[rule][1] ? 'open' : 'closed'}`, () => {
        const c = new WorkingCalendar({ liberationDay: rule });
        expect(c.isWorkingDay('2025-05-05')).to.equal(expected[rule][0]);
        expect(c.isWorkingDay('2026-05-05')).to.equal(expected[rule][1]);
        expect(c.closedReason('2025-05-05')).to.equal(expected[rule][0] ? null : 'Bevrijdingsdag');
        expect(c.closedReason('2026-05-05')).to.equal(expected[rule][1] ? null : 'Bevrijdingsdag');
        // 2045 is a lustrum year too, 5 May 2045 is a Friday; 2027 is not (a Wednesday)
        expect(c.isWorkingDay('2045-05-05')).to.equal(rule === 'never');
        expect(c.isWorkingDay('2027-05-05')).to.equal(rule !== 'always');
        // the next working day after the working day before 5 May
        expect(c.nextWorkingDay('2025-05-02')).to.equal(expected[rule][0] ? '2025-05-05' : '2025-05-06');
        expect(c.nextWorkingDay('2026-05-04')).to.equal(expected[rule][1] ? '2026-05-05' : '2026-05-06');
      });
    }

    it('Goede Vrijdag closed only when configured', () => {
      const closed = new WorkingCalendar({ goodFridayClosed: true });
      expect(cal.isWorkingDay('2026-04-03')).to.equal(true);
      expect(closed.isWorkingDay('2026-04-03')).to.equal(false);
      expect(closed.closedReason('2026-04-03')).to.equal('Goede Vrijdag');
      expect(closed.isWorkingDay('2025-04-18')).to.equal(false);
      expect(closed.isWorkingDay('2027-03-26')).to.equal(false);
      expect(closed.nextWorkingDay('2026-04-02')).to.equal('2026-04-07');
      expect(cal.nextWorkingDay('2026-04-02')).to.equal('2026-04-03');
    });

    it('extra closing days', () => {
      const c = new WorkingCalendar({ closingDays: ['2026-12-31', '2026-05-15'] });
      expect(c.isWorkingDay('2026-12-31')).to.equal(false);
      expect(c.closedReason('2026-12-31')).to.equal('sluitingsdag');
      expect(c.nextWorkingDay('2026-12-30')).to.equal('2027-01-04');
      // bridge day after Hemelvaartsdag
      expect(c.nextWorkingDay('2026-05-13')).to.equal('2026-05-18');
      // a closing day on a holiday keeps the holiday's name
      expect(new WorkingCalendar({ closingDays: ['2026-12-25'] }).closedReason('2026-12-25')).to.equal('Kerstmis');
    });

    it('a weekday without office hours is "gesloten"', () => {
      const c = new WorkingCalendar({ officeHours: { 3: null } });
      expect(c.isWorkingDay('2026-11-25')).to.equal(false);
      expect(c.closedReason('2026-11-25')).to.equal('gesloten');
      expect(() => c.closingTime('2026-11-25')).to.throw(RangeError);
      expect(c.nextWorkingDay('2026-11-24')).to.equal('2026-11-26');
    });
  });

  describe('nextWorkingDay / addWorkingDays / workingDaysBetween', () => {
    const next: Array<[string, string, string]> = [
      ['Friday', '2026-11-27', '2026-11-30'],
      ['Saturday', '2026-11-28', '2026-11-30'],
      ['Sunday', '2026-11-29', '2026-11-30'],
      ['Monday', '2026-11-30', '2026-12-01'],
      ['Friday before Pinkstermaandag', '2026-05-22', '2026-05-26'],
      ['Friday before Koningsdag Monday 2026', '2026-04-24', '2026-04-28'],
      ['Monday before Koningsdag Tuesday 2027', '2027-04-26', '2027-04-28'],
      ['Friday before Koningsdag Saturday 2025', '2025-04-25', '2025-04-28'],
      ['Wednesday before Hemelvaartsdag 2026', '2026-05-13', '2026-05-15'],
      ['Thursday before Easter 2026', '2026-04-02', '2026-04-03'],
      ['Christmas Eve 2026 (Thursday)', '2026-12-24', '2026-12-28'],
      ['Christmas Eve 2025 (Wednesday)', '2025-12-24', '2025-12-29'],
      ['New Year’s Eve 2026 (Thursday)', '2026-12-31', '2027-01-04'],
      ['New Year’s Eve 2025 (Wednesday)', '2025-12-31', '2026-01-02'],
    ];
    for (const [what, day, expected] of next) {
      it(`next working day after ${what} ${day} is ${expected}`, () => {
        expect(cal.nextWorkingDay(day)).to.equal(expected);
      });
    }

    it('addWorkingDays counts working days strictly after the day', () => {
      expect(cal.addWorkingDays('2026-11-27', 1)).to.equal('2026-11-30');
      expect(cal.addWorkingDays('2026-11-27', 5)).to.equal('2026-12-04');
      expect(cal.addWorkingDays('2026-05-22', 5)).to.equal('2026-06-01');
      expect(cal.addWorkingDays('2026-12-24', 5)).to.equal('2027-01-04');
      expect(cal.addWorkingDays('2026-05-12', 5)).to.equal('2026-05-20'); // 13, (14 Hemelvaartsdag), 15, 18, 19, 20
      expect(cal.addWorkingDays('2026-11-28', 0)).to.equal('2026-11-28');
      expect(() => cal.addWorkingDays('2026-11-27', -1)).to.throw(RangeError);
      expect(() => cal.addWorkingDays('2026-11-27', 1.5)).to.throw(RangeError);
    });

    it('workingDaysBetween counts (from, to]', () => {
      expect(cal.workingDaysBetween('2026-11-27', '2026-11-27')).to.equal(0);
      expect(cal.workingDaysBetween('2026-11-27', '2026-11-29')).to.equal(0);
      expect(cal.workingDaysBetween('2026-11-27', '2026-11-30')).to.equal(1);
      expect(cal.workingDaysBetween('2026-11-27', '2026-12-04')).to.equal(5);
      expect(cal.workingDaysBetween('2026-12-04', '2026-11-27')).to.equal(-5);
      expect(cal.workingDaysBetween('2026-12-24', '2027-01-04')).to.equal(5);
    });
  });

  describe('office hours and working time', () => {
    it('isWithinOfficeHours: opening inclusive, closing exclusive, working days only', () => {
      expect(cal.isWithinOfficeHours(t('2026-11-27T08:29:59+01:00'))).to.equal(false);
      expect(cal.isWithinOfficeHours(t('2026-11-27T08:30:00+01:00'))).to.equal(true);
      expect(cal.isWithinOfficeHours(t('2026-11-27T16:59:59+01:00'))).to.equal(true);
      expect(cal.isWithinOfficeHours(t('2026-11-27T17:00:00+01:00'))).to.equal(false);
      expect(cal.isWithinOfficeHours(t('2026-11-28T12:00:00+01:00'))).to.equal(false);
      expect(cal.isWithinOfficeHours(t('2026-05-25T12:00:00+02:00'))).to.equal(false);
    });

    it('workingMillisBetween counts office time only', () => {
      const h = 3_600_000;
      expect(cal.workingMillisBetween(t('2026-11-27T14:30:00+01:00'), t('2026-11-27T17:00:00+01:00'))).to.equal(2.5 * h);
      expect(cal.workingMillisBetween(t('2026-11-27T07:00:00+01:00'), t('2026-11-27T20:00:00+01:00'))).to.equal(8.5 * h);
      // over a weekend
      expect(cal.workingMillisBetween(t('2026-11-27T16:00:00+01:00'), t('2026-11-30T09:30:00+01:00'))).to.equal(2 * h);
      // over the spring-forward weekend (Friday CET → Monday CEST)
      expect(cal.workingMillisBetween(t('2026-03-27T16:00:00+01:00'), t('2026-03-30T09:30:00+02:00'))).to.equal(2 * h);
      // over the fall-back weekend
      expect(cal.workingMillisBetween(t('2026-10-23T16:00:00+02:00'), t('2026-10-26T09:30:00+01:00'))).to.equal(2 * h);
      // Friday before Pinkstermaandag to Tuesday
      expect(cal.workingMillisBetween(t('2026-05-22T16:55:00+02:00'), t('2026-05-26T17:00:00+02:00'))).to.equal(5 * 60_000 + 8.5 * h);
      // negative when reversed, zero when equal
      expect(cal.workingMillisBetween(t('2026-11-27T17:00:00+01:00'), t('2026-11-27T14:30:00+01:00'))).to.equal(-2.5 * h);
      expect(cal.workingMillisBetween(t('2026-11-27T12:00:00+01:00'), t('2026-11-27T12:00:00+01:00'))).to.equal(0);
    });

    it('endOfNextWorkingDay on DST weekends is 17:00 local', () => {
      expect(cal.endOfNextWorkingDay(t('2026-03-27T10:00:00+01:00')).toISOString()).to.equal('2026-03-30T15:00:00.000Z');
      expect(cal.endOfNextWorkingDay(t('2026-03-29T02:30:00Z')).toISOString()).to.equal('2026-03-30T15:00:00.000Z');
      expect(cal.endOfNextWorkingDay(t('2026-10-23T10:00:00+02:00')).toISOString()).to.equal('2026-10-26T16:00:00.000Z');
      expect(cal.endOfNextWorkingDay(t('2026-10-25T01:30:00Z')).toISOString()).to.equal('2026-10-26T16:00:00.000Z');
    });

    it('caches per year: a long range stays fast', () => {
      const c = new WorkingCalendar();
      const start = Date.now();
      let n = 0;
      for (let i = 0; i < 200_000; i++) if (c.isWorkingDay('2026-11-27')) n++;
      expect(n).to.equal(200_000);
      expect(Date.now() - start).to.be.below(2000);
    });
  });
});
