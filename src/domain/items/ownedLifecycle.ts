// The life cycle every owned promise shares (callbacks, follow-up appointments): claim, release,
// done with a dossier note, "niet bereikt" attempts, handover, reschedule with a reason, cancel.
// One implementation; each kind brings its own Dutch texts and, where it differs, a hook.
// Pure: no I/O.
import { nl } from '../../texts/nl';
import type { Item } from '../types';
import { formatDeadline, formatMoment } from '../workingTime';
import {
  accept, isOwner, refuse, samePerson, str,
  type ActionContext, type Decision, type Effect,
} from './lifecycle';
import { oneOf, parseMoment, parsePerson } from './common';

export const CONFIRMATIONS = ['email', 'brief', 'none'] as const;
export type Confirmation = (typeof CONFIRMATIONS)[number];

export interface Attempt { at: string; by: string }

/** The fields of `data` the shared life cycle reads and writes. */
export interface OwnedData {
  attempts: Attempt[];
  doneNote?: string;
  confirmation?: Confirmation;
  claimedAt?: string;
}

/** Statuses of an owned promise; final ones end it. */
export const OWNED_FINAL = ['done', 'cancelled'] as const;

/** The Dutch messages a kind gives the shared life cycle (see texts/nl/callbacks.ts, appointments.ts). */
export interface LifecycleTexts {
  msg: {
    claimed: (id: string) => string;
    alreadyClaimed: (name: string) => string;
    alreadyYours: string;
    finished: string;
    released: (id: string) => string;
    done: (id: string) => string;
    notReached: (n: number) => string;
    /** Added to the message from the third failed attempt on. */
    suggestWritten: (n: number) => string;
    handedOver: (id: string, to: string) => string;
    handoverNotice: (id: string, from: string, topic: string, deadline: string) => string;
    rescheduled: (id: string, moment: string) => string;
  };
  errors: {
    noteRequired: string;
    noteTooShort: string;
    confirmationRequired: string;
    reasonRequired: string;
    momentRequired: string;
    assigneeRequired: string;
    assigneeSelf: string;
  };
}

export interface LifecycleOptions<D extends OwnedData> {
  texts: LifecycleTexts;
  /** Emit calendarSync effects (the Graph feature keeps an Outlook event in step). */
  calendarSync: boolean;
  /** What a new appointment changes besides the deadline (e.g. an appointment's terms). */
  onReschedule?: (item: Item<D>, moment: Date, ctx: ActionContext) => Partial<Item<D>>;
}

/** The owner or a manager may do owner actions. */
export function ownerOrManager(item: Item<unknown>, ctx: ActionContext): boolean {
  return isOwner(item, ctx.actor) || ctx.isManager;
}

/**
 * Applies one of the shared actions; `null` when `action` is not one of them (the kind handles it).
 * A finished item refuses every action.
 */
