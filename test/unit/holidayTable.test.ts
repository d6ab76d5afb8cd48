// The Dutch holidays of FIRST_YEAR..LAST_YEAR come from a generated table (holidaysNl.table.ts), so
// the bot does not load date-holidays for them (memory). date-holidays stays the source of truth:
// the table must equal what it gives for every year, and years outside the table still ask it.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect } from 'chai';
import Holidays from 'date-holidays';
import { nlHolidays, type NlHoliday } from '../../src/domain/workingTime/holidays';
import { FIRST_YEAR, LAST_YEAR, NL_HOLIDAYS } from '../../src/domain/workingTime/holidaysNl.table';

const REGENERATE = 'the table differs from date-holidays: run `npm run holidays:table` and commit holidaysNl.table.ts';

/** What date-holidays itself gives, mapped as the bot reads it (not through holidays.ts). */
function fromDateHolidays(year: number): NlHoliday[] {
  return new Holidays('NL')
    .getHolidays(year, 'nl')
    .map((h) => ({ day: String(h.date).slice(0, 10), name: h.name, type: h.type, rule: String(h.rule ?? '') }));
}

describe('workingTime: holiday table', () => {
  it('covers a sane range of years', () => {
    expect(FIRST_YEAR).to.be.at.most(2020);
    expect(LAST_YEAR).to.be.at.least(2050);
  });

  it('equals date-holidays for every year in the table', () => {
    const expected: NlHoliday[] = [];
    for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
      const dh = fromDateHolidays(year);
      expect(dh.length, `date-holidays gives no holidays for ${year}`).to.be.greaterThan(0);
      expect(nlHolidays(year), `${year}: ${REGENERATE}`).to.deep.equal(dh);
      expected.push(...dh);
    }
    // Nothing in the table beyond what date-holidays gives for its years.
    const rows = NL_HOLIDAYS.map(([day, name, type, rule]) => ({ day, name, type, rule }));
    expect(rows, REGENERATE).to.deep.equal(expected);
  });

  it('gives frozen lists of frozen holidays, the same list on every call', () => {
    const list = nlHolidays(2026);
    expect(Object.isFrozen(list)).to.equal(true);
    expect(list.every((h) => Object.isFrozen(h))).to.equal(true);
    expect(nlHolidays(2026)).to.equal(list);
    expect(list.find((h) => h.day === '2026-04-27')).to.deep.equal({
      day: '2026-04-27',
      name: 'Koningsdag',
      type: 'public',
      rule: '04-27 if sunday then previous saturday since 2014',
    });
  });

  it('asks date-holidays for a year outside the table, with the same result', () => {
    for (const year of [FIRST_YEAR - 1, LAST_YEAR + 1, 2150]) {
      const list = nlHolidays(year);
      expect(list.length, String(year)).to.be.greaterThan(0);
      expect(list, String(year)).to.deep.equal(fromDateHolidays(year));
      expect(Object.isFrozen(list) && list.every((h) => Object.isFrozen(h))).to.equal(true);
    }
  });

  it('does not load date-holidays for a year in the table (a fresh process)', () => {
    const calendar = path.resolve(__dirname, '../../src/domain/workingTime/calendar.js');
    const script = `
      const { WorkingCalendar } = require(${JSON.stringify(calendar)});
      const cal = new WorkingCalendar();
      const loaded = () => Object.keys(require.cache).some((k) => k.includes('date-holidays'));
      const inTable = [cal.closedReason('2026-04-27'), loaded()];
      cal.isWorkingDay('${LAST_YEAR + 1}-01-02');
      console.log(JSON.stringify([...inTable, loaded()]));`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as unknown[];
    expect(out).to.deep.equal(['Koningsdag', false, true]);
  });
});
