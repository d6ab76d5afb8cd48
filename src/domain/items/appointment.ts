// Follow-up appointments (vervolgafspraken): an e-mail, a letter, a walk-in who could not be
// helped, a home visit, or another promise. The charter's terms come from the working-time rules
// (promiseTerms); the life cycle is the one callbacks have (ownedLifecycle.ts), with hooks for the
// terms, "eerste reactie verstuurd" for the two-step promises (e-mail, letter) and the link to an
// interpreter request ("Tolk nodig"). Pure: no I/O.
import { nl } from '../../texts/nl';
import type { Item, Person } from '../types';
import {
  FULL_ANSWER_WORKING_DAYS,
  formatMoment,
  promiseTerms,
  withinWorkingDays,
  type PromiseKind,
  type WorkingCalendar,
} from '../workingTime';
import { normalisePhone } from '../validation/phone';
import { accept, bool, refuse, str, type ActionContext, type Creation, type Decision, type KindRules } from './lifecycle';
import { oneOf, optionalText, parseMoment, parsePerson, requireText, type FieldErrors } from './common';
import { interpreterLink, ownedCreation, ownedRules, ownerOrManager, type OwnedData, type OwnedHooks } from './ownedLifecycle';
import { calendarSynced, pickedSlot, type AgendaFields } from './callback';

const t = nl.appointments;

export const APPOINTMENT_KINDS = ['email', 'letter', 'walkin', 'homevisit', 'other'] as const;
export type AppointmentKind = (typeof APPOINTMENT_KINDS)[number];
export const HOW = ['telefoon', 'kantoor', 'thuis', 'email'] as const;
export type How = (typeof HOW)[number];

/** The terms of the promise, as ISO instants. `final` is the later term of a two-step promise. */
export interface AppointmentTerms {
  first: string;
  firstLabel: string;
  final?: string;
  finalLabel?: string;
}

/** Length of an appointment planned in the owner's Outlook agenda ("Vrije momenten tonen"). */
export const APPOINTMENT_SLOT_MINUTES = 30;
/** Kinds where the moment is a meeting with the customer: a free moment picked in the form becomes the appointment's moment. */
export const MOMENT_IS_MEETING: ReadonlySet<AppointmentKind> = new Set(['walkin', 'homevisit', 'other']);

/** The agenda fields: a moment picked in the form ("Vrije momenten tonen") and its Outlook event. */
export interface AppointmentData extends OwnedData, AgendaFields {
  promiseKind: AppointmentKind;
  customerName: string;
  /** How to reach the customer (never shown in the channel). */
  contact?: { kind: 'phone' | 'email'; value: string; display: string };
  topic: string;
  details: string;
  sensitive: boolean;
  /** Walk-in: how the follow-up contact takes place. */
  how?: How;
  terms: AppointmentTerms;
  /** When the first step of a two-step promise (e-mail reply, letter acknowledgement) was done. */
  firstMetAt?: string;
  /** Customer data erased by retention or on request (AVG). */
  erased?: boolean;
}

/** Kinds where the form insists on a moment and a named colleague. */
export const NEEDS_MOMENT_AND_OWNER: ReadonlySet<AppointmentKind> = new Set(['walkin', 'homevisit']);

/** local@domain.tld; the domain's labels exclude the dot, so no two parts can claim the same characters (linear). */
const EMAIL_RE = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

/**
 * The terms a new appointment gets. `moment` is what the form says (the agreed moment; for an
 * e-mail or letter the moment of the full answer), or undefined for the charter's default.
 */
export function appointmentTerms(cal: WorkingCalendar, kind: AppointmentKind, now: Date, moment?: Date): AppointmentTerms {
  const iso = (d: Date) => d.toISOString();
  switch (kind) {
    case 'email': {
      const base = promiseTerms(cal, 'email', now);
      const answer = moment ?? base.final!;
      // An answer promised before the reply term makes the reply unnecessary: one term.
      if (answer.getTime() <= base.first.getTime()) return { first: iso(answer), firstLabel: t.termLabels.emailAnswer };
      return { first: iso(base.first), firstLabel: t.termLabels.emailReply, final: iso(answer), finalLabel: t.termLabels.emailAnswer };
    }
    case 'letter': {
      const base = promiseTerms(cal, 'letter', now);
      if (!moment || moment.getTime() <= base.first.getTime()) return { first: iso(moment ?? base.first), firstLabel: t.termLabels.letter };
      // A later answer: an acknowledgement naming that term is due within the 5 working days.
      return { first: iso(base.first), firstLabel: t.termLabels.letterAck, final: iso(moment), finalLabel: t.termLabels.letter };
    }
    case 'walkin':
    case 'homevisit': {
      const pk: PromiseKind = kind;
      return { first: iso(promiseTerms(cal, pk, now, moment).first), firstLabel: t.termLabels[kind] };
    }
    case 'other':
      return { first: iso(promiseTerms(cal, 'other', now, moment).first), firstLabel: t.termLabels.other };
  }
}

