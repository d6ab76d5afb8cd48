// The help card: every command (opdracht), in Dutch. Words: glossary.ts.
export const help = {
  title: 'Top Contact: wat kan ik?',
  intro: 'Typ een opdracht in de chat met mij, of in het kanaal met @Top Contact ervoor. Hoofdletters maken niet uit.',
  commands: [
    {
      command: 'terugbellen',
      description: 'Nieuw terugbelverzoek. De klant wordt uiterlijk aan het eind van de volgende werkdag teruggebeld.',
    },
    {
      command: 'afspraak',
      description: 'Nieuwe vervolgafspraak: e-mail, brief, balie of huisbezoek, met de termijn die erbij hoort. Snel: afspraak balie.',
    },
    { command: 'tolk', description: 'Een tolk regelen (alleen in de persoonlijke chat): eerst vragen of de klant zelf een tolk meeneemt.' },
    {
      command: 'tolk overzicht',
      description: 'Tolken per maand: per taal en soort, en hoe vaak de klant zelf een tolk regelde (voor leidinggevenden).',
    },
    { command: 'twijfel', description: 'Twijfel je over afwijken van een regel? Oefen met een collega (ook: oefenen).' },
    {
      command: 'afwegingen <woorden>',
      description:
        'Zoek in eerdere besluiten van het team. Alles als CSV-bestand (voor Excel): afwegingen export (in de persoonlijke chat).',
    },
    {
      command: 'geholpen',
      description: 'Klant meteen geholpen, zonder terugbellen of vervolgafspraak? Leg het vast: twee klikken. Telt mee in het rapport.',
    },
    {
      command: 'ervaring',
      description:
        'Deel een goede of minder goede ervaring met het team (in het werkkanaal, zonder klantgegevens). Alle van deze maand: ervaringen.',
    },
    { command: 'mijn', description: 'Jouw open werk: terugbelverzoeken, afspraken en meer. Wat het eerst moet, staat bovenaan.' },
    { command: 'overzicht', description: 'Alles wat het team nog open heeft, met filters op soort, behandelaar en stand.' },
    {
      command: 'dagoverzicht',
      description: 'Het dagoverzicht nu: in het kanaal dat van het team, in de chat met mij je eigen (ook: digest).',
    },
    {
      command: 'instellingen',
      description: 'Persoonlijk dagoverzicht aan of uit, en je directe telefoonnummer voor de bevestiging aan klanten.',
    },
    {
      command: 'rapport',
      description:
        'Voor leidinggevenden: hoeveel beloften kwamen we de laatste 4 weken op tijd na, en hoeveel klanten werden in één keer geholpen? Ook als CSV (rapport csv).',
    },
    {
      command: 'klant <telefoon, e-mail of naam>',
      description:
        'De klantkaart: klantbeeld, open en afgeronde verzoeken met notities, en contact pauzeren als het niet veilig is. Het antwoord komt altijd in je persoonlijke chat met mij.',
    },
    {
      command: 'inzage, vergeet',
      description:
        'Met een telefoonnummer of naam erachter: alles wat ik over één klant bewaar laten zien, of wissen (privacy; voor leidinggevenden, in de persoonlijke chat).',
    },
    { command: 'koppel', description: 'Maak dit kanaal het werkkanaal van het team.' },
    { command: 'hulp', description: 'Dit overzicht (ook: help).' },
  ],
  /** Buttons for the main actions on the help and welcome cards (same as typing the command). */
  startHere: 'Meteen beginnen? Kies wat je wilt doen:',
  buttons: { terugbellen: 'Terugbelverzoek', afspraak: 'Afspraak', geholpen: 'Geholpen', mijn: 'Mijn werk', overzicht: 'Overzicht' },
  footer: 'Bij een terugbelverzoek in het kanaal: klik "Ik pak \'m op" en je bent de behandelaar.',
} as const;
