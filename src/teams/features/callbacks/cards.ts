// Cards for callbacks: the shared channel card (never a phone number; for a sensitive topic no
// name or details either), the owner's private view, and the form.
import { randomUUID } from 'node:crypto';
import type { Services } from '../../../app/services';
import type { CallbackData } from '../../../domain/items/callback';
import { isPrivateHistoryAction } from '../../../domain/items/interpreter';
import { SYSTEM, type Item } from '../../../domain/types';
import { deadlineState, formatDeadline, formatMoment, formatTime, formatTimeLeft } from '../../../domain/workingTime';
import { nl } from '../../../texts/nl';
import { historyLines } from '../../cards/common';
import { bind, neutralise, prepareTemplates } from '../../cards/render';
import type { ItemCardRenderer, Notice } from '../../feature';
import { agendaLine } from '../agenda/cards';
import channelTemplate from '../../cards/templates/callbackChannel.json';
import ownerTemplate from '../../cards/templates/callbackOwner.json';
import formTemplate from '../../cards/templates/callbackForm.json';

prepareTemplates(channelTemplate, ownerTemplate, formTemplate);

const t = nl.callbacks;
const STATE_LABEL = { onTime: 'op tijd', dueToday: 'vandaag', overdue: 'te laat' } as const;
const STATE_COLOR = { onTime: 'Good', dueToday: 'Warning', overdue: 'Attention' } as const;

export interface FormState {
  values?: Record<string, unknown>;
  errors?: Record<string, string>;
  notice?: Notice;
}

async function common(item: Item<CallbackData>, s: Services, notice?: Notice) {
  const now = s.clock.now();
  const cal = s.calendar;
  const d = item.data;
  const active = item.status === 'open' || item.status === 'claimed';
  const state = item.deadline ? deadlineState(cal, item.deadline, now) : 'onTime';
  const deadlineText = item.deadline
    ? active
      ? `${formatDeadline(cal, item.deadline, now)} · ${STATE_LABEL[state]}`
      : formatDeadline(cal, item.deadline, now)
    : '—';
  const ownerText = item.owner
    ? item.status === 'done' && item.closedAt
      ? t.card.doneBy(neutralise(item.owner.name), formatTime(cal, item.closedAt))
      : t.card.claimedBy(neutralise(item.owner.name), d.claimedAt ? formatTime(cal, new Date(d.claimedAt)) : '')
    : t.card.nobody;
  const history = await s.repo.history(item.tenantId, item.id);
  return {
    id: item.id,
    version: item.version,
    title: t.card.title(item.id),
    t: { ...t.card, history: nl.common.history },
    notice: notice ? { text: notice.text, style: cap(notice.style) } : null,
    statusText: t.status[item.status] ?? item.status,
    statusColor: item.status === 'done' ? 'Good' : item.status === 'open' ? 'Attention' : item.status === 'cancelled' ? 'Default' : 'Accent',
    headerStyle: item.status === 'done' ? 'good' : active && state === 'overdue' ? 'attention' : 'emphasis',
    topic: neutralise(d.topic),
    deadlineText,
    deadlineWarning: active && item.deadline && state !== 'onTime' ? formatTimeLeft(cal, item.deadline, now) : '',
    deadlineColor: STATE_COLOR[state],
    ownerText,
    // A person who typed in what came in another way: "(via website)"; the intake itself already says so in its name.
    createdText: `${neutralise(item.createdBy.name)}, ${formatMoment(cal, item.createdAt)}${item.source.startsWith('intake') && item.createdBy.id !== SYSTEM.id ? ` (via ${neutralise(item.source.slice(7) || 'intake')})` : ''}`,
    isActive: active,
    canClaim: item.status === 'open',
    showOwnerButton: item.status === 'claimed',
    historyRaw: history,
    historyCount: history.length,
  };
}

/** The card shows the latest history lines only, so a long-running item stays far below Teams' size limit; storage keeps all. */
const HISTORY_LINES = 20;
function lastLines(lines: { line: string }[]): { line: string }[] {
  if (lines.length <= HISTORY_LINES) return lines;
  return [{ line: t.card.earlierHistory(lines.length - HISTORY_LINES + 1) }, ...lines.slice(-(HISTORY_LINES - 1))];
}

function cap(style: string): string {
  return style.charAt(0).toUpperCase() + style.slice(1);
}

