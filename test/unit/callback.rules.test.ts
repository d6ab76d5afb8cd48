// The pure life cycle of a callback (domain/items/callback.ts): creation and its field checks,
// and every action with who may do it, in which state, and what it records.
import { expect } from 'chai';
import { applyCallback, createCallback, type CallbackData } from '../../src/domain/items/callback';
import type { ActionContext } from '../../src/domain/items/lifecycle';
import type { Item, Person } from '../../src/domain/types';
import { normalisePhone } from '../../src/domain/validation/phone';
import { WorkingCalendar } from '../../src/domain/workingTime';
import { nl } from '../../src/texts/nl';
import { createdItem } from '../harness/items';
import { staff } from '../harness/roster';

const cal = new WorkingCalendar();
const { anna, bram, carla, dirk } = staff;
const THU_10 = new Date('2026-11-26T10:00:00+01:00');

function ctx(actor: Person, now = THU_10, isManager = false): ActionContext {
  return { now, calendar: cal, actor, isManager };
}

const VALID = { customerName: 'Mevrouw Jansen', phone: '06 12345678', topic: 'Lekkage', details: 'Plafond lekt.' };

function created(input: Record<string, unknown> = {}, by: Person = carla): Item<CallbackData> {
  return createdItem<CallbackData>('callback', { ...VALID, ...input }, ctx(by));
}

function act(
  item: Item<CallbackData>,
  action: string,
  input: Record<string, unknown>,
  who: Person,
  opts: { now?: Date; manager?: boolean } = {},
) {
  return applyCallback(item, action, input, ctx(who, opts.now, opts.manager));
}

function ok(d: ReturnType<typeof act>) {
  if (!d.ok) throw new Error(`refused: ${d.refusal.message} ${JSON.stringify(d.refusal.fields ?? {})}`);
  return d;
}

function refused(d: ReturnType<typeof act>) {
  if (d.ok) throw new Error('accepted, expected a refusal');
  return d.refusal;
}

const claimedBy = (p: Person, input: Record<string, unknown> = {}) => ok(act(created(input), 'claim', {}, p)).item;

