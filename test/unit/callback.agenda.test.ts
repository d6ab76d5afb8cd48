// The callback rules for the agenda (pure): who may plan, which slots are accepted, how release,
// handover and reschedule change the plan, and the SYSTEM-only bookkeeping of the Outlook event.
import { expect } from 'chai';
import { applyCallback, createCallback, type CallbackData } from '../../src/domain/items/callback';
import type { ActionContext, Decision } from '../../src/domain/items/lifecycle';
import { SYSTEM, type Item, type Person } from '../../src/domain/types';
import { WorkingCalendar } from '../../src/domain/workingTime';
import { createdItem } from '../harness/items';
import { staff } from '../harness/roster';

const cal = new WorkingCalendar();
const { anna, bram, carla } = staff;
const NOW = new Date('2026-11-26T10:00:00+01:00');
const ctx = (actor: Person, now = NOW, isManager = false): ActionContext => ({ now, calendar: cal, actor, isManager });
const base = { customerName: 'Mevrouw Jansen', phone: '06 12345678', topic: 'Lekkage' };

function created(input: Record<string, unknown> = {}): Item<CallbackData> {
  return createdItem<CallbackData>('callback', { ...base, assignee: bram, ...input }, ctx(anna), { id: 'TB-1' });
}
function ok(d: Decision<CallbackData>): Item<CallbackData> {
  if (!d.ok) throw new Error(`refused: ${d.refusal.code}`);
  return d.item;
}
function refused(d: Decision<CallbackData>): string {
  if (d.ok) throw new Error('accepted');
  return d.refusal.code;
}