/**
 * The term free moments are measured against (moments ending later are marked late): the charter's
 * term for the kind as the form fills it in (e-mail: the full answer within 5 working days; letter:
 * 5 working days; other: the end of the next working day; a walk-in or home visit has no term of
 * its own: 5 working days), or the customer's later preferred moment.
 */
export function freeMomentsTerm(cal: WorkingCalendar, kind: AppointmentKind, now: Date, preferred?: Date): Date {
  const base = NEEDS_MOMENT_AND_OWNER.has(kind)
    ? withinWorkingDays(cal, now, FULL_ANSWER_WORKING_DAYS)
    : (() => {
        const terms = appointmentTerms(cal, kind, now);
        return new Date(terms.final ?? terms.first);
      })();
  return preferred && preferred.getTime() > base.getTime() ? preferred : base;
}

/** The term that is due next: the first until it is met, then the final one. */
export function currentDeadline(d: Pick<AppointmentData, 'terms' | 'firstMetAt'>): Date {
  return new Date(d.firstMetAt && d.terms.final ? d.terms.final : d.terms.first);
}

export function createAppointment(input: Record<string, unknown>, ctx: ActionContext): Creation<AppointmentData> {
  const errors: FieldErrors = {};
  const kind = oneOf(str(input, 'promiseKind'), APPOINTMENT_KINDS);
  if (!kind) errors.promiseKind = nl.common.fieldRequired;
  const customerName = requireText(errors, 'customerName', str(input, 'customerName'), 100);
  const topic = requireText(errors, 'topic', str(input, 'topic'), 120);
  const details = optionalText(errors, 'details', str(input, 'details'), 2000);
  const rawContact = optionalText(errors, 'contact', str(input, 'contact'), 100);
  let contact: AppointmentData['contact'];
  if (rawContact && !errors.contact) {
    if (rawContact.includes('@')) {
      if (EMAIL_RE.test(rawContact)) contact = { kind: 'email', value: rawContact.toLowerCase(), display: rawContact };
      else errors.contact = t.errors.contact;
    } else {
      const phone = normalisePhone(rawContact);
      if (phone.ok) contact = { kind: 'phone', value: phone.e164!, display: phone.display! };
      else errors.contact = t.errors.contact;
    }
  }
  let moment = parseMoment(errors, 'moment', input.moment, ctx);
  const how = oneOf(str(input, 'how'), HOW);
  // Owner: a person picked; null = explicitly for the team; absent = the creator.
  const picked = parsePerson(input.owner);
  const owner: Person | null = picked ?? (input.owner === null || input.owner === '' ? null : ctx.actor);
  // A free moment in the owner's agenda picked in the form ("Vrije momenten tonen"): planned at once.
  // For a meeting with the customer (balie, huisbezoek, overig) it is the appointment's moment; for
  // an e-mail or letter it is the time to write the answer, and the term stays.
  const slot = str(input, 'slot');
  let agenda: AppointmentData['agenda'];
  if (slot && slot !== 'none' && owner && kind) {
    agenda = pickedSlot(slot, APPOINTMENT_SLOT_MINUTES, freeMomentsTerm(ctx.calendar, kind, ctx.now, moment), ctx) ?? undefined;
    if (!agenda) errors.slot = nl.agenda.msg.badSlot;
    else if (MOMENT_IS_MEETING.has(kind)) {
      moment = new Date(agenda.start!);
      delete errors.moment;
    }
  }

  if (kind && NEEDS_MOMENT_AND_OWNER.has(kind)) {
    // "Komt een klant aan de balie … zorg dat deze niet vertrekt zonder afspraak": with whom, when, how.
    if (!moment && !errors.moment) errors.moment = kind === 'walkin' ? t.errors.walkinMoment : t.errors.momentRequired;
    if (!picked) errors.owner = kind === 'walkin' ? t.errors.walkinOwner : t.errors.ownerRequired;
  }
  if (kind === 'walkin') {
    if (!how) errors.how = t.errors.howRequired;
    if (!rawContact && !errors.contact) errors.contact = t.errors.contactRequired;
  }
  if (Object.keys(errors).length > 0 || !kind) {
    return { ok: false, refusal: { code: 'invalid', message: nl.common.formHasErrors, fields: errors } };
  }

  const terms = appointmentTerms(ctx.calendar, kind, ctx.now, moment);
  const deadline = new Date(terms.first);
  const data: AppointmentData = {
    promiseKind: kind,
    customerName,
    contact,
    topic,
    details,
    sensitive: bool(input, 'sensitive'),
    how: kind === 'walkin' ? how : undefined,
    terms,
    attempts: [],
    ...(agenda ? { agenda } : {}),
  };
  const created = ownedCreation('appointment', ctx, {
    subject: topic,
    owner,
    deadline,
    data,
    assignedNotice: t.msg.assignedNotice,
    details: { promiseKind: kind },
  });
  // The Outlook event of a picked moment, also in one's own agenda.
  if (created.ok && agenda) created.item.effects.push({ type: 'calendarSync' });
  return created;
}

