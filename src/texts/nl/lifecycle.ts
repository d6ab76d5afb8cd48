// Dutch texts every owned item (terugbelverzoek, afspraak) shares: the buttons and labels of the
// owner view and channel card, "Het goede gesprek", the field errors and history words of the
// shared life cycle (src/domain/items/ownedLifecycle.ts). Each kind spreads these into its own.

export const lifecycleCard = {
  deadline: 'Uiterlijk',
  status: 'Status',
  owner: 'Behandelaar',
  customer: 'Klant',
  topic: 'Onderwerp',
  details: 'Toelichting',
  attempts: 'Pogingen',
  claim: "Ik pak 'm op",
  claimedBy: (name: string, time: string) => `Opgepakt door ${name} om ${time}`,
  doneBy: (name: string, time: string) => `Afgerond door ${name} om ${time}`,
  openOwnerView: 'Open mijn weergave',
  done: 'Afronden',
  notReached: 'Niet bereikt',
  release: 'Loslaten',
  handover: 'Overdragen',
  reschedule: 'Nieuwe afspraak',
  rescheduleHint: 'Kun je de afspraak niet nakomen? Neem contact op met de klant en maak een nieuwe afspraak.',
  interpreter: 'Tolk nodig',
  save: 'Opslaan',
  checklistTitle: 'Het goede gesprek',
  checklist: [
    'Stel jezelf voor en neem de leiding in het gesprek.',
    'Maak de vraag helder: vraag door en vat samen.',
    'Geef een antwoord of verwijs door. Spreek af wat er gaat gebeuren en wanneer.',
    'Vraag of het duidelijk is.',
    'Vraag of de klant nog andere vragen heeft.',
    'Herhaal kort de afspraak.',
    'Geef nogmaals je naam.',
  ],
  doneNote: 'Notitie voor het klantdossier (de klant moet dit ook kunnen lezen)',
  confirmation: 'Belangrijke informatie bevestigd aan de klant',
  newMoment: 'Nieuw moment',
  reason: 'Reden',
  handoverTo: 'Overdragen aan',
  ownerOnlyHint: 'Deze weergave zie alleen jij als behandelaar.',
};

export const lifecycleErrors = {
  assigneeRequired: 'Kies een collega.',
  noteRequired: 'Schrijf een korte notitie voor het klantdossier.',
  noteTooShort: 'Schrijf iets meer: wat is er afgesproken?',
  confirmationRequired: 'Kies hoe je de belangrijke informatie aan de klant hebt bevestigd.',
  reasonRequired: 'Geef een reden.',
};

export const lifecycleHistory: Record<string, string> = {
  claimed: 'opgepakt',
  released: 'losgelaten',
  done: 'afgerond',
  notReached: 'niet bereikt',
  handedOver: 'overgedragen',
  rescheduled: 'nieuwe afspraak',
  cancelled: 'geannuleerd',
};

export const lifecycleStatus: Record<string, string> = {
  open: 'Nog niet opgepakt',
  claimed: 'Opgepakt',
  done: 'Afgerond',
  cancelled: 'Geannuleerd',
};

export const confirmationChoices: Record<string, string> = { email: 'Per e-mail bevestigd', brief: 'Per brief bevestigd', none: 'Niet nodig' };
