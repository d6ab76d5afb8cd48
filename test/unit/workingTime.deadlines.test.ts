import { expect } from 'chai';
import { WorkingCalendar, callbackDeadline, deadlineState, promiseTerms, type PromiseKind } from '../../src/domain/workingTime';

const t = (iso: string): Date => new Date(iso);
const iso = (d: Date | undefined): string | undefined => d?.toISOString();

describe('workingTime: deadlines', () => {
  const cal = new WorkingCalendar();

  describe('callbackDeadline: closing time of the first working day after the day of the promise', () => {
    const cases: Array<[string, string, string]> = [
      ['Friday 16:55 before Pinkstermaandag', '2026-05-22T16:55:00+02:00', '2026-05-26T17:00:00+02:00'],
      ['Friday 18:00 (after closing)', '2026-11-27T18:00:00+01:00', '2026-11-30T17:00:00+01:00'],
      ['Friday 10:00', '2026-11-27T10:00:00+01:00', '2026-11-30T17:00:00+01:00'],
      ['Saturday', '2026-11-28T11:00:00+01:00', '2026-11-30T17:00:00+01:00'],
      ['Sunday 23:59', '2026-11-29T23:59:00+01:00', '2026-11-30T17:00:00+01:00'],
      ['Monday 00:00 (before opening counts from Monday)', '2026-11-30T00:00:00+01:00', '2026-12-01T17:00:00+01:00'],
      ['Monday 07:00 (before opening)', '2026-11-30T07:00:00+01:00', '2026-12-01T17:00:00+01:00'],
      ['Friday before Koningsdag on Monday (2026)', '2026-04-24T12:00:00+02:00', '2026-04-28T17:00:00+02:00'],
      ['on Koningsdag Monday itself (2026)', '2026-04-27T12:00:00+02:00', '2026-04-28T17:00:00+02:00'],
      ['Monday before Koningsdag on Tuesday (2027)', '2027-04-26T12:00:00+02:00', '2027-04-28T17:00:00+02:00'],
      ['Friday before Koningsdag on Saturday (2025)', '2025-04-25T12:00:00+02:00', '2025-04-28T17:00:00+02:00'],
      ['on Koningsdag Saturday itself (2025)', '2025-04-26T12:00:00+02:00', '2025-04-28T17:00:00+02:00'],
      ['Wednesday before Hemelvaartsdag (2026)', '2026-05-13T16:00:00+02:00', '2026-05-15T17:00:00+02:00'],
      ['on Hemelvaartsdag (2026)', '2026-05-14T10:00:00+02:00', '2026-05-15T17:00:00+02:00'],
      ['Friday before spring forward (2026)', '2026-03-27T16:30:00+01:00', '2026-03-30T17:00:00+02:00'],
      ['in the skipped hour? no: Sunday 03:30 CEST', '2026-03-29T03:30:00+02:00', '2026-03-30T17:00:00+02:00'],
      ['Friday before fall back (2026)', '2026-10-23T16:30:00+02:00', '2026-10-26T17:00:00+01:00'],
      ['in the repeated hour, first 02:30 CEST', '2026-10-25T02:30:00+02:00', '2026-10-26T17:00:00+01:00'],
      ['in the repeated hour, second 02:30 CET', '2026-10-25T02:30:00+01:00', '2026-10-26T17:00:00+01:00'],
      ['Christmas Eve 2026 (Thursday)', '2026-12-24T15:00:00+01:00', '2026-12-28T17:00:00+01:00'],
      ['New Year’s Eve 2026 (Thursday)', '2026-12-31T15:00:00+01:00', '2027-01-04T17:00:00+01:00'],
      ['New Year’s Eve 2025 (Wednesday)', '2025-12-31T15:00:00+01:00', '2026-01-02T17:00:00+01:00'],
      ['Christmas Eve 2025 (Wednesday)', '2025-12-24T15:00:00+01:00', '2025-12-29T17:00:00+01:00'],
      ['late evening UTC that is already Saturday in Amsterdam', '2026-11-27T23:30:00Z', '2026-11-30T17:00:00+01:00'],
    ];
    for (const [what, promised, expected] of cases) {
      it(`${what}: ${promised} → ${expected}`, () => {
        expect(iso(callbackDeadline(cal, t(promised)))).to.equal(iso(t(expected)));
        expect(iso(promiseTerms(cal, 'callback', t(promised)).first)).to.equal(iso(t(expected)));
      });
    }

    it('Bevrijdingsdag 2025 versus 2026 under each switch', () => {
      const friday2025 = t('2025-05-02T12:00:00+02:00'); // Monday 5 May 2025 follows
      const monday2026 = t('2026-05-04T12:00:00+02:00'); // Tuesday 5 May 2026 follows
      const expectFor = {
        never: ['2025-05-05T17:00:00+02:00', '2026-05-05T17:00:00+02:00'],
        lustrum: ['2025-05-06T17:00:00+02:00', '2026-05-05T17:00:00+02:00'],
        always: ['2025-05-06T17:00:00+02:00', '2026-05-06T17:00:00+02:00'],
      } as const;
      for (const rule of ['never', 'lustrum', 'always'] as const) {
        const c = new WorkingCalendar({ liberationDay: rule });
        expect(iso(callbackDeadline(c, friday2025)), `${rule} 2025`).to.equal(iso(t(expectFor[rule][0])));
        expect(iso(callbackDeadline(c, monday2026)), `${rule} 2026`).to.equal(iso(t(expectFor[rule][1])));
      }
    });

    it('follows configured office hours', () => {
      const c = new WorkingCalendar({ officeHours: { 1: { open: '09:00', close: '16:30' } } });
      expect(iso(callbackDeadline(c, t('2026-11-27T10:00:00+01:00')))).to.equal(iso(t('2026-11-30T16:30:00+01:00')));
    });
  });

  describe('promiseTerms', () => {
    it('e-mail: reply by the end of the next working day, full answer within 5 working days', () => {
      const terms = promiseTerms(cal, 'email', t('2026-05-22T16:55:00+02:00'));
      expect(iso(terms.first)).to.equal(iso(t('2026-05-26T17:00:00+02:00')));
      expect(iso(terms.final)).to.equal(iso(t('2026-06-01T17:00:00+02:00')));
      expect(terms.firstLabel).to.equal('Reactie op e-mail');
      expect(terms.finalLabel).to.equal('Volledig antwoord op e-mail');
    });

    it('e-mail over Christmas and New Year', () => {
      const terms = promiseTerms(cal, 'email', t('2026-12-24T09:00:00+01:00'));
      expect(iso(terms.first)).to.equal(iso(t('2026-12-28T17:00:00+01:00')));
      expect(iso(terms.final)).to.equal(iso(t('2027-01-04T17:00:00+01:00')));
    });

    it('letter: within 5 working days (Hemelvaartsdag in between)', () => {
      const terms = promiseTerms(cal, 'letter', t('2026-05-12T11:00:00+02:00'));
      expect(iso(terms.first)).to.equal(iso(t('2026-05-20T17:00:00+02:00')));
      expect(terms.final).to.equal(undefined);
      expect(terms.firstLabel).to.equal('Antwoord of ontvangstbevestiging met termijn');
    });

    it('letter received on a Saturday: 5 working days from Monday on', () => {
      const terms = promiseTerms(cal, 'letter', t('2026-11-28T11:00:00+01:00'));
      expect(iso(terms.first)).to.equal(iso(t('2026-12-04T17:00:00+01:00')));
    });

    it('walk-in and home visit: the moment of the appointment made', () => {
      const appointment = t('2026-12-02T10:15:00+01:00');
      for (const kind of ['walkin', 'homevisit'] as const) {
        const terms = promiseTerms(cal, kind, t('2026-11-27T15:00:00+01:00'), appointment);
        expect(iso(terms.first)).to.equal(iso(appointment));
        expect(terms.first).not.to.equal(appointment); // a copy
      }
      expect(() => promiseTerms(cal, 'walkin', t('2026-11-27T15:00:00+01:00'))).to.throw(TypeError);
      expect(() => promiseTerms(cal, 'homevisit', t('2026-11-27T15:00:00+01:00'))).to.throw(TypeError);
    });

    it('other: the appointment if any, else the end of the next working day', () => {
      expect(iso(promiseTerms(cal, 'other', t('2026-11-27T15:00:00+01:00')).first)).to.equal(iso(t('2026-11-30T17:00:00+01:00')));
      const appointment = t('2026-12-02T10:15:00+01:00');
      expect(iso(promiseTerms(cal, 'other', t('2026-11-27T15:00:00+01:00'), appointment).first)).to.equal(iso(appointment));
    });

    it('rejects an unknown kind', () => {
      expect(() => promiseTerms(cal, 'pigeon' as PromiseKind, t('2026-11-27T15:00:00+01:00'))).to.throw(RangeError);
    });
  });

  describe('deadlineState', () => {
    const deadline = t('2026-11-27T17:00:00+01:00');
    const cases: Array<[string, string]> = [
      ['2026-11-26T23:59:59+01:00', 'onTime'],
      ['2026-11-27T00:00:00+01:00', 'dueToday'],
      ['2026-11-27T16:59:59+01:00', 'dueToday'],
      ['2026-11-27T17:00:00+01:00', 'dueToday'],
      ['2026-11-27T17:00:00.001+01:00', 'overdue'],
      ['2026-11-30T09:00:00+01:00', 'overdue'],
      ['2026-11-26T23:30:00Z', 'dueToday'], // 00:30 in Amsterdam on the 27th
    ];
    for (const [now, state] of cases) {
      it(`${now}: ${state}`, () => {
        expect(deadlineState(cal, deadline, t(now))).to.equal(state);
      });
    }
  });
});
