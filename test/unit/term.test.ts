// The one decision on terms (domain/items/term.ts): state words, the absolute term, the next
// moment the wording changes, and the interpreter's confirmation term, the same on every surface.
import { expect } from 'chai';
import { itemTerm, termLine, termOf } from '../../src/domain/items/term';
import { WorkingCalendar } from '../../src/domain/workingTime';
import { openRows } from '../../src/domain/views/openItems';
import { buildDigest } from '../../src/domain/digest';
import { verdict } from '../../src/domain/report/onTime';
import type { Item } from '../../src/domain/types';
import { clockTexts, stateWords } from '../../src/texts/nl/clock';
import { anItem } from '../harness/items';
import { staff } from '../harness/roster';

const cal = new WorkingCalendar();
const t = (iso: string) => new Date(iso);
const { anna } = staff;

function item(over: Partial<Item> = {}): Item {
  return anItem({
    id: 'TB-1',
    kind: 'callback',
    status: 'open',
    subject: 'x',
    createdBy: anna,
    at: t('2026-11-26T10:00:00+01:00'),
    deadline: t('2026-11-27T17:00:00+01:00'),
    ...over,
  });
}

describe('term: one decision on state words and terms', () => {
  const term = 'uiterlijk vrijdag 27 november, 17:00';

  it('Thursday "morgen", Friday "vandaag", after the term "te laat", with the absolute day and time', () => {
    expect(termLine(item(), cal, t('2026-11-26T10:00:00+01:00'))).to.equal(clockTexts.termLine(stateWords.dueTomorrow, term));
    expect(termLine(item(), cal, t('2026-11-27T08:00:00+01:00'))).to.equal(clockTexts.termLine(stateWords.dueToday, term));
    expect(termLine(item(), cal, t('2026-11-27T17:00:00+01:00'))).to.equal(clockTexts.termLine(stateWords.dueToday, term));
    expect(termLine(item(), cal, t('2026-11-27T17:00:01+01:00'))).to.equal(clockTexts.termLine(stateWords.overdue, term));
    expect(termLine(item({ deadline: t('2026-12-02T17:00:00+01:00') }), cal, t('2026-11-26T10:00:00+01:00'))).to.equal(
      clockTexts.termLine(stateWords.onTime, 'uiterlijk woensdag 2 december, 17:00'),
    );
  });

  it('the next change: midnight before the term day, the term day, just after the term, then each working day', () => {
    const next = (now: string, over: Partial<Item> = {}) => itemTerm(item(over), cal, t(now)).nextChange?.toISOString();
    expect(next('2026-11-26T10:00:00+01:00')).to.equal(t('2026-11-27T00:00:00+01:00').toISOString());
    expect(next('2026-11-27T07:00:00+01:00')).to.equal(new Date(t('2026-11-27T17:00:00+01:00').getTime() + 1).toISOString());
    expect(next('2026-11-27T18:00:00+01:00')).to.equal(t('2026-11-30T00:00:00+01:00').toISOString()); // Monday, not Saturday
    expect(next('2026-11-20T10:00:00+01:00', {})).to.equal(t('2026-11-26T00:00:00+01:00').toISOString()); // "morgen" from Thursday
    expect(next('2026-11-27T07:00:00+01:00', { closedAt: t('2026-11-27T07:00:00+01:00'), status: 'done' })).to.equal(undefined);
    // New Year adds the year to the day: the wording changes then too.
    expect(next('2026-12-20T10:00:00+01:00', { deadline: t('2027-01-15T17:00:00+01:00') })).to.equal(
      t('2027-01-01T00:00:00+01:00').toISOString(),
    );
  });

  it('a finished card says whether the promise was kept on time; a cancelled one gives no verdict', () => {
    const done = (at: string, status = 'done') => termLine(item({ status, closedAt: t(at) }), cal, t('2026-12-01T10:00:00+01:00'));
    expect(done('2026-11-27T16:00:00+01:00')).to.equal(clockTexts.finishedLine(term, clockTexts.keptOnTime));
    expect(done('2026-11-30T09:00:00+01:00')).to.equal(clockTexts.finishedLine(term, clockTexts.keptLate));
    expect(done('2026-11-30T09:00:00+01:00', 'cancelled')).to.equal(term);
  });

  describe('interpreter "nu, telefonisch": judged on the confirmation term everywhere', () => {
    const created = t('2026-11-26T10:00:00+01:00');
    const phoneNow = (status: string) =>
      item({
        kind: 'interpreter',
        id: 'TL-1',
        status,
        owner: anna,
        deadline: created,
        data: { path: 'service', mode: 'phoneNow', moment: created.toISOString(), confirmBy: t('2026-11-27T17:00:00+01:00').toISOString() },
      });
    const now = t('2026-11-26T15:00:00+01:00');

    for (const status of ['requested', 'confirmed']) {
      it(`${status}: not late in mijn/overzicht, the digest or the report while the confirmation term is tomorrow`, () => {
        const it_ = phoneNow(status);
        expect(termOf(it_).termKind).to.equal('confirm');
        expect(itemTerm(it_, cal, now).state).to.equal('onTime');
        expect(termLine(it_, cal, now)).to.equal(clockTexts.confirmLine(clockTexts.termLine(stateWords.dueTomorrow, term)));
        expect(openRows([it_], cal, now)[0]!.state).to.equal('onTime');
        const digest = buildDigest([it_], { now, calendar: cal, audience: { type: 'personal', person: anna } });
        expect(digest.counts.overdue).to.equal(0);
        expect(digest.counts.nextDay).to.equal(1);
        expect(verdict(it_, [], cal, now)?.outcome).not.to.equal('late');
      });
    }

    it('a planned booking, once confirmed, is judged on its moment again', () => {
      const planned = item({
        kind: 'interpreter',
        status: 'confirmed',
        deadline: t('2026-12-03T10:00:00+01:00'),
        data: { mode: 'video', confirmBy: t('2026-11-27T17:00:00+01:00').toISOString() },
      });
      expect(termOf(planned)).to.deep.equal({ term: t('2026-12-03T10:00:00+01:00'), termKind: 'deadline' });
    });
  });
});
