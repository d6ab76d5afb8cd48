// A feature plugs text commands, card verbs, message-extension commands and outbox delivery
// handlers into the bot (periodic jobs are the app's: src/app/jobs/index.ts). Adding a capability = one Feature + one line in features/index.ts.
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

export type CommandHandler = (turn: Turn, args: string) => Promise<void>;
/** Handles one verb (cards/contract): `data` has been checked against the verb's schema by the bot. */
export type VerbHandler<V extends Verb = Verb> = (turn: Turn, data: VerbData<V>) => Promise<AdaptiveCardInvokeResponse>;
/** A feature's verbs: only verbs of the card contract, each with the data its schema gives. */
export type VerbHandlers = { [V in Verb]?: VerbHandler<V> };

/**
 * Renders the cards of one kind of item from its view (src/app/itemView.ts): pure, no storage.
 * The channel card needs the view's shared part (loadItemView), the owner view all of it (loadOwnerView).
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
export interface FileConsentHandler {
  accept(turn: Turn, response: FileConsentCardResponse): Promise<void>;
  decline(turn: Turn, response: FileConsentCardResponse): Promise<void>;
}

export interface Feature {
  name: string;
  /** Lower-case command words (and aliases). */
  commands?: Record<string, CommandHandler>;
  verbs?: VerbHandlers;
  cards?: Partial<Record<Item['kind'], ItemCardRenderer>>;
  messageExtension?: {
    fetchTask?: Record<string, (turn: Turn, action: MessagingExtensionAction) => Promise<MessagingExtensionActionResponse>>;
    submit?: Record<string, (turn: Turn, action: MessagingExtensionAction) => Promise<MessagingExtensionActionResponse>>;
  };
  /** Outbox message types this feature delivers (the messenger sends cards on the bot's own initiative). */
  deliveries?: Record<string, (s: Services, messenger: TeamsMessenger) => DeliveryHandler>;
  /** File offers, by the `kind` the feature put in the card's acceptContext/declineContext. */
  fileConsent?: Record<string, FileConsentHandler>;
}
