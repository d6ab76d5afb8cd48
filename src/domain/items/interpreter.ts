// Interpreter requests (tolk), the charter's two steps: first the customer brings their own
// interpreter (status `own`); when that is not possible a booking through the interpreter service:
// requested (aangevraagd) → confirmed (bevestigd, with the booking's reference) → done (uitgevoerd),
// or cancelled (geannuleerd). Pure: no I/O.
//
// Privacy: a language can reveal origin (a special category of personal data). Interpreter items
// never get a channel card (not in CHANNEL_KINDS); their subject is a neutral text; the figures
// for managers (interpreterMonthFigures) hold counts only.
import { LANGUAGES, interpreter as texts } from '../../texts/nl/interpreter';
import { nl } from '../../texts/nl';
import type { Item, ItemKind } from '../types';
import type { WorkingCalendar } from '../workingTime';
import { addCalendarDays, formatMoment, type LocalDay } from '../workingTime';
import { accept, isOwner, refuse, str, type ActionContext, type Creation, type Decision, type Effect, type KindRules } from './lifecycle';
import { oneOf, parseMoment, type FieldErrors } from './common';
import { PAUSE_HISTORY_ACTIONS } from '../customers/historyActions';

const t = texts;

export const INTERPRETER_MODES = ['phoneNow', 'phonePlanned', 'video', 'onSite'] as const;
export type InterpreterMode = (typeof INTERPRETER_MODES)[number];
export const OWN_BY = ['family', 'friend', 'contact'] as const;
export type OwnBy = (typeof OWN_BY)[number];
export const INTERPRETER_STATUSES = ['own', 'requested', 'confirmed', 'done', 'cancelled'] as const;
export type InterpreterStatus = (typeof INTERPRETER_STATUSES)[number];
export const INTERPRETER_FINAL = ['done', 'cancelled'] as const;
/** Statuses in which the interpreter is still to come (the personal digest lists these). */
export const INTERPRETER_PLANNED: readonly InterpreterStatus[] = ['own', 'requested', 'confirmed'];
/** Choice value for a language that is not in the list (typed in `languageOther`). */
export const OTHER_LANGUAGE = 'other';
/** Kinds an interpreter request can belong to. */
export const RELATED_KINDS: readonly ItemKind[] = ['callback', 'appointment'];
export const MAX_DURATION_MINUTES = 480;
/** History action written on the related callback/appointment; never shown on a channel card. */
export const INTERPRETER_LINK_ACTION = 'interpreterLinked';

export interface InterpreterData {
  /** 'own': the customer brings their own interpreter (step 1 yes); 'service': booked (step 2). */
  path: 'own' | 'service';
  /** The callback or appointment it belongs to, e.g. TB-1042. */
  relatedId?: string;
  /** When the interpreter is needed (ISO). For 'telefonisch nu' the moment of the request. */
  moment: string;
  ownBy?: OwnBy;
  language?: string;
  mode?: InterpreterMode;
  durationMinutes?: number;
  /** Only for an interpreter on site: where. Personal data: 1:1 chat only. */
  address?: string;
  /** End of the next working day after the request: not confirmed by then → one reminder. */
  confirmBy?: string;
  reference?: string;
  confirmedAt?: string;
  cancelReason?: string;
  /** The customer could not bring their own interpreter after all (own → cancelled → a booking). */
  fallback?: boolean;
  erased?: boolean;
}

/** A link from a callback/appointment to one of its interpreter requests (kept in the related item's data). */
export interface InterpreterLink {
  id: string;
  own: boolean;
  moment: string;
}

/** What the adapter found for the related id the user typed (the domain does no I/O). */
export interface RelatedRef {
  id: string;
  kind: ItemKind;
  /** The actor may link to it (its owner or a manager: policy.mayActFor); false → a field error. */
  mayLink?: boolean;
}

const RELATED_ID = /^[A-Z]{2,4}-\d{1,9}$/;

/** The canonical list name for a typed language ('arabisch' → 'Arabisch'); other text tidied. */
export function canonicalLanguage(raw: string): string {
  const s = raw.replace(/\s+/g, ' ').trim();
  if (!s) return '';
  const known = LANGUAGES.find((l) => l.toLowerCase() === s.toLowerCase() || l.split(' (')[0]!.toLowerCase() === s.toLowerCase());
  return known ?? s.charAt(0).toUpperCase() + s.slice(1);
}

