// Dutch words for where an item stands against its term, on every surface (card, mijn,
// overzicht, dagoverzicht, rapport). One word per state, the same everywhere. Also the texts for
// an owner who is away for the rest of the term (Overnemen).

export const stateWords = {
  onTime: 'op tijd',
  dueToday: 'vandaag',
  dueTomorrow: 'morgen',
  overdue: 'te laat',
  noDeadline: 'geen termijn',
} as const;

export const clockTexts = {
  /** 'morgen · uiterlijk vrijdag 27 november, 17:00': the state word first, so it reads at a glance. */
  termLine: (word: string, absolute: string) => `${word} · ${absolute}`,
  /** A finished card says whether the promise was kept. */
  keptOnTime: 'op tijd afgerond',
  keptLate: 'te laat afgerond',
  finishedLine: (absolute: string, kept: string) => `${absolute} · ${kept}`,
  /** Interpreter requests: the term is the confirmation term until the booking is confirmed. */
  confirmTerm: 'bevestigen',
  confirmLine: (line: string) => `bevestigen: ${line}`,
  /** Long text on shared cards: cut, with the rest behind a button. */
  showMore: 'Meer tonen',
  showLess: 'Minder tonen',
  more: 'Meer',
};

export const absentTexts = {
  ownerAbsent: 'Behandelaar afwezig',
  ownerAbsentLine: (name: string) => `${name} is afwezig tot na de termijn. Een collega kan dit overnemen.`,
  takeOver: 'Overnemen',
  toOwner: (id: string, topic: string) =>
    `Je bent afwezig tot na de termijn van **${id}** (${topic}). Het team ziet dat en een collega kan het overnemen. Tot dan blijft het van jou.`,
  toTeam: (id: string, name: string) =>
    `${name} is afwezig tot na de termijn van **${id}**. Wie neemt het over? Druk op 'Overnemen' op de kaart.`,
  takenOver: (id: string, name: string, from: string) => `${name} heeft **${id}** overgenomen van ${from}.`,
  history: 'overgenomen',
  notAbsent: 'De behandelaar is niet (meer) afwezig. Vraag het de behandelaar zelf, of vraag je leidinggevende om het over te dragen.',
};
