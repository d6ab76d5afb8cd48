// The moment horizon rule (domain/moments.ts) and its configuration.
import { expect } from 'chai';
import { checkMoment, isSoundStoredMoment, momentHorizon } from '../../src/domain/moments';
import { parseMoment } from '../../src/domain/items/common';
import { ConfigError, loadConfig } from '../../src/config/config';
import { nl } from '../../src/texts/nl';
import { applyCallback, type CallbackData } from '../../src/domain/items/callback';
import { WorkingCalendar } from '../../src/domain/workingTime';
import { createdItem } from '../harness/items';
import { staff } from '../harness/roster';

const NOW = new Date('2026-11-26T09:00:00Z');

describe('moments: the horizon rule', () => {
  it('the horizon is now plus the months (default 12); the 31st of a short month becomes its last day', () => {
    expect(momentHorizon(NOW).toISOString()).to.equal('2027-11-26T09:00:00.000Z');
    expect(momentHorizon(NOW, 3).toISOString()).to.equal('2027-02-26T09:00:00.000Z');
    expect(momentHorizon(new Date('2027-01-31T12:00:00Z'), 1).toISOString()).to.equal('2027-02-28T12:00:00.000Z');
  });

  it('checkMoment: ok within, past not after now, beyondHorizon after, invalid when unreadable', () => {
    expect(checkMoment(new Date('2027-11-26T09:00:00Z'), NOW)).to.equal('ok');
    expect(checkMoment(new Date('2027-11-26T09:00:01Z'), NOW)).to.equal('beyondHorizon');
    expect(checkMoment(new Date('+010000-01-01T00:00:00Z'), NOW)).to.equal('beyondHorizon');
    expect(checkMoment(NOW, NOW)).to.equal('past');
    expect(checkMoment(new Date('2020-01-01T00:00:00Z'), NOW, 12, false)).to.equal('ok');
    expect(checkMoment(new Date('nope'), NOW)).to.equal('invalid');
    expect(checkMoment(new Date('2027-03-01T00:00:00Z'), NOW, 3)).to.equal('beyondHorizon');
  });

  it('parseMoment puts the Dutch field error on the field, with the configured months', () => {
    const errors: Record<string, string> = {};
    expect(parseMoment(errors, 'moment', '2028-01-01T10:00:00+01:00', { now: NOW, momentHorizonMonths: 6 })).to.equal(undefined);
    expect(errors).to.deep.equal({ moment: nl.integrity.beyondHorizon(6) });
    const ok: Record<string, string> = {};
    expect(parseMoment(ok, 'moment', '2027-01-01T10:00:00+01:00', { now: NOW })!.toISOString()).to.equal('2027-01-01T09:00:00.000Z');
    expect(ok).to.deep.equal({});
  });

  it('stored values: a past deadline is sound, the year 10000, before 2000 or unreadable are not', () => {
    expect(isSoundStoredMoment(new Date('2026-01-01T00:00:00Z'), NOW)).to.equal(true);
    expect(isSoundStoredMoment('2027-06-01T00:00:00Z', NOW)).to.equal(true);
    expect(isSoundStoredMoment(new Date('+010000-01-01T00:00:00Z'), NOW)).to.equal(false);
    expect(isSoundStoredMoment('1999-12-31T00:00:00Z', NOW)).to.equal(false);
    expect(isSoundStoredMoment('morgen', NOW)).to.equal(false);
    expect(isSoundStoredMoment(42, NOW)).to.equal(false);
  });

  it('MOMENT_HORIZON_MONTHS: default 12, a whole number from 1 to 120, a wrong value names the variable', () => {
    expect(loadConfig({}).momentHorizonMonths).to.equal(12);
    expect(loadConfig({ MOMENT_HORIZON_MONTHS: '24' }).momentHorizonMonths).to.equal(24);
    for (const v of ['0', '121', 'twaalf', '1.5']) {
      expect(() => loadConfig({ MOMENT_HORIZON_MONTHS: v })).to.throw(
        ConfigError,
        /^MOMENT_HORIZON_MONTHS: expected a whole number from 1 to 120/,
      );
    }
  });
});

describe('moments: the horizon in the callback rules', () => {
  it('planSlot refuses a slot beyond the horizon (also from a forged invoke); a slot inside is taken', () => {
    const cal = new WorkingCalendar();
    const { anna, bram } = staff;
    const now = new Date('2026-11-26T10:00:00+01:00');
    const ctx = { now, calendar: cal, actor: anna, isManager: false, momentHorizonMonths: 12 };
    const item = createdItem<CallbackData>(
      'callback',
      { customerName: 'Mevrouw Jansen', phone: '06 12345678', topic: 'Lekkage', assignee: bram, agendaMode: 'offer' },
      ctx,
      { id: 'TB-1' },
    );
    const far = applyCallback(item, 'planSlot', { start: '2028-01-10T10:00:00+01:00' }, ctx);
    expect(far.ok ? 'accepted' : far.refusal.code).to.equal('badSlot');
    const near = applyCallback(item, 'planSlot', { start: '2026-11-27T10:00:00+01:00' }, ctx);
    expect(near.ok).to.equal(true);
  });
});
