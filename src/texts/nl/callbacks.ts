// Dutch texts for callbacks (terugbelverzoeken). What every owned item shares is in lifecycle.ts.
import { agenda } from './agenda';
import { customers } from './customers';
import {
  confirmationChoices,
  lifecycleCard,
  lifecycleErrors,
  lifecycleHistory,
  lifecycleMsg,
  lifecycleStatus,
  type ItemNoun,
} from './lifecycle';

const noun: ItemNoun = { kind: 'terugbelverzoek', this: 'dit verzoek', a: 'een verzoek' };

export const callbacks = {
  kindName: 'Terugbelverzoek',
  status: lifecycleStatus,
  formTitle: 'Nieuw terugbelverzoek',
  formIntro: 'De klant wordt uiterlijk aan het eind van de volgende werkdag teruggebeld.',
  fields: {
    customerName: 'Naam klant',
    phone: 'Telefoonnummer',
    topic: 'Onderwerp',
    details: 'Toelichting',
    sensitive: 'Gevoelig onderwerp (naam en toelichting niet zichtbaar in het kanaal)',
    preferredDate: 'Voorkeursdatum',
    preferredTime: 'Voorkeurstijd',
    assignee: 'Voor collega (leeg = voor het team)',
    ageGroup: 'Leeftijd',
    digital: 'Digitaal of persoonlijk',
    attitude: 'Wat helpt de klant',
    preferredChannel: 'De klant wil contact via',
    profileHeading: 'Klantbeeld (optioneel)',
  },
  placeholders: {
    customerName: 'Bijvoorbeeld: mevrouw Jansen',
    phone: '06 12345678',
    topic: 'Waar gaat het over? Zonder naam of adres: dit staat in het kanaal.',
    details: 'Wat moet de collega weten? Schrijf het zo dat de klant het ook kan lezen.',
  },
  choices: {
    // Worded so the customer may read them (texts/nl/customers.ts).
    ageGroup: customers.profile.ageGroup,
    digital: customers.profile.digital,
    attitude: customers.profile.attitude,
    preferredChannel: customers.preferredChannel,
    confirmation: confirmationChoices,
  } as Record<string, Record<string, string>>,
  errors: {
    ...lifecycleErrors(noun),
    phone: 'Dit is geen geldig telefoonnummer. Gebruik bijvoorbeeld 06 12345678 of 0313 123456.',
  },
  submit: 'Terugbelverzoek aanmaken',
  created: (id: string, deadline: string) => `Terugbelverzoek **${id}** is aangemaakt. Uiterlijk: ${deadline}.`,
  createdNoChannel: (id: string) =>
    `Terugbelverzoek **${id}** is opgeslagen. Er is nog geen werkkanaal; zodra iemand **koppel** typt in een kanaal, komt het daar.`,
  formAlreadySent: (id: string) =>
    `Je hebt dit formulier al verstuurd: terugbelverzoek **${id}**. Typ **terugbellen** voor een nieuw formulier.`,
  createdFor: (id: string, who: string) => `Terugbelverzoek **${id}** staat klaar voor ${who}.`,
  sensitiveMasked: 'Gevoelig onderwerp — details bij de behandelaar',
  card: {
    ...lifecycleCard,
    title: (id: string) => `Terugbelverzoek ${id}`,
    createdBy: 'Aangemaakt door',
    phone: 'Telefoon',
    preferred: 'Voorkeursmoment',
    profile: 'Klantbeeld',
    channel: 'Contact via',
    cancelReason: 'Waarom vervalt dit terugbelverzoek?',
    cancelConfirm: 'Terugbelverzoek annuleren',
    letterHint: customers.needs.letter,
    customerCard: 'Klantkaart',
  },
  history: {
    ...lifecycleHistory,
    created: 'aangemaakt',
    reminded: 'herinnering',
    escalated: 'te laat gemeld',
    ...agenda.history,
  } as Record<string, string>,
  msg: {
    ...lifecycleMsg(noun),
    claimed: (id: string) => `Je hebt ${id} opgepakt. Succes met bellen!`,
    notReached: (n: number) => `Poging ${n} vastgelegd.`,
    suggestWritten: (n: number) =>
      `Dit is al poging ${n}. Stuur de klant een e-mail of brief met het verzoek om terug te bellen, of met een nieuwe afspraak.`,
    suggestLetter: (n: number) =>
      `Dit is al poging ${n}. Deze klant is niet of soms digitaal: stuur een brief met het verzoek om terug te bellen, of met een nieuwe afspraak.`,
    assignedNotice: (id: string, from: string, topic: string, deadline: string) =>
      `${from} heeft terugbelverzoek **${id}** (${topic}) voor jou aangemaakt. Uiterlijk: ${deadline}.`,
    nudgeUnclaimed: (id: string, topic: string, left: string) =>
      `Terugbelverzoek **${id}** (${topic}) is nog door niemand opgepakt. Nog ${left}. Wie pakt het op?`,
    overdueOwner: (id: string, topic: string, late: string) =>
      `Terugbelverzoek **${id}** (${topic}) is ${late}. Bel de klant vandaag, of neem contact op en maak een nieuwe afspraak.`,
    overdueChannel: (id: string, topic: string, late: string) =>
      `Terugbelverzoek **${id}** (${topic}) is ${late} en heeft geen behandelaar. Wie pakt het op?`,
  },
} as const;
