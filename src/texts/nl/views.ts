// Dutch texts for the personal and team views: `mijn` and `overzicht`.
import { stateWords } from './clock';

export const views = {
  kindNames: {
    callback: 'Terugbelverzoek',
    appointment: 'Afspraak',
    interpreter: 'Tolk',
    exception: 'Twijfelgeval',
  } as Record<string, string>,
  // The same state words as every card (clock.ts).
  stateLabels: {
    overdue: stateWords.overdue,
    dueToday: stateWords.dueToday,
    onTime: stateWords.onTime,
    noDeadline: stateWords.noDeadline,
  } as Record<string, string>,
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
  /** In a group chat (others, guests perhaps, read along) a sensitive item's topic is left out. */
  sensitiveSubject: 'Gevoelig onderwerp (open het in je persoonlijke chat met mij)',
  sensitiveOnlyPersonal: 'Dit gaat over een gevoelig onderwerp. Open het in je persoonlijke chat met mij.',
  privateHidden: (n: number) =>
    `${n} ${n === 1 ? 'zaak staat' : 'zaken staan'} hier niet: tolkaanvragen zie je alleen in de persoonlijke chat met mij.`,
} as const;
