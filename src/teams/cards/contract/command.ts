// The buttons on the help and welcome cards (help.json, welcome.json): run a typed command.
import { z } from 'zod';
import { text } from './shared';

export const COMMAND_VERB = 'command.run';

export const commandContract = {
  /** command: one of the main commands; card: the card the button was on (it stays as it is). */
  [COMMAND_VERB]: z.looseObject({ command: text, card: text }),
} as const;
