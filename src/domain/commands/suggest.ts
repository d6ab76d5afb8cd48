// What did someone mean by a message the bot does not understand? A near miss of a command
// ("terugbelen" → terugbellen) or a plain sentence with a clear intent ("ik wil een
// terugbelverzoek maken" → terugbellen). Pure: the caller passes the commands the bot has, so a
// suggestion is always something that works.

/** Words in a sentence that point at a command (lower case, matched as the start of a word). */
const INTENTS: readonly { command: string; stems: readonly string[] }[] = [
  { command: 'terugbellen', stems: ['terugbel', 'terug bellen', 'teruggebeld', 'belverzoek', 'bel terug'] },
  { command: 'afspraak', stems: ['afspraak', 'afspraken maken', 'vervolgafspraak', 'huisbezoek'] },
  { command: 'geholpen', stems: ['geholpen', 'in één keer', 'in een keer'] },
  { command: 'klant', stems: ['klantbeeld', 'klantgegevens', 'klantkaart'] },
  { command: 'tolk', stems: ['tolk', 'vertaler', 'globaltalk'] },
  { command: 'twijfel', stems: ['twijfel', 'uitzondering', 'oefenen', 'afwijken'] },
  { command: 'afwegingen', stems: ['afweging', 'eerdere besluit', 'besluiten zoeken'] },
  { command: 'dagoverzicht', stems: ['dagoverzicht', 'digest'] },
  { command: 'mijn', stems: ['mijn werk', 'mijn verzoeken', 'mijn afspraken', 'mijn lijst', 'wat moet ik'] },
  { command: 'overzicht', stems: ['overzicht', 'teamoverzicht', 'alles wat open'] },
  { command: 'ervaring', stems: ['ervaring delen', 'ervaring'] },
  { command: 'instellingen', stems: ['instelling'] },
  { command: 'koppel', stems: ['koppel', 'werkkanaal'] },
  { command: 'hulp', stems: ['help', 'hulp', 'wat kan je', 'wat kun je', 'hoe werkt'] },
];

/** How much of unknown text is read for a suggestion. */
const SUGGEST_MAX_CHARS = 200;

export type Suggestion = { command: string; why: 'nearMiss' | 'intent' };

/** Optimal string alignment distance (Levenshtein plus swapping two neighbours: "terugbleen"). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** How many typing errors a word of this length may carry and still be a near miss. */
function tolerance(length: number): number {
  if (length <= 3) return 0;
  if (length <= 5) return 1;
  return 2;
}

/** The one command within reach of `word`, or null when none is, or two are equally close. */
function nearMiss(word: string, commands: readonly string[]): string | null {
  const scored = commands.map((c) => ({ c, d: editDistance(word, c) })).filter((x) => x.d <= tolerance(x.c.length));
  if (!scored.length) return null;
  const min = Math.min(...scored.map((x) => x.d));
  const closest = scored.filter((x) => x.d === min);
  return closest.length === 1 ? closest[0].c : null;
}

/**
 * A suggestion for text the bot did not recognise as a command, or null. `commands` are the single
 * words the bot understands (aliases included); only those are ever suggested, except that an alias
 * typed almost right suggests itself.
 */
export function suggestCommand(text: string, commands: readonly string[]): Suggestion | null {
  // A command or a plain request is short: look at the head only (kilobytes of text stay linear).
  const lower = String(text ?? '')
    .slice(0, SUGGEST_MAX_CHARS)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!lower) return null;
  const known = commands.map((c) => c.toLowerCase()).filter((c) => !c.includes(' '));
  const words = lower.split(' ');
  if (words.length <= 2) {
    const hit = nearMiss(words[0], known);
    if (hit) return { command: hit, why: 'nearMiss' };
  }
  for (const intent of INTENTS) {
    if (!known.includes(intent.command)) continue;
    if (intent.stems.some((stem) => new RegExp(`(^| )${stem}`).test(lower))) return { command: intent.command, why: 'intent' };
  }
  return null;
}
