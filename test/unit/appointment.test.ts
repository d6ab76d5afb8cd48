// The rules of follow-up appointments (pure): the charter's terms per kind, the walk-in rule,
// "eerste reactie verstuurd", and what a new appointment does to the terms. Now: Thursday
// 26 November 2026, 10:00 (Amsterdam), default working calendar.
import { expect } from 'chai';
import {
  appointmentRules,
  appointmentTerms,
  canAcknowledge,
  currentDeadline,
  type AppointmentData,
} from '../../src/domain/items/appointment';
import type { ActionContext } from '../../src/domain/items/lifecycle';
import type { Item, Person } from '../../src/domain/types';
import { capList, countRows, filterRows, groupByOwner, openRows } from '../../src/domain/views/openItems';
import { WorkingCalendar } from '../../src/domain/workingTime';
import { nl } from '../../src/texts/nl';
import { anItem, createdItem } from '../harness/items';
import { staff } from '../harness/roster';

const cal = new WorkingCalendar();
const NOW = new Date('2026-11-26T10:00:00+01:00');
const { anna, bram } = staff;
const ctx = (actor: Person = anna, now = NOW): ActionContext => ({ now, calendar: cal, actor, isManager: false });
const iso = (s: string) => new Date(s).toISOString();

function create(input: Record<string, unknown>, by: Person = anna): Item<AppointmentData> {
  return createdItem<AppointmentData>('appointment', input, ctx(by));
}

describe('appointment rules (pure)', () => {
  it('e-mail: reply by the end of the next working day, the full answer within 5 working days', () => {
    const t = appointmentTerms(cal, 'email', NOW);
    expect([t.first, t.final]).to.deep.equal([iso('2026-11-27T17:00:00+01:00'), iso('2026-12-03T17:00:00+01:00')]);
    // An answer promised before the reply term makes one term.
    const quick = appointmentTerms(cal, 'email', NOW, new Date('2026-11-26T15:00:00+01:00'));
    expect(quick.final).to.equal(undefined);
    expect(quick.first).to.equal(iso('2026-11-26T15:00:00+01:00'));
  });

  it('letter: 5 working days; a later answer needs an acknowledgement naming the term within those 5 days', () => {
    const plain = appointmentTerms(cal, 'letter', NOW);
    expect([plain.first, plain.final]).to.deep.equal([iso('2026-12-03T17:00:00+01:00'), undefined]);
    const later = appointmentTerms(cal, 'letter', NOW, new Date('2026-12-15T12:00:00+01:00'));
    expect([later.first, later.firstLabel, later.final]).to.deep.equal([
      iso('2026-12-03T17:00:00+01:00'),
      nl.appointments.termLabels.letterAck,
      iso('2026-12-15T12:00:00+01:00'),
    ]);
  });

  it('walk-in and home visit insist on a moment and a named colleague; the owner defaults to the creator otherwise', () => {
    const refused = appointmentRules.create({ promiseKind: 'homevisit', customerName: 'K', topic: 'T' }, ctx());
    expect(refused.ok).to.equal(false);
    if (!refused.ok) expect(Object.keys(refused.refusal.fields!).sort()).to.deep.equal(['moment', 'owner']);
    const other = create({ promiseKind: 'other', customerName: 'K', topic: 'T' });
    expect(other.owner).to.deep.equal(anna);
    expect(other.status).to.equal('claimed');
    const team = create({ promiseKind: 'other', customerName: 'K', topic: 'T', owner: null });
    expect([team.owner, team.status]).to.deep.equal([null, 'open']);
    const bad = appointmentRules.create({ promiseKind: 'email', customerName: 'K', topic: 'T', contact: 'geen nummer' }, ctx());
    expect(bad.ok).to.equal(false);
  });

  it('a letter acknowledgement must name the term; then the deadline is the answer', () => {
    const letter = create({ promiseKind: 'letter', customerName: 'K', topic: 'T' });
    expect(canAcknowledge(letter.data)).to.equal(true);
    const noMoment = appointmentRules.apply(letter, 'acknowledge', {}, ctx());
    expect(noMoment.ok).to.equal(false);
    const ack = appointmentRules.apply(letter, 'acknowledge', { moment: '2026-12-18T12:00:00+01:00' }, ctx());
    if (!ack.ok) throw new Error(ack.refusal.message);
    expect(ack.item.deadline!.toISOString()).to.equal(iso('2026-12-18T12:00:00+01:00'));
    expect(ack.history.details).to.deep.equal({
      from: iso('2026-12-03T17:00:00+01:00'),
      to: iso('2026-12-18T12:00:00+01:00'),
      late: false,
    });
    expect(currentDeadline(ack.item.data).toISOString()).to.equal(iso('2026-12-18T12:00:00+01:00'));
  });

  it('a new appointment replaces the term that is due; one after the final term covers both', () => {
    const mail = create({ promiseKind: 'email', customerName: 'K', topic: 'T' });
    const early = appointmentRules.apply(mail, 'reschedule', { moment: '2026-11-30T12:00:00+01:00', reason: 'ziek' }, ctx());
    if (!early.ok) throw new Error(early.refusal.message);
    expect([early.item.data.terms.first, early.item.data.terms.final]).to.deep.equal([
      iso('2026-11-30T12:00:00+01:00'),
      iso('2026-12-03T17:00:00+01:00'),
    ]);
    const late = appointmentRules.apply(mail, 'reschedule', { moment: '2026-12-07T12:00:00+01:00', reason: 'ziek' }, ctx());
    if (!late.ok) throw new Error(late.refusal.message);
    expect([late.item.data.terms.first, late.item.data.terms.final]).to.deep.equal([iso('2026-12-07T12:00:00+01:00'), undefined]);
    expect(late.item.deadline!.toISOString()).to.equal(iso('2026-12-07T12:00:00+01:00'));
  });

  it('only the owner or a manager may act; anyone may claim an unowned appointment once', () => {
    const team = create({ promiseKind: 'other', customerName: 'K', topic: 'T', owner: null });
    expect(
      appointmentRules.apply(team, 'done', { answer: 'ja', note: 'Klant geholpen met uitleg.', confirmation: 'none' }, ctx(bram)).ok,
    ).to.equal(false);
    const claimed = appointmentRules.apply(team, 'claim', {}, ctx(bram));
    if (!claimed.ok) throw new Error('claim');
    const again = appointmentRules.apply(claimed.item, 'claim', {}, ctx(anna));
    expect(again.ok ? '' : again.refusal.message).to.equal(nl.appointments.msg.alreadyClaimed(bram.name));
    expect(
      appointmentRules.apply(
        claimed.item,
        'done',
        { answer: 'ja', note: 'Klant geholpen met uitleg.', confirmation: 'none' },
        { ...ctx(anna), isManager: true },
      ).ok,
    ).to.equal(true);
  });
});

