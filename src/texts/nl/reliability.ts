// Dutch texts about delivery: when Teams no longer lets the bot write somewhere.

export const reliability = {
  /** 1:1 notice to whoever bound the channel and to the managers. */
  channelBlocked: (channel: string) =>
    `Ik kan geen berichten meer plaatsen in het werkkanaal "${channel}". Teams blokkeert het, of het kanaal is verwijderd. ` +
    'Nieuwe verzoeken bewaar ik wel. Typ **@Top Contact koppel** in een kanaal waar ik mag schrijven; dan plaats ik daar wat is blijven liggen.',
  /** One line for overzicht or the digest while a problem is open. */
  problemLine: (channel: string, since: string) =>
    `Let op: ik kan sinds ${since} niet meer schrijven in kanaal "${channel}". Typ **@Top Contact koppel** in een ander kanaal.`,
  personProblemLine: (count: number) =>
    `Let op: ${count} ${count === 1 ? 'collega krijgt' : "collega's krijgen"} mijn berichten niet, omdat de app bij hen is verwijderd of geblokkeerd.`,
  unknownChannel: 'onbekend',
} as const;
