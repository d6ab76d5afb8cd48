// Dutch texts for the personal and team views: `mijn` and `overzicht`.

export const views = {
  kindNames: {
    callback: 'Terugbelverzoek',
    appointment: 'Afspraak',
    interpreter: 'Tolk',
    exception: 'Twijfelgeval',
  } as Record<string, string>,
  stateLabels: { overdue: 'te laat', dueToday: 'vandaag', onTime: 'op tijd', noDeadline: 'geen termijn' } as Record<string, string>,
  mineTitle: (n: number) => `Mijn open werk (${n})`,
  mineEmpty: 'Je hebt niets open staan.',
  mineIntro: 'Wat het eerst moet, staat bovenaan.',
  teamTitle: (n: number) => `Open werk van het team (${n})`,
  teamEmpty: 'Er staat niets open dat bij dit filter past.',
  summary: (overdue: number, today: number, onTime: number, unclaimed: number) =>
    `Te laat: ${overdue} · Vandaag: ${today} · Op tijd: ${onTime} · Nog niet opgepakt: ${unclaimed}`,
  summaryMine: (overdue: number, today: number, onTime: number) => `Te laat: ${overdue} · Vandaag: ${today} · Op tijd: ${onTime}`,
  filters: {
    kind: 'Soort',
    owner: 'Behandelaar',
    state: 'Stand',
    allKinds: 'Alle soorten',
    everyone: 'Iedereen',
    unowned: 'Nog niet opgepakt',
    allStates: 'Alles',
    apply: 'Toon',
  },
  filtered: (n: number, total: number) =>
    `${n} van de ${total} open ${total === 1 ? 'zaak' : 'zaken'} ${n === 1 ? 'past' : 'passen'} bij het filter.`,
  more: (n: number) => `en nog ${n}…`,
  moreMine: 'Rond eerst deze af, of kijk in het dagoverzicht.',
  moreTeam: 'Kies een filter om de rest te zien.',
  nobody: 'nog niemand',
  open: 'Openen',
  claim: "Ik pak 'm op",
  back: 'Terug naar de lijst',
  privateHidden: (n: number) =>
    `${n} ${n === 1 ? 'zaak staat' : 'zaken staan'} hier niet: tolkaanvragen zie je alleen in de persoonlijke chat met mij.`,
} as const;
