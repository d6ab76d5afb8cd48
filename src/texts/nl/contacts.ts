// Dutch texts for `geholpen`: a customer helped at first contact ("in één keer geholpen").

export const contacts = {
  formTitle: 'In één keer geholpen',
  formIntro: 'Heb je een klant meteen geholpen, zonder terugbellen of vervolgafspraak? Leg het hier vast. Dat telt mee in het rapport.',
  howLabel: 'Hoe had de klant contact?',
  how: {
    telefoon: 'Telefoon',
    balie: 'Balie',
    email: 'E-mail',
    brief: 'Brief',
    chat: 'Chat',
  } as Record<string, string>,
  topicLabel: 'Onderwerp',
  customerLabel: 'Telefoonnummer of e-mailadres van de klant (mag leeg)',
  customerHint: 'Vul je dit in, dan hoort het contact bij de klant. Het staat nergens in het kanaal.',
  save: 'Vastleggen',
  saved: (topic: string, how: string) => `Vastgelegd: ${topic} (${how}). Dank je wel! Je kunt meteen de volgende vastleggen.`,
  savedAlready: 'Dit formulier was al verstuurd. Er is één contact vastgelegd.',
  privacyLine: (n: number) =>
    `Daarnaast ${n === 1 ? 'is 1 keer' : `zijn ${n} keer`} met **geholpen** vastgelegd dat deze klant in één keer is geholpen (alleen manier van contact, onderwerp en datum).`,
  // vergeet: contacts logged with `geholpen` for this customer (never repeats the typed number or address).
  privacyConfirm: (n: number) =>
    `Daarnaast ${n === 1 ? 'is 1 keer' : `zijn ${n} keer`} met **geholpen** vastgelegd dat deze klant in één keer is geholpen. Bij die contacten wis ik het telefoonnummer of e-mailadres; ze blijven meetellen in het rapport.`,
  privacyConfirmOnly: (n: number) =>
    `Ik vind geen verzoeken over deze klant, wel de klantkaart${n ? ` en ${n === 1 ? '1 contact' : `${n} contacten`} vastgelegd met **geholpen**` : ''}. ` +
    `Typ nog een keer **vergeet** met hetzelfde telefoonnummer of dezelfde naam, en dan **bevestig** (bijvoorbeeld: vergeet 06 12345678 bevestig), ` +
    `om de klantkaart${n ? ' en het telefoonnummer of e-mailadres bij die contacten' : ''} te wissen. Dit kan niet ongedaan worden gemaakt.`,
  privacyErased: (n: number) =>
    `Bij ${n === 1 ? '1 contact' : `${n} contacten`} vastgelegd met **geholpen** is het telefoonnummer of e-mailadres gewist.`,
  errors: {
    howRequired: 'Kies hoe de klant contact had.',
    topicRequired: 'Kies een onderwerp.',
    topicUnknown: 'Dit onderwerp staat niet in de lijst. Kies een onderwerp uit de lijst.',
    customerInvalid: 'Dit is geen geldig telefoonnummer of e-mailadres. Laat het veld leeg als je het niet weet.',
  },
} as const;