export function applyOwnedLifecycle<D extends OwnedData>(
  item: Item<D>,
  action: string,
  input: Record<string, unknown>,
  ctx: ActionContext,
  o: LifecycleOptions<D>,
): Decision<D> | null {
  const t = o.texts;
  const now = ctx.now;
  const at = now.toISOString();
  const sync: Effect[] = o.calendarSync ? [{ type: 'calendarSync' }] : [];
  if (item.status === 'done' || item.status === 'cancelled') return refuse('finished', t.msg.finished);

  switch (action) {
    case 'claim': {
      if (item.owner) {
        return isOwner(item, ctx.actor)
          ? refuse('alreadyYours', t.msg.alreadyYours)
          : refuse('alreadyClaimed', t.msg.alreadyClaimed(item.owner.name));
      }
      return accept(item, { status: 'claimed', owner: ctx.actor, data: { ...item.data, claimedAt: at } },
        { action: 'claimed' }, sync, t.msg.claimed(item.id));
    }
    case 'release': {
      if (!ownerOrManager(item, ctx)) return refuse('notAllowed', nl.common.notAllowed);
      return accept(item, { status: 'open', owner: null, data: { ...item.data, claimedAt: undefined } },
        { action: 'released', details: { previousOwner: item.owner?.name } }, sync, t.msg.released(item.id));
    }
    case 'done': {
      if (!ownerOrManager(item, ctx)) return refuse('notAllowed', nl.common.notAllowed);
      const note = str(input, 'note');
      const confirmation = oneOf(str(input, 'confirmation'), CONFIRMATIONS);
      const fields: Record<string, string> = {};
      if (!note) fields.note = t.errors.noteRequired;
      else if (note.length < 10) fields.note = t.errors.noteTooShort;
      else if (note.length > 2000) fields.note = nl.common.tooLong(2000);
      if (!confirmation) fields.confirmation = t.errors.confirmationRequired;
      if (Object.keys(fields).length) return refuse('invalid', nl.common.formHasErrors, fields);
      return accept(item, { status: 'done', closedAt: now, data: { ...item.data, doneNote: note, confirmation } },
        { action: 'done', note, details: { confirmation } }, sync, t.msg.done(item.id));
    }
    case 'notReached': {
      if (!ownerOrManager(item, ctx)) return refuse('notAllowed', nl.common.notAllowed);
      const attempts = [...item.data.attempts, { at, by: ctx.actor.name }];
      const n = attempts.length;
      const message = n >= 3 ? `${t.msg.notReached(n)} ${t.msg.suggestWritten(n)}` : t.msg.notReached(n);
      return accept(item, { data: { ...item.data, attempts } }, { action: 'notReached', details: { attempt: n } }, [], message);
    }
    case 'handover': {
      if (!ownerOrManager(item, ctx)) return refuse('notAllowed', nl.common.notAllowed);
      const to = parsePerson(input.to);
      if (!to) return refuse('invalid', nl.common.formHasErrors, { to: t.errors.assigneeRequired });
      if (item.owner && samePerson(to, item.owner)) return refuse('invalid', nl.common.formHasErrors, { to: t.errors.assigneeSelf });
      const deadline = item.deadline ? formatDeadline(ctx.calendar, item.deadline, now) : '';
      return accept(item, { status: 'claimed', owner: to, data: { ...item.data, claimedAt: at } },
        { action: 'handedOver', details: { from: item.owner?.name, to: to.name } },
        [{ type: 'notifyPerson', to, text: t.msg.handoverNotice(item.id, ctx.actor.name, item.subject, deadline) }, ...sync],
        t.msg.handedOver(item.id, to.name));
    }
    case 'reschedule': {
      // "Kun je een afspraak niet nakomen: neem contact op met de klant en maak een nieuwe afspraak."
      // The history keeps both moments (details.from / details.to): the report rebuilds the deadlines from them.
      if (!ownerOrManager(item, ctx)) return refuse('notAllowed', nl.common.notAllowed);
      const fields: Record<string, string> = {};
      const moment = parseMoment(fields, 'moment', input.moment, now);
      if (!moment && !fields.moment) fields.moment = t.errors.momentRequired;
      const reason = str(input, 'reason');
      if (!reason) fields.reason = t.errors.reasonRequired;
      else if (reason.length > 500) fields.reason = nl.common.tooLong(500);
      if (Object.keys(fields).length || !moment) return refuse('invalid', nl.common.formHasErrors, fields);
      const patch = o.onReschedule ? o.onReschedule(item, moment, ctx) : {};
      return accept(item, { ...patch, deadline: moment },
        { action: 'rescheduled', note: reason, details: { from: item.deadline?.toISOString(), to: moment.toISOString() } },
        sync, t.msg.rescheduled(item.id, formatMoment(ctx.calendar, moment)));
    }
    case 'cancel': {
      const mayCancel = ctx.isManager || isOwner(item, ctx.actor) || samePerson(item.createdBy, ctx.actor);
      if (!mayCancel) return refuse('notAllowed', nl.common.notAllowed);
      const reason = str(input, 'reason');
      if (!reason) return refuse('invalid', nl.common.formHasErrors, { reason: t.errors.reasonRequired });
      return accept(item, { status: 'cancelled', closedAt: now }, { action: 'cancelled', note: reason }, sync);
    }
    default:
      return null;
  }
}
