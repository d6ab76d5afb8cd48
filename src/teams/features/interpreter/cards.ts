// Cards for interpreter requests. They only ever go to the 1:1 chat of the person who asked (and a
// manager's own chat): step 1 (can the customer bring their own interpreter?), the own-interpreter
// form, the booking form (step 2), the request itself (booking details, tracking) and the monthly
// overview. The "channel" card of the renderer names nothing: no language, no customer.
import { randomUUID } from 'node:crypto';
import type { ItemView, RenderEnv } from '../../../app/itemView';
import {
  INTERPRETER_MODES,
  OTHER_LANGUAGE,
  OWN_BY,
  previousWorkingDay,
  type InterpreterData,
  type InterpreterMonthFigures,
} from '../../../domain/items/interpreter';
import type { Item } from '../../../domain/types';
import { formatDay, formatDeadline, formatMoment } from '../../../domain/workingTime';
import { nl } from '../../../texts/nl';
import { LANGUAGES } from '../../../texts/nl/interpreter';
import { MONTH_NAMES } from '../../../texts/nl/workingTime';
import { historyLines, noticeCard } from '../../cards/common';
import { bind, md, safeText, trusted, trustedFields, trustedTexts, type Trusted } from '../../cards/render';
import type { ItemCardRenderer, Notice } from '../../feature';
import startTemplate from '../../cards/templates/interpreterStart.json';
import ownFormTemplate from '../../cards/templates/interpreterOwnForm.json';
import formTemplate from '../../cards/templates/interpreterForm.json';
import ownerTemplate from '../../cards/templates/interpreterOwner.json';
import overviewTemplate from '../../cards/templates/interpreterOverview.json';

const t = nl.interpreter;

export interface FormState {
  values?: Record<string, unknown>;
  errors?: Record<string, string>;
  notice?: Notice;
  formId?: string;
}

function cap(style: string): string {
  return style.charAt(0).toUpperCase() + style.slice(1);
}

function noticeOf(n: Notice | undefined) {
  return n ? trustedFields({ text: n.text, style: cap(n.style) }) : null;
}

/** Input values are shown back in inputs (not markdown), so only control characters and ${ are neutralised. */
function neutraliseValues(v: Record<string, unknown>): Record<string, Trusted> {
  const out: Record<string, Trusted> = {};
  for (const [k, x] of Object.entries(v)) {
    if (typeof x === 'string') out[k] = trusted(x.replace(/\$\{/g, '$\u200b{').replace(/[\u0000-\u001f]/g, ' '));
    else if (typeof x === 'number' && Number.isFinite(x)) out[k] = trusted(String(x));
  }
  return out;
}

/** Input.Number wants a number or nothing: drop an empty or unreadable bound value. */
function fixNumberInput(card: Record<string, unknown>, id: string): Record<string, unknown> {
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'Input.Number' && o.id === id) {
        const n =
          typeof o.value === 'string' && o.value.trim() !== ''
            ? Number(o.value.replace(',', '.'))
            : typeof o.value === 'number'
              ? o.value
              : NaN;
        if (Number.isFinite(n)) o.value = n;
        else delete o.value;
      }
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return card;
}

/** The relatedId we pass along in card data: only something that looks like an id. */
export function cleanRelatedId(v: unknown): string {
  const s = typeof v === 'string' ? v.trim().toUpperCase() : '';
  return /^[A-Z]{2,4}-\d{1,9}$/.test(s) ? s : '';
}

export function startCard(relatedId: string, notice?: Notice): Record<string, unknown> {
  const id = cleanRelatedId(relatedId);
  return bind(startTemplate, {
    t: trustedTexts(t.start),
    // The id is cleaned to the shape of an item id (cleanRelatedId).
    ...trustedFields({ hint: t.card.ownerOnlyHint, relatedId: id, relatedText: id ? t.start.related(id) : '' }),
    notice: noticeOf(notice),
  });
}

export function ownFormCard(state: FormState = {}): Record<string, unknown> {
  return bind(ownFormTemplate, {
    t: trustedTexts(t.ownForm),
    f: trustedTexts(t.fields),
    ...trustedFields({ hint: t.card.ownerOnlyHint, requiredText: nl.common.fieldRequired, formId: state.formId ?? randomUUID() }),
    notice: noticeOf(state.notice),
    values: neutraliseValues(state.values ?? {}),
    errors: trustedFields(state.errors ?? {}),
    ownByChoices: OWN_BY.map((value) => trustedFields({ value, title: t.ownBy[value] })),
  });
}

