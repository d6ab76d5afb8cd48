// What the cards of every owned item kind (callbacks, appointments) share: the header values,
// deadline and owner lines, the Universal Actions refresh for the owner, and the shared template
// parts (lifecycleChannel.json, lifecycleOwner.json) appended to a kind's own card head.
import type { Services } from '../../app/services';
import type { HistoryEntry, Item } from '../../domain/types';
import { deadlineState, formatDeadline, formatMoment, formatTime, formatTimeLeft, type DeadlineState } from '../../domain/workingTime';
import { nl } from '../../texts/nl';
import { confirmationChoices } from '../../texts/nl/lifecycle';
import type { ItemCardRenderer, Notice } from '../feature';
import { historyLines } from './common';
import { isPrivateHistoryAction } from '../../domain/items/interpreter';
import { bind, neutralise } from './render';
import channelPart from './templates/lifecycleChannel.json';
import ownerPart from './templates/lifecycleOwner.json';

export const STATE_LABEL: Record<DeadlineState, string> = { onTime: 'op tijd', dueToday: 'vandaag', overdue: 'te laat' };
export const STATE_COLOR: Record<DeadlineState, string> = { onTime: 'Good', dueToday: 'Warning', overdue: 'Attention' };

/** The texts a kind's cards need from its module in texts/nl. */
export interface ItemCardTexts {
  status: Record<string, string>;
  card: { claimedBy: (name: string, time: string) => string; doneBy: (name: string, time: string) => string } & Record<string, unknown>;
}

export interface OwnedItemData { claimedAt?: string }

export function cap(style: string): string {
  return style.charAt(0).toUpperCase() + style.slice(1);
}

/** The values every owned item's channel card and owner view bind. */
export async function itemCardCommon(item: Item<OwnedItemData>, s: Services, texts: ItemCardTexts, title: string, notice?: Notice) {
  const now = s.clock.now();
  const cal = s.calendar;
  const active = item.status === 'open' || item.status === 'claimed';
  const state = item.deadline ? deadlineState(cal, item.deadline, now) : 'onTime';
  const deadlineText = item.deadline
    ? active
      ? `${formatDeadline(cal, item.deadline, now)} · ${STATE_LABEL[state]}`
      : formatDeadline(cal, item.deadline, now)
    : '—';
  const ownerText = item.owner
    ? item.status === 'done' && item.closedAt
      ? texts.card.doneBy(neutralise(item.owner.name), formatTime(cal, item.closedAt))
      : texts.card.claimedBy(neutralise(item.owner.name), item.data.claimedAt ? formatTime(cal, new Date(item.data.claimedAt)) : '')
    : texts.status.open;
  const history: HistoryEntry[] = await s.repo.history(item.tenantId, item.id);
  return {
    id: item.id,
    kind: item.kind,
    version: item.version,
    title,
    t: { ...texts.card, history: nl.common.history },
    notice: notice ? { text: notice.text, style: cap(notice.style) } : null,
    statusText: texts.status[item.status] ?? item.status,
    statusColor: item.status === 'done' ? 'Good' : item.status === 'open' ? 'Attention' : item.status === 'cancelled' ? 'Default' : 'Accent',
    headerStyle: item.status === 'done' ? 'good' : active && state === 'overdue' ? 'attention' : 'emphasis',
    deadlineText,
    deadlineWarning: active && item.deadline && state !== 'onTime' ? formatTimeLeft(cal, item.deadline, now) : '',
    deadlineColor: STATE_COLOR[state],
    ownerText,
    createdText: `${neutralise(item.createdBy.name)}, ${formatMoment(cal, item.createdAt)}${item.source.startsWith('intake') ? ` (via ${neutralise(item.source.slice(7) || 'intake')})` : ''}`,
    isActive: active,
    canClaim: item.status === 'open',
    showOwnerButton: item.status === 'claimed',
    historyRaw: history,
  };
}

/** The owner's Teams client swaps the card for their private view (Universal Actions refresh). */
export function withOwnerRefresh(card: Record<string, unknown>, item: Item, active: boolean): Record<string, unknown> {
  if (item.owner?.teamsId && active) {
    card.refresh = { action: { type: 'Action.Execute', verb: `${item.kind}.refresh`, data: { id: item.id } }, userIds: [item.owner.teamsId] };
  }
  return card;
}

/** A kind's card head followed by the shared channel part (claim / open my view / history). */
export function channelTemplate(head: { body: unknown[] }): object {
  return { ...head, body: [...head.body, ...channelPart.body] };
}

/** A kind's card head followed by the shared owner part (checklist, done, not reached, new appointment, handover, release, history). */
export function ownerTemplate(head: { body: unknown[] }): object {
  return { ...head, body: [...head.body, ...ownerPart.body] };
}

