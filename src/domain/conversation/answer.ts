// The answer given to the customer when a promise is finished (charter: "is je antwoord 'nee', geef
// hierbij duidelijke uitleg"). Pure.
import { nl } from '../../texts/nl';
import { str } from '../items/lifecycle';
import { oneOf, type FieldErrors } from '../items/common';

export const ANSWERS = ['ja', 'nee', 'deels', 'info'] as const;
export type Answer = (typeof ANSWERS)[number];

/** A "no" or a partial "yes" is explained to the customer. */
export function needsExplanation(a: Answer): boolean {
  return a === 'nee' || a === 'deels';
}

/** Reads `answer` and `explanation` from a done input; field errors go into `errors`. */
export function readAnswer(input: Record<string, unknown>, errors: FieldErrors): { answer?: Answer; explanation?: string } {
  const t = nl.conversation.errors;
  const answer = oneOf(str(input, 'answer'), ANSWERS);
  const explanation = str(input, 'explanation');
  if (!answer) errors.answer = t.answerRequired;
  if (explanation.length > 2000) errors.explanation = nl.common.tooLong(2000);
  else if (answer && needsExplanation(answer)) {
    if (!explanation) errors.explanation = t.explanationRequired;
    else if (explanation.length < 10) errors.explanation = t.explanationTooShort;
  }
  return { answer, explanation: explanation || undefined };
}
