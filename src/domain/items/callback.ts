// The life cycle of a callback (terugbelverzoek): open → claimed → done, with release,
// handover, reschedule and "niet bereikt" attempts on the way. Pure: no I/O.
import { nl } from '../../texts/nl';
import type { Item, Person } from '../types';
import { callbackDeadline, formatDeadline } from '../workingTime';
import { normalisePhone } from '../validation/phone';
import {
  bool, refuse, samePerson, str,
  type ActionContext, type Creation, type Decision, type KindRules,
} from './lifecycle';
import { oneOf, optionalText, parseMoment, parsePerson, requireText, type FieldErrors } from './common';
import { INTERPRETER_LINK_ACTION, linkInterpreter, type InterpreterLink } from './interpreter';
import { applyOwnedLifecycle, CONFIRMATIONS, OWNED_FINAL, type Attempt, type OwnedData } from './ownedLifecycle';

const t = nl.callbacks;

export const AGE_GROUPS = ['senior', 'middelbaar', 'starter'] as const;
export const DIGITAL = ['digitaal', 'nietDigitaal'] as const;
export const ATTITUDES = ['actief', 'afnemer', 'afhankelijk'] as const;
export const CONTACT_CHANNELS = ['telefoon', 'email', 'brief', 'persoonlijk'] as const;
export { CONFIRMATIONS };

export type CallbackAttempt = Attempt;

export interface CallbackData extends OwnedData {
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

export const CALLBACK_FINAL = OWNED_FINAL;

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

export function applyCallback(
  item: Item<CallbackData>,
  action: string,
  input: Record<string, unknown>,
  ctx: ActionContext,
): Decision<CallbackData> {
  if (action === INTERPRETER_LINK_ACTION) {
    if (item.status === 'done' || item.status === 'cancelled') return refuse('finished', t.msg.finished);
    return linkInterpreter(item, input, ctx);
  }
  return applyOwnedLifecycle(item, action, input, ctx, { texts: t, calendarSync: true }) ?? refuse('unknownAction', nl.common.unknownAction);
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
