// One renderer for every owned item kind (callbacks, appointments): the channel card everyone sees
// and the owner's private view. What they share lives here and in the shared template parts
// (lifecycleHead.json: header, notice, sensitive hint; lifecycleChannel.json: details, claim,
// history; lifecycleOwner.json: details, interpreter requests, checklist, owner actions with
// cancel, history). A kind brings its facts (callbackChannel.json, appointmentOwner.json, …) and
// hooks for its own values (phone, profile and agenda; an appointment's terms).
import type { ItemView, RenderEnv } from '../../app/itemView';
import type { Services } from '../../app/services';
import type { InterpreterLink } from '../../domain/items/interpreter';
import { isPrivateHistoryAction } from '../../domain/items/interpreter';
import { SYSTEM, type HistoryEntry, type Item } from '../../domain/types';
import { formatMoment, formatTime, formatTimeLeft, type DeadlineState } from '../../domain/workingTime';
import { itemTerm, termLine } from '../../domain/items/term';
import { absentTexts, clockTexts, stateWords } from '../../texts/nl/clock';
import { cutLongText } from './longText';
import { nl } from '../../texts/nl';
import { confirmationChoices, lifecycleCard } from '../../texts/nl/lifecycle';
import type { ItemCardRenderer, Notice } from '../feature';
import { historyLines, noticeOf } from './common';
import { frozenTexts } from './textsBoundOnce';
import { bind, bindsInOnce, md, prepareTemplates, say, sayText, trusted, trustedTexts, type Trusted } from './render';
import headPart from './templates/lifecycleHead.json';
import channelPart from './templates/lifecycleChannel.json';
import ownerPart from './templates/lifecycleOwner.json';
import { pauseMarkOf } from '../../domain/customers/pause';

export const STATE_LABEL: Record<DeadlineState, string> = {
  onTime: stateWords.onTime,
  dueToday: stateWords.dueToday,
  overdue: stateWords.overdue,
};
// Teams light theme: 'Good' and 'Warning' text reach only about 2:1 and 1.4:1 contrast on white, so a
// state never rests on them; the word carries the state, colour only underlines 'te laat'.
export const STATE_COLOR: Record<DeadlineState, string> = { onTime: 'Default', dueToday: 'Accent', overdue: 'Attention' };

/** The texts a kind's cards need from its module in texts/nl (see texts/nl/lifecycle.ts). */
export interface ItemCardTexts {
  status: Record<string, string>;
  sensitiveMasked: string;
  history: Record<string, string>;
  card: {
    claimedBy: (name: string, time: string) => string;
    doneBy: (name: string, time: string) => string;
    nobody: string;
    checklist: readonly string[];
    earlierHistory: (n: number) => string;
    sensitiveHint: string;
  } & Record<string, unknown>;
}

/** The data fields the shared renderer reads (callbacks and appointments both have them). */
export interface OwnedCardData {
  customerName: string;
  details: string;
  sensitive: boolean;
  erased?: boolean;
  attempts: { at: string }[];
  doneNote?: string;
  answer?: string;
  explanation?: string;
  claimedAt?: string;
  interpreters?: InterpreterLink[];
}

/** The owner view of a finished item says what the customer was told. */
function answerLine(d: OwnedCardData): Trusted | '' {
  if (!d.answer) return '';
  return say(lifecycleCard.answerLine, trusted(nl.conversation.answers[d.answer] ?? d.answer), d.explanation ?? '');
}

export function cap(style: string): string {
  return style.charAt(0).toUpperCase() + style.slice(1);
}

/** The card shows the latest history lines only, so a long-running item stays far below Teams' size limit; storage keeps all. */
export const HISTORY_LINES = 20;

export function lastLines(lines: { line: Trusted }[], earlier: (n: number) => string): { line: Trusted }[] {
  if (lines.length <= HISTORY_LINES) return lines;
  return [{ line: trusted(earlier(lines.length - HISTORY_LINES + 1)) }, ...lines.slice(-(HISTORY_LINES - 1))];
}

