// The use cases Teams features call, as ports (issue 14). Each group is bound once to the services
// at start (useCasesOf, in app.ts): a feature that declares 'reports' can build the report but
// never holds the repository. A new use case is a function (s: Services, …) in its app module and
// one line here; a function that needs no storage takes the narrow services it reads instead
// (Pick<Services, …>) and is called directly. docs/architecture.md "Ports".
import { loadItemView, loadOwnerView, type ItemView } from './itemView';
import { bindWorkChannel, settleAfterBinding } from './workChannel';
import { digestOf, ownOpenItems, teamOpenItems, buildReport } from './openItems';
import { problemLines } from './deliveryProblems';
import { buildFirstContact } from './firstContactReport';
import { decidedCases, interpreterRequestsSince } from './itemQueries';
import { liftPause, pauseCustomer, prefillFromRecord } from './customers';
import { experiencesThisMonth, shareExperience } from './experiences';
import { contactLogsOf, logContact, unlinkContactLogs } from './contactLogs';
import { eraseItem, findCustomerItems, itemHistory } from './privacy';
import { calendarBlocked, calendarProblemFor, reportGraphAccess } from './graphAccess';
import { readyText } from './customerTexts';
import { managerFor } from './managers';
import { queueMessages } from './outboxQueue';
import { rememberCard } from './channelCards';
import { cardSentRecord } from './cardClock';
import type { Item } from '../domain/types';
import type { Services } from './services';

const USE_CASES = {
  workChannel: { bind: bindWorkChannel, settle: settleAfterBinding },
  openItems: { own: ownOpenItems, team: teamOpenItems, digest: digestOf },
  problems: { lines: problemLines },
  reports: {
    onTime: buildReport,
    firstContact: buildFirstContact,
    decidedExceptions: decidedCases,
    interpreterRequestsSince,
  },
  customerCases: { prefill: prefillFromRecord, pause: pauseCustomer, lift: liftPause },
  experiences: { share: shareExperience, thisMonth: experiencesThisMonth },
  contactLogs: { log: logContact, count: contactLogsOf, unlink: unlinkContactLogs },
  privacy: { findItems: findCustomerItems, erase: eraseItem, history: itemHistory },
  graphAccess: { report: reportGraphAccess, blocked: calendarBlocked, calendarProblemFor },
  customerTexts: { ready: readyText },
  managers: { of: managerFor },
  messages: { queue: queueMessages },
  channelCards: { remember: rememberCard, sent: cardSentRecord },
};

/** A use case with the services already given. */
type Bound<F> = F extends (s: Services, ...args: infer A) => infer R ? (...args: A) => R : never;
type BoundGroup<G> = { readonly [N in keyof G]: Bound<G[N]> };

/** The views an item's cards render from (app/itemView.ts): generic in the item's data, so spelled out. */
export interface ItemViews {
  /** The shared part (channel card). */
  item<D>(item: Item<D>): Promise<ItemView<D>>;
  /** All of it (the owner's private view). */
  owner<D>(item: Item<D>): Promise<ItemView<D>>;
}

export type UseCases = { readonly [G in keyof typeof USE_CASES]: BoundGroup<(typeof USE_CASES)[G]> } & { readonly itemViews: ItemViews };

/** Every group bound to the services `services()` returns (read at each call: app.ts builds both together). */
export function useCasesOf(services: () => Services): UseCases {
  const groups: Record<string, unknown> = {};
  for (const [name, fns] of Object.entries(USE_CASES)) {
    const bound: Record<string, unknown> = {};
    for (const [fn, f] of Object.entries(fns as Record<string, (s: Services, ...args: unknown[]) => unknown>))
      bound[fn] = (...args: unknown[]) => f(services(), ...args);
    groups[name] = Object.freeze(bound);
  }
  const itemViews: ItemViews = {
    item: (item) => loadItemView(services(), item),
    owner: (item) => loadOwnerView(services(), item),
  };
  return Object.freeze({ ...groups, itemViews: Object.freeze(itemViews) }) as UseCases;
}