export function bookingFormCard(state: FormState = {}): Record<string, unknown> {
  const card = bind(formTemplate, {
    t: trustedTexts(t.form),
    f: trustedTexts(t.fields),
    ...trustedFields({
      hint: t.card.ownerOnlyHint,
      requiredText: nl.common.fieldRequired,
      momentHint: t.momentHint,
      formId: state.formId ?? randomUUID(),
    }),
    notice: noticeOf(state.notice),
    values: neutraliseValues(state.values ?? {}),
    errors: trustedFields(state.errors ?? {}),
    languages: [...LANGUAGES.map((l) => ({ value: l, title: l })), { value: OTHER_LANGUAGE, title: t.languageOther }].map((c) =>
      trustedFields(c),
    ),
    modes: INTERPRETER_MODES.map((value) => trustedFields({ value, title: t.modes[value] })),
  });
  return fixNumberInput(card, 'duration');
}

function phoneLine(phone: string): string {
  const display = phone.replace(/[^+\d\s()-]/g, '').trim();
  const dial = display.replace(/[^+\d]/g, '');
  return display && dial ? t.card.callLine(`[${display}](tel:${dial})`) : '';
}

function momentText(s: RenderEnv, d: InterpreterData): string {
  const moment = new Date(d.moment);
  const text = formatMoment(s.calendar, moment, s.clock.now());
  return d.mode === 'phoneNow' ? `${t.card.now} (${text})` : text;
}

