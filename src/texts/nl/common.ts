// Dutch texts shared by every feature. B1 level: short sentences, plain words.

export const common = {
  botName: 'Top Contact',
  /** `echo` is already masked, cut and neutralised (domain/validation/mask.ts echoOf). */
  unknownCommand: (echo: string) => `Die opdracht ken ik niet${echo ? ` ("${echo}")` : ''}. Typ **hulp** voor alles wat ik kan.`,
  /** A near miss ("terugbelen") or a sentence with a clear intent: name the command that works. */
  didYouMean: (command: string, echo: string) =>
    `Die opdracht ken ik niet${echo ? ` ("${echo}")` : ''}. Bedoel je **${command}**? Typ dan **${command}**, of **hulp** voor alles wat ik kan.`,
  welcomeTeam:
    'Hallo! Ik ben **Top Contact**. Ik help jullie de afspraken uit ons dienstverleningsconcept na te komen: terugbelverzoeken, vervolgafspraken, tolken en twijfelgevallen. ' +
    'Typ in het kanaal waar jullie het werk willen zien **@Top Contact koppel**. Typ **hulp** voor alle opdrachten.',
  welcomePersonal: 'Hallo! Ik ben **Top Contact**. Hier in de persoonlijke chat zie je jouw eigen werk. Typ **hulp** voor alle opdrachten.',
  bound: (channel: string) =>
    `Dit kanaal (${channel}) is nu het werkkanaal van het team. Nieuwe terugbelverzoeken en het dagoverzicht komen hier.`,
  boundMoved: (channel: string, previous: string) =>
    `Dit kanaal (${channel}) is nu het werkkanaal. Het werkkanaal was eerst "${previous}"; daar plaats ik niets nieuws meer.`,
  /** After a new koppel: what happens next. `moment` as "maandag 7 december, 08:30". */
  boundNext: (moment: string) =>
    `Het eerste dagoverzicht komt hier op ${moment}. Typ **@Top Contact terugbellen** om een terugbelverzoek te maken, of **@Top Contact hulp** voor alles wat ik kan.`,
  boundAlready: (channel: string) => `Dit kanaal (${channel}) is al het werkkanaal.`,
  bindOnlyInChannel: 'Koppelen kan alleen in een kanaal van een team. Typ **@Top Contact koppel** in het kanaal waar het werk moet komen.',
  pendingPosted: (n: number) =>
    `Ik heb ${n} ${n === 1 ? 'verzoek dat wachtte' : 'verzoeken die wachtten'} op een werkkanaal hier geplaatst.`,
  notBound: 'Er is nog geen werkkanaal gekoppeld. Typ **@Top Contact koppel** in het kanaal van het team.',
  tenantRefused: 'Deze organisatie mag Top Contact niet gebruiken.',
  /** HTTP 503 while the process drains on SIGTERM. */
  shuttingDown: 'De bot start opnieuw op. Probeer het zo nog eens.',
  /** Teams calls the General channel "Algemeen" in Dutch; its name is never sent (users see it localised). */
  generalChannel: 'Algemeen',
  /** On stderr when the process cannot start (the reason follows). */
  startFailed: (reason: string) => `Top Contact kon niet starten: ${reason}`,
  somethingWrong: 'Er ging iets mis aan mijn kant. Probeer het zo nog eens. Lukt het niet, meld het dan bij ICT.',
  unknownItem: (id: string) => `Ik kan ${id || 'dit'} niet vinden. Misschien is het verwijderd.`,
  unknownAction: 'Deze knop werkt niet (meer). Je ziet de laatste stand.',
  /** A known button whose data the card contract refuses (a broken or very old card). */
  invalidAction: 'Deze knop stuurde gegevens mee die ik niet kan lezen. Je ziet de laatste stand.',
  staleCard: 'Deze kaart was niet meer actueel. Je ziet nu de laatste stand.',
  notAllowed: 'Dat mag alleen de behandelaar of een leidinggevende.',
  managersOnly: 'Dat mag alleen een leidinggevende.',
  system: 'Top Contact',
  /** The ids in a bundled reminder: the first ten, then how many more. */
  remindersIdList: (shown: string[], more: number) => (more > 0 ? `${shown.join(', ')} en nog ${more}` : shown.join(', ')),
  remindersBundledOwner: (n: number, ids: string) =>
    `Je hebt ${n} zaken die aandacht vragen (te laat of bijna): ${ids}. Typ **mijn** voor de lijst met knoppen.`,
  remindersBundledChannel: (n: number, ids: string) =>
    `${n} zaken vragen aandacht (te laat of nog door niemand opgepakt): ${ids}. Typ **overzicht** voor de lijst.`,
  fieldRequired: 'Vul dit veld in.',
  tooLong: (max: number) => `Maximaal ${max} tekens.`,
  invalidMoment: 'Kies een geldige datum en tijd.',
  datePlaceholder: 'dd-mm-jjjj',
  timePlaceholder: 'uu:mm',
  momentInPast: 'Dit moment ligt in het verleden.',
  formHasErrors: 'Niet alles is goed ingevuld. Kijk naar de meldingen bij de velden.',
  history: 'Geschiedenis',
  yes: 'Ja',
  no: 'Nee',
  cancel: 'Annuleren',
} as const;
