// Cards for twijfelgevallen: the one discussion card (channel, and the manager's 1:1 copy), the
// form, the "zo besloot het team eerder" card shown before posting, and the library results.
// Every value a person typed is bound as user text (bind() neutralises it); input values shown back only lose ${ and control characters.
import { randomUUID } from 'node:crypto';
import type { ItemView } from '../../../app/itemView';
import type { Services } from '../../../app/services';
import type { DecidedCase, SimilarCase } from '../../../domain/exceptions/library';
import type { ExceptionData } from '../../../domain/items/exception';
import { echoOf } from '../../../domain/validation/mask';
import type { HistoryEntry } from '../../../domain/types';
import { formatDay, formatDeadline, formatMoment, formatTime, type WorkingCalendar } from '../../../domain/workingTime';
import { nl } from '../../../texts/nl';
import { bind, md, say, trusted, trustedFields, trustedTexts, type Trusted } from '../../cards/render';
import type { ItemCardRenderer, Notice } from '../../feature';
import channelTemplate from '../../cards/templates/exceptionChannel.json';
import formTemplate from '../../cards/templates/exceptionForm.json';
import similarTemplate from '../../cards/templates/exceptionSimilar.json';
import libraryTemplate from '../../cards/templates/exceptionLibrary.json';

const t = nl.exceptions;

export type OpenForm = 'opinion' | 'decide' | 'manager';

export interface CardFormState {
  open?: OpenForm;
  values?: Record<string, unknown>;
  errors?: Record<string, string>;
}

const STANCE_COLOR: Record<string, string> = { eens: 'Good', nietEens: 'Attention', twijfel: 'Warning' };
const STATUS_COLOR: Record<string, string> = { open: 'Attention', taken: 'Accent', escalated: 'Warning', decided: 'Good' };

function cap(style: string): string {
  return style.charAt(0).toUpperCase() + style.slice(1);
}

/** Input values are shown back in inputs (not markdown), so only control characters and ${ are neutralised. */
function inputValues(v: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v))
    if (typeof x === 'string') out[k] = x.replace(/\$\{/g, '$\u200b{').replace(/[\u0000-\u0009\u000b-\u001f]/g, ' ');
  return out;
}

function choices(m: Record<string, string>, keys: readonly string[]): { title: string; value: string }[] {
  return keys.map((value) => ({ value, title: m[value] }));
}

/** "26 nov 14:40 · Bram Jansen · mening: eens" with the reasoning, newest last. */
function historyLines(history: readonly HistoryEntry[], cal: WorkingCalendar): { line: Trusted }[] {
  return history.map((h) => {
    const d = h.details ?? {};
    const extra =
      typeof d.stance === 'string'
        ? trusted(`: ${t.stance[d.stance]?.toLowerCase() ?? d.stance}`)
        : typeof d.outcome === 'string'
          ? trusted(`: ${t.outcome[d.outcome]?.toLowerCase() ?? d.outcome}`)
          : typeof d.manager === 'string'
            ? md` (${d.manager})`
            : typeof d.urgency === 'string'
              ? trusted(` (${t.urgency[d.urgency]?.toLowerCase() ?? d.urgency})`)
              : '';
    const note = h.note ? md` — ${h.note.length > 140 ? `${h.note.slice(0, 140)}…` : h.note}` : '';
    return {
      line: md`${trusted(formatMoment(cal, h.at))} · ${h.actor.name} · ${trusted(t.history[h.action] ?? nl.integrity.history[h.action] ?? h.action)}${extra}${note}`,
    };
  });
}

