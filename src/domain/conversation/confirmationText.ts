// The ready texts for the customer: the confirmation after finishing a promise, and "we hebben
// geprobeerd u te bereiken" after the last failed attempt. Plain Dutch (B1), "u", only what the
// customer may read: topic, answer, explanation, who helped and how to reach them. Never the
// dossier note, the details or the history (internal). Pure.
import { nl } from '../../texts/nl';
import type { Answer } from './answer';

export interface ConfirmationInput {
  customerName: string;
  topic: string;
  answer?: Answer;
  explanation?: string;
  /** The colleague who helped. */
  helperName: string;
  /** Their direct number (instellingen); used for sensitive topics. */
  directNumber?: string;
  sensitive: boolean;
}

export interface CustomerText {
  subject: string;
  body: string;
}

const c = () => nl.conversation.confirmation;

function signOff(helperName: string): string[] {
  return ['', c().closing, helperName, c().organisation];
}

export function confirmationText(i: ConfirmationInput): CustomerText {
  const t = c();
  const lines = [t.greeting(i.customerName), '', t.about(i.topic)];
  if (i.answer) lines.push(t.answer[i.answer]!);
  if (i.explanation) lines.push(t.explanation(i.explanation));
  lines.push('', t.helpedBy(i.helperName));
  lines.push(i.sensitive && i.directNumber ? t.reach(i.directNumber) : t.reachGeneral);
  return { subject: t.subject(i.topic), body: [...lines, ...signOff(i.helperName)].join('\n') };
}

export function notReachedText(i: {
  customerName: string;
  topic: string;
  helperName: string;
  attempts: string;
  directNumber?: string;
  sensitive: boolean;
}): CustomerText {
  const t = nl.conversation.notReachedLetter;
  const lines = [c().greeting(i.customerName), '', t.body(i.topic, i.attempts), t.askCall];
  if (i.sensitive && i.directNumber) lines.push(c().reach(i.directNumber));
  return { subject: t.subject(i.topic), body: [...lines, ...signOff(i.helperName)].join('\n') };
}

/** A mailto: link with subject and body (RFC 6068: percent-encoded, line breaks as %0D%0A). */
export function mailtoLink(to: string, text: CustomerText): string {
  const enc = (s: string) => encodeURIComponent(s).replace(/%0A/g, '%0D%0A');
  return `mailto:${encodeURIComponent(to).replace(/%40/g, '@')}?subject=${enc(text.subject)}&body=${enc(text.body)}`;
}
