// Cards for follow-up appointments: the kind picker, the form (prefilled with the charter's term
// for the kind), the shared channel card (no contact details; for a sensitive topic no name or
// details either) and the owner's private view. The renderer and shared parts come from
// cards/itemCard.ts; an appointment adds its facts (kind, how, terms), the contact link and the acknowledgement.
import { randomUUID } from 'node:crypto';
import type { Services } from '../../../app/services';
import type { CardTimePorts } from '../../ports';
import {
  APPOINTMENT_KINDS,
  appointmentTerms,
  canAcknowledge,
  MOMENT_IS_MEETING,
  NEEDS_MOMENT_AND_OWNER,
  type AppointmentData,
  type AppointmentKind,
} from '../../../domain/items/appointment';
import type { Person } from '../../../domain/types';
import { deadlineState, formatDeadline, formatMoment, type WorkingCalendar } from '../../../domain/workingTime';
import { nl } from '../../../texts/nl';
import { cap, choiceList, colleagues, neutraliseValues, ownedItemRenderer, STATE_LABEL, type FormState } from '../../cards/itemCard';
import { bind, mdText, safeText, trusted, trustedFields, trustedTexts } from '../../cards/render';
import type { Notice } from '../../feature';
import channelPart from '../../cards/templates/appointmentChannel.json';
import ownerPart from '../../cards/templates/appointmentOwner.json';
import formTemplate from '../../cards/templates/appointmentForm.json';
import chooseTemplate from '../../cards/templates/appointmentChoose.json';
import { momentTerm } from '../../../domain/items/term';
import type { MomentsView } from '../shared/freeMoments';
import { clockTexts } from '../../../texts/nl/clock';

const t = nl.appointments;
const fm = nl.conversation.freeMoments;

/** One line per term of a two-step promise ("Eerste reactie op e-mail: morgen 17:00 · gedaan"); none for a single term. */
function termLines(d: AppointmentData, cal: WorkingCalendar, now: Date, active: boolean): { label: string; text: string }[] {
  if (!d.terms.final) return [];
  const first = new Date(d.terms.first);
  const final = new Date(d.terms.final);
  // The same words and order as every other term (domain/items/term.ts): state word first, then the absolute term.
  const term = (when: Date) => momentTerm(cal, when, now);
  const firstLine = d.firstMetAt
    ? `${term(first).absolute} · ${new Date(d.firstMetAt).getTime() > first.getTime() ? t.card.termLate : t.card.termMet}`
    : active
      ? clockTexts.termLine(term(first).word, term(first).absolute)
      : term(first).absolute;
  const finalLine = active && d.firstMetAt ? clockTexts.termLine(term(final).word, term(final).absolute) : term(final).absolute;
  return [
    { label: d.terms.firstLabel, text: firstLine },
    { label: d.terms.finalLabel ?? '', text: finalLine },
  ];
}

export const appointmentCards = ownedItemRenderer<AppointmentData>({
  channelPart,
  ownerPart,
  texts: t,
  title: (item) => t.card.title(item.id, t.kinds[item.data.promiseKind] ?? item.data.promiseKind),
  both: (item, s, c) => {
    const d = item.data;
    const now = s.clock.now();
    // A walk-in or home visit has a moment, not a term: "maandag 30 november, 10:00", not "uiterlijk …".
    const atMoment = NEEDS_MOMENT_AND_OWNER.has(d.promiseKind) ? item.deadline : null;
    return {
      deadlineLabel: trusted(atMoment ? t.momentLabel[d.promiseKind] : t.card.deadline),
      deadlineText: atMoment
        ? trusted(
            `${formatMoment(s.calendar, atMoment, now)}${c.isActive ? ` · ${STATE_LABEL[deadlineState(s.calendar, atMoment, now)]}` : ''}`,
          )
        : c.deadlineText,
      topic: d.topic,
      howText: trusted(d.how ? (t.choices.how[d.how] ?? '') : ''),
      terms: termLines(d, s.calendar, now, c.isActive).map((l) => trustedFields(l)),
    };
  },
  owner: ({ item, env: s }, c) => {
    const d = item.data;
    const contact =
      d.erased || !d.contact
        ? ''
        : d.contact.kind === 'phone'
          ? `[${d.contact.display}](tel:${d.contact.value})`
          : mdText`[${d.contact.display}](mailto:${trusted(encodeURIComponent(d.contact.value).replace(/%40/g, '@'))})`;
    return {
      contactLink: trusted(contact),
      canAcknowledge: c.isActive && canAcknowledge(d),
      handoverMode: trusted(c.isActive && canAcknowledge(d) ? 'secondary' : 'primary'),
      ackTitle: trusted(t.card.acknowledge[d.promiseKind] ?? ''),
      ackHint: trusted(
        t.card.acknowledgeHint[d.promiseKind]?.(d.terms.final ? formatDeadline(s.calendar, new Date(d.terms.final), s.clock.now()) : '') ??
          '',
      ),
    };
  },
});