/** A new appointment replaces the term that is due now; a moment after the final term covers both. */
function rescheduleTerms(item: Item<AppointmentData>, moment: Date): Partial<AppointmentData> {
  const d = item.data;
  const iso = moment.toISOString();
  let terms: AppointmentTerms;
  if (d.terms.final && !d.firstMetAt) {
    terms =
      moment.getTime() >= new Date(d.terms.final).getTime()
        ? { first: iso, firstLabel: t.termLabels.rescheduled }
        : { ...d.terms, first: iso, firstLabel: t.termLabels.rescheduled };
  } else if (d.terms.final) {
    terms = { ...d.terms, final: iso, finalLabel: t.termLabels.rescheduled };
  } else {
    terms = { first: iso, firstLabel: t.termLabels.rescheduled };
  }
  return { terms, firstMetAt: terms.final ? d.firstMetAt : undefined };
}

function acknowledge(item: Item<AppointmentData>, input: Record<string, unknown>, ctx: ActionContext): Decision<AppointmentData> {
  const d = item.data;
  if (!ownerOrManager(item, ctx)) return refuse('notAllowed', nl.common.notAllowed);
  const twoStep = d.promiseKind === 'email' || d.promiseKind === 'letter';
  if (!twoStep || d.firstMetAt || (d.promiseKind === 'email' && !d.terms.final)) {
    return refuse('nothingToAcknowledge', t.errors.nothingToAcknowledge);
  }
  const fields: FieldErrors = {};
  const moment = parseMoment(fields, 'ackMoment', input.moment, ctx);
  const answer = moment ?? (d.terms.final ? new Date(d.terms.final) : undefined);
  if (!answer && !fields.ackMoment) fields.ackMoment = t.errors.ackMomentRequired;
  if (Object.keys(fields).length || !answer) return refuse('invalid', nl.common.formHasErrors, fields);
  const first = new Date(d.terms.first);
  const late = ctx.now.getTime() > first.getTime();
  const terms: AppointmentTerms = {
    ...d.terms,
    final: answer.toISOString(),
    finalLabel: d.terms.finalLabel ?? (d.promiseKind === 'letter' ? t.termLabels.letter : t.termLabels.emailAnswer),
    firstLabel: d.promiseKind === 'letter' ? t.termLabels.letterAck : d.terms.firstLabel,
  };
  const when = formatMoment(ctx.calendar, answer, ctx.now);
  return accept(
    item,
    { deadline: answer, data: { ...d, terms, firstMetAt: ctx.now.toISOString() } },
    { action: 'acknowledged', details: { from: item.deadline?.toISOString(), to: answer.toISOString(), late } },
    [],
    late ? t.msg.acknowledgedLate(item.id, when) : t.msg.acknowledged(item.id, when),
  );
}

/** What an appointment adds to the shared life cycle: its terms, the first step, the interpreter link. */
const appointmentHooks: OwnedHooks<AppointmentData> = {
  texts: t,
  // Only an appointment planned in an agenda has an Outlook event to keep in step (through the same path as callbacks).
  calendarSync: (item) => !!item.data.agenda || !!item.data.calendarEvent,
  // Released: nobody's agenda holds it any more. Handed over: the planned moment moves to the new owner's agenda (the default).
  onRelease: () => ({ agenda: undefined }),
  onReschedule: (item, moment, ctx) => ({
    ...rescheduleTerms(item, moment),
    // The new moment is the moment in the agenda (when the appointment is planned in one).
    agenda: item.data.agenda
      ? {
          state: 'planned',
          since: ctx.now.toISOString(),
          start: moment.toISOString(),
          end: new Date(moment.getTime() + APPOINTMENT_SLOT_MINUTES * 60_000).toISOString(),
          late: false,
          by: 'reschedule',
        }
      : undefined,
  }),
  actions: {
    acknowledge,
    ...interpreterLink<AppointmentData>(),
  },
  // Bookkeeping of the Outlook event, also after the appointment is finished (the event is removed then).
  bookkeeping: { calendarSynced },
};

export const appointmentRules: KindRules<AppointmentData> = ownedRules({
  kind: 'appointment',
  idPrefix: 'AF',
  create: createAppointment,
  hooks: appointmentHooks,
});

/** True when the owner can still record the first step (e-mail reply, letter acknowledgement). */
export function canAcknowledge(d: AppointmentData): boolean {
  if (d.firstMetAt) return false;
  if (d.promiseKind === 'email') return !!d.terms.final;
  return d.promiseKind === 'letter';
}
