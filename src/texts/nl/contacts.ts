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
  privacyLine: (n: number) => `Daarnaast ${n === 1 ? 'is 1 keer' : `zijn ${n} keer`} met **geholpen** vastgelegd dat deze klant in één keer is geholpen (alleen manier van contact, onderwerp en datum).`,
  errors: {
    howRequired: 'Kies hoe de klant contact had.',
    topicRequired: 'Kies een onderwerp.',
    topicUnknown: 'Dit onderwerp staat niet in de lijst. Kies een onderwerp uit de lijst.',
    customerInvalid: 'Dit is geen geldig telefoonnummer of e-mailadres. Laat het veld leeg als je het niet weet.',
  },
} as const;
