// Dutch texts for the conversation with the customer (issue 17): the answer when finishing a
// promise, the ready confirmation text for the customer, the "niet bereikt" ladder and the
// colleague's direct number. Customer-facing text uses "u"; staff-facing text "je".

export const conversation = {
  answerLabel: 'Antwoord aan de klant',
  answers: {
    ja: 'Ja',
    nee: 'Nee',
    deels: 'Deels',
    info: 'Informatie gegeven',
  } as Record<string, string>,
  explanationLabel: 'Uitleg aan de klant (bij nee of deels verplicht; de klant moet dit kunnen lezen)',
  errors: {
    answerRequired: 'Kies het antwoord dat de klant kreeg.',
    explanationRequired: 'Bij "nee" of "deels" hoort een duidelijke uitleg. Schrijf op wat je de klant hebt uitgelegd.',
    explanationTooShort: 'Schrijf iets meer: waarom is het antwoord zo?',
  },
  /** The card with the ready text in the owner's 1:1 chat. */
  confirmationCard: {
    title: (id: string) => `Bevestiging voor de klant (${id})`,
    intro:
      'Hieronder staat een tekst die je naar de klant kunt sturen. Selecteer de tekst en kopieer hem, of open hem in je e-mail. Pas aan wat nodig is.',
    introNoEmail: 'Hieronder staat een tekst die je naar de klant kunt sturen. Selecteer de tekst en kopieer hem. Pas aan wat nodig is.',
    introLetter: 'Deze klant krijgt liever een brief. Hieronder staat een tekst die je kunt kopiëren naar een brief. Pas aan wat nodig is.',
    openInEmail: 'Openen in e-mail',
    noDirectNumber: 'Tip: zet je directe nummer in **instellingen**. Dan staat het in deze tekst.',
    subjectLabel: 'Onderwerp',
    textLabel: 'Tekst voor de klant',
  },
  /** The text for the customer (B1, "u"). */
  confirmation: {
    subject: (topic: string) => `Bevestiging: ${topic}`,
    greeting: (name: string) => (name ? `Beste ${name},` : 'Beste klant,'),
    about: (topic: string) => `U had contact met ons over: ${topic}.`,
    answer: {
      ja: 'Het antwoord op uw vraag is: ja.',
      nee: 'Het antwoord op uw vraag is: nee.',
      deels: 'Wij kunnen u gedeeltelijk helpen.',
      info: 'Wij hebben u informatie gegeven.',
    } as Record<string, string>,
    explanation: (text: string) => `Uitleg: ${text}`,
    helpedBy: (name: string) => `U werd geholpen door ${name}.`,
    reach: (phone: string) => `Heeft u nog vragen? Bel mij gerust op ${phone}.`,
    reachGeneral: 'Heeft u nog vragen? Neem gerust contact met ons op en noem dan mijn naam.',
    closing: 'Met vriendelijke groet,',
    organisation: 'Woonservice IJsselland',
  },
  /** "We hebben geprobeerd u te bereiken" after the last attempt. */
  notReachedLetter: {
    subject: (topic: string) => `Wij konden u niet bereiken: ${topic}`,
    body: (topic: string, attempts: string) => `Wij hebben geprobeerd u te bereiken over: ${topic}. Dat is ons niet gelukt (${attempts}).`,
    askCall: 'Wilt u contact met ons opnemen? Dan helpen wij u graag verder.',
  },
  ladder: {
    attempt: (n: number, max: number) => `Poging ${n} van ${max} vastgelegd.`,
    next: (moment: string) => `Probeer het nog eens op een ander deel van de dag, bijvoorbeeld ${moment}.`,
    nextNoTime: 'Probeer het nog eens, op een ander deel van de dag, vóór de termijn.',
    last: (max: number) =>
      `Dit was poging ${max}. Het verzoek staat nu op "niet bereikt". Ik stuur je een tekst voor de klant in je chat met mij.`,
    lastCardTitle: (id: string) => `Klant niet bereikt (${id})`,
    lastCardIntro: 'Stuur de klant deze tekst, zodat de klant weet dat we het geprobeerd hebben. Selecteer de tekst en kopieer hem.',
    lastCardIntroLetter: 'Deze klant krijgt liever een brief. Kopieer de tekst hieronder naar een brief.',
  },
  freeMoments: {
    button: 'Vrije momenten tonen',
    label: (who: string) => `Vrij moment in de agenda van ${who}`,
    labelOwn: 'Vrij moment in jouw agenda',
    hint: 'Kies een moment en verstuur: het terugbelverzoek komt op dat moment in de Outlook-agenda. Spreek dit moment af met de klant.',
    // The afspraak form: balie, huisbezoek and overig are at that moment; for an e-mail or letter it is the time to write the answer.
    hintMeeting:
      'Kies een moment en verstuur: de afspraak is dan op dat moment en komt in de Outlook-agenda. Spreek dit moment af met de klant.',
    hintWriting:
      'Kies een moment en verstuur: dan staat in de Outlook-agenda wanneer je het antwoord schrijft. De termijn blijft zoals hierboven.',
    noOwner: 'Kies eerst hieronder bij wie de afspraak komt. Dan laat ik de vrije momenten in die agenda zien.',
    noMoment: 'Geen vast moment (de termijn geldt)',
    noMomentAppointment: 'Geen moment uit de agenda (wat hierboven staat, geldt)',
    choice: (moment: string) => moment,
    lateChoice: (moment: string) => `${moment} · na de termijn (te laat)`,
    slow: 'De agenda reageert nu traag. Probeer het zo nog eens, of verstuur zonder moment: dan geldt de termijn.',
    noAgenda: 'De agenda van deze collega kan ik niet lezen. Verstuur zonder moment: dan geldt de termijn.',
    notConfigured: "Ik kan geen agenda's lezen (Outlook is niet gekoppeld). Verstuur zonder moment: dan geldt de termijn.",
    noColleague: 'Kies eerst een collega hierboven (niet jezelf). Dan laat ik de vrije momenten in zijn of haar agenda zien.',
    none: (term: string) => `Geen vrij moment gevonden vóór de termijn (${term}). Verstuur zonder moment en spreek samen iets af.`,
  },
  told: {
    label: 'Hoe heb je de klant ingelicht?',
    choices: { telefoon: 'Telefoon', email: 'E-mail', brief: 'Brief', nietBereikt: 'Nog niet bereikt' } as Record<string, string>,
    notYet: 'De klant weet het nog niet.',
  },
  sensitiveSuggestion: 'Gevoelig onderwerp? Stel de klant liever een afspraak op kantoor voor dan een telefoongesprek (typ **afspraak**).',
  status: { notReached: 'Niet bereikt' },
  history: { gaveUp: 'niet bereikt (laatste poging)' },
  settings: {
    directNumberLabel: 'Je directe telefoonnummer (voor klanten met een gevoelig onderwerp)',
    directNumberHint: 'Dit nummer staat in de bevestiging die je na het afronden krijgt. Laat leeg als je het niet wilt.',
    directNumberInvalid: 'Dit telefoonnummer klopt niet. Typ bijvoorbeeld 0313 123456.',
  },
} as const;
