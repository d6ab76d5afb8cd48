// The life cycle of a callback (terugbelverzoek): open → claimed → done, with release,
// handover, reschedule and "niet bereikt" attempts on the way. Pure: no I/O.
import { nl } from '../../texts/nl';
import type { Item, Person } from '../types';
import { callbackDeadline, formatDeadline, formatMoment } from '../workingTime';
import { normalisePhone } from '../validation/phone';
import {
  accept, bool, isOwner, refuse, samePerson, str,
  type ActionContext, type Creation, type Decision, type KindRules,
} from './lifecycle';
import { oneOf, optionalText, parseMoment, parsePerson, requireText, type FieldErrors } from './common';
import { INTERPRETER_LINK_ACTION, linkInterpreter, type InterpreterLink } from './interpreter';

const t = nl.callbacks;

export const AGE_GROUPS = ['senior', 'middelbaar', 'starter'] as const;
export const DIGITAL = ['digitaal', 'nietDigitaal'] as const;
export const ATTITUDES = ['actief', 'afnemer', 'afhankelijk'] as const;
export const CONTACT_CHANNELS = ['telefoon', 'email', 'brief', 'persoonlijk'] as const;
export const CONFIRMATIONS = ['email', 'brief', 'none'] as const;

export interface CallbackAttempt { at: string; by: string }

export interface CallbackData {
  customerName: string;
  phone: string;        // E.164
  phoneDisplay: string;
  topic: string;
  details: string;
  sensitive: boolean;
  preferredMoment?: string;
  profile: {
    ageGroup?: (typeof AGE_GROUPS)[number];
    digital?: (typeof DIGITAL)[number];
    attitude?: (typeof ATTITUDES)[number];
  };
  preferredChannel?: (typeof CONTACT_CHANNELS)[number];
  attempts: CallbackAttempt[];
  doneNote?: string;
  confirmation?: (typeof CONFIRMATIONS)[number];
  claimedAt?: string;
  /** Outlook event in the owner's calendar (Graph feature). */
  calendarEvent?: { userId: string; eventId?: string; start: string; end: string; state: 'pending' | 'created' | 'failed' };
  /** Interpreter requests for this callback (ids and moments only; the language stays on the request). */
  interpreters?: InterpreterLink[];
  /** Customer data erased by retention or on request (AVG). */
  erased?: boolean;
}

export const CALLBACK_FINAL = ['done', 'cancelled'] as const;

/** Validates the form or intake input. Field names match the card inputs and the intake JSON. */
export function createCallback(input: Record<string, unknown>, ctx: ActionContext): Creation<CallbackData> {
  const errors: FieldErrors = {};
  const customerName = requireText(errors, 'customerName', str(input, 'customerName'), 100);
  const rawPhone = requireText(errors, 'phone', str(input, 'phone'), 40);
  const topic = requireText(errors, 'topic', str(input, 'topic'), 120);
  const details = optionalText(errors, 'details', str(input, 'details'), 2000);
  const phone = rawPhone ? normalisePhone(rawPhone) : { ok: false };
  if (rawPhone && !phone.ok && !errors.phone) errors.phone = t.errors.phone;
  const preferred = parseMoment(errors, 'preferredMoment', input.preferredMoment, ctx.now);
  const assignee = parsePerson(input.assignee);
  // The adapter resolves a picked colleague to a person; what it could not resolve arrives as is.
  if (!assignee && input.assignee !== undefined && input.assignee !== null && input.assignee !== '') errors.assignee = t.errors.assigneeUnknown;
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
    profile: {
      ageGroup: oneOf(str(input, 'ageGroup'), AGE_GROUPS),
      digital: oneOf(str(input, 'digital'), DIGITAL),
      attitude: oneOf(str(input, 'attitude'), ATTITUDES),
    },
    preferredChannel: oneOf(str(input, 'preferredChannel'), CONTACT_CHANNELS),
    attempts: [],
  };
  // Made for someone (a colleague, or oneself): it starts claimed by them.
  const forColleague = assignee;
  return {
    ok: true,
    item: {
      kind: 'callback',
      status: forColleague ? 'claimed' : 'open',
      subject: topic,
      owner: forColleague ?? null,
      deadline,
      data: forColleague ? { ...data, claimedAt: ctx.now.toISOString() } : data,
      history: { action: 'created', details: forColleague ? { for: forColleague.name } : undefined },
      effects:
        forColleague && !samePerson(forColleague, ctx.actor)
          ? [{ type: 'notifyPerson', to: forColleague, text: t.msg.assignedNotice('{id}', ctx.actor.name, topic, formatDeadline(ctx.calendar, deadline, ctx.now)) }, { type: 'calendarSync' }]
          : [],
    },
  };
}

function ownerOrManager(item: Item<CallbackData>, ctx: ActionContext): boolean {
  return isOwner(item, ctx.actor) || ctx.isManager;
}