/** A kind's card texts, made once and frozen: bind compares them by identity (textsBoundOnce.ts frozenTexts). */
const cardTexts = new WeakMap<ItemCardTexts, object>();
function cardTextsOf(texts: ItemCardTexts): object {
  let t = cardTexts.get(texts);
  if (!t) {
    t = frozenTexts({
      ...texts.card,
      history: nl.common.history,
      showMore: clockTexts.showMore,
      ownerAbsent: absentTexts.ownerAbsent,
      takeOver: absentTexts.takeOver,
    });
    cardTexts.set(texts, t);
  }
  return t;
}

/** The values every owned item's channel card and owner view bind. */
export function itemCardCommon(view: ItemView<OwnedCardData>, texts: ItemCardTexts, title: string, notice?: Notice) {
  const { item, env: s } = view;
  const now = s.clock.now();
  const cal = s.calendar;
  const active = item.status === 'open' || item.status === 'claimed';
  // The one decision on terms (domain/items/term.ts): state word first, then the absolute day and
  // time, so a card that could not be updated still does not lie; a finished card says if it was kept.
  const term = itemTerm(item, cal, now);
  const state: DeadlineState = term.state === 'noDeadline' ? 'onTime' : term.state;
  const deadlineText = termLine(item, cal, now);
  const ownerText = item.owner
    ? item.status === 'done' && item.closedAt
      ? say(texts.card.doneBy, item.owner.name, trusted(formatTime(cal, item.closedAt)))
      : say(texts.card.claimedBy, item.owner.name, trusted(item.data.claimedAt ? formatTime(cal, new Date(item.data.claimedAt)) : ''))
    : trusted(texts.card.nobody);
  const history = view.history;
  return {
    id: item.id,
    // Ours, and the same on every bind of a kind's card: bound into the template copy (CHANNEL_FIXED, OWNER_FIXED).
    kind: trusted(item.kind),
    // Every button's data (its verb's contract: the id and the version it was clicked on) as one
    // value: one expression per button instead of two.
    buttonData: { id: item.id, v: item.version },
    title: trusted(title),
    t: trustedTexts(cardTextsOf(texts)),
    notice: noticeOf(notice),
    statusText: trusted(texts.status[item.status] ?? item.status),
    // Words carry the status; colours stay readable on Teams' light theme (no 'Good'/'Warning' text).
    statusColor:
      item.status === 'open'
        ? 'Attention'
        : item.status === 'done' || item.status === 'cancelled' || item.status === 'notReached'
          ? 'Default'
          : 'Accent',
    // No 'attention' background: the red status text on it reaches only 3.6:1 (test/unit/contrast.test.ts); 'te laat' is said in words.
    headerStyle: item.status === 'done' ? 'good' : 'emphasis',
    deadlineText: trusted(deadlineText),
    // Only how late (changes at a working day's midnight, when the card is updated anyway); no hourly countdown that would go stale.
    deadlineWarning: trusted(active && term.term && state === 'overdue' ? formatTimeLeft(cal, term.term, now) : ''),
    deadlineColor: STATE_COLOR[state],
    ownerText,
    // A person who typed in what came in another way: "(via website)"; the intake itself already says so in its name.
    createdText: md`${item.createdBy.name}, ${trusted(formatMoment(cal, item.createdAt))}${item.source.startsWith('intake') && item.createdBy.id !== SYSTEM.id ? md` (via ${item.source.slice(7) || 'intake'})` : ''}`,
    isActive: active,
    canClaim: item.status === 'open',
    showOwnerButton: item.status === 'claimed',
    // The owner is away for the rest of the term: the channel card says so and offers "Overnemen".
    absentText:
      active && item.owner && (item.data as { ownerAbsent?: unknown }).ownerAbsent ? say(absentTexts.ownerAbsentLine, item.owner.name) : '',
    // Owner view: at most four visible buttons; with a main action of its own (appointment: acknowledge) Overdragen goes into "…" too.
    handoverMode: trusted('primary'),
    historyRaw: history,
  };
}

