// Dutch texts for the daily digest (dagoverzicht) and the personal settings (instellingen).

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export const digest = {
  channelTitle: (day: string) => `Dagoverzicht ${day}`,
  personalTitle: (day: string) => `Jouw dagoverzicht ${day}`,
  asOf: (time: string, open: number) => `Stand om ${time} · ${open} open`,
  tiles: {
    overdue: 'Te laat',
    today: 'Vandaag',
    tomorrow: 'Morgen',
    /** The next working day when it is not tomorrow: 'Maandag'. */
    nextDay: (weekday: string) => capital(weekday),
    unclaimed: 'Niet opgepakt',
    later: 'Later',
  },
  sections: {
    overdue: 'Te laat',
    today: 'Vandaag',
    tomorrow: (day: string) => `Morgen, ${day}`,
    nextDay: (day: string) => `Volgende werkdag, ${day}`,
    unclaimed: 'Nog niet opgepakt, met een latere termijn',
    later: 'Later',
  },
  withCount: (title: string, n: number) => `${title} (${n})`,
  nobody: (n: number) => `Nog niemand: wie pakt het op? (${n})`,
  owner: (name: string, n: number) => `${name} (${n})`,
  noDeadline: 'geen termijn',
  moreInGroup: (n: number) => `en nog ${n}…`,
  moreInSection: (n: number, groups: number) => `en nog ${n} bij ${groups} ${groups === 1 ? 'andere collega' : "andere collega's"}…`,
  moreItems: (n: number) => `en nog ${n}…`,
  truncated: 'Niet alles past op deze kaart. Typ **overzicht** voor de hele lijst.',
  truncatedPersonal: 'Niet alles past op deze kaart. Typ **mijn** voor al je open werk.',
  open: 'Openen',
  onlyInTeam: (channel: string) =>
    `Het dagoverzicht van het team zet ik alleen in het team van het werkkanaal (${channel}). Typ **dagoverzicht** daar, of in de chat met mij voor je eigen overzicht.`,
  emptyChannel: 'Er staat niets open. Goed gedaan!',
  emptyPersonal: 'Je hebt niets open staan.',
  emptyPersonalToday: 'Je hebt vandaag, morgen en te laat niets open staan.',
  /** Kinds a channel post never lists (a language can reveal origin): only a count. */
  unlisted: (kindPlural: string, open: number, overdue: number) =>
    `${kindPlural}: ${open} open${overdue ? `, waarvan ${overdue} te laat` : ''}. De details staan alleen in de persoonlijke chat van de behandelaar.`,
  kinds: {
    callback: 'Terugbelverzoek',
    appointment: 'Afspraak',
    interpreter: 'Tolkaanvraag',
    exception: 'Twijfelgeval',
  } as Record<string, string>,
  kindsPlural: {
    callback: 'Terugbelverzoeken',
    appointment: 'Afspraken',
    interpreter: 'Tolkaanvragen',
    exception: 'Twijfelgevallen',
  } as Record<string, string>,
  lateSuffix: (late: string) => ` · ${late}`,
  footerChannel:
    'Typ **overzicht** voor alles wat open staat, **mijn** voor je eigen werk. Je eigen dagoverzicht in de chat met mij? Typ daar **instellingen**.',
  footerPersonal: (time: string) =>
    `Typ **mijn** voor al je open werk. Elke werkdag om ${time} dit overzicht, of juist niet meer? Typ **instellingen**.`,
  settings: {
    title: 'Jouw instellingen',
    personalDigest: (time: string) => `Elke werkdag om ${time} mijn eigen dagoverzicht in deze chat`,
    personalDigestHint:
      'Alleen jouw eigen open werk, ook je tolkaanvragen. Niemand anders ziet het. Je krijgt het alleen als je iets open hebt staan.',
    save: 'Opslaan',
    savedOn: (time: string) => `Opgeslagen. Je krijgt elke werkdag om ${time} je eigen dagoverzicht.`,
    savedOff: 'Opgeslagen. Je krijgt geen persoonlijk dagoverzicht meer.',
    onlyPersonal: 'Je instellingen pas je aan in de persoonlijke chat met mij. Open de chat met Top Contact en typ daar **instellingen**.',
  },
} as const;