describe('open items view (pure)', () => {
  const item = (id: string, deadline: string | null, owner: Person | null, kind: Item['kind'] = 'callback', closed = false): Item =>
    anItem({
      id,
      kind,
      status: 'open',
      subject: id,
      owner,
      createdBy: anna,
      at: NOW,
      deadline: deadline ? new Date(deadline) : null,
      closedAt: closed ? NOW : null,
    });
  const items = [
    item('C', '2026-11-30T17:00:00+01:00', anna),
    item('A', '2026-11-25T17:00:00+01:00', null),
    item('D', null, bram, 'appointment'),
    item('B', '2026-11-26T17:00:00+01:00', bram, 'appointment'),
    item('E', '2026-11-27T17:00:00+01:00', anna),
    item('X', '2026-11-20T17:00:00+01:00', anna, 'callback', true),
  ];
  const rows = openRows(items, cal, NOW);

  it('orders by deadline (none last), leaves closed items out, and gives each its state', () => {
    expect(rows.map((r) => `${r.item.id}:${r.state}${r.dueTomorrow ? '+morgen' : ''}`)).to.deep.equal([
      'A:overdue',
      'B:dueToday',
      'E:onTime+morgen',
      'C:onTime',
      'D:noDeadline',
    ]);
    expect(countRows(rows)).to.deep.equal({ total: 5, overdue: 1, dueToday: 1, onTime: 2, noDeadline: 1, unclaimed: 1 });
  });

  it('filters on kind, owner (or nobody) and state, and groups per owner with nobody last', () => {
    expect(filterRows(rows, { kind: 'appointment' }).map((r) => r.item.id)).to.deep.equal(['B', 'D']);
    expect(filterRows(rows, { owner: anna.id, state: 'onTime' }).map((r) => r.item.id)).to.deep.equal(['E', 'C']);
    expect(filterRows(rows, { owner: 'none' }).map((r) => r.item.id)).to.deep.equal(['A']);
    expect(groupByOwner(rows).map((g) => `${g.owner?.name ?? '-'}:${g.rows.map((r) => r.item.id).join('')}`)).to.deep.equal([
      `${anna.name}:EC`,
      `${bram.name}:BD`,
      '-:A',
    ]);
    expect(capList(rows, 2)).to.deep.include({ more: 3 });
  });
});
