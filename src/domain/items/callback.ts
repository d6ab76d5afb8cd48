// Callbacks (terugbelverzoeken): creation (phone, customer profile, made for a colleague) and what
// a callback adds to the shared owned life cycle (ownedLifecycle.ts: open → claimed → done, with
// release, handover, reschedule and "niet bereikt" attempts): the Outlook agenda, the letter hint
// and the interpreter link, as hooks. Pure: no I/O.
import { nl } from '../../texts/nl';
import { SYSTEM, type Item, type Person } from '../types';
import { callbackDeadline, formatDeadline, formatMoment } from '../workingTime';
import { normalisePhone } from '../validation/phone';
import { customerNeeds, parseProfile, profileValue, type PreferredChannel, type Profile } from '../customers/profile';
import { sayText, trusted } from '../userText';
import {
  accept,
  bool,
  isOwner,
  refuse,
  samePerson,
  str,
  type ActionContext,
  type Creation,
  type Decision,
  type Effect,
  type KindRules,
} from './lifecycle';
import { checkMoment } from '../moments';
import { optionalText, parseMoment, parsePerson, requireText, type FieldErrors } from './common';
import { CONFIRMATIONS, interpreterLink, ownedCreation, ownedRules, type OwnedData, type OwnedHooks } from './ownedLifecycle';

const t = nl.callbacks;
const a = nl.agenda;

// The klantbeeld lives with the customer record (worded for the customer to read; old labels still accepted).
export { AGE_GROUPS, DIGITAL, ATTITUDES, PREFERRED_CHANNELS as CONTACT_CHANNELS } from '../customers/profile';
export { CONFIRMATIONS };

/** A moment in the owner's Outlook agenda and the event kept in step with it (callbacks, appointments). */
export interface AgendaFields {
  agenda?: CallbackAgenda;
  calendarEvent?: CalendarEventRef;
  calendarSeq?: number;
}

/** A callback: the shared owned-item fields (attempts, done note, …) plus the phone, the profile and the agenda. */
export interface CallbackData extends OwnedData, AgendaFields {
  customerName: string;
  phone: string; // E.164
  phoneDisplay: string;
  topic: string;
  details: string;
  sensitive: boolean;
  preferredMoment?: string;
  profile: Profile;
  preferredChannel?: PreferredChannel;
  /** The callback's moment in the owner's Outlook agenda (see docs/graph.md). */
  agenda?: CallbackAgenda;
  /** The Outlook event as it exists in Microsoft Graph, recorded after each sync (calendarSynced). */
  calendarEvent?: CalendarEventRef;
  /** Events created so far: numbers the idempotency marker of the next one. */
  calendarSeq?: number;
  /** Customer data erased by retention or on request (AVG). */
  erased?: boolean;
  /** The customer record this callback is linked to (KL-12), set at creation (app/customers.ts). */
  customerId?: string;
}

/**
 * Planning in the owner's agenda, for a callback made for a colleague:
 * - offer: the creator is choosing one of the offered slots (Teams form);
 * - auto: the bot plans the first feasible slot itself (intake, message extension, Graph was
 *   unreachable when offering, the offer was not answered in time, handed over during the offer);
 * - planned: a moment is set (chosen, planned by the bot, or the new moment of a reschedule);
 * - noSlot: nothing free was found; people agree a moment themselves.
 */
export interface CallbackAgenda {
  state: 'offer' | 'auto' | 'planned' | 'noSlot';
  /** When this state began (ISO). */
  since: string;
  start?: string;
  end?: string;
  /** The planned slot ends after the deadline. */
  late?: boolean;
  by?: 'choice' | 'auto' | 'reschedule';
}

/** An Outlook event in someone's calendar, as created by the bot. */
export interface CalendarEventRef {
  userId: string;
  eventId: string;
  start: string;
  end: string;
  /** Idempotency marker the event carries (see teams/features/agenda/sync.ts). */
  marker: string;
  /** The event's body links to the card in Teams (false when the card was not posted yet). */
  linked?: boolean;
}