export function applyCallback(
  item: Item<CallbackData>,
  action: string,
  input: Record<string, unknown>,
  ctx: ActionContext,
): Decision<CallbackData> {
  const now = ctx.now;
  const at = now.toISOString();
  if (item.status === 'done') return refuse('finished', t.msg.finished);
  if (item.status === 'cancelled') return refuse('finished', t.msg.cancelledAlready);
  // Owner actions other than a manager's handover need someone who has picked it up.
  const needsOwner = (): Decision<CallbackData> | null =>
    !ownerOrManager(item, ctx) ? refuse('notAllowed', nl.common.notAllowed) : !item.owner ? refuse('notClaimed', t.msg.notClaimed) : null;

  switch (action) {
    case 'claim': {
      if (item.owner) {
        return isOwner(item, ctx.actor)
          ? refuse('alreadyYours', t.msg.alreadyYours)
          : refuse('alreadyClaimed', t.msg.alreadyClaimed(item.owner.name));
      }
      return accept(item, { status: 'claimed', owner: ctx.actor, data: { ...item.data, claimedAt: at } },
        { action: 'claimed' }, [{ type: 'calendarSync' }], t.msg.claimed(item.id));
    }
    case 'release': {
      const no = needsOwner();
      if (no) return no;
      return accept(item, { status: 'open', owner: null, data: { ...item.data, claimedAt: undefined } },
        { action: 'released', details: { previousOwner: item.owner?.name } }, [{ type: 'calendarSync' }], t.msg.released(item.id));
    }
    case 'done': {
      const no = needsOwner();
      if (no) return no;
      const note = str(input, 'note');
      const confirmation = oneOf(str(input, 'confirmation'), CONFIRMATIONS);
      const fields: Record<string, string> = {};
      if (!note) fields.note = t.errors.noteRequired;
      else if (note.length < 10) fields.note = t.errors.noteTooShort;
      else if (note.length > 2000) fields.note = nl.common.tooLong(2000);
      if (!confirmation) fields.confirmation = t.errors.confirmationRequired;
      if (Object.keys(fields).length) return refuse('invalid', nl.common.formHasErrors, fields);
      return accept(item, { status: 'done', closedAt: now, data: { ...item.data, doneNote: note, confirmation } },
        { action: 'done', note, details: { confirmation } }, [{ type: 'calendarSync' }], t.msg.done(item.id));
    }
    case 'notReached': {
      const no = needsOwner();
      if (no) return no;
      const attempts = [...item.data.attempts, { at, by: ctx.actor.name }];
      const n = attempts.length;
      const written = item.data.profile.digital === 'nietDigitaal' || item.data.preferredChannel === 'brief' ? t.msg.suggestLetter(n) : t.msg.suggestWritten(n);
      const message = n >= 3 ? `${t.msg.notReached(n)} ${written}` : t.msg.notReached(n);
      return accept(item, { data: { ...item.data, attempts } }, { action: 'notReached', details: { attempt: n, at } }, [], message);
    }
    case 'handover': {
      if (!ownerOrManager(item, ctx)) return refuse('notAllowed', nl.common.notAllowed);
      const to = parsePerson(input.to);
      if (!to) return refuse('invalid', nl.common.formHasErrors, { to: str(input, 'to') ? t.errors.assigneeUnknown : t.errors.assigneeRequired });
      if (item.owner && samePerson(to, item.owner)) {
        return refuse('invalid', nl.common.formHasErrors, { to: isOwner(item, ctx.actor) ? t.errors.assigneeSelf : t.errors.assigneeIsOwner(item.owner.name) });
      }
      const deadline = item.deadline ? formatDeadline(ctx.calendar, item.deadline, now) : '';
      return accept(item, { status: 'claimed', owner: to, data: { ...item.data, claimedAt: at } },
        { action: 'handedOver', details: { from: item.owner?.name, to: to.name } },
        [{ type: 'notifyPerson', to, text: t.msg.handoverNotice(item.id, ctx.actor.name, item.subject, deadline) }, { type: 'calendarSync' }],
        t.msg.handedOver(item.id, to.name));
    }
    case 'reschedule': {
      const no = needsOwner();
      if (no) return no;
      const fields: Record<string, string> = {};
      const moment = parseMoment(fields, 'moment', input.moment, now);
      if (!moment && !fields.moment) fields.moment = t.errors.momentRequired;
      const reason = str(input, 'reason');
      if (!reason) fields.reason = t.errors.reasonRequired;
      else if (reason.length > 500) fields.reason = nl.common.tooLong(500);
      if (Object.keys(fields).length || !moment) return refuse('invalid', nl.common.formHasErrors, fields);
      return accept(item, { deadline: moment },
        { action: 'rescheduled', note: reason, details: { from: item.deadline?.toISOString(), to: moment.toISOString() } },
        [{ type: 'calendarSync' }], t.msg.rescheduled(item.id, formatMoment(ctx.calendar, moment)));
    }
    case 'cancel': {
      const mayCancel = ctx.isManager || isOwner(item, ctx.actor) || samePerson(item.createdBy, ctx.actor);
      if (!mayCancel) return refuse('notAllowed', nl.common.notAllowed);
      const reason = str(input, 'reason');
      if (!reason) return refuse('invalid', nl.common.formHasErrors, { reason: t.errors.reasonRequired });
      if (reason.length > 500) return refuse('invalid', nl.common.formHasErrors, { reason: nl.common.tooLong(500) });
      return accept(item, { status: 'cancelled', closedAt: now }, { action: 'cancelled', note: reason }, [{ type: 'calendarSync' }], t.msg.cancelled(item.id));
    }
    case INTERPRETER_LINK_ACTION:
      return linkInterpreter(item, input, ctx);
    default:
      return refuse('unknownAction', nl.common.unknownAction);
  }
}

export const callbackRules: KindRules<CallbackData> = {
  kind: 'callback',
  idPrefix: 'TB',
  finalStatuses: CALLBACK_FINAL,
  create: createCallback,
  apply: applyCallback,
};

/** Who is the person the card's private view is for. */
export function callbackViewer(item: Item<CallbackData>): Person | null {
  return item.owner;
}
