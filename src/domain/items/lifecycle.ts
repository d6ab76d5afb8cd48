// The shape every kind's life cycle follows: a pure function from (item, action, input, context)
// to either a new item plus one history entry and side effects, or a refusal with a Dutch reason.
import type { KindPrivacy } from '../privacy';
import type { Item, ItemKind, Person } from '../types';
import type { WorkingCalendar } from '../workingTime';

export interface ActionContext {
  now: Date;
  calendar: WorkingCalendar;
  actor: Person;
  /** Managers (from configuration) may do owner actions and decide escalations. */
  isManager: boolean;
  /** MOMENT_HORIZON_MONTHS: how far ahead a given moment may lie (domain/moments.ts); default 12. */
  momentHorizonMonths?: number;
  /** NOT_REACHED_ATTEMPTS: failed attempts before a callback ends as "niet bereikt" (default 2). */
  notReachedAttempts?: number;
}

/** Side effects the application layer turns into outbox messages after the commit. */
export type Effect =
  | { type: 'notifyPerson'; to: Person; text: string }
  | { type: 'notifyChannel'; text: string }
  | { type: 'calendarSync' }
  /** A ready text for the customer in the person's 1:1 chat (the confirmation, or "we konden u niet bereiken"). */
  | { type: 'customerText'; to: Person; which: 'confirmation' | 'notReached' };

export interface HistoryDraft {
  action: string;
  note?: string;
  details?: Record<string, unknown>;
}

export interface Refusal {
  code: string;
  /** Dutch, shown to the user as is. */
  message: string;
  /** Per-field Dutch messages for forms. */
  fields?: Record<string, string>;
}

export type Decision<D> =
  { ok: true; item: Item<D>; history: HistoryDraft; effects: Effect[]; message?: string } | { ok: false; refusal: Refusal };

/** What a kind needs to create a new item; the service assigns id, version and card. */
export interface NewItem<D> {
  kind: ItemKind;
  status: string;
  subject: string;
  owner: Person | null;
  deadline: Date | null;
  data: D;
  history: HistoryDraft;
  effects: Effect[];
}

export type Creation<D> = { ok: true; item: NewItem<D> } | { ok: false; refusal: Refusal };

export interface KindRules<D = Record<string, unknown>> {
  kind: ItemKind;
  /** Short-id prefix: TB-1042. */
  idPrefix: string;
  /** Statuses in which the item is finished (no more reminders, not in digests). */
  finalStatuses: readonly string[];
  create(input: Record<string, unknown>, ctx: ActionContext): Creation<D>;
  apply(item: Item<D>, action: string, input: Record<string, unknown>, ctx: ActionContext): Decision<D>;
  /** Where this kind keeps customer personal data (AVG). Default: domain/privacy.ts genericPrivacy. */
  privacy?: KindPrivacy;
}

export function refuse<D>(code: string, message: string, fields?: Record<string, string>): Decision<D> {
  return { ok: false, refusal: { code, message, fields } };
}

export function accept<D>(
  item: Item<D>,
  patch: Partial<Item<D>>,
  history: HistoryDraft,
  effects: Effect[] = [],
  message?: string,
): Decision<D> {
  return { ok: true, item: { ...item, ...patch }, history, effects, message };
}

export function isOwner(item: Item<unknown>, actor: Person): boolean {
  return item.owner !== null && samePerson(item.owner, actor);
}

export function samePerson(a: Person, b: Person): boolean {
  return a.id === b.id || (!!a.teamsId && a.teamsId === b.teamsId);
}

export function str(input: Record<string, unknown>, key: string): string {
  const v = input[key];
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}

export function bool(input: Record<string, unknown>, key: string): boolean {
  const v = input[key];
  return v === true || v === 'true' || v === 'on' || v === '1';
}