function cardData(view: ItemView<ExceptionData>, notice?: Notice, form: CardFormState = {}) {
  const { item, env: s } = view;
  const cal = s.calendar;
  const now = s.clock.now();
  const d = item.data;
  const decided = item.status === 'decided';
  const escalated = item.status === 'escalated';
  const verdict = d.decision;
  const history = view.history;
  return {
    id: item.id,
    version: item.version,
    title: trusted(t.card.title(item.id)),
    t: trustedTexts({ ...t.card, history: nl.common.history }),
    notice: notice ? { text: trusted(notice.text), style: cap(notice.style) } : null,
    statusText: trusted(
      verdict ? `${t.status.decided}: ${t.outcome[verdict.outcome].toLowerCase()}` : (t.status[item.status] ?? item.status),
    ),
    statusColor: verdict ? (verdict.outcome === 'afwijken' ? 'Good' : 'Attention') : (STATUS_COLOR[item.status] ?? 'Default'),
    headerStyle: decided ? 'good' : 'emphasis', // red text on an 'attention' background reaches only 3.6:1
    guideline: !!d.guideline,
    rule: d.rule,
    proposal: d.proposal,
    leaning: d.leaning,
    situation: d.situation,
    askedText: md`${item.createdBy.name}, ${trusted(formatMoment(cal, item.createdAt))}`,
    deadlineText: trusted(item.deadline ? formatDeadline(cal, item.deadline, now) : '—'),
    takenText: d.takenBy
      ? say(t.card.takenByText, d.takenBy.name, trusted(d.takenAt ? formatTime(cal, new Date(d.takenAt)) : ''))
      : trusted(t.card.nobodyYet),
    decided,
    escalated,
    canTake: item.status === 'open',
    questions: trustedTexts(t.card.questions),
    opinionsTitle: trusted(t.card.opinionsTitle(d.opinions.length)),
    opinions: d.opinions.map((o) => ({
      head: say(t.card.opinionHead, o.by.name, trusted(t.stance[o.stance]), trusted(formatMoment(cal, new Date(o.at)))),
      reasoning: o.reasoning,
      color: STANCE_COLOR[o.stance] ?? 'Default',
    })),
    escalationText: d.escalation
      ? say(t.card.escalatedText, d.escalation.manager.name, d.escalation.by.name, trusted(formatMoment(cal, new Date(d.escalation.at))))
      : '',
    escalationReasoning: d.escalation ? d.escalation.reasoning : '',
    decisionStyle: verdict?.outcome === 'afwijken' ? 'good' : 'attention',
    decisionHead: trusted(verdict ? `${t.card.decisionTitle}: ${t.outcome[verdict.outcome].toLowerCase()}` : ''),
    decidedByText: verdict
      ? say(
          verdict.byManager ? t.card.decidedByManager : t.card.decidedBy,
          verdict.by.name,
          trusted(formatMoment(cal, new Date(verdict.at))),
        )
      : '',
    decisionReasoning: verdict ? verdict.reasoning : '',
    customerExplanation: verdict?.customerExplanation ?? '',
    stanceChoices: trustedTexts(choices(t.stance, ['eens', 'nietEens', 'twijfel'])),
    outcomeChoices: trustedTexts(choices(t.outcome, ['afwijken', 'nietAfwijken', 'voorleggen'])),
    managerChoices: trustedTexts(choices(t.outcome, ['afwijken', 'nietAfwijken'])),
    openForm: form.open ?? '',
    values: trustedTexts(inputValues(form.values ?? {})),
    errors: trustedTexts(form.errors ?? {}),
    history: historyLines(history, cal),
  };
}

/** One card for everyone: the channel, the invoke answer and the manager's 1:1 copy are the same. */
export const exceptionCards: ItemCardRenderer & {
  withForm(view: ItemView, notice: Notice | undefined, form: CardFormState): Record<string, unknown>;
} = {
  channel(view, notice) {
    return exceptionCards.withForm(view, notice, {});
  },
  owner(view, notice) {
    return exceptionCards.withForm(view, notice, {});
  },
  withForm(view, notice, form) {
    return bind(channelTemplate, cardData(view as unknown as ItemView<ExceptionData>, notice, form));
  },
};

export interface FormState {
  values?: Record<string, unknown>;
  errors?: Record<string, string>;
  notice?: Notice;
  formId?: string;
}