describe('callback rules (pure)', () => {
  describe('create', () => {
    it('an open callback due at the end of the next working day, phone normalised, profile kept', () => {
      const c = createCallback(
        { ...VALID, ageGroup: 'senior', digital: 'nietDigitaal', attitude: 'afnemer', preferredChannel: 'email', sensitive: 'true' },
        ctx(carla),
      );
      expect(c.ok).to.equal(true);
      if (!c.ok) return;
      expect(c.item).to.deep.include({ kind: 'callback', status: 'open', subject: 'Lekkage', owner: null });
      expect(c.item.deadline!.toISOString()).to.equal('2026-11-27T16:00:00.000Z');
      expect(c.item.data).to.deep.include({
        phone: '+31612345678',
        phoneDisplay: '06 12345678',
        sensitive: true,
        preferredChannel: 'email',
        attempts: [],
      });
      // The first version's labels are still accepted and stored in the customer-readable wording.
      expect(c.item.data.profile).to.deep.equal({ ageGroup: '55-of-ouder', digital: 'liever-persoonlijk', attitude: 'wil-duidelijkheid' });
      expect(c.item.history).to.deep.equal({ action: 'created', details: undefined });
      expect(c.item.effects).to.deep.equal([]);
    });

    it('a Friday callback is due Monday; one before a holiday after it', () => {
      const fri = createCallback(VALID, ctx(carla, new Date('2026-11-27T16:30:00+01:00')));
      expect(fri.ok && fri.item.deadline!.toISOString()).to.equal('2026-11-30T16:00:00.000Z');
      const xmasEve = createCallback(VALID, ctx(carla, new Date('2026-12-24T11:00:00+01:00')));
      expect(xmasEve.ok && xmasEve.item.deadline!.toISOString()).to.equal('2026-12-28T16:00:00.000Z');
    });

    it('an agreed moment later than the term becomes the deadline; an earlier one is kept as preference only', () => {
      const later = createCallback({ ...VALID, preferredMoment: '2026-12-01T10:00:00+01:00' }, ctx(carla));
      expect(later.ok && later.item.deadline!.toISOString()).to.equal('2026-12-01T09:00:00.000Z');
      const earlier = createCallback({ ...VALID, preferredMoment: '2026-11-26T14:00:00+01:00' }, ctx(carla));
      expect(earlier.ok && earlier.item.deadline!.toISOString()).to.equal('2026-11-27T16:00:00.000Z');
      expect(earlier.ok && earlier.item.data.preferredMoment).to.equal('2026-11-26T13:00:00.000Z');
    });

    it('unknown profile values are dropped, not stored', () => {
      const c = createCallback({ ...VALID, ageGroup: 'kind', digital: 'ja', preferredChannel: 'fax' }, ctx(carla));
      expect(c.ok && c.item.data.profile).to.deep.equal({});
      expect(c.ok && c.item.data.preferredChannel).to.equal(undefined);
    });

    it('names every invalid field with a Dutch message', () => {
      const c = createCallback(
        {
          customerName: ' ',
          phone: '12',
          topic: 'x'.repeat(121),
          details: 'd'.repeat(2001),
          preferredMoment: 'gisteren',
          assignee: 'onbekend',
        },
        ctx(carla),
      );
      expect(c.ok).to.equal(false);
      if (c.ok) return;
      expect(c.refusal.message).to.equal(nl.common.formHasErrors);
      expect(c.refusal.fields).to.deep.equal({
        customerName: nl.common.fieldRequired,
        phone: nl.callbacks.errors.phone,
        topic: nl.common.tooLong(120),
        details: nl.common.tooLong(2000),
        preferredMoment: nl.common.invalidMoment,
        assignee: nl.callbacks.errors.assigneeUnknown,
      });
      const past = createCallback({ ...VALID, preferredMoment: '2026-11-26T09:59:00+01:00' }, ctx(carla));
      expect(!past.ok && past.refusal.fields).to.deep.equal({ preferredMoment: nl.common.momentInPast });
    });

    it('made for a colleague: claimed by them, who is told (the id filled in later) and gets a calendar sync', () => {
      const c = createCallback({ ...VALID, assignee: bram }, ctx(carla));
      expect(c.ok).to.equal(true);
      if (!c.ok) return;
      expect(c.item).to.deep.include({ status: 'claimed', owner: bram });
      expect(c.item.data.claimedAt).to.equal(THU_10.toISOString());
      expect(c.item.history).to.deep.equal({ action: 'created', details: { for: bram.name } });
      expect(c.item.effects).to.deep.equal([
        { type: 'notifyPerson', to: bram, text: nl.callbacks.msg.assignedNotice('{id}', carla.name, 'Lekkage', 'morgen 17:00') },
        { type: 'calendarSync' },
      ]);
      const self = createCallback({ ...VALID, assignee: carla }, ctx(carla));
      expect(self.ok && self.item.effects).to.deep.equal([]);
      expect(self.ok && self.item.owner).to.deep.include(carla);
    });
  });

  describe('phone numbers', () => {
    const cases: [string, string | null][] = [
      ['06 12345678', '+31612345678'],
      ['0612345678', '+31612345678'],
      ['+31 6 12345678', '+31612345678'],
      ['0031612345678', '+31612345678'],
      ['0313-123456', '+31313123456'],
      ['(0313) 12 34 56', '+31313123456'],
      ['+32 470 12 34 56', '+32470123456'],
      ['0049 30 1234567', '+49301234567'],
      ['12345', null],
      ['06 1234', null],
      ['bel mij', null],
      ['tel: 0612345678', null],
      ['++31612345678', null],
      ['06 12345678 90', null],
    ];
    for (const [raw, e164] of cases) {
      it(`${JSON.stringify(raw)} → ${e164 ?? 'refused'}`, () => {
        const r = normalisePhone(raw);
        expect(r.ok).to.equal(e164 !== null);
        if (e164) expect(r.e164).to.equal(e164);
      });
    }
  });

  describe('claim', () => {
    it('the first claim wins; it records who and when', () => {
      const d = ok(act(created(), 'claim', {}, anna));
      expect(d.item).to.deep.include({ status: 'claimed', owner: anna });
      expect(d.item.data.claimedAt).to.equal(THU_10.toISOString());
      expect(d.history).to.deep.equal({ action: 'claimed' });
      expect(d.message).to.equal(nl.callbacks.msg.claimed('TB-1001'));
    });

    it("a second claim is refused with the owner's name; one's own again says so", () => {
      const item = claimedBy(anna);
      expect(refused(act(item, 'claim', {}, bram))).to.deep.include({
        code: 'alreadyClaimed',
        message: nl.callbacks.msg.alreadyClaimed(anna.name),
      });
      expect(refused(act(item, 'claim', {}, dirk, { manager: true })).code).to.equal('alreadyClaimed');
      expect(refused(act(item, 'claim', {}, anna)).code).to.equal('alreadyYours');
      // The same person by Teams id only (an older record without the Entra id).
      expect(refused(act(item, 'claim', {}, { id: 'other', name: 'Anna', teamsId: anna.teamsId })).code).to.equal('alreadyYours');
    });
  });

  describe('owner actions: who may', () => {
    const inputs: Record<string, Record<string, unknown>> = {
      done: { answer: 'ja', note: 'Klant gebeld, opgelost.', confirmation: 'none' },
      notReached: {},
      release: {},
      handover: { to: carla },
      reschedule: { moment: '2026-11-30T10:00:00+01:00', reason: 'Op verzoek van de klant' },
      cancel: { reason: 'Dubbel' },
    };
    for (const action of Object.keys(inputs)) {
      it(`${action}: the owner and a manager may; another colleague is refused`, () => {
        const item = claimedBy(anna);
        expect(ok(act(item, action, inputs[action]!, anna)).ok).to.equal(true);
        expect(ok(act(item, action, inputs[action]!, dirk, { manager: true })).ok).to.equal(true);
        expect(refused(act(item, action, inputs[action]!, bram))).to.deep.equal({
          code: 'notAllowed',
          message: nl.common.notAllowed,
          fields: undefined,
        });
      });
    }

    it('the creator may cancel; done/notReached/release/reschedule need someone who picked it up', () => {
      expect(ok(act(claimedBy(anna), 'cancel', { reason: 'Klant belde zelf' }, carla)).item.status).to.equal('cancelled');
      const open = created();
      for (const action of ['done', 'notReached', 'release', 'reschedule']) {
        expect(refused(act(open, action, inputs[action]!, dirk, { manager: true })).code, action).to.equal('notClaimed');
        expect(refused(act(open, action, inputs[action]!, bram)).code, action).to.equal('notAllowed');
      }
      // A manager's handover of an open callback assigns it.
      expect(ok(act(open, 'handover', { to: carla }, dirk, { manager: true })).item.owner).to.deep.include(carla);
    });

    it('nothing more happens to a finished or cancelled callback', () => {
      const done = ok(act(claimedBy(anna), 'done', inputs.done!, anna)).item;
      const cancelled = ok(act(claimedBy(anna), 'cancel', inputs.cancel!, anna)).item;
      for (const action of [...Object.keys(inputs), 'claim']) {
        expect(refused(act(done, action, inputs[action] ?? {}, anna))).to.deep.include({
          code: 'finished',
          message: nl.callbacks.msg.finished,
        });
        expect(refused(act(cancelled, action, inputs[action] ?? {}, dirk, { manager: true }))).to.deep.include({
          code: 'finished',
          message: nl.callbacks.msg.cancelledAlready,
        });
      }
      expect(refused(act(claimedBy(anna), 'explode', {}, anna)).code).to.equal('unknownAction');
    });
  });

  describe('owner actions: what they do', () => {
    it('done: the answer, an explanation for "nee" and "deels", a dossier note of some substance and how it was confirmed are required', () => {
      const item = claimedBy(anna);
      const e = nl.conversation.errors;
      expect(refused(act(item, 'done', {}, anna)).fields).to.deep.equal({
        answer: e.answerRequired,
        note: nl.callbacks.errors.noteRequired,
        confirmation: nl.callbacks.errors.confirmationRequired,
      });
      const base = { note: 'Gebeld en geregeld', confirmation: 'none' };
      expect(refused(act(item, 'done', { ...base, answer: 'nee' }, anna)).fields).to.deep.equal({ explanation: e.explanationRequired });
      expect(refused(act(item, 'done', { ...base, answer: 'deels', explanation: '  ' }, anna)).fields).to.deep.equal({
        explanation: e.explanationRequired,
      });
      expect(refused(act(item, 'done', { ...base, answer: 'nee', explanation: 'Nee.' }, anna)).fields).to.deep.equal({
        explanation: e.explanationTooShort,
      });
      expect(refused(act(item, 'done', { ...base, answer: 'misschien' }, anna)).fields).to.deep.equal({ answer: e.answerRequired });
      expect(refused(act(item, 'done', { answer: 'ja', note: 'Gebeld', confirmation: 'email' }, anna)).fields).to.deep.equal({
        note: nl.callbacks.errors.noteTooShort,
      });
      expect(refused(act(item, 'done', { answer: 'ja', note: 'Gebeld en geregeld', confirmation: 'sms' }, anna)).fields).to.have.keys(
        'confirmation',
      );
      expect(refused(act(item, 'done', { answer: 'ja', note: 'n'.repeat(2001), confirmation: 'none' }, anna)).fields).to.deep.equal({
        note: nl.common.tooLong(2000),
      });
      const later = new Date('2026-11-26T15:10:00+01:00');
      const d = ok(act(item, 'done', { answer: 'ja', note: '  Loodgieter komt morgen.  ', confirmation: 'brief' }, anna, { now: later }));
      expect(d.item).to.deep.include({ status: 'done', closedAt: later });
      expect(d.item.data).to.deep.include({ doneNote: 'Loodgieter komt morgen.', confirmation: 'brief', answer: 'ja' });
      expect(d.history).to.deep.equal({
        action: 'done',
        note: 'Loodgieter komt morgen.',
        details: { confirmation: 'brief', answer: 'ja', explained: false },
      });
      // The owner gets the ready confirmation text in their 1:1 chat.
      expect(d.effects).to.deep.include({ type: 'customerText', to: item.owner, which: 'confirmation' });
      const no = ok(act(item, 'done', { ...base, answer: 'nee', explanation: 'Een tweede schuur past niet binnen de regels.' }, anna));
      expect(no.item.data).to.deep.include({ answer: 'nee', explanation: 'Een tweede schuur past niet binnen de regels.' });
      expect(no.history.details).to.deep.include({ answer: 'nee', explained: true });
    });

    it('notReached is a ladder: the next attempt at another part of the day within the term; after the last the callback ends as niet bereikt', () => {
      const l = nl.conversation.ladder;
      const item = claimedBy(anna);
      // Thursday 11:00 (morning): try again this afternoon.
      const first = ok(act(item, 'notReached', {}, anna, { now: new Date('2026-11-26T11:00:00+01:00') }));
      expect(first.item.status).to.equal('claimed');
      expect(first.message).to.equal(`${l.attempt(1, 2)} ${l.next('vandaag 14:00')}`);
      expect(first.history.details).to.deep.include({ attempt: 1, next: '2026-11-26T13:00:00.000Z' });
      const second = ok(act({ ...first.item, version: 3 }, 'notReached', {}, anna, { now: new Date('2026-11-26T15:00:00+01:00') }));
      expect(second.item.status).to.equal('notReached');
      expect(second.item.closedAt).to.not.equal(null);
      expect(second.message).to.equal(`${l.attempt(2, 2)} ${l.last(2)}`);
      expect(second.effects).to.deep.include({ type: 'customerText', to: item.owner, which: 'notReached' });
      expect(second.history.details).to.deep.include({ attempt: 2, last: true });
      // Finished: nothing more happens.
      expect(refused(act({ ...second.item, version: 4 }, 'notReached', {}, anna)).code).to.equal('finished');
      expect(
        refused(act({ ...second.item, version: 4 }, 'done', { answer: 'ja', note: 'Klant gebeld, opgelost.', confirmation: 'none' }, anna))
          .code,
      ).to.equal('finished');
    });

    it('notReached: the next morning after an afternoon attempt, none past the term; more attempts for a customer who needs help or by configuration', () => {
      const l = nl.conversation.ladder;
      const helped = claimedBy(anna, { attitude: 'afhankelijk' });
      const a1 = ok(act(helped, 'notReached', {}, anna, { now: new Date('2026-11-26T15:00:00+01:00') }));
      expect(a1.message).to.equal(`${l.attempt(1, 3)} ${l.next('morgen 09:30')}`);
      const a2 = ok(act({ ...a1.item, version: 3 }, 'notReached', {}, anna, { now: new Date('2026-11-27T15:00:00+01:00') }));
      // Friday afternoon: Monday morning lies past the term (end of Friday).
      expect(a2.message).to.equal(`${l.attempt(2, 3)} ${l.nextNoTime}`);
      expect(a2.item.status).to.equal('claimed');
      expect(ok(act({ ...a2.item, version: 4 }, 'notReached', {}, anna)).item.status).to.equal('notReached');
      // NOT_REACHED_ATTEMPTS=1: the first attempt is the last.
      const once = applyCallback(claimedBy(anna), 'notReached', {}, { ...ctx(anna), notReachedAttempts: 1 });
      expect(once.ok && once.item.status).to.equal('notReached');
    });

    it('reschedule and cancel record how the customer was told; not reached yet proposes the next attempt', () => {
      const l = nl.conversation.ladder;
      const at = new Date('2026-11-26T11:00:00+01:00');
      const phone = ok(
        act(
          claimedBy(anna),
          'reschedule',
          { moment: '2026-11-30T10:00:00+01:00', reason: 'Op verzoek van de klant', told: 'telefoon' },
          anna,
          { now: at },
        ),
      );
      expect(phone.history.details).to.deep.include({ told: 'telefoon' });
      const notYet = ok(
        act(claimedBy(anna), 'reschedule', { moment: '2026-11-30T10:00:00+01:00', reason: 'Monteur ziek', told: 'nietBereikt' }, anna, {
          now: at,
        }),
      );
      expect(notYet.history.details).to.deep.include({ told: 'nietBereikt', next: '2026-11-26T13:00:00.000Z' });
      expect(notYet.message).to.contain(nl.conversation.told.notYet).and.contain(l.next('vandaag 14:00'));
      const cancelled = ok(act(claimedBy(anna), 'cancel', { reason: 'Klant belde zelf', told: 'email' }, anna));
      expect(cancelled.history).to.deep.include({ details: { told: 'email' } });
      // Optional: without it nothing is recorded.
      expect(ok(act(claimedBy(anna), 'cancel', { reason: 'Dubbel' }, anna)).history.details).to.equal(undefined);
    });

    it('release: open again, without owner, the previous owner in the history', () => {
      const d = ok(act(claimedBy(anna), 'release', {}, dirk, { manager: true }));
      expect(d.item).to.deep.include({ status: 'open', owner: null });
      expect(d.item.data.claimedAt).to.equal(undefined);
      expect(d.history).to.deep.equal({ action: 'released', details: { previousOwner: anna.name } });
    });

    it('handover: to a colleague, who is told; not to the owner themselves, not to nobody', () => {
      const item = claimedBy(anna);
      const d = ok(act(item, 'handover', { to: bram }, anna));
      expect(d.item).to.deep.include({ status: 'claimed', owner: bram });
      expect(d.history).to.deep.equal({ action: 'handedOver', details: { from: anna.name, to: bram.name } });
      expect(d.effects).to.deep.equal([
        { type: 'notifyPerson', to: bram, text: nl.callbacks.msg.handoverNotice('TB-1001', anna.name, 'Lekkage', 'morgen 17:00') },
        { type: 'calendarSync' },
      ]);
      expect(d.message).to.equal(nl.callbacks.msg.handedOver('TB-1001', bram.name));
      expect(refused(act(item, 'handover', { to: anna }, anna)).fields).to.deep.equal({ to: nl.callbacks.errors.assigneeSelf });
      expect(refused(act(item, 'handover', { to: anna }, dirk, { manager: true })).fields).to.deep.equal({
        to: nl.callbacks.errors.assigneeIsOwner(anna.name),
      });
      expect(refused(act(item, 'handover', {}, anna)).fields).to.deep.equal({ to: nl.callbacks.errors.assigneeRequired });
      expect(refused(act(item, 'handover', { to: 'f0f0-unknown' }, anna)).fields).to.deep.equal({
        to: nl.callbacks.errors.assigneeUnknown,
      });
    });

    it('reschedule: a new moment in the future and a reason; the history keeps both moments', () => {
      const item = claimedBy(anna);
      expect(refused(act(item, 'reschedule', {}, anna)).fields).to.deep.equal({
        moment: nl.callbacks.errors.newMomentRequired,
        reason: nl.callbacks.errors.reasonRequired,
      });
      expect(refused(act(item, 'reschedule', { moment: '2026-11-26T09:00:00+01:00', reason: 'x' }, anna)).fields).to.deep.equal({
        moment: nl.common.momentInPast,
      });
      expect(refused(act(item, 'reschedule', { moment: 'ongeldig', reason: 'x' }, anna)).fields).to.deep.equal({
        moment: nl.common.invalidMoment,
      });
      expect(refused(act(item, 'reschedule', { moment: '2026-11-30T10:00:00+01:00', reason: 'r'.repeat(501) }, anna)).fields).to.deep.equal(
        { reason: nl.common.tooLong(500) },
      );
      const d = ok(act(item, 'reschedule', { moment: '2026-11-30T10:00:00+01:00', reason: 'Klant is weg tot maandag' }, anna));
      expect(d.item.deadline!.toISOString()).to.equal('2026-11-30T09:00:00.000Z');
      expect(d.item.status).to.equal('claimed');
      expect(d.history).to.deep.equal({
        action: 'rescheduled',
        note: 'Klant is weg tot maandag',
        details: { from: '2026-11-27T16:00:00.000Z', to: '2026-11-30T09:00:00.000Z' },
      });
      expect(d.message).to.equal(nl.callbacks.msg.rescheduled('TB-1001', 'maandag 30 november, 10:00'));
    });

    it('cancel: a reason is required and kept', () => {
      const item = claimedBy(anna);
      expect(refused(act(item, 'cancel', { reason: ' ' }, anna)).fields).to.deep.equal({ reason: nl.callbacks.errors.reasonRequired });
      const d = ok(act(item, 'cancel', { reason: 'Klant belde zelf terug' }, anna));
      expect(d.item).to.deep.include({ status: 'cancelled', closedAt: THU_10 });
      expect(d.history).to.deep.equal({ action: 'cancelled', note: 'Klant belde zelf terug' });
    });
  });
});
