// Cards for callbacks: the shared channel card (never a phone number; for a sensitive topic no
// name or details either), the owner's private view, and the form. What every owned kind shares
// (actions, history, refresh, the renderer itself) comes from cards/itemCard.ts.
import { randomUUID } from 'node:crypto';
import type { Services } from '../../../app/services';
import type { CallbackData } from '../../../domain/items/callback';
import type { Item } from '../../../domain/types';
import { formatMoment } from '../../../domain/workingTime';
import { nl } from '../../../texts/nl';
import { cap, choiceList, colleagues, neutraliseValues, ownedItemRenderer, type FormState } from '../../cards/itemCard';
import { bind, neutralise } from '../../cards/render';
import channelHead from '../../cards/templates/callbackChannel.json';
import ownerHead from '../../cards/templates/callbackOwner.json';
import formTemplate from '../../cards/templates/callbackForm.json';

export type { FormState };
const t = nl.callbacks;

export const callbackCards = ownedItemRenderer<CallbackData>({
  channelHead,
  ownerHead,
  texts: t,
  title: (item) => t.card.title(item.id),
  both: (item) => ({ topic: neutralise(item.data.topic) }),
  owner: async (item, s) => {
    const d = item.data;
    const profile = [
      d.profile.ageGroup && t.choices.ageGroup[d.profile.ageGroup],
      d.profile.digital && t.choices.digital[d.profile.digital],
      d.profile.attitude && t.choices.attitude[d.profile.attitude],
    ].filter(Boolean).join(', ');
    return {
      phoneLink: d.erased ? '' : `[${d.phoneDisplay}](tel:${d.phone})`,
      preferredText: d.preferredMoment ? formatMoment(s.calendar, new Date(d.preferredMoment)) : '—',
      channelText: d.preferredChannel ? t.choices.preferredChannel[d.preferredChannel] : '—',
      profileText: profile || '—',
      letterHint: d.profile.digital === 'nietDigitaal' ? t.card.letterHint : '',
      interpreterText: await interpreterLines(item, s),
    };
  },
});

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
