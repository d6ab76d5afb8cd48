// Dutch texts for the customer record (`klant`), the klantbeeld and "contact gepauzeerd".
// The klantbeeld is written so the customer may read it: what the customer needs, not a label.

export const customers = {
  /** Klantbeeld values as stored and shown (the stored code is the Dutch wording's short form). */
  profile: {
    ageGroup: {
      'jonger-dan-23': 'Jonger dan 23 jaar',
      '23-tot-55': 'Van 23 tot 55 jaar',
      '55-of-ouder': '55 jaar of ouder',
    } as Record<string, string>,
    digital: {
      'regelt-digitaal': 'Regelt zaken graag digitaal',
      'liever-persoonlijk': 'Heeft liever persoonlijk contact (telefoon, brief, balie)',
    } as Record<string, string>,
    attitude: {
      'denkt-mee': 'Denkt mee en neemt zelf makkelijk contact op',
      'wil-duidelijkheid': 'Wil duidelijke afspraken en snel antwoord',
      'hulp-bij-regelen': 'Heeft hulp nodig bij het regelen van zaken',
    } as Record<string, string>,
  },
  preferredChannel: { telefoon: 'Telefoon', email: 'E-mail', brief: 'Brief', balie: 'Aan de balie' } as Record<string, string>,
  /** What the owner does with the klantbeeld (shown in the owner view and on the customer card). */
  needs: {
    letter: 'Bevestig per brief: deze klant heeft liever geen digitaal contact.',
    digital: 'Vertel vrijblijvend over de digitale mogelijkheden.',
    help: 'Deze klant heeft hulp nodig: denk aan een huisbezoek, vaker proberen, of contact via iemand die de klant vertrouwt.',
  },
  ownerViewLink: (id: string) => `${id} (typ klant ${id} in de chat met mij)`,
  form: {
    lookup: 'Klant opzoeken',
    filled: (id: string) => `Bekende klant (${id}): het klantbeeld en de voorkeur voor contact staan ingevuld. Klopt het nog?`,
    none: 'Geen bekende klant met dit telefoonnummer of e-mailadres. Vul het klantbeeld in als je het weet.',
    needContact: 'Vul eerst een telefoonnummer of e-mailadres in; daarmee zoek ik de klant op.',
    known: (id: string) => `Bekende klant (${id}).`,
  },
  usage: 'Typ **klant** gevolgd door een telefoonnummer, e-mailadres of naam. Bijvoorbeeld: klant 06 12345678',
  /** Never repeats what was typed (a phone number or e-mail address). */
  notFound: 'Ik vind geen klant met deze gegevens. Misschien is er nog niets vastgelegd, of zijn de gegevens al gewist.',
  sentToChat:
    'Het antwoord staat in je persoonlijke chat met mij. Typ **klant** de volgende keer daar: dan ziet niemand anders de gegevens.',
  pickTitle: 'Meerdere klanten gevonden',
  pickIntro: (n: number, more: boolean) => `Ik vind ${n} klanten met deze naam${more ? ' (de eerste 10)' : ''}. Kies de juiste:`,
  pickLine: (last4: string, topic: string) =>
    `${last4 ? `nummer eindigt op ${last4}` : 'geen telefoonnummer'}${topic ? ` · laatst: ${topic}` : ''}`,
  card: {
    title: (id: string) => `Klant ${id}`,
    names: 'Naam',
    contact: 'Contactgegevens',
    preferredChannel: 'Wil contact via',
    profile: 'Klantbeeld',
    interpreter: 'Tolk nodig',
    open: 'Open',
    finished: 'Afgerond (nog bewaard)',
    noOpen: 'Geen open terugbelverzoeken of afspraken.',
    noFinished: 'Niets afgerond in de bewaartermijn.',
    itemLine: (id: string, kind: string, topic: string, status: string) => `**${id}** · ${kind} · ${topic} · ${status}`,
    owner: 'Behandelaar',
    nobody: 'nog niemand',
    term: 'Termijn',
    givenName: 'Naam op dit verzoek',
    note: 'Notitie',
    answer: 'Antwoord',
    explanation: 'Uitleg aan de klant',
    confirmation: 'Bevestigd',
    paused: (since: string, by: string) => `Contact gepauzeerd sinds ${since} (door ${by}).`,
    pauseReason: 'Reden',
    pauseHeading: 'Contact pauzeren (veilige dienstverlening)',
    pauseHelp:
      'Is het contact met deze klant niet veilig (dreiging, agressie)? Pauzeer het contact. De leidinggevenden horen het meteen; alleen een leidinggevende zet het weer aan.',
    pauseReasonLabel: 'Wat is er gebeurd?',
    pauseReasonPlaceholder: 'Kort en feitelijk, bijvoorbeeld: dreigde aan de telefoon',
    pauseButton: 'Contact pauzeren',
    liftButton: 'Pauze opheffen',
    refresh: 'Opnieuw laden',
    finishedAt: (when: string, who: string) => `Afgerond ${when}${who ? ` door ${who}` : ''}`,
    pickButton: (id: string) => `Openen ${id}`,
    lookupsHint: 'Je bekijkt deze klantkaart: dat wordt vastgelegd (wie en wanneer), zoals de privacyregels vragen.',
  },
  answer: { ja: 'Ja', nee: 'Nee', deels: 'Deels', info: 'Informatie gegeven' } as Record<string, string>,
  confirmation: { email: 'Per e-mail', brief: 'Per brief', none: 'Niet nodig' } as Record<string, string>,
  status: { open: 'open', claimed: 'opgepakt', done: 'afgerond', cancelled: 'geannuleerd' } as Record<string, string>,
  kind: { callback: 'Terugbelverzoek', appointment: 'Vervolgafspraak', interpreter: 'Tolkaanvraag' } as Record<string, string>,
  pause: {
    personalOnly: 'Contact pauzeren kan alleen in de persoonlijke chat met mij, niet in het kanaal.',
    reasonRequired: 'Schrijf kort op wat er is gebeurd.',
    already: 'Het contact met deze klant is al gepauzeerd.',
    notPaused: 'Het contact met deze klant is niet gepauzeerd.',
    managersOnly: 'Alleen een leidinggevende kan de pauze opheffen.',
    set: 'Het contact is gepauzeerd. De leidinggevenden en de behandelaars van open verzoeken hebben bericht.',
    lifted: (n: number) =>
      `De pauze is opgeheven.${n ? ` ${n} ${n === 1 ? 'vastgehouden verzoek staat' : 'vastgehouden verzoeken staan'} nu in het kanaal, met een nieuwe termijn vanaf nu.` : ''}`,
    managerNotice: (id: string, who: string, reason: string) =>
      `${who} heeft het contact met klant **${id}** gepauzeerd (veilige dienstverlening). Reden: ${reason}. Typ **klant ${id}** om de klant te bekijken; alleen een leidinggevende heft de pauze op.`,
    ownerNotice: (itemId: string, topic: string) =>
      `Het contact met de klant van **${itemId}** (${topic}) is gepauzeerd (veilige dienstverlening). Neem geen contact op tot een leidinggevende de pauze opheft. Er is niets geannuleerd.`,
    ownerView: (reason: string) => `Contact gepauzeerd (veilige dienstverlening): neem geen contact op. Reden: ${reason}`,
    heldCreated: (id: string) =>
      `**${id}** is opgeslagen, maar vastgehouden: het contact met deze klant is gepauzeerd (veilige dienstverlening). Het komt in het kanaal zodra een leidinggevende de pauze opheft.`,
    held: 'Vastgehouden: het contact met deze klant is gepauzeerd. Dit verzoek komt in het kanaal zodra een leidinggevende de pauze opheft.',
    homeVisitRefused:
      'Het contact met deze klant is gepauzeerd (veilige dienstverlening): er kan geen huisbezoek worden gepland. Vraag een leidinggevende.',
  },
  history: {
    customerPaused: 'contact gepauzeerd',
    customerPauseLifted: 'pauze opgeheven',
    heldReleased: 'vrijgegeven na pauze',
  } as Record<string, string>,
  privacy: {
    record: (id: string) => `Klantkaart ${id}`,
    lookups: 'Opgezocht',
    noLookups: 'Nog niet opgezocht.',
    pauseActive: 'Het contact met deze klant is gepauzeerd. Een leidinggevende heft de pauze eerst op; daarna kan ik de gegevens wissen.',
    pauseHistory: 'Pauzes',
  },
} as const;
