// Dutch texts every owned item (terugbelverzoek, afspraak) shares: the buttons and labels of the
// owner view and channel card, "Het goede gesprek", and the messages, field errors and history
// words of the shared life cycle (src/domain/items/ownedLifecycle.ts). A kind spreads these into
// its own module and adds what is its own (see callbacks.ts, appointments.ts).
import { customers } from './customers';

import { conversation } from './conversation';

export const lifecycleCard = {
  deadline: 'Termijn',
  status: 'Status',
  owner: 'Behandelaar',
  customer: 'Klant',
  topic: 'Onderwerp',
  details: 'Toelichting',
  attempts: 'Pogingen',
  claim: "Ik pak 'm op",
  claimedBy: (name: string, time: string) => `Opgepakt door ${name} om ${time}`,
  doneBy: (name: string, time: string) => `Afgerond door ${name} om ${time}`,
  /** Owner line of an open item. */
  nobody: 'Nog niemand',
  openOwnerView: 'Open mijn weergave',
  done: 'Afronden',
  notReached: 'Niet bereikt',
  release: 'Loslaten',
  /** The buttons inside the folded forms: another label than the button that opens them. */
  doneSubmit: 'Opslaan en afronden',
  handoverSubmit: 'Nu overdragen',
  handover: 'Overdragen',
  reschedule: 'Nieuwe afspraak',
  rescheduleHint: 'Kun je de afspraak niet nakomen? Neem contact op met de klant en maak een nieuwe afspraak.',
  cancel: 'Annuleren',
  interpreter: 'Tolk nodig',
  interpreterLabel: 'Tolk',
  save: 'Opslaan',
  checklistTitle: 'Het goede gesprek',
  checklist: [
    'Stel jezelf voor en neem de leiding in het gesprek.',
    'Maak de vraag helder: vraag door en vat samen.',
    'Geef een antwoord of verwijs door. Spreek af wat er gaat gebeuren en wanneer.',
    'Vraag of het duidelijk is.',
    'Vraag of de klant nog andere vragen heeft.',
    'Zo niet: herhaal kort de afspraak.',
    'Geef nogmaals je naam, zodat de klant weet met wie hij of zij heeft gesproken.',
    'Sluit het gesprek af met een passende persoonlijke noot.',
    'Voel je verantwoordelijk voor de afspraak die jij hebt gemaakt.',
  ],
  doneNote: 'Notitie voor het klantdossier (de klant moet dit ook kunnen lezen)',
  confirmation: 'Belangrijke informatie bevestigd aan de klant',
  answerLabel: conversation.answerLabel,
  toldLabel: conversation.told.label,
  explanationLabel: conversation.explanationLabel,
  /** Owner view of a finished item: the answer and its explanation. */
  answerLine: (answer: string, explanation: string) => `**${conversation.answerLabel}:** ${answer}${explanation ? `. ${explanation}` : ''}`,
  newMoment: 'Nieuw moment',
  reason: 'Reden',
  handoverTo: 'Overdragen aan',
  /** The card shows the latest history lines only; storage keeps all. */
  earlierHistory: (n: number) => `… en ${n} eerdere regels`,
  sensitiveHint: 'Gevoelig onderwerp: in het kanaal staan naam en toelichting niet. Bespreek het daar ook niet.',
  ownerOnlyHint: 'Deze weergave zie alleen jij als behandelaar.',
};

/** How a kind's texts name one item: 'terugbelverzoek' / 'dit verzoek', 'afspraak' / 'deze afspraak'. */
export interface ItemNoun {
  /** The kind, lower case, as in "heeft terugbelverzoek TB-1042 aan jou overgedragen". */
  kind: string;
  /** "dit verzoek", "deze afspraak". */
  this: string;
  /** "een verzoek", "een afspraak". */
  a: string;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The life cycle's messages for a kind (ownedLifecycle's LifecycleTexts.msg minus what is the kind's own). */
export function lifecycleMsg(n: ItemNoun) {
  return {
    alreadyClaimed: (name: string) => `${name} heeft ${n.this} al opgepakt.`,
    alreadyYours: `Je had ${n.this} al opgepakt.`,
    finished: `${cap(n.this)} is al afgerond.`,
    cancelledAlready: `${cap(n.this)} is geannuleerd.`,
    notClaimed: `Niemand heeft ${n.this} opgepakt. Pak 'm eerst op.`,
    cancelled: (id: string) => `${id} is geannuleerd.`,
    notYours: 'De gegevens van de klant ziet alleen de behandelaar.',
    released: (id: string) => `Je hebt ${id} losgelaten. Een collega kan het nu oppakken.`,
    done: (id: string) => `${id} is afgerond. Dank je wel!`,
    handedOver: (id: string, to: string) => `${id} is overgedragen aan ${to}.`,
    handoverNotice: (id: string, from: string, topic: string, deadline: string) =>
      `${from} heeft ${n.kind} **${id}** (${topic}) aan jou overgedragen. Uiterlijk: ${deadline}.`,
    rescheduled: (id: string, moment: string) => `${id} heeft een nieuw moment: ${moment}. Laat de klant dit weten.`,
  };
}

/** The life cycle's field errors for a kind. */
export function lifecycleErrors(n: ItemNoun) {
  return {
    assigneeRequired: 'Kies een collega.',
    assigneeSelf: `Je kunt ${n.a} niet aan jezelf overdragen.`,
    assigneeIsOwner: (name: string) => `${name} is al de behandelaar.`,
    assigneeUnknown: 'Deze collega ken ik niet. Kies een collega uit de lijst.',
    noteRequired: 'Schrijf een korte notitie voor het klantdossier.',
    noteTooShort: 'Schrijf iets meer: wat is er afgesproken?',
    confirmationRequired: 'Kies hoe je de belangrijke informatie aan de klant hebt bevestigd.',
    reasonRequired: 'Geef een reden.',
    newMomentRequired: 'Kies een nieuw moment.',
  };
}

export const lifecycleHistory: Record<string, string> = {
  // The customer's safety pause, on every item of that customer (texts/nl/customers.ts).
  ...customers.history,
  claimed: 'opgepakt',
  released: 'losgelaten',
  done: 'afgerond',
  notReached: 'niet bereikt',
  handedOver: 'overgedragen',
  rescheduled: 'nieuwe afspraak',
  cancelled: 'geannuleerd',
  customerTold: 'klant ingelicht',
  interpreterLinked: 'tolk',
  erased: 'klantgegevens gewist',
  ownerAbsent: 'behandelaar afwezig',
  takenOver: 'overgenomen',
};

export const lifecycleStatus: Record<string, string> = {
  open: 'Nog niet opgepakt',
  claimed: 'Opgepakt',
  done: 'Afgerond',
  cancelled: 'Geannuleerd',
  notReached: 'Niet bereikt',
};

export const confirmationChoices: Record<string, string> = {
  email: 'Per e-mail bevestigd',
  brief: 'Per brief bevestigd',
  none: 'Niet nodig',
};
