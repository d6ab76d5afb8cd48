// Dutch texts for `ervaring` / `ervaringen`: sharing good and less good experiences with the team
// (charter: "deel (goede en minder goede) ervaringen").

export const experiences = {
  formTitle: 'Ervaring delen met het team',
  formIntro:
    "Wat ging er goed, of minder goed? Wat kunnen collega's ervan leren? Je ervaring komt in het werkkanaal, met je naam. Schrijf geen naam, adres, telefoonnummer of klantnummer van de klant.",
  kindLabel: 'Soort ervaring',
  kinds: { goed: 'Goede ervaring', minderGoed: 'Minder goede ervaring' } as Record<string, string>,
  textLabel: 'Wat gebeurde er?',
  lessonLabel: 'Wat kunnen we ervan leren? (mag leeg)',
  share: 'Delen',
  shared: 'Gedeeld in het werkkanaal. Dank je wel! Typ **ervaringen** voor alle ervaringen van deze maand.',
  sharedAlready: 'Dit formulier was al verstuurd. Je ervaring staat één keer in het werkkanaal.',
  channelPost: (name: string, kind: string, text: string, lesson: string) =>
    `**${kind}**, gedeeld door ${name}:\n\n${text}${lesson ? `\n\n**Wat we ervan leren:** ${lesson}` : ''}`,
  listTitle: (month: string) => `Ervaringen van ${month}`,
  listIntro: 'Voor het teamoverleg: wat ging goed, wat kan beter?',
  listLine: (day: string, name: string, kind: string, text: string, lesson: string) =>
    `- ${day} · ${name} · **${kind}**: ${text}${lesson ? ` *Les: ${lesson}*` : ''}`,
  listEmpty: (month: string) => `Er zijn nog geen ervaringen gedeeld in ${month}. Typ **ervaring** om er een te delen.`,
  errors: {
    kindRequired: 'Kies of het een goede of minder goede ervaring is.',
    textTooShort: 'Schrijf iets meer: wat gebeurde er?',
  },
} as const;
