// The glossary: one word for one thing in everything users read (cards, chat, help, manifest,
// docs/gebruikershandleiding.md). A new text uses these words; test/unit/glossary.test.ts checks
// every string in texts/nl against the words to avoid.

export interface GlossaryEntry {
  /** The word we use. */
  word: string;
  /** What it means here. */
  meaning: string;
  /** Words we do not use for it (anglicisms, synonyms that would make two things of one). */
  avoid: readonly string[];
}

export const glossary: readonly GlossaryEntry[] = [
  { word: 'opdracht', meaning: 'what you type to the bot: hulp, terugbellen, mijn, …', avoid: ['commando', "commando's"] },
  { word: 'Termijn', meaning: 'the moment a promise must be kept ("uiterlijk vrijdag 27 november, 17:00")', avoid: ['deadline'] },
  { word: 'Openen', meaning: 'the button that shows one terugbelverzoek or afspraak', avoid: ['Bekijk', 'Toon details'] },
  { word: 'Aangemaakt door', meaning: 'who registered it', avoid: ['Gemaakt door', 'Ingediend door'] },
  { word: 'Behandelaar', meaning: 'the colleague who picked it up and owns it', avoid: ['eigenaar', 'owner'] },
  { word: 'opgepakt', meaning: 'claimed by a colleague ("Opgepakt door Anna om 14:32")', avoid: ['geclaimd', 'geclaimed'] },
  { word: 'dagoverzicht', meaning: 'the daily digest, and the command that shows it (`digest` still works)', avoid: ['digest'] },
  {
    word: 'zaken / open werk',
    meaning: 'terugbelverzoeken, afspraken, tolkaanvragen and twijfelgevallen together',
    avoid: ['items', 'item'],
  },
  { word: 'nagaan', meaning: 'make sure of something', avoid: ['checken', 'check'] },
  { word: 'werkkanaal', meaning: 'the team channel bound with koppel', avoid: [] },
  { word: 'leidinggevende', meaning: 'manager', avoid: ['manager'] },
  { word: 'CSV-bestand', meaning: 'an export that opens in Excel (rapport csv, afwegingen export)', avoid: [] },
];

/** Words that never appear in user text, as whole words (case-insensitive). */
export const avoidedWords: readonly string[] = glossary.flatMap((g) => g.avoid);