/** A one-line description of each kind's term, computed for now (shown in the kind picker). */
function termSummary(s: CardTimePorts, kind: AppointmentKind): string {
  const now = s.clock.now();
  const cal = s.calendar;
  if (NEEDS_MOMENT_AND_OWNER.has(kind)) return kind === 'walkin' ? t.walkinRule : t.formIntro.homevisit;
  const terms = appointmentTerms(cal, kind, now);
  const first = `${terms.firstLabel}: ${formatDeadline(cal, new Date(terms.first), now)}`;
  return terms.final ? `${first}. ${terms.finalLabel}: ${formatDeadline(cal, new Date(terms.final), now)}` : first;
}

export function appointmentChooser(s: CardTimePorts, notice?: Notice): Record<string, unknown> {
  return bind(chooseTemplate, {
    ...trustedFields({ title: t.chooseTitle, intro: t.chooseIntro }),
    notice: notice ? trustedFields({ text: notice.text, style: cap(notice.style) }) : null,
    kinds: APPOINTMENT_KINDS.map((k) => trustedFields({ value: k, title: t.kindButtons[k], term: termSummary(s, k) })),
  });
}

/** The form for one kind, prefilled with the charter's term (e-mail: the full answer; the reply term is fixed). */
export async function appointmentForm(
  s: CardTimePorts & Pick<Services, 'users'>,
  tenantId: string,
  kind: AppointmentKind,
  actor: Person,
  state: FormState & { formId?: string; moments?: MomentsView } = {},
): Promise<Record<string, unknown>> {
  const now = s.clock.now();
  const cal = s.calendar;
  const strict = NEEDS_MOMENT_AND_OWNER.has(kind);
  const prefill: Record<string, string> = { sensitive: 'false' };
  let fixedReply = '';
  if (!strict) {
    const terms = appointmentTerms(cal, kind, now);
    const moment = new Date(terms.final ?? terms.first);
    prefill.date = cal.dayOf(moment);
    prefill.time = cal.timeOf(moment);
    if (kind === 'email' && terms.final) fixedReply = t.fixedReply(formatDeadline(cal, new Date(terms.first), now));
    prefill.owner = actor.id;
  }
  const people = await colleagues(s, tenantId);
  if (!strict && !people.some((p) => safeText(p.value) === actor.id)) people.unshift({ title: actor.name, value: trusted(actor.id) });
  return bind(formTemplate, {
    t: trustedTexts(t),
    f: trustedTexts(t.fields),
    p: trustedTexts(t.placeholders),
    ...trustedFields({
      promiseKind: kind,
      title: t.formTitle[kind],
      intro: t.formIntro[kind],
      rule: kind === 'walkin' ? t.walkinRule : '',
      requiredText: nl.common.fieldRequired,
      fixedReply,
      momentLabel: t.momentLabel[kind],
      momentHint: t.momentHint[kind],
      ownerLabel: strict ? t.fields.ownerRequired : t.fields.owner,
      formId: state.formId ?? randomUUID(),
      lookupTitle: nl.customers.form.lookup,
    }),
    notice: state.notice ? trustedFields({ text: state.notice.text, style: cap(state.notice.style) }) : null,
    // The prefill is ours (the charter's term, the actor's id); typed values are shown back as input values.
    values: { ...trustedFields(prefill), ...neutraliseValues(state.values ?? {}) },
    errors: trustedFields(state.errors ?? {}),
    momentRequired: strict,
    contactRequired: kind === 'walkin',
    showHow: kind === 'walkin',
    howChoices: choiceList(t.choices.how),
    ownerRequired: strict,
    colleagues: people,
    // "Vrije momenten tonen" (shared/freeMoments.ts): a meeting takes the picked moment; an e-mail or letter plans the writing.
    // Its texts are ours (a colleague's name in the label went through sayText).
    fm: trustedTexts({
      button: fm.button,
      hint: MOMENT_IS_MEETING.has(kind) ? fm.hintMeeting : fm.hintWriting,
      notice: '',
      noticeColor: 'Default',
      label: '',
      choices: [],
      value: 'none',
      ...state.moments,
    }),
  });
}