/** Length of a planned callback in the agenda. */
export const CALLBACK_SLOT_MINUTES = 15;
/** How long the creator has to pick a slot before the bot plans the first one itself. */
export const AGENDA_OFFER_MINUTES = 15;

/** Validates the form or intake input. Field names match the card inputs and the intake JSON. */
export function createCallback(input: Record<string, unknown>, ctx: ActionContext): Creation<CallbackData> {
  const errors: FieldErrors = {};
  const customerName = requireText(errors, 'customerName', str(input, 'customerName'), 100);
  const rawPhone = requireText(errors, 'phone', str(input, 'phone'), 40);
  const topic = requireText(errors, 'topic', str(input, 'topic'), 120);
  const details = optionalText(errors, 'details', str(input, 'details'), 2000);
  const phone = rawPhone ? normalisePhone(rawPhone) : { ok: false };
  if (rawPhone && !phone.ok && !errors.phone) errors.phone = t.errors.phone;
  const preferred = parseMoment(errors, 'preferredMoment', input.preferredMoment, ctx);
  const assignee = parsePerson(input.assignee);
  // The adapter resolves a picked colleague to a person; what it could not resolve arrives as is.
  if (!assignee && input.assignee !== undefined && input.assignee !== null && input.assignee !== '')
    errors.assignee = t.errors.assigneeUnknown;
  if (Object.keys(errors).length > 0) return { ok: false, refusal: { code: 'invalid', message: nl.common.formHasErrors, fields: errors } };

  const due = callbackDeadline(ctx.calendar, ctx.now);
  // An agreed moment later than the default term becomes the promise (the charter: "spreek een haalbare afspraak af").
  const deadline = preferred && preferred.getTime() > due.getTime() ? preferred : due;
  const data: CallbackData = {
    customerName,
    phone: phone.e164!,
    phoneDisplay: phone.display!,
    topic,
    details,
    sensitive: bool(input, 'sensitive'),
    preferredMoment: preferred?.toISOString(),
    profile: parseProfile(input),
    preferredChannel: profileValue('preferredChannel', input.preferredChannel) as PreferredChannel | undefined,
    attempts: [],
  };
  // Made for a colleague: the Teams form offers slots to the creator (agendaMode 'offer', set by
  // the adapter); every other way in plans automatically.
  const planForColleague = !!assignee && !samePerson(assignee, ctx.actor);
  if (planForColleague) data.agenda = { state: str(input, 'agendaMode') === 'offer' ? 'offer' : 'auto', since: ctx.now.toISOString() };
  // A free moment picked in the form while the customer was on the line ("Vrije momenten tonen"): planned at once.
  const slot = str(input, 'slot');
  if (slot && planForColleague) {
    const plan = pickedSlot(slot, CALLBACK_SLOT_MINUTES, deadline, ctx);
    if (!plan) return { ok: false, refusal: { code: 'invalid', message: nl.common.formHasErrors, fields: { slot: a.msg.badSlot } } };
    data.agenda = plan;
  }
  return ownedCreation('callback', ctx, {
    subject: topic,
    owner: assignee ?? null,
    deadline,
    data,
    assignedNotice: t.msg.assignedNotice,
    alsoForColleague: [{ type: 'calendarSync' }],
  });
}

/**
 * A free moment picked in a form ("Vrije momenten tonen", callbacks and appointments): the agenda
 * plan for it, marked late when it ends after `deadline`; null when it is not a feasible moment.
 */
export function pickedSlot(slot: string, minutes: number, deadline: Date, ctx: ActionContext): CallbackAgenda | null {
  const start = new Date(slot);
  const end = new Date(start.getTime() + minutes * 60_000);
  const feasible =
    !Number.isNaN(start.getTime()) &&
    start.getTime() > ctx.now.getTime() &&
    ctx.calendar.isWithinOfficeHours(start) &&
    ctx.calendar.isWithinOfficeHours(new Date(end.getTime() - 1));
  if (!feasible) return null;
  return {
    state: 'planned',
    since: ctx.now.toISOString(),
    start: start.toISOString(),
    end: end.toISOString(),
    late: end.getTime() > deadline.getTime(),
    by: 'choice',
  };
}

