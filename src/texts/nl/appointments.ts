// Dutch texts for follow-up appointments (vervolgafspraken): e-mail, brief, balie, huisbezoek, overig.
// What every owned item shares is in lifecycle.ts.
import {
  confirmationChoices,
  lifecycleCard,
  lifecycleErrors,
  lifecycleHistory,
  lifecycleMsg,
  lifecycleStatus,
  type ItemNoun,
} from './lifecycle';

const noun: ItemNoun = { kind: 'afspraak', this: 'deze afspraak', a: 'een afspraak' };

export const appointments = {
  kindName: 'Afspraak',
  kinds: {
    email: 'E-mail',
    letter: 'Brief',
    walkin: 'Balie',
    homevisit: 'Huisbezoek',
    other: 'Overig',
  } as Record<string, string>,
  /** The buttons of the first step ("wat voor afspraak?"). */
  kindButtons: {
    email: 'E-mail beantwoorden',
    letter: 'Brief beantwoorden',
    walkin: 'Klant aan de balie',
    homevisit: 'Huisbezoek',
    other: 'Iets anders',
  } as Record<string, string>,
  status: lifecycleStatus,
  chooseTitle: 'Nieuwe afspraak',
  chooseIntro: 'Wat heb je de klant beloofd? Kies de soort afspraak; ik vul de termijn uit ons dienstverleningsconcept voor je in.',
  formTitle: {
    email: 'Nieuwe afspraak: e-mail beantwoorden',
    letter: 'Nieuwe afspraak: brief beantwoorden',
    walkin: 'Klant aan de balie: maak een afspraak',
    homevisit: 'Nieuwe afspraak: huisbezoek',
    other: 'Nieuwe afspraak',
  } as Record<string, string>,
  formIntro: {
    email:
      'Een e-mail beantwoord je uiterlijk de volgende werkdag. Dat mag een bericht zijn met een afspraak wanneer het antwoord komt: uitgangspunt is binnen 5 werkdagen.',
    letter:
      'Een brief beantwoorden we binnen 5 werkdagen. Lukt dat niet, stuur dan binnen die 5 werkdagen een korte ontvangstbevestiging met de termijn waarbinnen het antwoord komt.',
    walkin: 'Kon je de klant niet direct helpen, omdat de juiste collega er niet is? Maak dan nu een afspraak: met wie, wanneer en hoe.',
    homevisit: 'Spreek met de klant een moment af voor het huisbezoek en kies wie er gaat.',
    other: 'Leg vast wat je de klant hebt beloofd en wanneer.',
  } as Record<string, string>,
  walkinRule: 'Zorg dat de klant niet vertrekt zonder afspraak.',
  otherKind: 'Andere soort kiezen',
  fields: {
    customerName: 'Naam klant',
    contact: 'Telefoon of e-mail van de klant (niet zichtbaar in het kanaal)',
    topic: 'Onderwerp',
    details: 'Toelichting',
    sensitive: 'Gevoelig onderwerp (naam en toelichting niet zichtbaar in het kanaal)',
    date: 'Datum',
    time: 'Tijd',
    owner: 'Behandelaar (leeg = voor het team)',
    ownerRequired: 'Met welke collega?',
    how: 'Hoe is het vervolgcontact?',
  },
  momentLabel: {
    email: 'Volledig antwoord uiterlijk',
    letter: 'Antwoord uiterlijk',
    walkin: 'Afspraak op',
    homevisit: 'Huisbezoek op',
    other: 'Afgesproken moment',
  } as Record<string, string>,
  momentHint: {
    email: 'Ingevuld: binnen 5 werkdagen. Heb je met de klant een ander moment afgesproken? Pas het aan.',
    letter:
      'Ingevuld: binnen 5 werkdagen. Kies je een later moment, dan stuur je binnen 5 werkdagen een ontvangstbevestiging met die termijn.',
    walkin: '',
    homevisit: '',
    other: 'Ingevuld: het eind van de volgende werkdag. Pas het aan als je iets anders hebt afgesproken.',
  } as Record<string, string>,
  fixedReply: (deadline: string) => `Eerste reactie: ${deadline} (vaste termijn).`,
  placeholders: {
    customerName: 'Bijvoorbeeld: mevrouw Jansen',
    contact: '06 12345678 of naam@voorbeeld.nl',
    topic: 'Waar gaat het over?',
    details: 'Wat moet de collega weten? Schrijf het zo dat de klant het ook kan lezen.',
  },
  choices: {
    how: { telefoon: 'Telefonisch', kantoor: 'Op kantoor', thuis: 'Bij de klant thuis', email: 'Per e-mail' },
    confirmation: confirmationChoices,
  } as Record<string, Record<string, string>>,
  termLabels: {
    emailReply: 'Eerste reactie op e-mail',
    emailAnswer: 'Volledig antwoord op e-mail',
    letter: 'Antwoord op brief',
    letterAck: 'Ontvangstbevestiging met termijn',
    walkin: 'Afspraak na baliebezoek',
    homevisit: 'Huisbezoek',
    other: 'Afspraak',
    rescheduled: 'Nieuwe afspraak',
  },
  errors: {
    contact: 'Vul een geldig telefoonnummer (06 12345678) of e-mailadres in.',
    contactRequired: 'Vraag de klant hoe je hem of haar kunt bereiken.',
    momentRequired: 'Kies een datum en tijd.',
    walkinMoment: 'Kies wanneer het vervolgcontact is. De klant vertrekt niet zonder afspraak.',
    walkinOwner: 'Kies de collega die de klant verder helpt.',
    ownerRequired: 'Kies wie er gaat.',
    howRequired: 'Kies hoe het vervolgcontact plaatsvindt.',
    answerBeforeNow: 'Het antwoord moet na nu komen.',
    ...lifecycleErrors(noun),
    ackMomentRequired: 'Noem in de ontvangstbevestiging wanneer het antwoord komt: kies dat moment.',
    nothingToAcknowledge: 'Voor deze afspraak is er geen eerste reactie meer vast te leggen.',
  },
  submit: 'Afspraak vastleggen',
  created: (id: string, deadline: string) => `Afspraak **${id}** is vastgelegd. Uiterlijk: ${deadline}.`,
  createdNoChannel: (id: string) =>
    `Afspraak **${id}** is opgeslagen. Er is nog geen werkkanaal; zodra iemand **koppel** typt in een kanaal, komt het daar.`,
  createdFor: (id: string, who: string) => `Afspraak **${id}** staat bij ${who}.`,
  walkinCreated: (who: string, moment: string) => `Vertel de klant: ${who} helpt u verder, ${moment}.`,
  sensitiveMasked: 'Gevoelig onderwerp — details bij de behandelaar',
  card: {
    ...lifecycleCard,
    title: (id: string, kind: string) => `Afspraak ${id} · ${kind}`,
    terms: 'Termijnen',
    createdBy: 'Vastgelegd door',
    cancelReason: 'Waarom vervalt deze afspraak?',
    cancelConfirm: 'Afspraak annuleren',
    contact: 'Contact',
    kind: 'Soort',
    how: 'Hoe',
    acknowledge: { email: 'Eerste reactie verstuurd', letter: 'Ontvangstbevestiging verstuurd' } as Record<string, string>,
    acknowledgeHint: {
      email: (current: string) =>
        `Heb je de klant geantwoord met een afspraak wanneer het volledige antwoord komt? Kies dat moment. Leeg: ${current}.`,
      letter: (current: string) =>
        `Noem in de ontvangstbevestiging de termijn waarbinnen het antwoord komt, en kies dat moment hier.${current ? ` Leeg: ${current}.` : ''}`,
    } as Record<string, (current: string) => string>,
    time: 'Tijd',
    answerMoment: 'Antwoord uiterlijk',
    termMet: 'gedaan',
    termLate: 'te laat gedaan',
  },
  history: {
    ...lifecycleHistory,
    created: 'vastgelegd',
    acknowledged: 'eerste reactie verstuurd',
  } as Record<string, string>,
  msg: {
    ...lifecycleMsg(noun),
    claimed: (id: string) => `Je hebt ${id} opgepakt. Jij bent nu de behandelaar.`,
    notReached: (n: number) => `Poging ${n} vastgelegd. Neem opnieuw contact op, of maak een nieuwe afspraak.`,
    suggestWritten: (n: number) => `Dit is al poging ${n}. Stuur de klant een e-mail of brief met een nieuwe afspraak.`,
    nudgeUnclaimed: (id: string, topic: string, left: string) =>
      `Afspraak **${id}** (${topic}) heeft nog geen behandelaar. Nog ${left}. Wie pakt het op?`,
    overdueOwner: (id: string, topic: string, late: string) =>
      `Afspraak **${id}** (${topic}) is ${late}. Neem vandaag contact op met de klant en maak zo nodig een nieuwe afspraak.`,
    overdueChannel: (id: string, topic: string, late: string) =>
      `Afspraak **${id}** (${topic}) is ${late} en heeft geen behandelaar. Wie pakt het op?`,
    assignedNotice: (id: string, from: string, topic: string, deadline: string) =>
      `${from} heeft afspraak **${id}** (${topic}) voor jou vastgelegd. Uiterlijk: ${deadline}.`,
    acknowledged: (id: string, moment: string) => `Vastgelegd voor ${id}. Het antwoord komt uiterlijk ${moment}.`,
    acknowledgedLate: (id: string, moment: string) =>
      `Vastgelegd voor ${id}, maar later dan de termijn. Het antwoord komt uiterlijk ${moment}.`,
  },
} as const;
