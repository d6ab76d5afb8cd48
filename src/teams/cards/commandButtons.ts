// Buttons on the help and welcome cards for the main actions. A click runs the same command as
// typing it (verb `command.run`, data.command), so a newcomer need not know the words yet.
import { nl } from '../../texts/nl';
import { COMMAND_VERB } from './contract/command';
import { bind, trustedTexts } from './render';
import helpTemplate from './templates/help.json';
import welcomeTemplate from './templates/welcome.json';

export { COMMAND_VERB };

/** The main actions, in this order; a command this bot does not have (yet) gets no button. */
export const MAIN_COMMANDS = ['terugbellen', 'afspraak', 'geholpen', 'mijn', 'overzicht'] as const;

export type CommandCard = 'help' | 'welcomeTeam' | 'welcomePersonal';

export function commandButtons(
  has: (command: string) => boolean,
  card: CommandCard,
): { title: string; verb: string; command: string; card: string }[] {
  const labels = nl.help.buttons as Record<string, string>;
  return MAIN_COMMANDS.filter((c) => has(c) && labels[c]).map((command) => ({ title: labels[command], verb: COMMAND_VERB, command, card }));
}

/** Two buttons per row: five in one row get cut to "Afspr…" at 320–500 px. */
function rows<T>(buttons: T[]): { row: T[] }[] {
  const out: { row: T[] }[] = [];
  for (let i = 0; i < buttons.length; i += 2) out.push({ row: buttons.slice(i, i + 2) });
  return out;
}

export function helpCard(has: (command: string) => boolean): Record<string, unknown> {
  // Every text on these cards is ours (texts/nl, command words).
  return bind(helpTemplate, trustedTexts({ ...nl.help, buttonRows: rows(commandButtons(has, 'help')) }));
}

export function welcomeCard(has: (command: string) => boolean, card: 'welcomeTeam' | 'welcomePersonal'): Record<string, unknown> {
  // The welcome text itself goes in the message; the card only adds the buttons (no text twice).
  return bind(welcomeTemplate, trustedTexts({ text: nl.help.startHere, buttonRows: rows(commandButtons(has, card)) }));
}
