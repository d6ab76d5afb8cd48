// Dutch texts for "oefen met een collega": twijfelgevallen over afwijken van een regel, the
// discussion card, the manager's decision and the library of earlier decisions (afwegingen).

/** User text quoted inside a plain chat message: one line, no markdown or HTML, at most `max` characters. */
export function quote(s: string, max = 120): string {
  const flat = s
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/[*_`~[\]<>\\#]/g, '')
    .replace(/\$\{/g, '$ {')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** "2 werkuren", "1 werkuur", "45 werkminuten". */
export function workingDuration(minutes: number): string {
  if (minutes >= 60) {
    const h = Math.floor(minutes / 60);
    return h === 1 ? '1 werkuur' : `${h} werkuren`;
  }
  return minutes === 1 ? '1 werkminuut' : `${minutes} werkminuten`;
}

export const exceptions = {
  kindName: 'Twijfelgeval',
  status: {
    open: 'Wacht op een collega',
    taken: 'Een collega denkt mee',
    escalated: 'Bij de leidinggevende',
    decided: 'Besloten',
  } as Record<string, string>,
  outcome: {
    afwijken: 'Afwijken',
    nietAfwijken: 'Niet afwijken',
    voorleggen: 'Voorleggen aan leidinggevende',
  } as Record<string, string>,
  /** The outcome in a sentence: "besloten: afwijken". */
  outcomeLower: {
    afwijken: 'afwijken van de regel',
    nietAfwijken: 'niet afwijken van de regel',
    voorleggen: 'voorleggen aan de leidinggevende',
  } as Record<string, string>,
  stance: {
    eens: 'Eens',
    nietEens: 'Niet eens',
    twijfel: 'Twijfel',
  } as Record<string, string>,
  urgency: {
    vandaag: 'Vandaag',
    dezeWeek: 'Deze week',
  } as Record<string, string>,

  form: {
    title: 'Twijfel? Oefen met een collega',
    intro:
      'Twijfel je of je van een regel mag afwijken, of een tussenoplossing mag bieden? Leg het voor aan een collega. ' +
      'Zo groeit ons gezamenlijke afwegingskader.',
    privacyHint: 'Schrijf geen naam, adres, telefoonnummer of klantnummer op. Iedereen in het kanaal leest mee.',
    submit: 'Verder',
    fields: {
      situation: 'Wat is de situatie? (een paar zinnen)',
      rule: 'Om welke regel gaat het?',
      proposal: 'Wat wil je doen? (afwijking of tussenoplossing)',
      leaning: 'Waarom neig je daarnaar?',
      urgency: 'Wanneer is een besluit nodig?',
    },
    placeholders: {
      situation: 'Bijvoorbeeld: huurder heeft 3 maanden achterstand door ziekte en vraagt een regeling van 18 maanden.',
      rule: 'Bijvoorbeeld: een betalingsregeling duurt hoogstens 12 maanden',
      proposal: 'Bijvoorbeeld: regeling van 18 maanden, met een gesprek met de schuldhulp',
      leaning: 'Bijvoorbeeld: met 12 maanden lukt het niet; zo voorkomen we een ontruiming',
    },
  },

  similar: {
    title: 'Zo besloot het team eerder',
    intro:
      'Deze eerdere besluiten lijken op jouw vraag. Helpen ze je? Wil je het toch aan een collega voorleggen, klik dan op "Toch plaatsen".',
    matched: (words: string) => `Lijkt op jouw vraag door: ${words}`,
    decidedOn: (date: string, who: string) => `Besloten op ${date} door ${who}`,
    postAnyway: 'Toch plaatsen',
    edit: 'Vraag aanpassen',
  },

  created: (id: string, deadline: string) =>
    `Je vraag **${id}** staat in het kanaal. Een collega denkt met je mee. Besluit nodig: ${deadline}.`,
  createdNoChannel: (id: string) =>
    `Je vraag **${id}** is opgeslagen. Er is nog geen werkkanaal; zodra iemand **koppel** typt in een kanaal, komt hij daar.`,

  card: {
    title: (id: string) => `Twijfelgeval ${id}`,
    situation: 'Situatie',
    rule: 'Regel',
    proposal: 'Voorstel',
    leaning: 'Waarom',
    askedBy: 'Gevraagd door',
    needed: 'Besluit nodig',
    takenBy: 'Denkt mee',
    nobodyYet: 'Nog niemand',
    takenByText: (name: string, time: string) => `${name} (sinds ${time})`,
    questionsTitle: 'Denk samen na',
    questions: [
      'Welke regel geldt en waarom bestaat die?',
      'Wat is hier bijzonder?',
      'Wat betekent afwijken voor andere huurders (gelijke behandeling, precedent)?',
      "Wat zijn de risico's of kosten?",
      'Hoe leggen we een "nee" uit aan de klant?',
    ],
    opinionsTitle: (n: number) => (n === 0 ? 'Meningen' : `Meningen (${n})`),
    noOpinions: 'Nog geen meningen. Wat vind jij?',
    opinionHead: (name: string, stance: string, moment: string) => `**${name}**: ${stance} · ${moment}`,
    escalatedText: (manager: string, by: string, moment: string) => `${by} legde dit op ${moment} voor aan ${manager}.`,
    decisionTitle: 'Besluit',
    decidedBy: (name: string, moment: string) => `${name}, ${moment}`,
    decidedByManager: (name: string, moment: string) => `${name} (leidinggevende), ${moment}`,
    reasoning: 'Onderbouwing',
    customerExplanation: 'Uitleg aan de klant',
    guidelineBadge: 'Richtlijn: zo doen we het voortaan',
    take: 'Ik denk mee',
    giveOpinion: 'Mijn mening',
    stance: 'Wat vind jij van het voorstel?',
    opinionReasoning: 'Waarom? Leg het uit, daar leert het team van.',
    sendOpinion: 'Mening plaatsen',
    decide: 'Besluit vastleggen',
    decideHint: 'Alleen wie de vraag stelde (of een leidinggevende) legt het besluit vast.',
    outcome: 'Besluit',
    decisionReasoning: 'Onderbouwing: waarom dit besluit?',
    explanation: 'Uitleg aan de klant (verplicht bij "niet afwijken")',
    explanationPlaceholder: 'Zo leggen we het uit, in gewone woorden.',
    saveDecision: 'Besluit opslaan',
    managerDecide: 'Besluit leidinggevende',
    managerHint: 'Deze vraag is aan de leidinggevende voorgelegd. Alleen die legt nu het besluit vast.',
    markGuideline: 'Maak er een richtlijn van',
    unmarkGuideline: 'Geen richtlijn meer',
    guidelineHint: 'Alleen voor leidinggevenden.',
  },

  history: {
    created: 'vraag gesteld',
    taken: 'denkt mee',
    opinion: 'mening',
    decided: 'besluit',
    escalated: 'voorgelegd aan leidinggevende',
    managerDecided: 'besluit leidinggevende',
    guideline: 'richtlijn gemaakt',
    guidelineRemoved: 'geen richtlijn meer',
  } as Record<string, string>,

  errors: {
    situationShort: 'Beschrijf de situatie in een paar zinnen.',
    urgencyRequired: 'Kies wanneer een besluit nodig is.',
    identifier: (what: string) => `Haal ${what} weg. In het kanaal horen geen klantgegevens.`,
    stanceRequired: 'Kies: eens, niet eens of twijfel.',
    reasoningRequired: 'Leg uit waarom. Daar leert het team van.',
    reasoningShort: 'Schrijf iets meer: waarom vind je dit?',
    outcomeRequired: 'Kies een besluit.',
    managerOutcome: 'Kies afwijken of niet afwijken.',
    explanationRequired: 'Schrijf de uitleg die de klant krijgt. Een "nee" krijgt altijd een duidelijke uitleg.',
    explanationShort: 'Schrijf de uitleg in een paar zinnen, zo dat de klant het begrijpt.',
  },
  identifierKinds: {
    email: 'het e-mailadres',
    phone: 'het telefoonnummer',
    postcode: 'de postcode',
    number: 'het klantnummer (of een ander lang nummer)',
    iban: 'het rekeningnummer',
    name: 'de naam (na mevrouw, meneer of familie); schrijf bijvoorbeeld "de huurder"',
  } as Record<string, string>,

  msg: {
    ownCase: 'Dit is je eigen vraag. Een collega denkt met je mee; jij legt daarna het besluit vast.',
    ownOpinion: 'Dit is je eigen vraag. Jouw kant staat al op de kaart bij "Waarom". Vraag een collega om een mening.',
    alreadyTaken: (name: string) => `${name} denkt al mee over deze vraag. Je kunt wel je mening geven.`,
    alreadyYours: 'Je denkt al mee over deze vraag. Geef je mening met uitleg.',
    escalatedNoTake: 'Deze vraag ligt al bij de leidinggevende. Je kunt wel je mening geven.',
    finished: 'Over deze vraag is al besloten.',
    notRequester: 'Alleen wie de vraag stelde (of een leidinggevende) legt het besluit vast.',
    needOpinion:
      'Vraag eerst een collega om een mening: zo oefenen we samen. Is het dringend en twijfel je nog? Kies dan "Voorleggen aan leidinggevende".',
    waitForManager: 'Deze vraag ligt bij de leidinggevende. Die legt het besluit vast; jij hoort het.',
    noManager: 'Ik weet niet wie je leidinggevende is, dus ik kan dit niet voorleggen. Vraag ICT om de leidinggevende in te stellen.',
    managerSelf: 'Je bent zelf de leidinggevende. Kies afwijken of niet afwijken.',
    notDecided: 'Alleen een besluit kan een richtlijn worden. Er is nog niet besloten.',
    alreadyGuideline: 'Dit besluit is al een richtlijn.',
    notGuideline: 'Dit besluit is geen richtlijn.',
    taken: (id: string) => `Je denkt mee over ${id}. Geef je mening met uitleg.`,
    opinionSaved: (id: string) => `Je mening over ${id} staat op de kaart. Dank je wel!`,
    decided: (id: string, outcome: string) => `Besluit over ${id} vastgelegd: ${outcome}. Iedereen die meedacht hoort het.`,
    escalated: (id: string, manager: string) => `${id} is voorgelegd aan ${manager}. Je hoort het besluit.`,
    guidelineMarked: 'Dit besluit is nu een richtlijn. Het staat bovenaan bij het zoeken.',
    guidelineRemoved: 'Dit besluit is geen richtlijn meer.',

    takenNotice: (id: string, who: string, rule: string) => `${who} denkt mee over je vraag **${id}** (${quote(rule)}).`,
    opinionNotice: (id: string, who: string, stance: string) =>
      `${who} gaf een mening over je vraag **${id}**: ${stance.toLowerCase()}. Lees de uitleg op de kaart in het kanaal.`,
    escalationNotice: (id: string, requester: string, rule: string) =>
      `${requester} legt twijfelgeval **${id}** aan je voor (${quote(rule)}). Hieronder staat de hele vraag met de meningen. ` +
      'Leg je besluit vast met een onderbouwing; iedereen die meedacht hoort het.',
    decidedNotice: (id: string, who: string, outcome: string, reasoning: string) =>
      `${who} heeft besloten over twijfelgeval **${id}**: ${outcome}. Onderbouwing: ${quote(reasoning, 300)}`,
    managerDecidedNotice: (id: string, manager: string, outcome: string, reasoning: string) =>
      `${manager} (leidinggevende) heeft besloten over twijfelgeval **${id}**: ${outcome}. Onderbouwing: ${quote(reasoning, 300)}`,
    nudge: (id: string, rule: string, waited: string) =>
      `Twijfelgeval **${id}** (${quote(rule)}) wacht al ${waited} op een collega. Wie denkt mee? Klik op "Ik denk mee" op de kaart.`,
  },

  library: {
    title: (words: string) => (words ? `Afwegingen: "${words}"` : 'Afwegingen: de laatste besluiten'),
    intro: 'Eerdere besluiten van het team. Richtlijnen staan bovenaan, daarna de nieuwste.',
    partial: 'Geen besluit bevat al deze woorden. Dit zijn besluiten met een deel ervan.',
    empty: (words: string) =>
      `Ik vond geen eerdere besluiten over "${quote(words, 60)}". Probeer andere woorden, bijvoorbeeld uit de regel.`,
    none: 'Er zijn nog geen besluiten vastgelegd. Twijfel je? Typ **twijfel** en oefen met een collega.',
    more: (shown: number, total: number) =>
      `${shown} van ${total} getoond. Zoek met meer woorden, of exporteer alles met **afwegingen export**.`,
    hint: 'Zoek met: afwegingen <woorden>. Alles in Excel voor het teamoverleg: afwegingen export (in de persoonlijke chat).',
    head: (id: string, date: string) => `${id} · ${date}`,
    decisionText: (outcome: string, who: string, byManager: boolean) => `${outcome} (${who}${byManager ? ', leidinggevende' : ''})`,
    guideline: 'Richtlijn',
    rule: 'Regel',
    situation: 'Situatie',
    decision: 'Besluit',
    reasoning: 'Onderbouwing',
  },

  export: {
    onlyPersonal:
      'Een bestand kan ik alleen in onze persoonlijke chat sturen. Open de chat met Top Contact en typ daar **afwegingen export**.',
    empty: 'Er zijn nog geen besluiten om te exporteren.',
    consent: (n: number) => `Alle ${n} besluiten uit de afwegingen, voor het teamoverleg. Het bestand (CSV) opent in Excel.`,
    fileName: (day: string) => `afwegingen-${day}.csv`,
    done: (name: string) => `Het bestand **${name}** staat nu in je OneDrive. Open het in Excel.`,
    declined: 'Goed, ik heb het bestand niet opgeslagen.',
    failed: 'Het opslaan van het bestand is niet gelukt. Probeer het zo nog eens.',
    headers: [
      'Nummer',
      'Besloten op',
      'Richtlijn',
      'Regel',
      'Situatie',
      'Voorstel',
      'Waarom (aanvrager)',
      'Besluit',
      'Onderbouwing',
      'Uitleg aan de klant',
      'Besloten door',
      'Via leidinggevende',
      'Eens',
      'Niet eens',
      'Twijfel',
    ],
    yes: 'ja',
    no: 'nee',
  },
} as const;
