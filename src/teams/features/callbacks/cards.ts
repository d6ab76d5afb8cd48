// Cards for callbacks: the channel card (never a phone number; for a sensitive topic no name or
// details either), the owner's private view, and the form. The renderer and everything owned items
// share come from cards/itemCard.ts; a callback adds its facts and the phone, profile and agenda.
import { randomUUID } from 'node:crypto';
import type { Services } from '../../../app/services';
import type { CallbackData } from '../../../domain/items/callback';
import { formatMoment } from '../../../domain/workingTime';
import { nl } from '../../../texts/nl';
import { cap, choiceList, colleagues, neutraliseValues, ownedItemRenderer, type FormState } from '../../cards/itemCard';
import { bind, prepareTemplates, trusted, trustedFields, trustedTexts } from '../../cards/render';
import { agendaLine } from '../agenda/cards';
import { customerNeeds, needsHints, profileLines } from '../../../domain/customers/profile';
import channelPart from '../../cards/templates/callbackChannel.json';
import ownerPart from '../../cards/templates/callbackOwner.json';
import formTemplate from '../../cards/templates/callbackForm.json';
import type { MomentsView } from '../shared/freeMoments';

prepareTemplates(formTemplate);

export type { FormState, MomentsView };
const t = nl.callbacks;

export const callbackCards = ownedItemRenderer<CallbackData>({
  channelPart,
  ownerPart,
  texts: t,
  title: (item) => t.card.title(item.id),
  both: (item) => ({ topic: item.data.topic }),
  owner: (view) => {
    const { item, env: s } = view;
    const d = item.data;
    // The customer record fills in what this callback did not ask (a returning customer's klantbeeld).
    const record = typeof d.customerId === 'string' && !d.erased ? view.customer : null;
    const known = { ...record?.profile, ...d.profile };
    const channel = d.preferredChannel ?? record?.preferredChannel;
    const needs = customerNeeds(known, channel);
    // All ours: the phone number is validated and formatted by the rules, the rest comes from texts/nl.
    return trustedFields({
      phoneLink: d.erased ? '' : `[${d.phoneDisplay}](tel:${d.phone})`,
      preferredText: d.preferredMoment ? formatMoment(s.calendar, new Date(d.preferredMoment)) : '—',
      channelText: channel ? t.choices.preferredChannel[channel] : '—',
      profileText: profileLines(known).join('; ') || '—',
      letterHint: !d.erased && needs.notDigital ? nl.customers.needs.letter : '',
      // What the klantbeeld asks: a letter, the digital options, or help (home visit, more attempts, someone they trust).
      needsText: d.erased ? '' : needsHints(needs).join('\n\n'),
      customerCardText: record ? nl.customers.ownerViewLink(record.id) : '',
      agendaLabel: nl.agenda.card.agenda,
      agendaText: agendaLine(s, item),
    });
  },
});

/**
 * The form. In a chat or channel it submits with Action.Execute (verb callback.create); in the
 * message extension's dialog (inDialog) with Action.Submit, which is what a dialog hands to submitAction.
 */
export async function callbackForm(
  s: Pick<Services, 'users'>,
  tenantId: string,
  state: FormState & { formId?: string; inDialog?: boolean; moments?: MomentsView } = {},
): Promise<Record<string, unknown>> {
  const choices = Object.fromEntries(Object.entries(t.choices).map(([k, m]) => [k, choiceList(m)]));
  return bind(formTemplate, {
    t: trustedTexts(t),
    f: trustedTexts(t.fields),
    p: trustedTexts(t.placeholders),
    ...trustedFields({
      requiredText: nl.common.fieldRequired,
      formId: state.formId ?? randomUUID(),
      lookupTitle: nl.customers.form.lookup,
      sensitiveSuggestion: nl.conversation.sensitiveSuggestion,
    }),
    notice: state.notice ? trustedFields({ text: state.notice.text, style: cap(state.notice.style) }) : null,
    values: { sensitive: trusted('false'), ...neutraliseValues(state.values ?? {}) },
    errors: trustedFields(state.errors ?? {}),
    colleagues: await colleagues(s, tenantId),
    choices,
    inDialog: state.inDialog === true,
    // Open when it holds something (filled from the customer record, or a refused form's values).
    profileOpen: ['ageGroup', 'digital', 'attitude', 'preferredChannel'].some(
      (k) => typeof state.values?.[k] === 'string' && state.values[k] !== '',
    ),
    // The free moments' texts are ours (a colleague's name in the label went through sayText).
    fm: trustedTexts({
      button: nl.conversation.freeMoments.button,
      hint: nl.conversation.freeMoments.hint,
      notice: '',
      noticeColor: 'Default',
      label: '',
      choices: [],
      value: 'none',
      ...state.moments,
    }),
  });
}
