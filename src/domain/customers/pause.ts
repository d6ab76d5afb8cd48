// "Contact gepauzeerd" (veilige dienstverlening): while a customer's contact is paused, new items
// for the customer are created but held (no channel card, no reminders, no digest), no new home
// visit can be planned, and every open item shows the pause. Only a manager lifts it; then each
// held item gets its term computed from that moment. Pure.
import { nl } from '../../texts/nl';
import type { Effect, HistoryDraft, Refusal } from '../items/lifecycle';
import { appointmentTerms, type AppointmentKind } from '../items/appointment';
import type { Item } from '../types';
import { sayText, trusted } from '../userText';
import { callbackDeadline, type WorkingCalendar } from '../workingTime';
import type { CustomerPause, CustomerRecord } from './record';
export { PAUSE_HISTORY_ACTIONS } from './historyActions';

const t = nl.customers.pause;

/** What an item keeps about its customer's pause (shown in the owner view). */
export interface ItemPauseMark {
  customerId: string;
  since: string;
  reason: string;
}

export function isPaused(r: CustomerRecord | null | undefined): boolean {
  return !!r?.pause;
}

/** Created while the contact was paused and not released yet: no card, reminders or digest. */
export function isHeld(item: Item): boolean {
  return item.data.held === true;
}

export function pauseMarkOf(item: Item): ItemPauseMark | null {
  const m = item.data.customerPause as ItemPauseMark | undefined;
  return m && typeof m === 'object' && typeof m.since === 'string' ? m : null;
}

/** A new item for a paused customer: refused (a home visit) or held with the pause on it. */
export function creationUnderPause(
  kind: string,
  data: Record<string, unknown>,
  r: CustomerRecord,
  pause: CustomerPause,
): { ok: false; refusal: Refusal } | { ok: true; data: Record<string, unknown> } {
  if (kind === 'appointment' && data.promiseKind === 'homevisit') {
    return { ok: false, refusal: { code: 'customerPaused', message: t.homeVisitRefused } };
  }
  return {
    ok: true,
    data: { ...data, held: true, customerPause: { customerId: r.id, since: pause.since, reason: pause.reason } satisfies ItemPauseMark },
  };
}

export interface ItemChange {
  data: Record<string, unknown>;
  deadline: Date | null;
  history: HistoryDraft;
  effects: Effect[];
  /** A held item is released: post its channel card now. */
  post: boolean;
}

/**
 * An open item of a customer whose contact is paused now: the mark, a history entry, and its owner
 * told once. `topic` is the item's subject as typed (user text: neutralised in the notice).
 */
export function markPaused(item: Item, r: CustomerRecord, pause: CustomerPause, topic: string): ItemChange | null {
  if (item.closedAt || pauseMarkOf(item)) return null;
  return {
    data: { ...item.data, customerPause: { customerId: r.id, since: pause.since, reason: pause.reason } satisfies ItemPauseMark },
    deadline: item.deadline,
    history: { action: 'customerPaused', details: { customerId: r.id } },
    effects: item.owner ? [{ type: 'notifyPerson', to: item.owner, text: sayText(t.ownerNotice, trusted(item.id), topic) }] : [],
    post: false,
  };
}

/** The pause is lifted: the mark goes; a held item gets a new term from now and is posted. */
export function markLifted(item: Item, r: CustomerRecord, cal: WorkingCalendar, now: Date): ItemChange | null {
  if (!pauseMarkOf(item) && !isHeld(item)) return null;
  const { held: _held, customerPause: _mark, ...rest } = item.data;
  if (item.closedAt || !isHeld(item)) {
    return {
      data: rest,
      deadline: item.deadline,
      history: { action: 'customerPauseLifted', details: { customerId: r.id } },
      effects: [],
      post: false,
    };
  }
  const term = termFrom(item, rest, cal, now);
  return {
    data: term.data,
    deadline: term.deadline,
    history: {
      action: 'heldReleased',
      details: { customerId: r.id, from: item.deadline?.toISOString() ?? null, to: term.deadline?.toISOString() ?? null },
    },
    effects: [],
    post: true,
  };
}

/** The item's term as if it were made now (an agreed moment still ahead stays). */
export function termFrom(
  item: Item,
  data: Record<string, unknown>,
  cal: WorkingCalendar,
  now: Date,
): { data: Record<string, unknown>; deadline: Date | null } {
  if (item.kind === 'callback') {
    const due = callbackDeadline(cal, now);
    const preferred = typeof data.preferredMoment === 'string' ? new Date(data.preferredMoment) : null;
    return { data, deadline: preferred && preferred.getTime() > due.getTime() ? preferred : due };
  }
  if (item.kind === 'appointment') {
    const kind = data.promiseKind as AppointmentKind;
    const agreedAhead = (kind === 'walkin' || kind === 'homevisit') && item.deadline && item.deadline.getTime() > now.getTime();
    if (agreedAhead) return { data, deadline: item.deadline };
    const terms = appointmentTerms(cal, kind, now);
    return { data: { ...data, terms }, deadline: new Date(terms.first) };
  }
  return { data, deadline: item.deadline };
}