describe('callback rules: agenda', () => {
  it('a callback for a colleague starts with an offer (form) or automatic planning (other ways in); not for yourself or the team', () => {
    expect(created({ agendaMode: 'offer' }).data.agenda).to.deep.equal({ state: 'offer', since: NOW.toISOString() });
    expect(created().data.agenda?.state).to.equal('auto');
    expect(created({ assignee: anna }).data.agenda).to.equal(undefined);
    expect(created({ assignee: undefined }).data.agenda).to.equal(undefined);
    const c = createCallback({ ...base, assignee: bram }, ctx(anna));
    expect(c.ok && c.item.effects.map((e) => e.type)).to.deep.equal(['notifyPerson', 'calendarSync']);
  });

  it('planSlot: the creator, the owner or a manager picks a 15-minute slot inside office hours; others may not', () => {
    const item = created({ agendaMode: 'offer' });
    const start = '2026-11-26T14:00:00+01:00';
    const d = applyCallback(item, 'planSlot', { start }, ctx(anna));
    const planned = ok(d);
    expect(planned.data.agenda).to.include({
      state: 'planned',
      start: new Date(start).toISOString(),
      end: new Date('2026-11-26T14:15:00+01:00').toISOString(),
      late: false,
      by: 'choice',
    });
    expect(d.ok && d.effects).to.deep.equal([{ type: 'calendarSync' }]);
    expect(ok(applyCallback(item, 'planSlot', { start }, ctx(bram))).data.agenda?.state).to.equal('planned');
    expect(ok(applyCallback(item, 'planSlot', { start }, ctx(carla, NOW, true))).data.agenda?.state).to.equal('planned');
    expect(refused(applyCallback(item, 'planSlot', { start }, ctx(carla)))).to.equal('notAllowed');
    expect(refused(applyCallback(planned, 'planSlot', { start: '2026-11-26T15:00:00+01:00' }, ctx(anna)))).to.equal('alreadyPlanned');
  });

  it('planSlot refuses moments outside office hours, in the past, across closing, on a holiday, or unreadable', () => {
    const item = created({ agendaMode: 'offer' });
    for (const start of [
      '2026-11-26T08:00:00+01:00',
      '2026-11-26T09:00:00+01:00',
      '2026-11-26T16:50:00+01:00',
      '2026-11-28T10:00:00+01:00',
      '2026-12-25T10:00:00+01:00',
      'morgen',
    ]) {
      expect(refused(applyCallback(item, 'planSlot', { start }, ctx(anna))), start).to.equal('badSlot');
    }
  });

  it('a slot after the deadline is accepted but marked late; when the bot planned it, the creator is told what to do', () => {
    const item = created();
    const d = applyCallback(item, 'planSlot', { start: '2026-11-30T08:30:00+01:00', auto: true }, ctx(SYSTEM));
    expect(ok(d).data.agenda).to.include({ late: true, by: 'auto' });
    const notice = d.ok ? d.effects.find((e) => e.type === 'notifyPerson') : undefined;
    expect(notice && notice.type === 'notifyPerson' && notice.to).to.deep.equal(anna);
    expect(notice && notice.type === 'notifyPerson' && notice.text).to.contain('bel de klant om een nieuw moment af te spreken');
    // 'auto' from a person is ignored: it stays their own choice.
    expect(ok(applyCallback(item, 'planSlot', { start: '2026-11-26T14:00:00+01:00', auto: true }, ctx(anna))).data.agenda?.by).to.equal(
      'choice',
    );
  });

  it('release drops the plan; handover keeps a planned moment and turns an open offer into automatic planning; reschedule moves the plan', () => {
    const planned = ok(applyCallback(created({ agendaMode: 'offer' }), 'planSlot', { start: '2026-11-26T14:00:00+01:00' }, ctx(anna)));
    expect(ok(applyCallback(planned, 'release', {}, ctx(bram))).data.agenda).to.equal(undefined);
    expect(ok(applyCallback(planned, 'handover', { to: carla }, ctx(bram))).data.agenda).to.deep.equal(planned.data.agenda);
    expect(ok(applyCallback(created({ agendaMode: 'offer' }), 'handover', { to: carla }, ctx(bram))).data.agenda?.state).to.equal('auto');
    const moved = ok(applyCallback(planned, 'reschedule', { moment: '2026-11-27T11:00:00+01:00', reason: 'Klant wil morgen.' }, ctx(bram)));
    expect(moved.data.agenda).to.include({
      state: 'planned',
      start: new Date('2026-11-27T11:00:00+01:00').toISOString(),
      end: new Date('2026-11-27T11:15:00+01:00').toISOString(),
      by: 'reschedule',
    });
    // A callback that was never planned in an agenda does not get one by rescheduling.
    const team = ok(applyCallback(created({ assignee: undefined }), 'claim', {}, ctx(bram)));
    expect(
      ok(applyCallback(team, 'reschedule', { moment: '2026-11-27T11:00:00+01:00', reason: 'Later.' }, ctx(bram))).data.agenda,
    ).to.equal(undefined);
  });

  it('agendaAuto and agendaNoSlot are for the bot only, from the right state', () => {
    const offer = created({ agendaMode: 'offer' });
    expect(refused(applyCallback(offer, 'agendaAuto', {}, ctx(anna)))).to.equal('notAllowed');
    expect(ok(applyCallback(offer, 'agendaAuto', {}, ctx(SYSTEM))).data.agenda?.state).to.equal('auto');
    expect(refused(applyCallback(created(), 'agendaAuto', {}, ctx(SYSTEM)))).to.equal('notNeeded');
    const fromOffer = applyCallback(offer, 'agendaNoSlot', { reason: 'none' }, ctx(SYSTEM));
    expect(ok(fromOffer).data.agenda?.state).to.equal('noSlot');
    expect(fromOffer.ok && fromOffer.effects, 'the creator sees it on the card').to.deep.equal([]);
    const fromAuto = applyCallback(created(), 'agendaNoSlot', { reason: 'noAgenda' }, ctx(SYSTEM));
    expect(fromAuto.ok && fromAuto.effects.map((e) => e.type)).to.deep.equal(['notifyPerson']);
  });

  it('calendarSynced records the event (SYSTEM only), also on a finished callback, and never triggers another sync', () => {
    const planned = ok(applyCallback(created({ agendaMode: 'offer' }), 'planSlot', { start: '2026-11-26T14:00:00+01:00' }, ctx(anna)));
    const ev = {
      userId: bram.id,
      eventId: 'E1',
      start: planned.data.agenda!.start,
      end: planned.data.agenda!.end,
      marker: 'm/0',
      linked: true,
    };
    expect(refused(applyCallback(planned, 'calendarSynced', { event: ev }, ctx(bram)))).to.equal('notAllowed');
    const d = applyCallback(planned, 'calendarSynced', { event: ev }, ctx(SYSTEM));
    const rec = ok(d);
    expect(rec.data.calendarEvent).to.deep.equal(ev);
    expect(rec.data.calendarSeq).to.equal(1);
    expect(d.ok && d.effects).to.deep.equal([]);
    expect(d.ok && d.history.action).to.equal('calendarCreated');
    const done = ok(applyCallback(rec, 'done', { answer: 'ja', note: 'Klant gebeld, opgelost.', confirmation: 'none' }, ctx(bram)));
    const removed = applyCallback(done, 'calendarSynced', { event: null }, ctx(SYSTEM));
    expect(ok(removed).data.calendarEvent).to.equal(undefined);
    expect(ok(removed).data.calendarSeq, 'the next event gets a new marker').to.equal(1);
    expect(removed.ok && removed.history.action).to.equal('calendarRemoved');
    expect(refused(applyCallback(done, 'planSlot', { start: '2026-11-26T15:00:00+01:00' }, ctx(anna)))).to.equal('finished');
  });
});