export const callbackCards: ItemCardRenderer & {
  ownerWithForm(item: Item, s: Services, notice: Notice | undefined, form: FormState): Promise<Record<string, unknown>>;
} = {
  async channel(raw, s, notice) {
    const item = raw as unknown as Item<CallbackData>;
    const c = await common(item, s, notice);
    const d = item.data;
    const hide = d.sensitive || d.erased;
    const shared = c.historyRaw.filter((h) => !isPrivateHistoryAction(h.action));
    const card = bind(channelTemplate, {
      ...c,
      customer: hide ? t.sensitiveMasked : neutralise(d.customerName),
      details: hide ? '' : neutralise(d.details),
      // Interpreter lines stay off the shared card: a language need can reveal origin (not even in the count).
      history: lastLines(historyLines(shared, s.calendar, (a) => t.history[a] ?? a, false)),
      historyCount: shared.length,
    });
    // The owner's Teams client swaps this card for their private view (Universal Actions refresh).
    if (item.owner?.teamsId && c.isActive) {
      card.refresh = { action: { type: 'Action.Execute', verb: 'callback.refresh', data: { id: item.id } }, userIds: [item.owner.teamsId] };
    }
    return card;
  },
  async owner(raw, s, notice) {
    return callbackCards.ownerWithForm(raw, s, notice, {});
  },
  async ownerWithForm(raw, s, notice, form) {
    const item = raw as unknown as Item<CallbackData>;
    const c = await common(item, s, notice);
    const d = item.data;
    const profile = [
      d.profile.ageGroup && t.choices.ageGroup[d.profile.ageGroup],
      d.profile.digital && t.choices.digital[d.profile.digital],
      d.profile.attitude && t.choices.attitude[d.profile.attitude],
    ].filter(Boolean).join(', ');
    const colleagues = (await s.repo.listUsers(item.tenantId))
      .filter((u) => u.userId !== item.owner?.id)
      .map((u) => ({ id: u.userId, name: neutralise(u.name) }));
    const card = bind(ownerTemplate, {
      ...c,
      customer: d.erased ? '—' : neutralise(d.customerName),
      phoneLink: d.erased ? '' : `[${d.phoneDisplay}](tel:${d.phone})`,
      details: d.erased ? '' : neutralise(d.details),
      preferredText: d.preferredMoment ? formatMoment(s.calendar, new Date(d.preferredMoment)) : '—',
      channelText: d.preferredChannel ? t.choices.preferredChannel[d.preferredChannel] : '—',
      profileText: profile || '—',
      attemptsText: d.attempts.length ? d.attempts.map((a) => formatMoment(s.calendar, new Date(a.at))).join('; ') : '—',
      doneNote: d.doneNote ? neutralise(d.doneNote) : '',
      checklist: t.card.checklist,
      confirmationChoices: Object.entries(t.choices.confirmation).map(([value, title]) => ({ value, title })),
      letterHint: d.profile.digital === 'nietDigitaal' ? t.card.letterHint : '',
      sensitiveHint: d.sensitive ? t.card.sensitiveHint : '',
      agendaLabel: nl.agenda.card.agenda,
      agendaText: agendaLine(s, item),
      colleagues,
      interpreterText: await interpreterLines(item, s),
      values: neutraliseValues(form.values ?? {}),
      errors: form.errors ?? {},
      history: lastLines(historyLines(c.historyRaw, s.calendar, (a) => t.history[a] ?? a, true)),
    });
    if (item.owner?.teamsId && c.isActive) {
      card.refresh = { action: { type: 'Action.Execute', verb: 'callback.refresh', data: { id: item.id } }, userIds: [item.owner.teamsId] };
    }
    return card;
  },
};

/** The owner view's interpreter line: each linked request with its current status (never the language). */
async function interpreterLines(item: Item<CallbackData>, s: Services): Promise<string> {
  const links = item.data.interpreters ?? [];
  const lines: string[] = [];
  for (const l of links) {
    const req = await s.repo.getItem(item.tenantId, l.id);
    const status = req ? nl.interpreter.status[req.status] ?? req.status : nl.interpreter.status.own;
    lines.push(nl.interpreter.link.line(l.id, status, formatMoment(s.calendar, new Date(l.moment), s.clock.now())));
  }
  return lines.join('\n');
}

/**
 * Input values are shown back in inputs (not markdown), so only control characters and ${ are
 * neutralised; line breaks stay (multi-line inputs).
 */
function neutraliseValues(v: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) {
    if (typeof x === 'string') out[k] = x.replace(/\$\{/g, '$\u200b{').replace(/\r\n?/g, '\n').replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' ');
  }
  return out;
}

/**
 * The form. In a chat or channel it submits with Action.Execute (verb callback.create); in the
 * message extension's dialog (inDialog) with Action.Submit, which is what a dialog hands to submitAction.
 */
export async function callbackForm(s: Services, tenantId: string, state: FormState & { formId?: string; inDialog?: boolean } = {}): Promise<Record<string, unknown>> {
  const colleagues = (await s.repo.listUsers(tenantId)).map((u) => ({ id: u.userId, name: neutralise(u.name) }));
  const choices = Object.fromEntries(
    Object.entries(t.choices).map(([k, m]) => [k, Object.entries(m).map(([value, title]) => ({ value, title }))]),
  );
  return bind(formTemplate, {
    t,
    f: t.fields,
    p: t.placeholders,
    requiredText: nl.common.fieldRequired,
    notice: state.notice ? { text: state.notice.text, style: cap(state.notice.style) } : null,
    values: { sensitive: 'false', ...neutraliseValues(state.values ?? {}) },
    errors: state.errors ?? {},
    colleagues,
    choices,
    formId: state.formId ?? randomUUID(),
    inDialog: state.inDialog === true,
  });
}