function parseDuration(errors: FieldErrors, value: unknown): number | undefined {
  const raw = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (!raw) {
    errors.duration = t.errors.durationRequired;
    return undefined;
  }
  const n = Number(raw.replace(',', '.'));
  if (!Number.isFinite(n)) errors.duration = t.errors.durationInvalid;
  else if (n <= 0) errors.duration = t.errors.durationZero;
  else if (!Number.isInteger(n)) errors.duration = t.errors.durationInvalid;
  else if (n > MAX_DURATION_MINUTES) errors.duration = t.errors.durationTooLong;
  else return n;
  return undefined;
}

function parseRelated(errors: FieldErrors, input: Record<string, unknown>): string | undefined {
  const raw = str(input, 'relatedId').toUpperCase();
  if (!raw) return undefined;
  if (!RELATED_ID.test(raw)) {
    errors.relatedId = t.errors.relatedInvalid;
    return undefined;
  }
  const related = input.related as RelatedRef | null | undefined;
  if (!related || related.id !== raw) errors.relatedId = t.errors.relatedUnknown(raw);
  else if (!RELATED_KINDS.includes(related.kind)) errors.relatedId = t.errors.relatedWrongKind;
  else if (related.mayLink === false) errors.relatedId = t.errors.relatedNotYours(raw);
  return errors.relatedId ? undefined : raw;
}

/**
 * Input (field names match the card inputs): path 'own' | 'service'; relatedId (+ related, resolved
 * by the adapter); moment (ISO; 'ongeldig' for an unreadable date); own: ownBy; service: language,
 * languageOther, mode, duration (minutes), address.
 */
export function createInterpreter(input: Record<string, unknown>, ctx: ActionContext): Creation<InterpreterData> {
  const errors: FieldErrors = {};
  const path = str(input, 'path') === 'own' ? 'own' : 'service';
  const relatedId = parseRelated(errors, input);
  const invalid = () => ({ ok: false as const, refusal: { code: 'invalid', message: nl.common.formHasErrors, fields: errors } });

  if (path === 'own') {
    const moment = parseMoment(errors, 'moment', input.moment, ctx);
    if (!moment && !errors.moment) errors.moment = t.errors.momentRequired;
    const ownBy = oneOf(str(input, 'ownBy'), OWN_BY);
    if (Object.keys(errors).length || !moment) return invalid();
    const data: InterpreterData = { path, relatedId, moment: moment.toISOString(), ownBy };
    return {
      ok: true,
      item: {
        kind: 'interpreter',
        status: 'own',
        subject: t.subject,
        owner: ctx.actor,
        deadline: moment,
        data,
        history: { action: 'createdOwn', details: relatedId ? { relatedId } : undefined },
        effects: [],
      },
    };
  }

  const choice = str(input, 'language');
  const other = str(input, 'languageOther');
  let language = '';
  if (choice && choice !== OTHER_LANGUAGE) {
    language = canonicalLanguage(choice);
  } else if (other) {
    language = canonicalLanguage(other);
    if (language.length > 60) errors.languageOther = nl.common.tooLong(60);
  } else if (choice === OTHER_LANGUAGE) {
    errors.languageOther = t.errors.languageOtherRequired;
  } else {
    errors.language = t.errors.languageRequired;
  }
  const mode = oneOf(str(input, 'mode'), INTERPRETER_MODES);
  if (!mode) errors.mode = t.errors.modeRequired;
  let moment: Date | undefined;
  if (mode === 'phoneNow') {
    moment = ctx.now;
  } else {
    moment = parseMoment(errors, 'moment', input.moment, ctx);
    if (!moment && !errors.moment) errors.moment = t.errors.momentRequired;
  }
  const durationMinutes = parseDuration(errors, input.duration);
  const address = str(input, 'address').replace(/\s+/g, ' ');
  if (mode === 'onSite' && !address) errors.address = t.errors.addressRequired;
  else if (address.length > 200) errors.address = nl.common.tooLong(200);
  if (Object.keys(errors).length || !moment || !mode || !durationMinutes) return invalid();

  const confirmBy = ctx.calendar.endOfNextWorkingDay(ctx.now);
  const data: InterpreterData = {
    path,
    relatedId,
    moment: moment.toISOString(),
    language,
    mode,
    durationMinutes,
    address: mode === 'onSite' ? address : undefined,
    confirmBy: confirmBy.toISOString(),
  };
  return {
    ok: true,
    item: {
      kind: 'interpreter',
      status: 'requested',
      subject: t.subject,
      owner: ctx.actor,
      deadline: moment,
      data,
      // No language in the history: history lines are generic and may be shown in more places.
      history: { action: 'created', details: { mode, ...(relatedId ? { relatedId } : {}) } },
      effects: [],
    },
  };
}

