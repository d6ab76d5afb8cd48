// The card with a ready text for the customer in the owner's 1:1 chat: the text in a multi-line
// input (Teams has no copy button; an input's text can be selected and copied), and "Openen in
// e-mail" (a mailto: link with subject and body) when the customer has an e-mail address.
import type { ReadyText } from '../../../app/customerTexts';
import { nl } from '../../../texts/nl';
import { bind, trustedFields } from '../../cards/render';
import { inputValue } from '../../cards/itemCard';
import template from '../../cards/templates/customerText.json';

const t = nl.conversation;

export function customerTextCard(r: ReadyText): Record<string, unknown> {
  const confirmation = r.which === 'confirmation';
  const intro = confirmation
    ? r.letter
      ? t.confirmationCard.introLetter
      : r.mailto
        ? t.confirmationCard.intro
        : t.confirmationCard.introNoEmail
    : r.letter
      ? t.ladder.lastCardIntroLetter
      : t.ladder.lastCardIntro;
  return bind(template, {
    ...trustedFields({
      title: confirmation ? t.confirmationCard.title(r.itemId) : t.ladder.lastCardTitle(r.itemId),
      intro,
      subjectLabel: t.confirmationCard.subjectLabel,
      textLabel: t.confirmationCard.textLabel,
      tip: r.noDirectNumber ? t.confirmationCard.noDirectNumber : '',
      mailto: r.mailto ?? '',
      openInEmail: t.confirmationCard.openInEmail,
    }),
    subject: r.text.subject,
    // An input shows its value as typed text (not markdown): only ${ and control characters are neutralised.
    body: inputValue(r.text.body),
  });
}
