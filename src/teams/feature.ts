// A feature plugs text commands, card verbs, message-extension commands and outbox delivery
// handlers into the bot (periodic jobs are the app's: src/app/jobs/index.ts). Adding a capability = one Feature + one line in features/index.ts.
// A feature declares the services it needs (defineFeature); its handlers get only those, as
// `turn.s` (and its delivery makers as `s`): checked by the compiler, and at run time the bot
// hands each feature an object with only the declared keys (featurePorts). No feature gets `repo`.
import type {
  AdaptiveCardInvokeResponse,
  FileConsentCardResponse,
  MessagingExtensionActionResponse,
  MessagingExtensionAction,
} from 'botbuilder';
import type { ItemView } from '../app/itemView';
import type { DeliveryHandler } from '../app/outbox';
import type { Services } from '../app/services';
import type { Item } from '../domain/types';
import type { Verb, VerbData } from './cards/contract';
import type { TeamsMessenger } from './proactive';
import type { Turn } from './turn';

/** What a feature may declare: any service but the raw repository (storage goes through use cases and ports). */
export type FeatureService = Exclude<keyof Services, 'repo'>;
/** The services a list of declared keys gives: `PortsOf<typeof NEEDS>`. */
export type PortsOf<N extends readonly FeatureService[]> = Pick<Services, N[number]>;

export type CommandHandler<P> = (turn: Turn<P>, args: string) => Promise<void>;
/** Handles one verb (cards/contract): `data` has been checked against the verb's schema by the bot. */
export type VerbHandler<P, V extends Verb = Verb> = (turn: Turn<P>, data: VerbData<V>) => Promise<AdaptiveCardInvokeResponse>;
/** A feature's verbs: only verbs of the card contract, each with the data its schema gives. */
export type VerbHandlers<P> = { [V in Verb]?: VerbHandler<P, V> };
export type ActionHandler<P> = (turn: Turn<P>, action: MessagingExtensionAction) => Promise<MessagingExtensionActionResponse>;

/**
 * Renders the cards of one kind of item from its view (src/app/itemView.ts): pure, no storage.
 * The channel card needs the view's shared part (itemViews.item), the owner view all of it (itemViews.owner).
 */
export interface ItemCardRenderer {
  channel(view: ItemView, notice?: Notice): Record<string, unknown>;
  /** The view only the owner (or the viewer's own chat) sees: all customer details and the owner actions. */
  owner(view: ItemView, notice?: Notice): Record<string, unknown>;
}

export interface Notice {
  text: string;
  style: 'good' | 'warning' | 'attention' | 'accent';
}

/** What happens when someone accepts or declines a file the bot offered (FileConsentCard, personal chat only). */
export interface FileConsentHandler<P> {
  accept(turn: Turn<P>, response: FileConsentCardResponse): Promise<void>;
  decline(turn: Turn<P>, response: FileConsentCardResponse): Promise<void>;
}

/** What a feature plugs in, its handlers typed by the services `P` it declared. */
export interface FeatureParts<P> {
  name: string;
  /** Lower-case command words (and aliases). */
  commands?: Record<string, CommandHandler<P>>;
  verbs?: VerbHandlers<P>;
  cards?: Partial<Record<Item['kind'], ItemCardRenderer>>;
  messageExtension?: {
    fetchTask?: Record<string, ActionHandler<P>>;
    submit?: Record<string, ActionHandler<P>>;
  };
  /** Outbox message types this feature delivers (the messenger sends cards on the bot's own initiative). */
  deliveries?: Record<string, (s: P, messenger: TeamsMessenger) => DeliveryHandler>;
  /** File offers, by the `kind` the feature put in the card's acceptContext/declineContext. */
  fileConsent?: Record<string, FileConsentHandler<P>>;
}

/** A feature and the services it declared. `Feature` (all keys) is any feature, as the bot lists them. */
export interface Feature<K extends FeatureService = FeatureService> extends FeatureParts<Pick<Services, K>> {
  readonly needs: readonly K[];
}

/**
 * A feature that needs the services `needs` (never `repo`):
 *   export const reportFeature = defineFeature(['clock', 'calendar', 'isManager', 'reports'], { name: 'report', commands: {…} });
 * Its handlers' `turn.s` is Pick<Services, those keys>: using another service does not compile.
 */
export function defineFeature<const K extends FeatureService>(
  needs: readonly K[],
  parts: NoInfer<FeatureParts<Pick<Services, K>>>,
): Feature<K> {
  if ((needs as readonly string[]).includes('repo')) throw new Error(`feature ${parts.name} declares repo: use a use case or a port`);
  return { ...parts, needs: Object.freeze([...new Set(needs)]) };
}

/** The object a feature's handlers get as `turn.s`: only the declared services (built once per feature by the bot and app.ts). */
export function featurePorts<K extends FeatureService>(s: Services, f: Pick<Feature<K>, 'name' | 'needs'>): Pick<Services, K> {
  const ports: Partial<Pick<Services, K>> = {};
  for (const k of f.needs) {
    if ((k as string) === 'repo') throw new Error(`feature ${f.name} declares repo: use a use case or a port`);
    ports[k] = s[k];
  }
  return Object.freeze(ports) as Pick<Services, K>;
}

/** The outbox handlers of `features`, each made with only its feature's declared services (app.ts registers them). */
export function featureDeliveries(s: Services, features: readonly Feature[], messenger: TeamsMessenger): [string, DeliveryHandler][] {
  return features.flatMap((f) => {
    const ports = featurePorts(s, f);
    return Object.entries(f.deliveries ?? {}).map(([type, make]): [string, DeliveryHandler] => [type, make(ports, messenger)]);
  });
}
