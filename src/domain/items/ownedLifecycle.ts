// The life cycle every owned promise shares (callbacks, follow-up appointments): claim, release,
// done with a dossier note, "niet bereikt" attempts, handover, reschedule with a reason, cancel,
// and the link to interpreter requests. One implementation; each kind brings its Dutch texts and,
// where it differs, hooks (callback: the Outlook agenda and the letter hint; appointment: its
// terms and "eerste reactie verstuurd"). Pure: no I/O.
import { sayText, trusted } from '../userText';
import { nl } from '../../texts/nl';
import { SYSTEM, type Item, type ItemKind, type Person } from '../types';
import { absentTexts } from '../../texts/nl/clock';
import { formatDeadline, formatMoment } from '../workingTime';
import {
  accept,
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
import { oneOf, parseMoment, parsePerson } from './common';
import { INTERPRETER_LINK_ACTION, linkInterpreter, type InterpreterLink } from './interpreter';
import { readAnswer, type Answer } from '../conversation/answer';
import { customerNeeds } from '../conversation/customerNeeds';
import { attemptWording, attemptsAllowed, nextAttemptMoment } from '../conversation/notReachedLadder';

export const CONFIRMATIONS = ['email', 'brief', 'none'] as const;
/** How the customer was told about a new moment or a cancellation; nietBereikt: not yet, a new attempt follows. */
export const TOLD = ['telefoon', 'email', 'brief', 'nietBereikt'] as const;
export type Confirmation = (typeof CONFIRMATIONS)[number];

export interface Attempt {
  at: string;
  by: string;
}

/** The fields of `data` the shared life cycle reads and writes. */
export interface OwnedData {
  attempts: Attempt[];
  doneNote?: string;
  confirmation?: Confirmation;
  /** What the customer was told when it was finished, and why (for "nee" and "deels"). */
  answer?: Answer;
  explanation?: string;
  claimedAt?: string;
  /** Interpreter requests for this item (ids and moments only; the language stays on the request). */
  interpreters?: InterpreterLink[];
  /** The owner is away for the rest of the term (Outlook automatic replies): any colleague may take it over. */
  ownerAbsent?: { since: string; until: string | null };
}

/** Statuses of an owned promise; final ones end it. */
export const OWNED_FINAL = ['done', 'cancelled', 'notReached'] as const;

/** The Dutch messages a kind gives the shared life cycle (see texts/nl/lifecycle.ts, callbacks.ts, appointments.ts). */
export interface LifecycleTexts {
  msg: {
    claimed: (id: string) => string;
    alreadyClaimed: (name: string) => string;
    alreadyYours: string;
    finished: string;
    cancelledAlready: string;
    notClaimed: string;
    released: (id: string) => string;
    done: (id: string) => string;
    notReached: (n: number) => string;
    /** Added to the message from the third failed attempt on. */
    suggestWritten: (n: number) => string;
    /** Instead of suggestWritten when the kind's prefersLetter hook says so. */
    suggestLetter?: (n: number) => string;
    handedOver: (id: string, to: string) => string;
    handoverNotice: (id: string, from: string, topic: string, deadline: string) => string;
    rescheduled: (id: string, moment: string) => string;
    cancelled: (id: string) => string;
  };
  errors: {
    noteRequired: string;
    noteTooShort: string;
    confirmationRequired: string;
    reasonRequired: string;
    newMomentRequired: string;
    assigneeRequired: string;
    assigneeSelf: string;
    assigneeIsOwner: (name: string) => string;
    assigneeUnknown: string;
  };
}

/** An action of one kind only (agenda, acknowledge, …): the same shape as KindRules.apply. */
export type KindAction<D> = (item: Item<D>, input: Record<string, unknown>, ctx: ActionContext) => Decision<D>;

/** What a kind brings to the shared life cycle. Data hooks return only the fields they change. */
export interface OwnedHooks<D extends OwnedData> {
  texts: LifecycleTexts;
  /** Emit calendarSync effects (the Graph feature keeps an Outlook event in step); a function: for this item only when it says so. */
  calendarSync: boolean | ((item: Item<D>) => boolean);
  /** Released: what else is forgotten (a callback's agenda plan). */
  onRelease?: (item: Item<D>, ctx: ActionContext) => Partial<D>;
  /** Handed over to `to`: what else changes (a callback's agenda plan moves to the new owner). */
  onHandover?: (item: Item<D>, to: Person, ctx: ActionContext) => Partial<D>;
  /** A new appointment: what changes besides the deadline (an appointment's terms, a callback's agenda). */
  onReschedule?: (item: Item<D>, moment: Date, ctx: ActionContext) => Partial<D>;
  /** From the third failed attempt: suggest a letter rather than "e-mail or letter" (a customer who is not digital). */
  prefersLetter?: (item: Item<D>) => boolean;
  /**
   * "Niet bereikt" as a ladder (callbacks): after the allowed attempts the item ends in the final
   * status notReached and the owner gets a ready text for the customer. Without it every attempt is logged only.
   */
  notReachedLadder?: boolean;
  /** The kind's own actions on an unfinished item. */
  actions?: Record<string, KindAction<D>>;
  /** The kind's own bookkeeping, also on a finished item (e.g. recording the Outlook event, by SYSTEM). */
  bookkeeping?: Record<string, KindAction<D>>;
}

/** The interpreter link as a kind's action: "Tolk nodig" records the request on the item (see interpreter.ts). */
export function interpreterLink<D extends OwnedData>(): Record<string, KindAction<D>> {
  return { [INTERPRETER_LINK_ACTION]: linkInterpreter };
}

/**
 * A new owned item. Made for someone (a colleague, or oneself) it starts claimed by them, and the
 * history says so (details.for: the report leaves such items out of "time to claim"); a colleague
 * is told, with `alsoForColleague` effects besides (a callback's calendar sync). The id in the
 * notice is filled in by the service ('{id}').
 */
export function ownedCreation<D extends OwnedData>(
  kind: ItemKind,
  ctx: ActionContext,
  p: {
    subject: string;
    owner: Person | null;
    deadline: Date;
    data: D;
    assignedNotice: (id: string, from: string, topic: string, deadline: string) => string;
    details?: Record<string, unknown>;
    alsoForColleague?: Effect[];
  },
): Creation<D> {
  const { owner, deadline } = p;
  const details = { ...p.details, ...(owner ? { for: owner.name } : {}) };
  const forColleague = !!owner && !samePerson(owner, ctx.actor);
  return {
    ok: true,
    item: {
      kind,
      status: owner ? 'claimed' : 'open',
      subject: p.subject,
      owner,
      deadline,
      data: owner ? { ...p.data, claimedAt: ctx.now.toISOString() } : p.data,
      history: { action: 'created', details: Object.keys(details).length ? details : undefined },
      effects: forColleague
        ? [
            {
              type: 'notifyPerson',
              to: owner,
              text: sayText(
                p.assignedNotice,
                trusted('{id}'),
                ctx.actor.name,
                p.subject,
                trusted(formatDeadline(ctx.calendar, deadline, ctx.now)),
              ),
            },
            ...(p.alsoForColleague ?? []),
          ]
        : [],
    },
  };
}

/** The owner or a manager may do owner actions. */
export function ownerOrManager(item: Item<unknown>, ctx: ActionContext): boolean {
  return isOwner(item, ctx.actor) || ctx.isManager;
}

/** Applies an action to an owned item: the shared ones, then the kind's own; anything else is refused. */
export function applyOwnedLifecycle<D extends OwnedData>(
  item: Item<D>,
  action: string,
  input: Record<string, unknown>,
  ctx: ActionContext,
  o: OwnedHooks<D>,
): Decision<D> {
  const t = o.texts;
  const now = ctx.now;
  const at = now.toISOString();
  const sync: Effect[] = (typeof o.calendarSync === 'function' ? o.calendarSync(item) : o.calendarSync) ? [{ type: 'calendarSync' }] : [];
  const bookkeeping = o.bookkeeping?.[action];
  if (bookkeeping) return bookkeeping(item, input, ctx);
  if (item.status === 'done') return refuse('finished', t.msg.finished);
  if (item.status === 'cancelled') return refuse('finished', t.msg.cancelledAlready);
  if (item.status === 'notReached') return refuse('finished', t.msg.finished);
  // Owner actions other than a manager's handover need someone who has picked it up.
  const needsOwner = (): Decision<D> | null =>
    !ownerOrManager(item, ctx) ? refuse('notAllowed', nl.common.notAllowed) : !item.owner ? refuse('notClaimed', t.msg.notClaimed) : null;
  const data = (patch: Partial<D>): D => ({ ...item.data, ...patch });

  switch (action) {
    case 'claim': {
      if (item.owner) {
        return isOwner(item, ctx.actor)
          ? refuse('alreadyYours', t.msg.alreadyYours)
          : refuse('alreadyClaimed', sayText(t.msg.alreadyClaimed, item.owner.name));
      }
      return accept(
        item,
        { status: 'claimed', owner: ctx.actor, data: data({ claimedAt: at } as Partial<D>) },
        { action: 'claimed' },
        sync,
        t.msg.claimed(item.id),
      );
    }
    case 'release': {
      const no = needsOwner();
      if (no) return no;
      return accept(
        item,
        {
          status: 'open',
          owner: null,
          data: data({ claimedAt: undefined, ownerAbsent: undefined, ...o.onRelease?.(item, ctx) } as Partial<D>),
        },
        { action: 'released', details: { previousOwner: item.owner?.name } },
        sync,
        t.msg.released(item.id),
      );
    }
    case 'done': {
      const no = needsOwner();
      if (no) return no;
      const note = str(input, 'note');
      const confirmation = oneOf(str(input, 'confirmation'), CONFIRMATIONS);
      const fields: Record<string, string> = {};
      const { answer, explanation } = readAnswer(input, fields);
      if (!note) fields.note = t.errors.noteRequired;
      else if (note.length < 10) fields.note = t.errors.noteTooShort;
      else if (note.length > 2000) fields.note = nl.common.tooLong(2000);
      if (!confirmation) fields.confirmation = t.errors.confirmationRequired;
      if (Object.keys(fields).length) return refuse('invalid', nl.common.formHasErrors, fields);
      // The owner gets a ready confirmation text for the customer in their 1:1 chat.
      const to = item.owner ?? ctx.actor;
      return accept(
        item,
        { status: 'done', closedAt: now, data: data({ doneNote: note, confirmation, answer, explanation } as Partial<D>) },
        { action: 'done', note, details: { confirmation, answer, explained: !!explanation } },
        [...sync, { type: 'customerText', to, which: 'confirmation' }],
        t.msg.done(item.id),
      );
    }
    case 'notReached': {
      const no = needsOwner();
      if (no) return no;
      const attempts = [...item.data.attempts, { at, by: ctx.actor.name }];
      const n = attempts.length;
      if (o.notReachedLadder) return notReachedStep(item, attempts, ctx, o, sync);
      const written = t.msg.suggestLetter && o.prefersLetter?.(item) ? t.msg.suggestLetter(n) : t.msg.suggestWritten(n);
      const message = n >= 3 ? `${t.msg.notReached(n)} ${written}` : t.msg.notReached(n);
      return accept(item, { data: data({ attempts } as Partial<D>) }, { action: 'notReached', details: { attempt: n, at } }, [], message);
    }
    case 'handover': {
      if (!ownerOrManager(item, ctx)) return refuse('notAllowed', nl.common.notAllowed);
      const to = parsePerson(input.to);
      // The adapter resolves a picked colleague to a person; what it could not resolve arrives as is.
      if (!to)
        return refuse('invalid', nl.common.formHasErrors, { to: str(input, 'to') ? t.errors.assigneeUnknown : t.errors.assigneeRequired });
      if (item.owner && samePerson(to, item.owner)) {
        return refuse('invalid', nl.common.formHasErrors, {
          to: isOwner(item, ctx.actor) ? t.errors.assigneeSelf : sayText(t.errors.assigneeIsOwner, item.owner.name),
        });
      }
      const deadline = item.deadline ? formatDeadline(ctx.calendar, item.deadline, now) : '';
      return accept(
        item,
        {
          status: 'claimed',
          owner: to,
          data: data({ claimedAt: at, ownerAbsent: undefined, ...o.onHandover?.(item, to, ctx) } as Partial<D>),
        },
        { action: 'handedOver', details: { from: item.owner?.name, to: to.name } },
        [
          {
            type: 'notifyPerson',
            to,
            text: sayText(t.msg.handoverNotice, trusted(item.id), ctx.actor.name, item.subject, trusted(deadline)),
          },
          ...sync,
        ],
        sayText(t.msg.handedOver, trusted(item.id), to.name),
      );
    }
    case 'reschedule': {
      // "Kun je een afspraak niet nakomen: neem contact op met de klant en maak een nieuwe afspraak."
      // The history keeps both moments (details.from / details.to): the report rebuilds the deadlines from them.
      const no = needsOwner();
      if (no) return no;
      const fields: Record<string, string> = {};
      const moment = parseMoment(fields, 'moment', input.moment, ctx);
      if (!moment && !fields.moment) fields.moment = t.errors.newMomentRequired;
      const reason = str(input, 'reason');
      if (!reason) fields.reason = t.errors.reasonRequired;
      else if (reason.length > 500) fields.reason = nl.common.tooLong(500);
      if (Object.keys(fields).length || !moment) return refuse('invalid', nl.common.formHasErrors, fields);
      const told = toldOf(input, ctx, moment);
      return accept(
        item,
        { deadline: moment, data: data(o.onReschedule?.(item, moment, ctx) ?? {}) },
        { action: 'rescheduled', note: reason, details: { from: item.deadline?.toISOString(), to: moment.toISOString(), ...told.details } },
        sync,
        `${t.msg.rescheduled(item.id, formatMoment(ctx.calendar, moment))}${told.message}`,
      );
    }
    case 'cancel': {
      const mayCancel = ctx.isManager || isOwner(item, ctx.actor) || samePerson(item.createdBy, ctx.actor);
      if (!mayCancel) return refuse('notAllowed', nl.common.notAllowed);
      const reason = str(input, 'reason');
      if (!reason) return refuse('invalid', nl.common.formHasErrors, { reason: t.errors.reasonRequired });
      if (reason.length > 500) return refuse('invalid', nl.common.formHasErrors, { reason: nl.common.tooLong(500) });
      const told = toldOf(input, ctx, null);
      return accept(
        item,
        { status: 'cancelled', closedAt: now },
        { action: 'cancelled', note: reason, ...(told.details.told ? { details: told.details } : {}) },
        sync,
        `${t.msg.cancelled(item.id)}${told.message}`,
      );
    }
    case 'ownerAbsent': {
      // Recorded by the system (app/absence.ts, from Outlook's automatic replies); once per absence,
      // so the owner and the team are told once. The owner keeps it until a colleague takes it over.
      if (ctx.actor.id !== SYSTEM.id) return refuse('notAllowed', nl.common.notAllowed);
      if (!item.owner) return refuse('notClaimed', t.msg.notClaimed);
      if (item.data.ownerAbsent) return refuse('alreadyMarked', absentTexts.ownerAbsent);
      const until = typeof input.until === 'string' ? input.until : null;
      return accept(
        item,
        { data: data({ ownerAbsent: { since: at, until } } as Partial<D>) },
        { action: 'ownerAbsent', details: { owner: item.owner.name, until } },
        [
          { type: 'notifyPerson', to: item.owner, text: sayText(absentTexts.toOwner, trusted(item.id), item.subject) },
          { type: 'notifyChannel', text: sayText(absentTexts.toTeam, trusted(item.id), item.owner.name) },
        ],
      );
    }
    case 'takeOver': {
      // Any colleague may take over from an owner who is away for the rest of the term.
      if (!item.data.ownerAbsent || !item.owner) return refuse('notAbsent', absentTexts.notAbsent);
      if (isOwner(item, ctx.actor)) return refuse('alreadyYours', t.msg.alreadyYours);
      const from = item.owner;
      const takenOver = sayText(absentTexts.takenOver, trusted(item.id), ctx.actor.name, from.name);
      return accept(
        item,
        {
          status: 'claimed',
          owner: ctx.actor,
          data: data({ claimedAt: at, ownerAbsent: undefined, ...o.onHandover?.(item, ctx.actor, ctx) } as Partial<D>),
        },
        { action: 'takenOver', details: { from: from.name, to: ctx.actor.name } },
        [{ type: 'notifyPerson', to: from, text: takenOver }, ...sync],
        takenOver,
      );
    }
    default: {
      const own = o.actions?.[action];
      return own ? own(item, input, ctx) : refuse('unknownAction', nl.common.unknownAction);
    }
  }
}

/**
 * How the customer was told about a new moment or a cancellation (optional). Not reached yet: the
 * next attempt is proposed at another part of the day, before the new moment when there is one.
 */
function toldOf(
  input: Record<string, unknown>,
  ctx: ActionContext,
  before: Date | null,
): { details: Record<string, unknown>; message: string } {
  const told = oneOf(str(input, 'told'), TOLD);
  if (!told) return { details: {}, message: '' };
  if (told !== 'nietBereikt') return { details: { told }, message: '' };
  const next = nextAttemptMoment(ctx.calendar, ctx.now, before);
  const l = nl.conversation.ladder;
  return {
    details: { told, ...(next ? { next: next.toISOString() } : {}) },
    message: ` ${nl.conversation.told.notYet} ${next ? l.next(attemptWording(ctx.calendar, next, ctx.now)) : l.nextNoTime}`,
  };
}

/**
 * One step of the "niet bereikt" ladder: log the attempt and propose the next at another part of
 * the day within the term; after the last allowed attempt the item ends as notReached and the
 * owner gets "we hebben geprobeerd u te bereiken" (letter or e-mail, as the customer needs).
 */
function notReachedStep<D extends OwnedData>(
  item: Item<D>,
  attempts: Attempt[],
  ctx: ActionContext,
  o: OwnedHooks<D>,
  sync: Effect[],
): Decision<D> {
  const t = nl.conversation.ladder;
  const n = attempts.length;
  const max = attemptsAllowed(ctx.notReachedAttempts, customerNeeds(item.data as unknown as Record<string, unknown>));
  const at = ctx.now.toISOString();
  if (n >= max) {
    return accept(
      item,
      { status: 'notReached', closedAt: ctx.now, data: { ...item.data, attempts } },
      { action: 'notReached', details: { attempt: n, at, last: true } },
      [...sync, { type: 'customerText', to: item.owner ?? ctx.actor, which: 'notReached' }],
      `${t.attempt(n, max)} ${t.last(max)}`,
    );
  }
  const next = nextAttemptMoment(ctx.calendar, ctx.now, item.deadline);
  const hint = next ? t.next(attemptWording(ctx.calendar, next, ctx.now)) : t.nextNoTime;
  return accept(
    item,
    { data: { ...item.data, attempts } },
    { action: 'notReached', details: { attempt: n, at, ...(next ? { next: next.toISOString() } : {}) } },
    [],
    `${t.attempt(n, max)} ${hint}`,
  );
}

/** The rules of an owned kind: its own create, and the shared life cycle with the kind's hooks. */
export function ownedRules<D extends OwnedData>(def: {
  kind: ItemKind;
  idPrefix: string;
  create: (input: Record<string, unknown>, ctx: ActionContext) => Creation<D>;
  hooks: OwnedHooks<D>;
}): KindRules<D> {
  return {
    kind: def.kind,
    idPrefix: def.idPrefix,
    finalStatuses: OWNED_FINAL,
    create: def.create,
    apply: (item, action, input, ctx) => applyOwnedLifecycle(item, action, input, ctx, def.hooks),
  };
}