/**
 * What a callback adds to the shared life cycle (ownedLifecycle.ts): the Outlook agenda follows
 * the owner and the moment, a letter is suggested for a customer who is not digital, and the
 * agenda's own actions.
 */
const callbackHooks: OwnedHooks<CallbackData> = {
  texts: t,
  calendarSync: true,
  notReachedLadder: true,
  // Released: nobody's agenda holds it any more.
  onRelease: () => ({ agenda: undefined }),
  // A planned moment moves with the callback to the new owner's agenda; an open offer was about the old owner's agenda.
  onHandover: (item, _to, ctx) => ({
    agenda:
      item.data.agenda?.state === 'offer' || item.data.agenda?.state === 'noSlot'
        ? { state: 'auto', since: ctx.now.toISOString() }
        : item.data.agenda,
  }),
  // The new moment agreed with the customer is the moment in the agenda (when the callback is planned in one).
  onReschedule: (item, moment, ctx) => ({
    agenda: item.data.agenda
      ? {
          state: 'planned',
          since: ctx.now.toISOString(),
          start: moment.toISOString(),
          end: new Date(moment.getTime() + CALLBACK_SLOT_MINUTES * 60_000).toISOString(),
          late: false,
          by: 'reschedule',
        }
      : undefined,
  }),
  prefersLetter: (item) => customerNeeds(item.data.profile, item.data.preferredChannel).notDigital,
  actions: {
    ...interpreterLink<CallbackData>(),
    planSlot,
    agendaAuto,
    agendaNoSlot,
  },
  // Bookkeeping of the Outlook event, also after the callback is finished (the event is removed then).
  bookkeeping: { calendarSynced },
};

/** The bot gives up waiting for the creator's choice and plans by itself (SYSTEM). */
function agendaAuto(item: Item<CallbackData>, _input: Record<string, unknown>, ctx: ActionContext): Decision<CallbackData> {
  if (ctx.actor.id !== SYSTEM.id) return refuse('notAllowed', nl.common.notAllowed);
  if (item.data.agenda?.state !== 'offer') return refuse('notNeeded', nl.common.unknownAction);
  return accept(item, { data: { ...item.data, agenda: { state: 'auto', since: ctx.now.toISOString() } } }, { action: 'agendaAuto' }, [
    { type: 'calendarSync' },
  ]);
}

/**
 * Nothing free was found (reason 'none') or the owner's agenda cannot be read ('noAgenda').
 * From an offer the creator already sees this on the card; when planning by itself the bot tells them.
 */
function agendaNoSlot(item: Item<CallbackData>, input: Record<string, unknown>, ctx: ActionContext): Decision<CallbackData> {
  if (ctx.actor.id !== SYSTEM.id) return refuse('notAllowed', nl.common.notAllowed);
  const state = item.data.agenda?.state;
  if ((state !== 'auto' && state !== 'offer') || !item.owner) return refuse('notNeeded', nl.common.unknownAction);
  const reason = str(input, 'reason') === 'noAgenda' ? 'noAgenda' : 'none';
  const notice = reason === 'noAgenda' ? a.msg.noAgendaNotice : a.msg.noSlotNotice;
  const text = sayText(notice, trusted(item.id), item.subject, item.owner.name);
  return accept(
    item,
    { data: { ...item.data, agenda: { state: 'noSlot', since: ctx.now.toISOString() } } },
    { action: 'agendaNoSlot', details: { reason } },
    state === 'auto' ? [{ type: 'notifyPerson', to: noticeTarget(item), text }] : [],
  );
}

/** Who hears about automatic planning: the person who made the callback, or the owner when it came in through intake. */
function noticeTarget(item: Item<CallbackData>): Person {
  return item.createdBy.id !== SYSTEM.id || !item.owner ? item.createdBy : item.owner;
}

/**
 * A slot for the owner's agenda: chosen by the creator from the offer (or by the owner or a
 * manager), or planned by the bot (SYSTEM, input.auto). Input: start (ISO); the slot is 15 minutes.
 */
