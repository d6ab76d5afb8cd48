// Dutch texts about values the bot cannot use: a moment too far ahead, an item with damaged data,
// a message that cannot be sent because of its data (issue 13; docs/reliability.md).

export const integrity = {
  /** Field error for a moment beyond MOMENT_HORIZON_MONTHS. */
  beyondHorizon: (months: number) => `Kies een moment binnen ${months} maanden vanaf nu.`,
  /** One line in a list (overzicht, mijn, digest) for an item whose data cannot be shown. */
  unreadableLine: (id: string) => `${id} kan niet worden getoond (ongeldige gegevens)`,
  /** History labels shared by every kind (the entry that marks an item as damaged). */
  history: { damaged: 'Ongeldige gegevens gevonden' } as Record<string, string>,
  /** Once, to the managers, after the check at start found damaged items. */
  damagedFound: (ids: string[]) =>
    `Let op: bij ${ids.join(', ')} staat een moment dat niet klopt (te ver weg of onleesbaar). ` +
    `De rest werkt gewoon. Kijk ${ids.length === 1 ? 'het' : 'ze'} na en maak zo nodig een nieuwe afspraak met de klant.`,
  /** Once, in the channel, when a message cannot be sent because of its data (not the network). */
  messageFailed: (id: string | null) =>
    `${id ? `Een bericht over ${id}` : 'Een bericht'} kan ik niet versturen: de gegevens zijn ongeldig. Ik sla het over en ga door met de rest. Vraag de beheerder om het na te kijken.`,
} as const;
