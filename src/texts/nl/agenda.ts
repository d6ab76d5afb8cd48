// Dutch texts for planning a callback in a colleague's Outlook agenda (Microsoft Graph).

const LATE_ADVICE = 'De belofte aan de klant wordt te laat: bel de klant om een nieuw moment af te spreken.';

export const agenda = {
  lateAdvice: LATE_ADVICE,
  notConfigured: (who: string) =>
    `De koppeling met de Outlook-agenda is niet ingesteld. Zet zelf een afspraak in de agenda van ${who}, of vraag ICT om de koppeling aan te zetten.`,
  notConfiguredShort: 'De koppeling met de Outlook-agenda is niet ingesteld. Vraag ICT om de koppeling aan te zetten.',
  willFollow: (who: string) =>
    `Ik kan de agenda van ${who} nu niet bekijken. Ik plan het eerste vrije moment zelf en zet de afspraak in de agenda zodra het weer lukt. Je krijgt daarover een bericht.`,
  /** Graph's sign-in is refused (wrong secret, no consent): only ICT can fix it, so say so. */
  signInRefused: (who: string) =>
    `Ik kan de agenda van ${who} nu niet bekijken: Microsoft weigert de aanmelding van Top Contact bij Outlook. Meld dit bij ICT. Ik zet de afspraak in de agenda zodra het weer lukt.`,
  noAgenda: (who: string) => `Ik kan de agenda van ${who} niet vinden. Spreek zelf een moment af.`,
  offer: {
    intro: (who: string) =>
      `Wanneer belt ${who} de klant? Kies een moment van 15 minuten in de agenda van ${who}. Dan zet ik er een afspraak in.`,
    late: (who: string, deadline: string) =>
      `Er is geen vrij moment in de agenda van ${who} vóór de termijn (${deadline}). ${LATE_ADVICE} Het eerste vrije moment daarna:`,
    none: (who: string) =>
      `Ik vind geen vrij moment in de agenda van ${who} in de komende werkdagen. Spreek samen een moment af. ${LATE_ADVICE}`,
    autoHint: 'Kies je niet binnen 15 minuten, dan plan ik zelf het eerste vrije moment.',
  },
  /** Short button label for a slot: 'vandaag 14:30', 'morgen 08:30', 'ma 30 nov 09:00'. */
  slotLabel: (dayLabel: string, time: string) => `${dayLabel} ${time}`,
  today: 'vandaag',
  tomorrow: 'morgen',
  weekdayShort: { 1: 'ma', 2: 'di', 3: 'wo', 4: 'do', 5: 'vr', 6: 'za', 7: 'zo' } as Record<number, string>,
  monthShort: ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
  msg: {
    chosen: (moment: string, who: string) => `Gekozen: ${moment}. Ik zet de afspraak in de agenda van ${who}.`,
    inAgenda: (moment: string, who: string) => `De afspraak staat in de agenda van ${who}: ${moment}.`,
    chosenLate: (moment: string, who: string) => `Gekozen: ${moment} in de agenda van ${who}. Dat is na de termijn. ${LATE_ADVICE}`,
    alreadyPlanned: (moment: string) => `Er staat al een moment in de agenda: ${moment}.`,
    noOwner: 'Dit verzoek heeft geen behandelaar meer. Er komt geen afspraak in een agenda.',
    badSlot: 'Dit moment kan niet (meer). Kies een ander moment.',
    plannedNotice: (id: string, topic: string, who: string, moment: string) =>
      `Terugbelverzoek **${id}** (${topic}): ik heb het terugbellen in de agenda van ${who} gezet op ${moment}.`,
    plannedLateNotice: (id: string, topic: string, who: string, moment: string, deadline: string) =>
      `Terugbelverzoek **${id}** (${topic}): er was geen vrij moment in de agenda van ${who} vóór de termijn (${deadline}). ` +
      `Ik heb het eerste vrije moment daarna gekozen: ${moment}. ${LATE_ADVICE}`,
    noAgendaNotice: (id: string, topic: string, who: string) =>
      `Terugbelverzoek **${id}** (${topic}): ik kan de agenda van ${who} niet bekijken. Spreek samen een moment af.`,
    noSlotNotice: (id: string, topic: string, who: string) =>
      `Terugbelverzoek **${id}** (${topic}): ik vond geen vrij moment in de agenda van ${who} in de komende werkdagen. ` +
      `Spreek samen een moment af. ${LATE_ADVICE}`,
  },
  card: {
    agenda: 'Agenda',
    planned: (moment: string) => `${moment} (Outlook)`,
    pending: (moment: string) => `${moment} (wordt in Outlook gezet)`,
    late: 'na de termijn',
  },
  /** Microsoft Graph refuses the bot itself (no permission, or a mailbox kept out): see src/app/graphAccess.ts. */
  access: {
    /** On the answer card when someone asks for a colleague's agenda. */
    offer: {
      consent: (who: string) =>
        `Ik mag de agenda van ${who} nu niet bekijken: de koppeling met Outlook heeft (nog) geen toestemming van de beheerder. ` +
        'De leidinggevenden weten het. Zodra het weer mag, plan ik het eerste vrije moment zelf en zet ik de afspraak in de agenda. Je krijgt daarover een bericht.',
      mailbox: (who: string) =>
        `Ik mag de agenda van ${who} niet bekijken: deze agenda is niet vrijgegeven voor Top Contact. ` +
        'De leidinggevenden weten het. Zodra het wel mag, plan ik het eerste vrije moment zelf. Heeft het haast? Spreek dan zelf een moment af.',
    },
    /** The answer to a chosen moment while Graph refuses the bot. */
    chosen: {
      consent: (moment: string, who: string) =>
        `Gekozen: ${moment}. Ik mag de agenda van ${who} nu niet bijwerken: de koppeling met Outlook heeft (nog) geen toestemming van de beheerder. ` +
        'De leidinggevenden weten het. Zodra het weer mag, zet ik de afspraak in de agenda.',
      mailbox: (moment: string, who: string) =>
        `Gekozen: ${moment}. Ik mag de agenda van ${who} niet bijwerken: deze agenda is niet vrijgegeven voor Top Contact. ` +
        'De leidinggevenden weten het. Zet de afspraak zelf in de agenda als het haast heeft.',
    },
    /** 1:1 to the managers, once per problem. */
    managers: {
      consent:
        'De koppeling met de Outlook-agenda werkt niet: Top Contact heeft geen toestemming van Microsoft 365 (de beheerder heeft die niet gegeven, of ze is nog niet actief). ' +
        'Vraag ICT om de toestemming te geven. Een nieuwe toestemming werkt pas na hooguit een uur. ' +
        'Ik probeer het elk kwartier opnieuw en plan daarna de afspraken die zijn blijven liggen.',
      mailbox: (who: string) =>
        `Top Contact mag de agenda van ${who} niet gebruiken: de toegangsregel van de beheerder sluit deze agenda uit. ` +
        `Moet de agenda van ${who} wel gebruikt worden? Vraag ICT om ${who} toe te voegen aan de groep voor Top Contact. ` +
        'Ik probeer het elk kwartier opnieuw en plan daarna de afspraken die zijn blijven liggen.',
      directory:
        'Top Contact mag de leidinggevenden niet opzoeken in Microsoft 365 (de toestemming om gebruikers te lezen ontbreekt). ' +
        'Tot dat geregeld is, gaan meldingen naar de vaste leidinggevende. Vraag ICT om de toestemming te geven. Ik probeer het elk kwartier opnieuw.',
    },
    unknownColleague: 'een collega',
  },
  people: {
    /** Name shown for the configured fallback manager when the bot does not know them yet. */
    managerName: 'Leidinggevende',
  },
  history: {
    planned: 'moment in agenda gekozen',
    agendaAuto: 'agenda: zelf inplannen',
    agendaNoSlot: 'agenda: geen vrij moment',
    calendarCreated: 'in Outlook-agenda gezet',
    calendarMoved: 'Outlook-afspraak bijgewerkt',
    calendarRemoved: 'uit Outlook-agenda gehaald',
  } as Record<string, string>,
  event: {
    subject: (topic: string) => `Terugbellen: ${topic}`,
    intro: 'Terugbelverzoek uit Top Contact.',
    // An appointment planned at a free moment from the afspraak form.
    appointmentSubject: (kind: string, topic: string) => `Afspraak (${kind}): ${topic}`,
    appointmentIntro: 'Afspraak uit Top Contact.',
    customer: 'Klant',
    phone: 'Telefoon',
    email: 'E-mail',
    topic: 'Onderwerp',
    details: 'Toelichting',
    deadline: 'Uiterlijk',
    id: 'Nummer',
    erased: 'De klantgegevens zijn verwijderd.',
    link: 'Open de kaart in Teams',
    category: 'Top Contact',
  },
} as const;
