// The start-up check reads only the items a query marks as suspect (storage ItemQuery.momentSuspects):
// that query must see every field the full check reads, and the range must be the check's own.
import { expect } from 'chai';
import { badMomentFields, MOMENT_DATA_FIELDS } from '../../src/app/damagedItems';
import { isSoundStoredMoment, soundStoredRange } from '../../src/domain/moments';
import type { Item } from '../../src/domain/types';

const NOW = new Date('2026-11-26T09:00:00Z');

describe('damaged items: the prefilter of the start-up check', () => {
  it('badMomentFields reads no field of data outside MOMENT_DATA_FIELDS', () => {
    const read = new Set<string>();
    const data = new Proxy({} as Record<string, unknown>, {
      get: (_t, key) => {
        if (typeof key === 'string') read.add(key);
        return { first: 'x', final: 'x', start: 'x' };
      },
    });
    const item = { id: 'TB-1', deadline: NOW, data } as unknown as Item;
    expect(badMomentFields(item, NOW, 12)).to.deep.equal(['preferredMoment', 'moment', 'terms.first', 'terms.final', 'agenda.start']);
    expect([...read].filter((k) => !(MOMENT_DATA_FIELDS as readonly string[]).includes(k))).to.deep.equal([]);
    expect(read.size).to.be.greaterThan(0);
  });

  it('soundStoredRange is the range isSoundStoredMoment accepts, ends included', () => {
    const { from, to } = soundStoredRange(NOW, 12);
    expect(to.toISOString()).to.equal('2027-11-26T09:00:00.000Z');
    expect(isSoundStoredMoment(from, NOW, 12)).to.equal(true);
    expect(isSoundStoredMoment(to, NOW, 12)).to.equal(true);
    expect(isSoundStoredMoment(new Date(from.getTime() - 1), NOW, 12)).to.equal(false);
    expect(isSoundStoredMoment(new Date(to.getTime() + 1), NOW, 12)).to.equal(false);
  });
});