/** Input values are shown back in inputs (not markdown), so only control characters and ${ are neutralised. */
export function neutraliseValues(v: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x.replace(/\$\{/g, '$\u200b{').replace(/[\u0000-\u001f]/g, ' ');
  return out;
}

/** Colleagues for a picker, optionally without one person (the current owner). */
export async function colleagues(s: Services, tenantId: string, exceptId?: string): Promise<{ id: string; name: string }[]> {
  return (await s.repo.listUsers(tenantId))
    .filter((u) => u.userId !== exceptId)
    .map((u) => ({ id: u.userId, name: neutralise(u.name) }));
}

/** Choice lists for Input.ChoiceSet from a { value: title } map. */
export function choiceList(m: Record<string, string>): { value: string; title: string }[] {
  return Object.entries(m).map(([value, title]) => ({ value, title }));
}

/** The data fields the shared renderer reads (callbacks and appointments both have them). */
export interface OwnedCardData extends OwnedItemData {
  customerName: string;
  details: string;
  sensitive: boolean;
  erased?: boolean;
  attempts: { at: string }[];
  doneNote?: string;
}

export interface FormState {
  values?: Record<string, unknown>;
  errors?: Record<string, string>;
  notice?: Notice;
}

export type OwnedRenderer = ItemCardRenderer & {
  /** The owner view with a refused form's values and per-field errors (itemActions.respond). */
  ownerWithForm(item: Item, s: Services, notice: Notice | undefined, form: FormState): Promise<Record<string, unknown>>;
};

export interface OwnedRendererSpec<D extends OwnedCardData> {
  /** Card heads (kind-specific facts); the shared parts are appended. */
  channelHead: { body: unknown[] };
  ownerHead: { body: unknown[] };
  texts: ItemCardTexts & {
    sensitiveMasked: string;
    history: Record<string, string>;
    card: { checklist: readonly string[] };
  };
  title: (item: Item<D>) => string;
  /** Kind-specific values for both views (may override shared ones, e.g. deadlineText). */
  both?: (item: Item<D>, s: Services, base: Awaited<ReturnType<typeof itemCardCommon>>) => Record<string, unknown>;
  /** Kind-specific values for the owner view only (contact links, extra actions). */
  owner: (item: Item<D>, s: Services, base: Awaited<ReturnType<typeof itemCardCommon>>) => Record<string, unknown> | Promise<Record<string, unknown>>;
}

/**
 * The channel card and owner view of an owned item kind. The channel card never shows contact
 * details, and for a sensitive topic (or erased data) no name or details either.
 */
export function ownedItemRenderer<D extends OwnedCardData>(spec: OwnedRendererSpec<D>): OwnedRenderer {
  const t = spec.texts;
  const channelCard = channelTemplate(spec.channelHead);
  const ownerCard = ownerTemplate(spec.ownerHead);
  const label = (a: string) => t.history[a] ?? a;
  const common = async (raw: Item, s: Services, notice?: Notice) => {
    const item = raw as unknown as Item<D>;
    const base = await itemCardCommon(item, s, t, spec.title(item), notice);
    return { item, c: { ...base, ...(spec.both ? spec.both(item, s, base) : {}) }, base };
  };
  const renderer: OwnedRenderer = {
    async channel(raw, s, notice) {
      const { item, c } = await common(raw, s, notice);
      const d = item.data;
      const hide = d.sensitive || d.erased;
      const card = bind(channelCard, {
        ...c,
        customer: hide ? t.sensitiveMasked : neutralise(d.customerName),
        details: hide ? '' : neutralise(d.details),
        // Interpreter lines stay off the shared card: a language need can reveal origin.
        history: historyLines(c.historyRaw.filter((h) => !isPrivateHistoryAction(h.action)), s.calendar, label, false),
      });
      return withOwnerRefresh(card, raw, c.isActive);
    },
    async owner(raw, s, notice) {
      return renderer.ownerWithForm(raw, s, notice, {});
    },
    async ownerWithForm(raw, s, notice, form) {
      const { item, c, base } = await common(raw, s, notice);
      const d = item.data;
      const card = bind(ownerCard, {
        ...c,
        customer: d.erased ? '—' : neutralise(d.customerName),
        details: d.erased ? '' : neutralise(d.details),
        attemptsText: d.attempts.length ? d.attempts.map((a) => formatMoment(s.calendar, new Date(a.at))).join('; ') : '—',
        doneNote: d.doneNote ? neutralise(d.doneNote) : '',
        checklist: t.card.checklist,
        confirmationChoices: choiceList(confirmationChoices),
        letterHint: '',
        colleagues: await colleagues(s, item.tenantId, item.owner?.id),
        values: neutraliseValues(form.values ?? {}),
        errors: form.errors ?? {},
        history: historyLines(c.historyRaw, s.calendar, label, true),
        ...(await spec.owner(item, s, base)),
      });
      return withOwnerRefresh(card, raw, c.isActive);
    },
  };
  return renderer;
}
