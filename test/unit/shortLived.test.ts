// The short-lived values of owner views (colleagues) and card updates (channel binding): read at
// most once per period per key, a failure or a refused value not kept.
import { expect } from 'chai';
import sinon from 'sinon';
import { shortLived } from '../../src/app/shortLived';

describe('shortLived: a value read at most once per period per key', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => (clock = sinon.useFakeTimers({ toFake: ['performance'] })));
  afterEach(() => clock.restore());

  it('reads once per key within the period, again after it', async () => {
    const reads: string[] = [];
    const get = shortLived(10_000, async (key) => {
      reads.push(key);
      return `${key}:${reads.length}`;
    });
    expect(await get('t1')).to.equal('t1:1');
    expect(await get('t1')).to.equal('t1:1');
    expect(await get('t2')).to.equal('t2:2'); // another tenant has its own
    clock.tick(9_999);
    expect(await get('t1')).to.equal('t1:1');
    clock.tick(1);
    expect(await get('t1')).to.equal('t1:3');
    expect(reads).to.deep.equal(['t1', 't2', 't1']);
  });

  it('keeps neither a failed read nor a value it is told not to keep', async () => {
    let n = 0;
    const get = shortLived(
      10_000,
      async () => {
        n++;
        if (n === 1) throw new Error('database away');
        return n === 2 ? null : 'bound';
      },
      (v) => v !== null,
    );
    let failed = false;
    await get('t').catch(() => (failed = true));
    expect(failed).to.equal(true);
    expect(await get('t')).to.equal(null); // read again: the failure was not kept
    expect(await get('t')).to.equal('bound'); // read again: null was not kept
    expect(await get('t')).to.equal('bound');
    expect(n).to.equal(3);
  });
});
