// The ready texts for the customer, built when the outbox delivers them: the confirmation after a
// promise is finished and "we konden u niet bereiken" after the last attempt. Reads the item and the
// colleague's direct number (instellingen); the wording itself is pure (domain/conversation).
import { confirmationText, mailtoLink, notReachedText, type CustomerText } from '../domain/conversation/confirmationText';
import { customerNeeds } from '../domain/conversation/customerNeeds';
import type { Answer } from '../domain/conversation/answer';
import type { Item, Person } from '../domain/types';
import { formatMoment } from '../domain/workingTime';
import type { Services } from './services';

export interface ReadyText {
  itemId: string;
  which: 'confirmation' | 'notReached';
  text: CustomerText;
  /** The customer prefers a letter (not digital). */
  letter: boolean;
  /** mailto: link with subject and body, when the customer has an e-mail address and no letter is needed. */
  mailto?: string;
  /** The colleague has no direct number in instellingen (worth a tip on a sensitive topic). */
  noDirectNumber: boolean;
}

export async function readyText(s: Services, item: Item, to: Person, which: 'confirmation' | 'notReached'): Promise<ReadyText | null> {
  const d = item.data as Record<string, unknown>;
  if (d.erased) return null;
  const directNumber = (await s.repo.getUser(item.tenantId, to.id))?.settings.directNumber;
  const needs = customerNeeds(d);
  const base = {
    customerName: String(d.customerName ?? ''),
    topic: String(d.topic ?? item.subject),
    helperName: (item.owner ?? to).name,
    directNumber,
    sensitive: d.sensitive === true,
  };
  const text =
    which === 'confirmation'
      ? confirmationText({
          ...base,
          answer: d.answer as Answer | undefined,
          explanation: typeof d.explanation === 'string' ? d.explanation : undefined,
        })
      : notReachedText({
          ...base,
          attempts: ((d.attempts ?? []) as { at: string }[]).map((a) => formatMoment(s.calendar, new Date(a.at))).join('; '),
        });
  return {
    itemId: item.id,
    which,
    text,
    letter: needs.letter,
    mailto: needs.email && !needs.letter ? mailtoLink(needs.email, text) : undefined,
    noDirectNumber: base.sensitive && !directNumber,
  };
}
