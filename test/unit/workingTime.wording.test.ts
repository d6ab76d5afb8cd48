import { expect } from 'chai';
import { WorkingCalendar, formatDay, formatDeadline, formatMoment, formatTime, formatTimeLeft } from '../../src/domain/workingTime';
import * as nl from '../../src/texts/nl/workingTime';

const t = (iso: string): Date => new Date(iso);

describe('workingTime: Dutch wording', () => {
  const cal = new WorkingCalendar();

  it('keeps its Dutch words in src/texts/nl/workingTime.ts', () => {
    expect(nl.WEEKDAY_NAMES[1]).to.equal('maandag');
    expect(nl.WEEKDAY_NAMES[7]).to.equal('zondag');
    expect(nl.MONTH_NAMES).to.have.length(12);
    expect(nl.MONTH_NAMES[2]).to.equal('maart');
  });

  describe('formatTime / formatMoment / formatDay', () => {
    it('formats in Amsterdam time', () => {
      expect(formatTime(cal, t('2026-11-27T13:32:00Z'))).to.equal('14:32');
      expect(formatTime(cal, t('2026-07-01T07:05:59Z'))).to.equal('09:05');
      expect(formatMoment(cal, t('2026-11-27T13:32:00Z'))).to.equal('vrijdag 27 november, 14:32');
      expect(formatMoment(cal, t('2026-11-27T23:10:00Z'))).to.equal('zaterdag 28 november, 00:10');
      expect(formatMoment(cal, t('2027-01-04T08:00:00Z'), t('2026-12-31T10:00:00Z'))).to.equal('maandag 4 januari 2027, 09:00');
      expect(formatMoment(cal, t('2027-01-04T08:00:00Z'), t('2027-01-01T10:00:00Z'))).to.equal('maandag 4 januari, 09:00');
      expect(formatDay(cal, '2026-03-01')).to.equal('zondag 1 maart');
    });
  });

  describe('formatDeadline', () => {
    const deadline = t('2026-11-27T17:00:00+01:00'); // Friday
    const cases: Array<[string, string, string]> = [
      ['two days before', '2026-11-25T10:00:00+01:00', 'uiterlijk vrijdag 27 november, 17:00'],
      ['the day before', '2026-11-26T10:00:00+01:00', 'morgen 17:00'],
      ['the day before, late evening', '2026-11-26T23:59:00+01:00', 'morgen 17:00'],
      ['the same day', '2026-11-27T00:00:00+01:00', 'vandaag 17:00'],
      ['the same day, after it', '2026-11-27T18:00:00+01:00', 'vandaag 17:00'],
      ['a week before', '2026-11-20T10:00:00+01:00', 'uiterlijk vrijdag 27 november, 17:00'],
    ];
    for (const [what, now, expected] of cases) {
      it(`${what}: '${expected}'`, () => {
        expect(formatDeadline(cal, deadline, t(now))).to.equal(expected);
      });
    }

    it('"morgen" only for the calendar day after today, not the next working day', () => {
      // Friday → Monday deadline is the next working day but not tomorrow
      expect(formatDeadline(cal, t('2026-11-30T17:00:00+01:00'), t('2026-11-27T10:00:00+01:00'))).to.equal(
        'uiterlijk maandag 30 november, 17:00',
      );
      expect(formatDeadline(cal, t('2026-11-30T17:00:00+01:00'), t('2026-11-29T10:00:00+01:00'))).to.equal('morgen 17:00');
    });

    it('adds the year when the deadline is not in the current year', () => {
      expect(formatDeadline(cal, t('2027-01-04T17:00:00+01:00'), t('2026-12-31T15:00:00+01:00'))).to.equal(
        'uiterlijk maandag 4 januari 2027, 17:00',
      );
      expect(formatDeadline(cal, t('2027-01-01T10:00:00+01:00'), t('2026-12-31T15:00:00+01:00'))).to.equal('morgen 10:00');
    });

    it('"morgen" across the DST change', () => {
      expect(formatDeadline(cal, t('2026-03-30T17:00:00+02:00'), t('2026-03-29T12:00:00+02:00'))).to.equal('morgen 17:00');
      expect(formatDeadline(cal, t('2026-10-26T17:00:00+01:00'), t('2026-10-25T00:30:00+02:00'))).to.equal('morgen 17:00');
    });
  });

  describe('formatTimeLeft', () => {
    const friday = t('2026-11-27T17:00:00+01:00');
    const cases: Array<[string, Date, string, string]> = [
      ['2.5 office hours left', friday, '2026-11-27T14:30:00+01:00', 'nog 2 werkuren'],
      ['exactly 1 hour', friday, '2026-11-27T16:00:00+01:00', 'nog 1 werkuur'],
      ['before opening the same day', friday, '2026-11-27T07:00:00+01:00', 'nog 8 werkuren'],
      ['45 minutes', friday, '2026-11-27T16:15:00+01:00', 'nog 45 werkminuten'],
      ['1 minute', friday, '2026-11-27T16:59:00+01:00', 'nog 1 werkminuut'],
      ['at the deadline', friday, '2026-11-27T17:00:00+01:00', 'nog minder dan 1 werkminuut'],
      ['deadline tomorrow', friday, '2026-11-26T09:00:00+01:00', 'nog 1 werkdag'],
      ['3 working days', friday, '2026-11-24T12:00:00+01:00', 'nog 3 werkdagen'],
      ['over the weekend', t('2026-12-01T17:00:00+01:00'), '2026-11-28T12:00:00+01:00', 'nog 2 werkdagen'],
      ['overdue the same day', friday, '2026-11-27T17:01:00+01:00', 'te laat'],
      ['overdue, weekend only since', friday, '2026-11-29T12:00:00+01:00', 'te laat'],
      ['1 working day late', friday, '2026-11-30T09:00:00+01:00', '1 werkdag te laat'],
      ['2 working days late', friday, '2026-12-01T09:00:00+01:00', '2 werkdagen te laat'],
      ['late over Pinksteren', t('2026-05-22T17:00:00+02:00'), '2026-05-26T09:00:00+02:00', '1 werkdag te laat'],
      [
        'Saturday appointment seen on Friday evening: no office time left',
        t('2026-11-28T10:00:00+01:00'),
        '2026-11-27T18:00:00+01:00',
        'nog minder dan 1 werkminuut',
      ],
    ];
    for (const [what, deadline, now, expected] of cases) {
      it(`${what}: '${expected}'`, () => {
        expect(formatTimeLeft(cal, deadline, t(now))).to.equal(expected);
      });
    }
  });
});