/** The lines to paste into the interpreter service's booking form. */
export function bookingText(s: RenderEnv, d: InterpreterData): string {
  const c = t.card.copy;
  const lines = [
    s.config.interpreter.customerNumber ? `${c.customerNumber}: ${s.config.interpreter.customerNumber}` : '',
    `${c.language}: ${d.language ?? ''}`,
    `${c.mode}: ${d.mode ? t.modes[d.mode] : ''}`,
    `${c.moment}: ${momentText(s, d)}`,
    `${c.duration}: ${t.card.minutes(d.durationMinutes ?? 0)}`,
    d.mode === 'onSite' && d.address ? `${c.address}: ${d.address}` : '',
  ];
  return lines
    .filter(Boolean)
    .join('\n')
    .replace(/\$\{/g, '$\u200b{')
    .replace(/[\u0000-\u0009\u000b-\u001f]/g, ' ');
}

const STATUS_COLOR: Record<string, string> = { own: 'Good', requested: 'Warning', confirmed: 'Accent', done: 'Good', cancelled: 'Default' };

function ownerCard(view: ItemView, notice: Notice | undefined, form: FormState): Record<string, unknown> {
  const s = view.env;
  const item = view.item as unknown as Item<InterpreterData>;
  const d = item.data;
  const cal = s.calendar;
  const now = s.clock.now();
  const active = !item.closedAt;
  // A fact's value is user text (a plain string) or ours (Trusted); empty ones are left out.
  const facts: { title: Trusted; value: Trusted | string }[] = [];
  const add = (title: string, value: Trusted | string | undefined) => {
    if (value !== undefined && safeText(value)) facts.push({ title: trusted(title), value });
  };
  const ours = (text: string | undefined) => trusted(text ?? '');
  if (d.path === 'own') {
    add(t.card.ownBy, ours(d.ownBy ? t.ownBy[d.ownBy] : t.status.own));
    add(t.card.moment, ours(momentText(s, d)));
  } else {
    add(t.card.language, d.erased ? ours('—') : (d.language ?? ''));
    add(t.card.mode, ours(d.mode ? t.modes[d.mode] : ''));
    add(t.card.moment, ours(momentText(s, d)));
    add(t.card.duration, ours(d.durationMinutes ? t.card.minutes(d.durationMinutes) : ''));
    if (d.mode === 'onSite') add(t.card.address, d.erased ? ours('—') : (d.address ?? ''));
    if (item.status === 'requested' && d.confirmBy) {
      const by = formatDeadline(cal, new Date(d.confirmBy), now);
      add(t.card.confirmBy, ours(by.startsWith('uiterlijk') ? by : `uiterlijk ${by}`));
    }
    add(t.card.reference, d.reference ?? '');
  }
  add(t.card.related, d.relatedId ?? '');
  if (item.status === 'cancelled') add(t.card.cancelReason, d.cancelReason ?? '');
  add(t.card.createdBy, md`${item.createdBy.name}, ${trusted(formatMoment(cal, item.createdAt, now))}`);

  let ownReminderText = '';
  if (item.status === 'own') {
    const checkDay = previousWorkingDay(cal, cal.dayOf(new Date(d.moment)));
    if (checkDay > cal.dayOf(item.createdAt) && checkDay >= cal.dayOf(now))
      ownReminderText = t.card.ownReminderPlanned(formatDay(cal, checkDay, now));
  }
  const history = view.history;
  const showBooking = d.path === 'service' && item.status === 'requested';
  const card = bind(ownerTemplate, {
    ...trustedFields({
      id: item.id,
      title: t.card.title(item.id),
      historyTitle: nl.common.history,
      statusText: t.status[item.status] ?? item.status,
      statusColor: STATUS_COLOR[item.status] ?? 'Default',
      headerStyle: item.status === 'done' ? 'good' : 'emphasis',
      ownReminderText,
      // The booking text is shown in an input to copy: bookingText() makes it input-safe.
      copyText: showBooking && !d.erased ? bookingText(s, d) : '',
      callLine: phoneLine(s.config.interpreter.phone),
      serviceUrl: s.config.interpreter.serviceUrl,
      openStyle: item.status === 'requested' ? 'positive' : 'default',
    }),
    version: item.version,
    t: trustedTexts(t.card),
    notice: noticeOf(notice),
    facts,
    showBooking,
    steps: t.card.bookSteps.map((line, i) => ({ line: trusted(`${i + 1}. ${line}`) })),
    showServiceLink: d.path === 'service' && (item.status === 'requested' || item.status === 'confirmed'),
    isRequested: item.status === 'requested',
    isConfirmed: item.status === 'confirmed',
    isOwn: item.status === 'own',
    isActive: active,
    cancelOpen: !!form.errors?.reason,
    values: neutraliseValues(form.values ?? {}),
    errors: trustedFields(form.errors ?? {}),
    history: historyLines(history, cal, (a) => t.history[a] ?? nl.integrity.history[a] ?? a, true),
  });
  if (item.owner?.teamsId && active) {
    card.refresh = {
      action: { type: 'Action.Execute', verb: 'interpreter.refresh', data: { id: item.id } },
      userIds: [item.owner.teamsId],
    };
  }
  return card;
}

/** A card that names nothing but the id and the status: what anyone but the owner or a manager gets. */
export function neutralCard(item: Item, notice?: Notice): Record<string, unknown> {
  const text = `${t.card.title(item.id)}: ${t.status[item.status] ?? item.status}.`;
  return noticeCard(trusted(notice ? `${notice.text} ${text}` : text), notice?.style ?? 'accent');
}

export const interpreterCards: ItemCardRenderer & {
  ownerWithForm(view: ItemView, notice: Notice | undefined, form: FormState): Record<string, unknown>;
} = {
  // Never posted (interpreter requests are not a channel kind); safe if anything ever asks.
  channel(view, notice) {
    return neutralCard(view.item, notice);
  },
  owner(view, notice) {
    return ownerCard(view, notice, {});
  },
  ownerWithForm(view, notice, form) {
    return ownerCard(view, notice, form);
  },
};

export function overviewCard(
  f: InterpreterMonthFigures,
  hasNext: boolean,
  previousMonth: string,
  nextMonth: string,
): Record<string, unknown> {
  const monthName = `${MONTH_NAMES[Number(f.month.slice(5, 7)) - 1]} ${f.month.slice(0, 4)}`;
  return bind(overviewTemplate, {
    t: trustedTexts(t.overview),
    ...trustedFields({ title: t.overview.title(monthName), previousMonth, nextMonth }),
    isEmpty: f.total === 0 && f.cancelled === 0,
    f: trustedFields({
      total: String(f.total),
      own: String(f.own),
      service: String(f.service),
      done: String(f.done),
      cancelled: String(f.cancelled),
      minutes: String(f.minutes),
    }),
    // A language can be typed ("anders"): user text.
    languages: f.perLanguage.map((l) => ({ title: l.language, value: trusted(String(l.count)) })),
    modes: f.perMode.map((m) => trustedFields({ title: t.modes[m.mode] ?? m.mode, value: String(m.count) })),
    hasNext,
  });
}
