// The pure rules of interpreter requests: validation per field, the life cycle with its
// authorisation, which reminder is due when, the digest list and the monthly figures.
import { expect } from 'chai';
import {
  applyInterpreter,
  createInterpreter,
  dueReminder,
  interpreterMonthFigures,
  linkInterpreter,
  plannedInterpreterRequests,
  previousWorkingDay,
  shiftMonth,
  type InterpreterData,
} from '../../src/domain/items/interpreter';
import type { ActionContext } from '../../src/domain/items/lifecycle';
import type { Item, Person } from '../../src/domain/types';
import { WorkingCalendar } from '../../src/domain/workingTime';
import { nl } from '../../src/texts/nl';
import { createdItem } from '../harness/items';
import { staff } from '../harness/roster';

const cal = new WorkingCalendar();
const { anna, bram, dirk } = staff;
const NOW = new Date('2026-11-26T10:00:00+01:00'); // Thursday

function ctx(actor: Person = anna, now: Date = NOW, isManager = false): ActionContext {
  return { now, calendar: cal, actor, isManager };
}

function item(input: Record<string, unknown>, at: Date = NOW, actor: Person = anna, id = 'TK-1001'): Item<InterpreterData> {
  return createdItem<InterpreterData>('interpreter', input, ctx(actor, at), { id });
}

const service = (extra: Record<string, unknown> = {}) => ({
  path: 'service',
  language: 'Arabisch',
  mode: 'video',
  moment: '2026-12-03T14:00:00+01:00',
  duration: '30',
  ...extra,
});