function ownerOrManager(item: Item<InterpreterData>, ctx: ActionContext): boolean {
  return isOwner(item, ctx.actor) || ctx.isManager;
}

/** When someone else (a manager) changes the request, its owner hears about it in their 1:1 chat. */
function tellOwner(item: Item<InterpreterData>, ctx: ActionContext, text: string): Effect[] {
  return item.owner && !isOwner(item, ctx.actor) ? [{ type: 'notifyPerson', to: item.owner, text: `${ctx.actor.name}: ${text}` }] : [];
}

export function applyInterpreter(
  item: Item<InterpreterData>,
  action: string,
  input: Record<string, unknown>,
  ctx: ActionContext,
): Decision<InterpreterData> {
  const now = ctx.now;
  if (item.status === 'done' || item.status === 'cancelled') return refuse('finished', t.msg.finished);
  if (!ownerOrManager(item, ctx)) return refuse('notAllowed', nl.common.notAllowed);

  switch (action) {
    case 'confirm': {
      if (item.status === 'own') return refuse('notService', t.msg.ownNoConfirm);
      if (item.status === 'confirmed') return refuse('alreadyConfirmed', t.msg.alreadyConfirmed);
      const reference = str(input, 'reference');
      if (!reference) return refuse('invalid', nl.common.formHasErrors, { reference: t.errors.referenceRequired });
      if (reference.length > 60) return refuse('invalid', nl.common.formHasErrors, { reference: nl.common.tooLong(60) });
      const text = t.msg.confirmed(item.id);
      return accept(
        item,
        { status: 'confirmed', data: { ...item.data, reference, confirmedAt: now.toISOString() } },
        { action: 'confirmed', details: { reference } },
        tellOwner(item, ctx, text),
        text,
      );
    }
    case 'done': {
      if (item.status === 'requested') return refuse('confirmFirst', t.msg.confirmFirst);
      const text = t.msg.done(item.id);
      return accept(item, { status: 'done', closedAt: now }, { action: 'done' }, tellOwner(item, ctx, text), text);
    }
    case 'cancel': {
      const reason = str(input, 'reason');
      if (!reason) return refuse('invalid', nl.common.formHasErrors, { reason: t.errors.reasonRequired });
      if (reason.length > 500) return refuse('invalid', nl.common.formHasErrors, { reason: nl.common.tooLong(500) });
      const text = t.msg.cancelled(item.id);
      return accept(
        item,
        { status: 'cancelled', closedAt: now, data: { ...item.data, cancelReason: reason } },
        { action: 'cancelled', note: reason },
        tellOwner(item, ctx, text),
        text,
      );
    }
    case 'fallback': {
      if (item.status !== 'own') return refuse('notOwn', t.msg.notOwn);
      return accept(
        item,
        { status: 'cancelled', closedAt: now, data: { ...item.data, fallback: true, cancelReason: t.msg.fallbackReason } },
        { action: 'fallback', note: t.msg.fallbackReason },
        [],
        t.msg.fallback(item.id),
      );
    }
    default:
      return refuse('unknownAction', nl.common.unknownAction);
  }
}

export const interpreterRules: KindRules<InterpreterData> = {
  kind: 'interpreter',
  idPrefix: 'TK',
  finalStatuses: INTERPRETER_FINAL,
  create: createInterpreter,
  apply: applyInterpreter,
};

