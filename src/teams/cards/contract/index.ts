// The card contract: every verb a card button may send (Action.Execute), with a zod schema for its
// data (the button's `data` merged with the card's inputs, as Teams sends it). teams/bot.ts
// validates an invoke against it before the handler runs, handlers get the parsed data typed
// (feature.ts VerbHandler), and test/unit/cardContract.test.ts proves that every button on every
// card has a handler and sends data its schema accepts. Verb strings are part of cards already
// posted in Teams: never rename one, add a new verb instead.
import type { z } from 'zod';
import { appointmentContract } from './appointment';
import { callbackContract } from './callback';
import { commandContract } from './command';
import { customerContract } from './customer';
import { exceptionContract } from './exception';
import { formsContract } from './forms';
import { interpreterContract } from './interpreter';
import { viewsContract } from './views';

export { COMMAND_VERB } from './command';

export const verbSchemas = {
  ...callbackContract,
  ...appointmentContract,
  ...exceptionContract,
  ...interpreterContract,
  ...customerContract,
  ...viewsContract,
  ...formsContract,
  ...commandContract,
} as const;

export type Verb = keyof typeof verbSchemas;
/** The data a handler of this verb receives: parsed, with older shapes normalised (`v` a number). */
export type VerbData<V extends Verb> = z.output<(typeof verbSchemas)[V]>;

export function isVerb(verb: string): verb is Verb {
  return Object.prototype.hasOwnProperty.call(verbSchemas, verb);
}

/**
 * Verbs with a handler that no card of this version sends, and why they stay: cards already posted
 * in Teams still carry them.
 */
export const EXTERNAL_VERBS: Partial<Record<Verb, string>> = {
  'contact.form': 'the "Klant geholpen" button of help cards posted before the help card\'s buttons ran the typed command (command.run)',
  'exception.refresh':
    'the <kind>.refresh every item kind answers; exception cards are the same for everyone and carry no refresh, so only a client that asks for one sends it',
};
