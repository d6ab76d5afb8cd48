// Dutch texts for privacy (AVG): inzage (export) and vergeet (erase) for managers.

export const privacy = {
  personalOnly: 'Dit kan alleen in de persoonlijke chat met mij, zodat niemand anders de gegevens ziet.',
  managersOnly: 'Inzage en vergeten mag alleen een leidinggevende.',
  usageInzage: 'Typ **inzage** gevolgd door het telefoonnummer of de naam van de klant. Bijvoorbeeld: inzage 06 12345678',
  usageVergeet: 'Typ **vergeet** gevolgd door het telefoonnummer of de naam van de klant. Bijvoorbeeld: vergeet 06 12345678',
  nothingFound: 'Ik vind geen gegevens over deze klant. Misschien zijn ze al gewist.',
  exportTitle: (n: number) => `Inzage: ${n} ${n === 1 ? 'verzoek' : 'verzoeken'} met gegevens over deze klant.`,
  exportFooter: 'Dit zijn alle gegevens die Top Contact over deze klant bewaart. Stuur ze de klant alleen via een veilige weg.',
  exportPart: (i: number, n: number) => `(deel ${i} van ${n})`,
  created: 'Aangemaakt',
  deadline: 'Uiterlijk',
  closed: 'Afgesloten',
  source: 'Bron',
  customerData: 'Klantgegevens',
  history: 'Geschiedenis',
  openItems: (ids: string) =>
    `Deze klant heeft nog open verzoeken: ${ids}. Rond die eerst af of annuleer ze; daarna kan ik de gegevens wissen.`,
  // Never repeats the typed number or e-mail address (SPEC: no reply echoes them).
  confirm: (n: number, ids: string, _arg?: string) =>
    `Ik vind ${n} ${n === 1 ? 'verzoek' : 'verzoeken'} met gegevens over deze klant: ${ids}. ` +
    `Typ nog een keer **vergeet** met hetzelfde telefoonnummer of dezelfde naam, en dan **bevestig** (bijvoorbeeld: vergeet 06 12345678 bevestig), ` +
    `om naam, telefoonnummer, toelichting, notities en de klantkaart te wissen. Dit kan niet ongedaan worden gemaakt.`,
  erased: (n: number) =>
    `Gewist: de klantgegevens in ${n} ${n === 1 ? 'verzoek' : 'verzoeken'}. Wat er gebeurde en wanneer blijft bewaard, zonder klantgegevens. De kaarten in het kanaal werk ik bij.`,
  erasedCustomer: 'Gewist (privacy)',
  erasedValue: '—',
  kind: { callback: 'Terugbelverzoek', appointment: 'Vervolgafspraak', interpreter: 'Tolkaanvraag', exception: 'Twijfelgeval' } as Record<
    string,
    string
  >,
  field: {
    customerName: 'Naam klant',
    phone: 'Telefoonnummer',
    email: 'E-mailadres',
    address: 'Adres',
    topic: 'Onderwerp',
    details: 'Toelichting',
    doneNote: 'Notitie voor het klantdossier',
    preferredMoment: 'Voorkeursmoment',
    profile: 'Klantbeeld',
    preferredChannel: 'Contact via',
    confirmation: 'Bevestigd',
    attempts: 'Pogingen',
    contact: 'Contact',
  } as Record<string, string>,
} as const;
