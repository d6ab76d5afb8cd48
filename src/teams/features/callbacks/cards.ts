// Cards for callbacks: the shared channel card (never a phone number; for a sensitive topic no
// name or details either), the owner's private view, and the form. The parts every owned kind
// shares (actions, history, refresh) come from cards/itemCard.ts.
import { randomUUID } from 'node:crypto';
import type { Services } from '../../../app/services';
import type { CallbackData } from '../../../domain/items/callback';
import type { Item } from '../../../domain/types';
import { formatMoment } from '../../../domain/workingTime';
import { nl } from '../../../texts/nl';
import { historyLines } from '../../cards/common';
import { cap, channelTemplate, choiceList, colleagues, itemCardCommon, neutraliseValues, ownerTemplate, withOwnerRefresh } from '../../cards/itemCard';
import { bind, neutralise } from '../../cards/render';
import type { ItemCardRenderer, Notice } from '../../feature';
import channelHead from '../../cards/templates/callbackChannel.json';
import ownerHead from '../../cards/templates/callbackOwner.json';
import formTemplate from '../../cards/templates/callbackForm.json';

const t = nl.callbacks;
const channelCard = channelTemplate(channelHead);
const ownerCard = ownerTemplate(ownerHead);

export interface FormState {
  values?: Record<string, unknown>;
  errors?: Record<string, string>;
  notice?: Notice;
}

async function common(item: Item<CallbackData>, s: Services, notice?: Notice) {
  const c = await itemCardCommon(item, s, t, t.card.title(item.id), notice);
  return { ...c, topic: neutralise(item.data.topic) };
}

export const callbackCards: ItemCardRenderer & {
  ownerWithForm(item: Item, s: Services, notice: Notice | undefined, form: FormState): Promise<Record<string, unknown>>;
} = {
  async channel(raw, s, notice) {
    const item = raw as unknown as Item<CallbackData>;
    const c = await common(item, s, notice);
    const d = item.data;
    const hide = d.sensitive || d.erased;
    const card = bind(channelCard, {
      ...c,
      customer: hide ? t.sensitiveMasked : neutralise(d.customerName),
      details: hide ? '' : neutralise(d.details),
      history: historyLines(c.historyRaw, s.calendar, (a) => t.history[a] ?? a, false),
    });
    return withOwnerRefresh(card, raw, c.isActive);
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
    const card = bind(ownerCard, {
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
      confirmationChoices: choiceList(t.choices.confirmation),
      letterHint: d.profile.digital === 'nietDigitaal' ? t.card.letterHint : '',
      colleagues: await colleagues(s, item.tenantId, item.owner?.id),
      values: neutraliseValues(form.values ?? {}),
      errors: form.errors ?? {},
      history: historyLines(c.historyRaw, s.calendar, (a) => t.history[a] ?? a, true),
    });
    return withOwnerRefresh(card, raw, c.isActive);
  },
};

export async function callbackForm(s: Services, tenantId: string, state: FormState & { formId?: string } = {}): Promise<Record<string, unknown>> {
  const choices = Object.fromEntries(Object.entries(t.choices).map(([k, m]) => [k, choiceList(m)]));
  return bind(formTemplate, {
    t,
    f: t.fields,
    p: t.placeholders,
    requiredText: nl.common.fieldRequired,
    notice: state.notice ? { text: state.notice.text, style: cap(state.notice.style) } : null,
    values: { sensitive: 'false', ...neutraliseValues(state.values ?? {}) },
    errors: state.errors ?? {},
    colleagues: await colleagues(s, tenantId),
    choices,
    formId: state.formId ?? randomUUID(),
  });
}