export type CardCommon = ReturnType<typeof itemCardCommon>;

/** The owner's Teams client swaps the card for their private view (Universal Actions refresh). */
export function withOwnerRefresh(card: Record<string, unknown>, item: Item, active: boolean): Record<string, unknown> {
  if (item.owner?.teamsId && active) {
    card.refresh = {
      action: { type: 'Action.Execute', verb: `${item.kind}.refresh`, data: { id: item.id } },
      userIds: [item.owner.teamsId],
    };
  }
  return card;
}

/** A kind's card part: its facts (body) and, for the owner view, its own action sets (placed before the shared ones). */
export interface KindPart {
  body: unknown[];
  actions?: unknown[];
}

const CARD = { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5' };

/**
 * Root values the same on nearly every bind of a kind's card, bound in with its texts
 * (textsBoundOnce.ts): the kind (in every verb), which view, where Overdragen goes (an appointment
 * to acknowledge: into "…"), and the form's values when no refused form is shown again (empty).
 */
const CHANNEL_FIXED = ['kind', 'ownerView'];
const OWNER_FIXED = ['kind', 'ownerView', 'handoverMode', 'values'];

/** Shared head, the kind's facts, then the shared channel part (details, claim / open my view, history). */
export function channelTemplate(kind: KindPart): object {
  return { ...CARD, body: [...headPart.body, ...kind.body, ...channelPart.body] };
}

/** Shared head, the kind's facts, shared details, the kind's actions, then the shared owner actions and history. */
export function ownerTemplate(kind: KindPart): object {
  return { ...CARD, body: [...headPart.body, ...kind.body, ...ownerPart.info, ...(kind.actions ?? []), ...ownerPart.body] };
}

/**
 * Input values are shown back in inputs (not markdown), so only control characters and ${ are
 * neutralised; line breaks stay (multi-line inputs).
 */
export function neutraliseValues(v: Record<string, unknown>): Record<string, Trusted> {
  const out: Record<string, Trusted> = {};
  for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = inputValue(x);
  return out;
}

function inputSafe(x: string): string {
  return x
    .replace(/\$\{/g, '$\u200b{')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' ');
}

/** One typed value shown back in an input (see neutraliseValues). */
export function inputValue(x: string): Trusted {
  return trusted(inputSafe(x));
}

/**
 * After a refused submit the folded part (Action.ShowCard) that holds a field with an error is shown
 * open, in place, with the messages at the fields (issue 18): Teams would show it folded again.
 */
export function unfoldWithErrors(card: Record<string, unknown>, fieldIds: string[]): void {
  const ids = new Set(fieldIds);
  const hasErrorInput = (items: unknown): boolean =>
    Array.isArray(items) &&
    items.some((e) => {
      const o = e as Record<string, unknown>;
      return (
        (typeof o?.type === 'string' && o.type.startsWith('Input.') && ids.has(String(o.id))) ||
        hasErrorInput(o?.items) ||
        hasErrorInput(o?.columns)
      );
    });
  const walk = (list: unknown): void => {
    if (!Array.isArray(list)) return;
    for (let i = 0; i < list.length; i++) {
      const el = list[i] as Record<string, unknown>;
      if (el?.type === 'ActionSet' && Array.isArray(el.actions)) {
        const actions = el.actions as Record<string, unknown>[];
        const k = actions.findIndex((a) => a.type === 'Action.ShowCard' && hasErrorInput((a.card as Record<string, unknown>)?.body));
        if (k >= 0) {
          const fold = actions[k]!;
          const inner = fold.card as Record<string, unknown>;
          const open = {
            type: 'Container',
            style: 'emphasis',
            spacing: 'Small',
            items: [
              { type: 'TextBlock', text: String(fold.title ?? ''), weight: 'Bolder', wrap: true },
              ...(inner.body as unknown[]),
              { type: 'ActionSet', actions: inner.actions ?? [] },
            ],
          };
          const rest = actions.filter((_, j) => j !== k);
          list.splice(i, 1, ...(rest.length ? [{ ...el, actions: rest }] : []), open);
          return;
        }
      }
      walk(el?.items);
    }
  };
  walk(card.body);
}

/**
 * A colleague picker's choices, ready for Input.ChoiceSet (`"choices": "${colleagues}"`): one
 * expression for the whole list instead of a `$data` repeat with two per colleague, a tenth of
 * the owner view's binding time with 40 colleagues. The name is user text: bind() neutralises it.
 */
export interface ColleagueChoice {
  title: string;
  value: Trusted;
}

/** The choices for `people`, optionally without one person (the current owner). */
function colleagueChoices(people: readonly { userId: string; name: string }[], exceptId?: string): ColleagueChoice[] {
  return people.filter((u) => u.userId !== exceptId).map((u) => ({ title: u.name, value: trusted(u.userId) }));
}

/** Colleagues for a picker from an item's view (the view's list, read at most every few seconds). */
export function colleaguesOf(view: ItemView, exceptId?: string): ColleagueChoice[] {
  return colleagueChoices(view.colleagues, exceptId);
}

/** Colleagues for a form's picker, read now. */
export async function colleagues(s: Pick<Services, 'users'>, tenantId: string, exceptId?: string): Promise<ColleagueChoice[]> {
  return colleagueChoices(await s.users.listUsers(tenantId), exceptId);
}

/** Choice lists for Input.ChoiceSet from a { value: title } map. */
export function choiceList(m: Record<string, string>): { value: Trusted; title: Trusted }[] {
  return Object.entries(m).map(([value, title]) => ({ value: trusted(value), title: trusted(title) }));
}

/** The owner view's interpreter line: each linked request with its current status (never the language). */
export function interpreterLines(view: ItemView<OwnedCardData>): string {
  const { item, env: s } = view;
  const lines: string[] = [];
  for (const l of item.data.interpreters ?? []) {
    const req = view.linked.get(l.id) ?? null;
    const status = req ? (nl.interpreter.status[req.status] ?? req.status) : nl.interpreter.status.own;
    lines.push(nl.interpreter.link.line(l.id, status, formatMoment(s.calendar, new Date(l.moment), s.clock.now())));
  }
  return lines.join('\n');
}

export interface FormState {
  values?: Record<string, unknown>;
  errors?: Record<string, string>;
  notice?: Notice;
}

export type OwnedRenderer = ItemCardRenderer & {
  /** The owner view with a refused form's values and per-field errors (itemActions.respond). */
  ownerWithForm(view: ItemView, notice: Notice | undefined, form: FormState): Record<string, unknown>;
};

export interface OwnedRendererSpec<D extends OwnedCardData> {
  /** The kind's facts for the channel card and for the owner view; the shared parts go around them. */
  channelPart: KindPart;
  ownerPart: KindPart;
  texts: ItemCardTexts;
  title: (item: Item<D>) => string;
  /** Kind-specific values for both views (may override shared ones, e.g. deadlineText). */
  both?: (item: Item<D>, env: RenderEnv, base: CardCommon) => Record<string, unknown>;
  /** Kind-specific values for the owner view only (contact links, profile, agenda, extra actions). */
  owner: (view: ItemView<D>, base: CardCommon) => Record<string, unknown>;
}

/**
 * The channel card and owner view of an owned item kind. The channel card never shows contact
 * details, nor interpreter lines (a language need can reveal origin, not even in the count), and
 * for a sensitive topic (or erased data) no name or details either.
 */
export function ownedItemRenderer<D extends OwnedCardData>(spec: OwnedRendererSpec<D>): OwnedRenderer {
  const t = spec.texts;
  const channelCard = channelTemplate(spec.channelPart);
  const ownerCard = ownerTemplate(spec.ownerPart);
  // Parsed once at start: the first click is answered as fast as any.
  prepareTemplates(channelCard, ownerCard);
  bindsInOnce(channelCard, CHANNEL_FIXED);
  bindsInOnce(ownerCard, OWNER_FIXED);
  const label = (a: string) => t.history[a] ?? nl.integrity.history[a] ?? a;
  const lines = (history: readonly HistoryEntry[], s: RenderEnv, withNotes: boolean) =>
    lastLines(historyLines(history, s.calendar, label, withNotes), t.card.earlierHistory);
  const common = (rawView: ItemView, notice?: Notice) => {
    const view = rawView as unknown as ItemView<D>;
    const item = view.item;
    const base = itemCardCommon(rawView as unknown as ItemView<OwnedCardData>, t, spec.title(item), notice);
    return { view, item, s: view.env, c: { ...base, ...(spec.both ? spec.both(item, view.env, base) : {}) }, base };
  };
  const renderer: OwnedRenderer = {
    channel(rawView, notice) {
      const raw = rawView.item;
      const { item, s, c } = common(rawView, notice);
      const d = item.data;
      const hide = d.sensitive || d.erased;
      const shared = c.historyRaw.filter((h) => !isPrivateHistoryAction(h.action));
      const card = bind(channelCard, {
        ...c,
        historyRaw: undefined, // for the lines below; no template reads it
        ownerView: false,
        sensitiveHint: '',
        customer: d.erased ? trusted(nl.privacy.erasedCustomer) : hide ? trusted(t.sensitiveMasked) : d.customerName,
        details: hide ? '' : d.details,
        // Long text: cut with the rest behind "Meer tonen" (the buttons stay in view).
        detailsShort: hide ? '' : cutLongText(d.details).short,
        history: lines(shared, s, false),
        historyCount: shared.length,
      });
      return withOwnerRefresh(card, raw, c.isActive);
    },
    owner(view, notice) {
      return renderer.ownerWithForm(view, notice, {});
    },
    ownerWithForm(rawView, notice, form) {
      const raw = rawView.item;
      // The customer's contact is paused (veilige dienstverlening): always said on top, before the answer to a click.
      const pause = pauseMarkOf(raw);
      const pauseText = pause
        ? `${sayText(nl.customers.pause.ownerView, pause.reason)}${raw.data.held === true ? ` ${nl.customers.pause.held}` : ''}`
        : '';
      const shown: Notice | undefined = pause
        ? { text: notice ? `${pauseText}\n\n${notice.text}` : pauseText, style: 'attention' }
        : notice;
      const { view, item, s, c, base } = common(rawView, shown);
      const d = item.data;
      const card = bind(ownerCard, {
        ...c,
        historyRaw: undefined, // for the lines below; no template reads it
        ownerView: true,
        sensitiveHint: trusted(d.sensitive ? t.card.sensitiveHint : ''),
        customer: d.erased ? '—' : d.customerName,
        details: d.erased ? '' : d.details,
        attemptsText: trusted(d.attempts.length ? d.attempts.map((a) => formatMoment(s.calendar, new Date(a.at))).join('; ') : '—'),
        doneNote: d.doneNote ?? '',
        checklist: trustedTexts(t.card.checklist),
        confirmationChoices: choiceList(confirmationChoices),
        answerChoices: choiceList(nl.conversation.answers),
        toldChoices: choiceList(nl.conversation.told.choices),
        answerText: answerLine(d),
        letterHint: '',
        interpreterText: trusted(interpreterLines(view)),
        colleagues: colleaguesOf(rawView, item.owner?.id),
        values: neutraliseValues(form.values ?? {}),
        errors: trustedTexts(form.errors ?? {}),
        history: lines(c.historyRaw, s, true),
        historyCount: c.historyRaw.length,
        ...spec.owner(view, base),
      });
      if (form.errors && Object.keys(form.errors).length) unfoldWithErrors(card, Object.keys(form.errors));
      return withOwnerRefresh(card, raw, c.isActive);
    },
  };
  return renderer;
}