describe('interpreter rules (pure)', () => {
  describe('create: a message per field', () => {
    const fields = (input: Record<string, unknown>) => {
      const c = createInterpreter(input, ctx());
      return c.ok ? {} : (c.refusal.fields ?? {});
    };

    it('accepts a complete booking, with a neutral subject and confirm-by at the end of the next working day', () => {
      const c = createInterpreter(service(), ctx());
      expect(c.ok).to.equal(true);
      if (!c.ok) return;
      expect(c.item.status).to.equal('requested');
      expect(c.item.subject).to.equal(nl.interpreter.subject);
      expect(c.item.subject).not.to.contain('Arabisch');
      expect(JSON.stringify(c.item.history)).not.to.contain('Arabisch');
      expect(c.item.data.confirmBy).to.equal(new Date('2026-11-27T17:00:00+01:00').toISOString());
      expect(c.item.deadline!.toISOString()).to.equal(new Date('2026-12-03T14:00:00+01:00').toISOString());
      expect(c.item.owner).to.deep.equal(anna);
    });

    it('duration: empty, zero, negative, fraction, text, too long', () => {
      expect(fields(service({ duration: '' })).duration).to.equal(nl.interpreter.errors.durationRequired);
      expect(fields(service({ duration: '0' })).duration).to.equal(nl.interpreter.errors.durationZero);
      expect(fields(service({ duration: 0 })).duration).to.equal(nl.interpreter.errors.durationZero);
      expect(fields(service({ duration: '-5' })).duration).to.equal(nl.interpreter.errors.durationZero);
      expect(fields(service({ duration: '12,5' })).duration).to.equal(nl.interpreter.errors.durationInvalid);
      expect(fields(service({ duration: 'half uur' })).duration).to.equal(nl.interpreter.errors.durationInvalid);
      expect(fields(service({ duration: '481' })).duration).to.equal(nl.interpreter.errors.durationTooLong);
      expect(fields(service({ duration: '480' }))).to.deep.equal({});
    });

    it('moment: in the past, missing, unreadable; not needed for telephone now', () => {
      expect(fields(service({ moment: '2026-11-26T09:59:00+01:00' })).moment).to.equal(nl.common.momentInPast);
      expect(fields(service({ moment: undefined })).moment).to.equal(nl.interpreter.errors.momentRequired);
      expect(fields(service({ moment: 'ongeldig' })).moment).to.equal(nl.common.invalidMoment);
      const now = createInterpreter(service({ mode: 'phoneNow', moment: undefined }), ctx());
      expect(now.ok && now.item.data.moment).to.equal(NOW.toISOString());
    });

    it('on site needs an address; other kinds do not keep one', () => {
      expect(fields(service({ mode: 'onSite', address: '   ' })).address).to.match(/^Vul het adres in/);
      const c = createInterpreter(service({ mode: 'video', address: 'Kerkstraat 1' }), ctx());
      expect(c.ok && c.item.data.address).to.equal(undefined);
    });

    it('language: required, "other" needs text, typed names map to the list', () => {
      expect(fields(service({ language: '' })).language).to.equal(nl.interpreter.errors.languageRequired);
      expect(fields(service({ language: 'other', languageOther: '' })).languageOther).to.equal(nl.interpreter.errors.languageOtherRequired);
      const typed = createInterpreter(service({ language: 'other', languageOther: '  tigrinya ' }), ctx());
      expect(typed.ok && typed.item.data.language).to.equal('Tigrinya');
      const free = createInterpreter(service({ language: 'other', languageOther: 'amhaars' }), ctx());
      expect(free.ok && free.item.data.language).to.equal('Amhaars');
    });

    it('related id: format, unknown, wrong kind', () => {
      expect(fields(service({ relatedId: 'hallo' })).relatedId).to.equal(nl.interpreter.errors.relatedInvalid);
      expect(fields(service({ relatedId: 'TB-1' })).relatedId).to.match(/Ik kan TB-1 niet vinden/);
      expect(fields(service({ relatedId: 'TK-1', related: { id: 'TK-1', kind: 'interpreter' } })).relatedId).to.equal(
        nl.interpreter.errors.relatedWrongKind,
      );
      expect(fields(service({ relatedId: 'tb-7', related: { id: 'TB-7', kind: 'callback' } }))).to.deep.equal({});
    });

    it('own interpreter: a future moment is required', () => {
      expect(fields({ path: 'own' }).moment).to.equal(nl.interpreter.errors.momentRequired);
      const own = createInterpreter({ path: 'own', moment: '2026-12-02T10:00:00+01:00', ownBy: 'friend' }, ctx());
      expect(own.ok && own.item.status).to.equal('own');
      expect(own.ok && own.item.data.language).to.equal(undefined);
    });
  });

  describe('apply: states and authorisation', () => {
    it('requested → confirmed (reference) → done; only the owner or a manager', () => {
      const req = item(service());
      const byBram = applyInterpreter(req, 'confirm', { reference: 'X' }, ctx(bram));
      expect(byBram.ok || byBram.refusal.code).to.equal('notAllowed');
      const early = applyInterpreter(req, 'done', {}, ctx());
      expect(early.ok || early.refusal.code).to.equal('confirmFirst');
      const noRef = applyInterpreter(req, 'confirm', { reference: '' }, ctx());
      expect(noRef.ok || noRef.refusal.fields).to.deep.equal({ reference: nl.interpreter.errors.referenceRequired });
      const conf = applyInterpreter(req, 'confirm', { reference: 'GT-1' }, ctx());
      if (!conf.ok) throw new Error('confirm refused');
      expect(conf.item.status).to.equal('confirmed');
      expect(conf.effects).to.deep.equal([]);
      const byManager = applyInterpreter({ ...conf.item, version: 2 }, 'done', {}, ctx(dirk, NOW, true));
      if (!byManager.ok) throw new Error('done refused');
      expect(byManager.item.status).to.equal('done');
      expect(byManager.item.closedAt).to.deep.equal(NOW);
      // The owner hears that a manager did it; no channel effect ever.
      expect(byManager.effects).to.have.length(1);
      expect(byManager.effects[0]).to.deep.include({ type: 'notifyPerson', to: anna });
      const after = applyInterpreter(byManager.item, 'cancel', { reason: 'x' }, ctx());
      expect(after.ok || after.refusal.code).to.equal('finished');
    });

    it('cancel needs a reason; own can fall back to a booking', () => {
      const req = item(service());
      const noReason = applyInterpreter(req, 'cancel', { reason: ' ' }, ctx());
      expect(noReason.ok || noReason.refusal.fields).to.deep.equal({ reason: nl.interpreter.errors.reasonRequired });
      const own = item({ path: 'own', moment: '2026-12-02T10:00:00+01:00' });
      expect((applyInterpreter(own, 'confirm', { reference: 'x' }, ctx()) as any).refusal.code).to.equal('notService');
      const fb = applyInterpreter(own, 'fallback', {}, ctx());
      if (!fb.ok) throw new Error('fallback refused');
      expect(fb.item.status).to.equal('cancelled');
      expect(fb.item.data.fallback).to.equal(true);
      expect((applyInterpreter(req, 'fallback', {}, ctx()) as any).refusal.code).to.equal('notOwn');
    });
  });

  describe('reminders', () => {
    it('confirm: from the end of the next working day, not before', () => {
      const req = item(service());
      expect(dueReminder(req, cal, new Date('2026-11-27T16:59:00+01:00'))).to.equal(null);
      expect(dueReminder(req, cal, new Date('2026-11-27T17:00:00+01:00'))).to.deep.equal({
        type: 'confirm',
        key: 'interpreter-confirm:TK-1001',
      });
      expect(dueReminder({ ...req, status: 'confirmed' }, cal, new Date('2026-11-30T09:00:00+01:00'))).to.equal(null);
    });

    it('own check: on the working day before the conversation (over a weekend and a holiday)', () => {
      // Monday 28 December 2026 10:00 → the working day before is Thursday 24 December (Kerst on 25/26, weekend).
      const own = item({ path: 'own', moment: '2026-12-28T10:00:00+01:00' });
      expect(previousWorkingDay(cal, '2026-12-28')).to.equal('2026-12-24');
      expect(dueReminder(own, cal, new Date('2026-12-23T16:00:00+01:00'))).to.equal(null);
      expect(dueReminder(own, cal, new Date('2026-12-24T09:00:00+01:00'))?.type).to.equal('ownCheck');
      expect(dueReminder(own, cal, new Date('2026-12-28T10:00:00+01:00'))).to.equal(null);
      // Recorded on the check day itself or later: no check reminder (it was just arranged).
      const late = item({ path: 'own', moment: '2026-11-27T10:00:00+01:00' });
      expect(dueReminder(late, cal, new Date('2026-11-26T15:00:00+01:00'))).to.equal(null);
    });
  });

  it("plannedInterpreterRequests: the owner's open requests from today on, soonest first", () => {
    const a = item(service({ moment: '2026-12-03T14:00:00+01:00' }), NOW, anna, 'TK-1001');
    const b = item({ path: 'own', moment: '2026-11-27T09:00:00+01:00' }, NOW, anna, 'TK-1002');
    const c = item(service({ moment: '2026-12-01T09:00:00+01:00' }), NOW, bram, 'TK-1003');
    const d = { ...item(service({ moment: '2026-12-02T09:00:00+01:00' }), NOW, anna, 'TK-1004'), status: 'cancelled', closedAt: NOW };
    const e = { ...item(service({ moment: '2026-11-30T09:00:00+01:00' }), NOW, anna, 'TK-1005'), status: 'confirmed' };
    const list = plannedInterpreterRequests([a, b, c, d, e] as unknown as Item[], anna.id, new Date('2026-11-27T12:00:00+01:00'), cal);
    expect(list.map((p) => [p.id, p.status, p.awaitingConfirmation])).to.deep.equal([
      ['TK-1002', 'own', false], // earlier today still counts
      ['TK-1005', 'confirmed', false],
      ['TK-1001', 'requested', true],
    ]);
    const later = plannedInterpreterRequests(
      [a, b, e] as unknown as Item[],
      anna.id,
      new Date('2026-11-28T12:00:00+01:00'),
      cal,
      new Date('2026-12-01T00:00:00+01:00'),
    );
    expect(later.map((p) => p.id)).to.deep.equal(['TK-1005']);
  });

  it('interpreterMonthFigures: counts by month of the request, own vs service, no names', () => {
    const oct = new Date('2026-10-31T23:30:00+01:00'); // still October in Amsterdam
    const items = [
      item(service({ language: 'Arabisch', mode: 'video', duration: '30' }), NOW, anna, 'TK-1'),
      item(
        service({ language: 'other', languageOther: 'arabisch', mode: 'phoneNow', moment: undefined, duration: '15' }),
        NOW,
        bram,
        'TK-2',
      ),
      { ...item(service({ language: 'Turks' }), NOW, anna, 'TK-3'), status: 'cancelled' },
      { ...item(service({ language: 'Pools', mode: 'onSite', address: 'x' }), NOW, anna, 'TK-4'), status: 'done' },
      item({ path: 'own', moment: '2026-12-02T10:00:00+01:00' }, NOW, anna, 'TK-5'),
      {
        ...item({ path: 'own', moment: '2026-12-02T10:00:00+01:00' }, NOW, anna, 'TK-6'),
        status: 'cancelled',
        data: { path: 'own', moment: 'x', fallback: true },
      },
      item(service({ language: 'Dari', moment: '2026-11-30T10:00:00+01:00' }), oct, anna, 'TK-7'),
    ] as unknown as Item[];
    const f = interpreterMonthFigures(items, '2026-11', cal);
    expect(f).to.deep.equal({
      month: '2026-11',
      total: 4,
      own: 1,
      service: 3,
      done: 1,
      cancelled: 1,
      minutes: 75,
      perLanguage: [
        { language: 'Arabisch', count: 2 },
        { language: 'Pools', count: 1 },
      ],
      perMode: [
        { mode: 'phoneNow', count: 1 },
        { mode: 'video', count: 1 },
        { mode: 'onSite', count: 1 },
      ],
    });
    expect(interpreterMonthFigures(items, '2026-10', cal).perLanguage).to.deep.equal([{ language: 'Dari', count: 1 }]);
    expect(shiftMonth('2026-01', -1)).to.equal('2025-12');
    expect(shiftMonth('2026-12', 1)).to.equal('2027-01');
  });

  it('linkInterpreter: the related item keeps id and moment, no language, one history line', () => {
    const related = { tenantId: 't', id: 'TB-1', kind: 'callback', data: { interpreters: [] } } as unknown as Item<{
      interpreters?: any[];
    }>;
    const d = linkInterpreter(related, { interpreterId: 'TK-1001', own: false, moment: '2026-12-03T13:00:00.000Z' }, ctx());
    if (!d.ok) throw new Error('refused');
    expect(d.item.data.interpreters).to.deep.equal([{ id: 'TK-1001', own: false, moment: '2026-12-03T13:00:00.000Z' }]);
    expect(d.history).to.deep.include({
      action: 'interpreterLinked',
      note: nl.interpreter.link.service('TK-1001', 'donderdag 3 december, 14:00'),
    });
    expect(d.effects).to.deep.equal([]);
  });
});