function planSlot(item: Item<CallbackData>, input: Record<string, unknown>, ctx: ActionContext): Decision<CallbackData> {
  const system = ctx.actor.id === SYSTEM.id;
  const auto = system && bool(input, 'auto');
  const mayPlan = system || ctx.isManager || isOwner(item, ctx.actor) || samePerson(item.createdBy, ctx.actor);
  if (!mayPlan) return refuse('notAllowed', nl.common.notAllowed);
  if (!item.owner) return refuse('noOwner', a.msg.noOwner);
  const current = item.data.agenda;
  if (current?.state === 'planned' && current.start) {
    return refuse('alreadyPlanned', a.msg.alreadyPlanned(formatMoment(ctx.calendar, new Date(current.start), ctx.now)));
  }
  const start = new Date(str(input, 'start'));
  const end = new Date(start.getTime() + CALLBACK_SLOT_MINUTES * 60_000);
  const feasible =
    checkMoment(start, ctx.now, ctx.momentHorizonMonths) === 'ok' &&
    ctx.calendar.isWithinOfficeHours(start) &&
    ctx.calendar.isWithinOfficeHours(new Date(end.getTime() - 1));
  if (!feasible) return refuse('badSlot', a.msg.badSlot);
  const late = !!item.deadline && end.getTime() > item.deadline.getTime();
  const agenda: CallbackAgenda = {
    state: 'planned',
    since: ctx.now.toISOString(),
    start: start.toISOString(),
    end: end.toISOString(),
    late,
    by: auto ? 'auto' : 'choice',
  };
  const moment = formatMoment(ctx.calendar, start, ctx.now);
  const effects: Effect[] = [{ type: 'calendarSync' }];
  if (auto) {
    const deadline = item.deadline ? formatDeadline(ctx.calendar, item.deadline, ctx.now) : '';
    effects.push({
      type: 'notifyPerson',
      to: noticeTarget(item),
      text: late
        ? sayText(a.msg.plannedLateNotice, trusted(item.id), item.subject, item.owner.name, trusted(moment), trusted(deadline))
        : sayText(a.msg.plannedNotice, trusted(item.id), item.subject, item.owner.name, trusted(moment)),
    });
  }
  return accept(
    item,
    { data: { ...item.data, agenda } },
    { action: 'planned', details: { start: agenda.start, late, by: agenda.by } },
    effects,
    sayText(late ? a.msg.chosenLate : a.msg.chosen, trusted(moment), item.owner.name),
  );
}

/**
 * Records what is now in Graph (SYSTEM only): the event (created, moved) or null (removed).
 * No effects: it never triggers another sync. Callbacks and appointments alike.
 */
export function calendarSynced<D extends AgendaFields>(item: Item<D>, input: Record<string, unknown>, ctx: ActionContext): Decision<D> {
  if (ctx.actor.id !== SYSTEM.id) return refuse('notAllowed', nl.common.notAllowed);
  const event = parseEventRef(input.event);
  const before = item.data.calendarEvent;
  const created = !!event && (!before || before.eventId !== event.eventId);
  const action = !event ? 'calendarRemoved' : created ? 'calendarCreated' : 'calendarMoved';
  const seq = (item.data.calendarSeq ?? 0) + (created ? 1 : 0);
  return accept(
    item,
    { data: { ...item.data, calendarEvent: event ?? undefined, calendarSeq: seq } },
    { action, details: event ? { start: event.start, userId: event.userId } : { userId: before?.userId } },
  );
}

function parseEventRef(v: unknown): CalendarEventRef | null {
  if (!v || typeof v !== 'object') return null;
  const e = v as Record<string, unknown>;
  const s = (k: string) => (typeof e[k] === 'string' ? (e[k] as string) : '');
  if (!s('userId') || !s('eventId') || !s('start') || !s('end')) return null;
  return { userId: s('userId'), eventId: s('eventId'), start: s('start'), end: s('end'), marker: s('marker'), linked: e.linked === true };
}

export const callbackRules: KindRules<CallbackData> = ownedRules({
  kind: 'callback',
  idPrefix: 'TB',
  create: createCallback,
  hooks: callbackHooks,
});
/** A callback action: the shared life cycle with the callback's hooks. */
export const applyCallback = callbackRules.apply;