// ---------------------------------------------------------------------------------------------
// On the related callback / appointment

/**
 * The `interpreterLinked` action of a related kind (callback, appointment): records the request
 * with its moment in the related item's data and history. Anyone may add it (it is a note); it
 * changes neither status nor owner. Input: interpreterId, own, moment (ISO).
 */
export function linkInterpreter<D extends { interpreters?: InterpreterLink[] }>(
  item: Item<D>,
  input: Record<string, unknown>,
  ctx: ActionContext,
): Decision<D> {
  const id = str(input, 'interpreterId');
  const moment = str(input, 'moment');
  if (!id || Number.isNaN(Date.parse(moment))) return refuse('invalid', nl.common.formHasErrors);
  const own = input.own === true;
  const links = (item.data.interpreters ?? []).filter((l) => l.id !== id);
  const when = formatMoment(ctx.calendar, new Date(moment), ctx.now);
  return accept(
    item,
    { data: { ...item.data, interpreters: [...links, { id, own, moment }] } },
    { action: INTERPRETER_LINK_ACTION, note: own ? t.link.own(id, when) : t.link.service(id, when), details: { interpreterId: id, own } },
  );
}

/** History actions that belong on private views only (a channel card leaves them out). */
export function isPrivateHistoryAction(action: string): boolean {
  return action === INTERPRETER_LINK_ACTION || PAUSE_HISTORY_ACTIONS.has(action);
}

// ---------------------------------------------------------------------------------------------
// Reminders (pure decisions; the job claims them once)

/** The working day before `day` (the day the owner checks that the customer's own interpreter comes). */
export function previousWorkingDay(cal: WorkingCalendar, day: LocalDay): LocalDay {
  let d = addCalendarDays(day, -1);
  for (let i = 0; i < 60 && !cal.isWorkingDay(d); i++) d = addCalendarDays(d, -1);
  return d;
}

export type InterpreterReminder = { type: 'confirm'; key: string } | { type: 'ownCheck'; key: string };

/**
 * Which reminder (if any) an interpreter item is due for at `now`:
 * - a request not confirmed by the end of the next working day after it was made ('confirm');
 * - an own interpreter: on the working day before the conversation, check it still stands
 *   ('ownCheck'); not when it was recorded on that day or later, nor once the moment has passed.
 * The caller claims `key` once, so each fires at most once.
 */
