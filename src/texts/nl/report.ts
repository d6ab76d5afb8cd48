// Dutch texts for the on-time report (`rapport`, managers only).

export const report = {
  title: 'Rapport: komen we onze beloften na?',
  intro: (from: string, to: string) => `De laatste 4 weken (${from} t/m ${to}), per week waarin de belofte is gedaan. Tijden in werktijd.`,
  weekLabel: (week: number) => `Week ${week}`,
  running: 'lopend',
  explainTitle: 'Wat betekenen de cijfers?',
  columns: {
    made: 'Beloofd',
    kept: 'Op tijd',
    late: 'Te laat',
    oneGo: 'In één poging',
    claim: 'Oppakken',
  },
  perWeek: 'Per week',
  perKind: 'Per soort (4 weken)',
  perSource: 'Per kanaal van binnenkomst (4 weken)',
  total: 'Totaal',
  explain: [
    'Beloofd: aangemaakt in die week, met een termijn.',
    'Op tijd: afgerond zonder dat een termijn voorbij ging. Te laat: een termijn ging voorbij (ook als het nog open staat).',
    'In één poging: afgerond zonder "niet bereikt" en zonder nieuwe afspraak (aandeel van wat is afgerond).',
    'Op tijd is een aandeel van wat afgerond of te laat is. In één keer geholpen: contacten vastgelegd met geholpen, als aandeel van alle klantcontacten (geholpen plus terugbelverzoeken en vervolgafspraken uit die periode). Streven is dat de klant in één keer wordt geholpen.',
    'Oppakken: gemiddelde werktijd van aanmaken tot oppakken, alleen voor wat zonder behandelaar binnenkwam.',
  ],
  none: '—',
  sources: {
    teams: 'Teams-formulier',
    messageExtension: 'Vanuit een Teams-bericht',
    intake: 'Intake',
  } as Record<string, string>,
  intakeSource: (name: string) => `Intake: ${name}`,
  kinds: {
    callback: 'Terugbelverzoek',
    'appointment:email': 'E-mail',
    'appointment:letter': 'Brief',
    'appointment:walkin': 'Balie',
    'appointment:homevisit': 'Huisbezoek',
    'appointment:other': 'Overige afspraak',
    interpreter: 'Tolk',
    exception: 'Twijfelgeval',
  } as Record<string, string>,
  csvButton: 'Als CSV',
  csvIntro:
    "Het rapport als CSV (puntkomma's, voor Excel). Kopieer het blok hieronder en plak het in Excel, of bewaar het als .csv-bestand.",
  csvHeader: [
    'periode',
    'week_vanaf',
    'groep',
    'waarde',
    'beloofd',
    'op_tijd',
    'te_laat',
    'open',
    'geannuleerd',
    'afgerond',
    'in_een_poging',
    'opgepakt',
    'gem_minuten_tot_oppakken',
  ],
  csvSent: 'Ik heb de CSV in dit gesprek gezet.',
  csvSentPersonal: 'Ik heb de CSV in je persoonlijke chat met mij gezet.',
  csvNoPersonalChat: 'Ik kan je nog geen persoonlijk bericht sturen. Open eerst een chat met mij en typ daar **rapport csv**.',
  firstContact: {
    heading: 'In één keer geholpen',
    intro:
      'Van alle klantcontacten met een vraag: hoeveel klanten kregen meteen antwoord (vastgelegd met geholpen)? De rest kreeg een terugbelverzoek of vervolgafspraak.',
    line: (label: string, helped: number, contacts: number, percent: number | null) =>
      contacts === 0 ? `${label}: nog geen contacten` : `${label}: ${helped} van ${contacts} (${percent}% van alle klantcontacten)`,
    perChannel: 'Per manier van contact (4 weken)',
    channels: {
      telefoon: 'Telefoon',
      balie: 'Balie',
      email: 'E-mail',
      brief: 'Brief',
      chat: 'Chat',
      overig: 'Overig (huisbezoek, andere afspraak)',
    } as Record<string, string>,
    channelLine: (label: string, helped: number, contacts: number, percent: number | null) =>
      `${label}: ${helped} van ${contacts} (${percent ?? 0}% van de contacten via ${label.toLowerCase()})`,
    no: (answered: number, explained: number) =>
      answered === 0
        ? 'Antwoord "nee": nog niet gegeven in deze 4 weken.'
        : `Antwoord "nee": ${answered} keer, ${explained} daarvan met uitleg aan de klant (${Math.round((100 * explained) / answered)}% van de nee-antwoorden).`,
    csvIntro: 'In één keer geholpen:',
    csvHeader: ['periode', 'week_vanaf', 'kanaal', 'in_een_keer_geholpen', 'klantcontacten', 'procent_van_klantcontacten'],
    csvNo: (answered: number, explained: number) => `nee-antwoorden;${answered};met_uitleg;${explained}`,
  },
  minutes: (m: number) => (m < 60 ? `${m} min` : `${Math.floor(m / 60)} u ${m % 60} min`),
  percent: (n: number, of: number) => (of === 0 ? '—' : `${n} (${Math.round((100 * n) / of)}%)`),
} as const;