export function exceptionForm(state: FormState = {}): Record<string, unknown> {
  return bind(formTemplate, {
    t: trustedTexts(t.form),
    f: trustedTexts(t.form.fields),
    p: trustedTexts(t.form.placeholders),
    ...trustedFields({ requiredText: nl.common.fieldRequired, formId: state.formId ?? randomUUID() }),
    notice: state.notice ? trustedFields({ text: state.notice.text, style: cap(state.notice.style) }) : null,
    // Typed values shown back in inputs: made input-safe by inputValues.
    values: trustedFields(inputValues(state.values ?? {})),
    errors: trustedFields(state.errors ?? {}),
    urgencyChoices: trustedTexts(choices(t.urgency, ['vandaag', 'dezeWeek'])),
  });
}

function shortText(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function decisionLine(c: DecidedCase): string {
  return `${t.card.decisionTitle}: ${t.outcome[c.data.decision.outcome].toLowerCase()}`;
}

/** The form's values as they travel in the "Toch plaatsen" and "Vraag aanpassen" buttons. */
export const FORM_FIELDS = ['situation', 'rule', 'proposal', 'leaning', 'urgency'] as const;

export function similarCard(
  s: Pick<Services, 'calendar'>,
  similar: SimilarCase[],
  values: Record<string, unknown>,
  formId: string,
): Record<string, unknown> {
  const cal = s.calendar;
  const card = bind(similarTemplate, {
    t: trustedTexts(t.similar),
    cases: similar.map(({ item: c, matched }) => ({
      head: md`${trusted(c.id)} · ${shortText(c.data.rule, 120)}`,
      guideline: !!c.data.guideline,
      ...trustedFields({
        guidelineText: t.card.guidelineBadge,
        style: c.data.guideline ? 'good' : 'emphasis',
        decision: decisionLine(c),
        decisionColor: c.data.decision.outcome === 'afwijken' ? 'Good' : 'Attention',
      }),
      situation: shortText(c.data.situation, 300),
      reasoning: shortText(c.data.decision.reasoning, 400),
      meta: md`${say(t.similar.decidedOn, trusted(formatDay(cal, cal.dayOf(new Date(c.data.decision.at)))), c.data.decision.by.name)} · ${say(t.similar.matched, matched.join(', '))}`,
    })),
  });
  // The question travels in the buttons' data, set after binding so nothing in it is ever read as a template.
  const data: Record<string, unknown> = { formId };
  for (const f of FORM_FIELDS) if (typeof values[f] === 'string') data[f] = values[f];
  for (const a of (card.actions as Record<string, unknown>[] | undefined) ?? []) {
    a.data = a.id === 'postAnyway' ? { ...data, confirmed: 'true' } : { ...data };
  }
  return card;
}

export function libraryCard(
  s: Pick<Services, 'calendar'>,
  words: string,
  results: DecidedCase[],
  partial: boolean,
  max = 8,
): Record<string, unknown> {
  const cal = s.calendar;
  const shown = results.slice(0, max);
  return bind(libraryTemplate, {
    title: say(t.library.title, echoOf(words)),
    ...trustedFields({
      intro: t.library.intro,
      partial: partial ? t.library.partial : '',
      more: results.length > shown.length ? t.library.more(shown.length, results.length) : '',
      hint: t.library.hint,
    }),
    l: trustedTexts(t.library),
    cases: shown.map((c) => ({
      ...trustedFields({
        head: t.library.head(c.id, formatDay(cal, cal.dayOf(new Date(c.data.decision.at)))),
        guidelineText: t.card.guidelineBadge,
        style: c.data.guideline ? 'good' : 'emphasis',
      }),
      guideline: !!c.data.guideline,
      rule: shortText(c.data.rule, 200),
      situation: shortText(c.data.situation, 300),
      decision: say(
        t.library.decisionText,
        trusted(t.outcome[c.data.decision.outcome]),
        c.data.decision.by.name,
        c.data.decision.byManager,
      ),
      reasoning: shortText(c.data.decision.reasoning, 400),
    })),
  });
}