export function dueReminder(item: Item<InterpreterData>, cal: WorkingCalendar, now: Date): InterpreterReminder | null {
  if (item.kind !== 'interpreter' || item.closedAt || !item.owner) return null;
  const d = item.data;
  if (item.status === 'requested' && d.confirmBy && now.getTime() >= Date.parse(d.confirmBy)) {
    return { type: 'confirm', key: `interpreter-confirm:${item.id}` };
  }
  if (item.status === 'own') {
    const moment = new Date(d.moment);
    const checkDay = previousWorkingDay(cal, cal.dayOf(moment));
    const today = cal.dayOf(now);
    if (today >= checkDay && now.getTime() < moment.getTime() && cal.dayOf(item.createdAt) < checkDay) {
      return { type: 'ownCheck', key: `interpreter-owncheck:${item.id}` };
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// For the personal digest (1:1 chat only)

export interface PlannedInterpreter {
  id: string;
  status: InterpreterStatus;
  /** 'own': the customer brings their own interpreter; 'service': booked through the service. */
  path: 'own' | 'service';
  moment: Date;
  mode?: InterpreterMode;
  /** Personal-digest only: a language must never reach a channel. */
  language?: string;
  durationMinutes?: number;
  relatedId?: string;
  /** Booked but not yet confirmed with a reference. */
  awaitingConfirmation: boolean;
  confirmBy?: Date;
}

/**
 * The owner's planned interpreter requests for their personal digest: open interpreter items
 * (own / requested / confirmed) owned by `ownerId` whose moment is today or later (from the start
 * of `now`'s day, in the calendar's zone), up to `until` when given, soonest first.
 * Pass any items (e.g. repo.queryItems(tenant, { kinds: ['interpreter'], open: true, ownerId })).
 */
export function plannedInterpreterRequests(
  items: readonly Item[],
  ownerId: string,
  now: Date,
  cal: WorkingCalendar,
  until?: Date,
): PlannedInterpreter[] {
  const from = cal.at(cal.dayOf(now), '00:00').getTime();
  const out: PlannedInterpreter[] = [];
  for (const raw of items) {
    if (raw.kind !== 'interpreter' || raw.closedAt || raw.owner?.id !== ownerId) continue;
    const item = raw as unknown as Item<InterpreterData>;
    if (!(INTERPRETER_PLANNED as readonly string[]).includes(item.status)) continue;
    const moment = new Date(item.data.moment);
    if (Number.isNaN(moment.getTime()) || moment.getTime() < from) continue;
    if (until && moment.getTime() > until.getTime()) continue;
    const d = item.data;
    out.push({
      id: item.id,
      status: item.status as InterpreterStatus,
      path: d.path,
      moment,
      mode: d.mode,
      language: d.language,
      durationMinutes: d.durationMinutes,
      relatedId: d.relatedId,
      awaitingConfirmation: item.status === 'requested',
      confirmBy: d.confirmBy ? new Date(d.confirmBy) : undefined,
    });
  }
  return out.sort((a, b) => a.moment.getTime() - b.moment.getTime() || a.id.localeCompare(b.id));
}

// ---------------------------------------------------------------------------------------------
// Monthly figures for managers (counts only, no customer data)

export interface InterpreterMonthFigures {
  /** 'YYYY-MM'. */
  month: string;
  /** own + service (cancelled bookings and failed own arrangements not counted). */
  total: number;
  /** The customer brought their own interpreter (not counting arrangements that fell through). */
  own: number;
  /** Bookings through the service, not cancelled. */
  service: number;
  /** Of those: carried out. */
  done: number;
  /** Bookings cancelled (not in the other numbers). */
  cancelled: number;
  /** Planned minutes of the bookings counted in `service`. */
  minutes: number;
  perLanguage: { language: string; count: number }[];
  perMode: { mode: InterpreterMode; count: number }[];
}

/** Figures for the requests made (created) in `month` ('YYYY-MM', in the calendar's zone). */
export function interpreterMonthFigures(items: readonly Item[], month: string, cal: WorkingCalendar): InterpreterMonthFigures {
  const f: InterpreterMonthFigures = {
    month,
    total: 0,
    own: 0,
    service: 0,
    done: 0,
    cancelled: 0,
    minutes: 0,
    perLanguage: [],
    perMode: [],
  };
  const langs = new Map<string, { language: string; count: number }>();
  const modes = new Map<InterpreterMode, number>();
  for (const raw of items) {
    if (raw.kind !== 'interpreter' || cal.dayOf(raw.createdAt).slice(0, 7) !== month) continue;
    const item = raw as unknown as Item<InterpreterData>;
    const d = item.data;
    if (d.path === 'own') {
      if (!d.fallback) f.own++;
      continue;
    }
    if (item.status === 'cancelled') {
      f.cancelled++;
      continue;
    }
    f.service++;
    if (item.status === 'done') f.done++;
    f.minutes += d.durationMinutes ?? 0;
    const language = d.language || '?';
    const key = language.toLowerCase();
    const entry = langs.get(key) ?? { language, count: 0 };
    entry.count++;
    langs.set(key, entry);
    if (d.mode) modes.set(d.mode, (modes.get(d.mode) ?? 0) + 1);
  }
  f.total = f.own + f.service;
  f.perLanguage = [...langs.values()].sort((a, b) => b.count - a.count || a.language.localeCompare(b.language, 'nl'));
  f.perMode = INTERPRETER_MODES.filter((m) => modes.has(m)).map((mode) => ({ mode, count: modes.get(mode)! }));
  return f;
}

/** 'YYYY-MM' of `now` in the calendar's zone, moved by `delta` months. */
export function monthOf(cal: WorkingCalendar, now: Date, delta = 0): string {
  return shiftMonth(cal.dayOf(now).slice(0, 7), delta);
}

export function shiftMonth(month: string, delta: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + delta;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${String(yy).padStart(4, '0')}-${String(mm + 1).padStart(2, '0')}`;
}

export function isMonth(s: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(s);
}
