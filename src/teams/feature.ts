// A feature plugs text commands, card verbs, message-extension commands, outbox delivery
// handlers and periodic jobs into the bot. Adding a capability = one Feature + one line in features/index.ts.
import type { AdaptiveCardInvokeResponse, FileConsentCardResponse, MessagingExtensionActionResponse, MessagingExtensionAction } from 'botbuilder';
import type { ItemView } from '../app/itemView';
import type { DeliveryHandler } from '../app/outbox';
import type { Job, Services } from '../app/services';
import type { Item } from '../domain/types';
import type { TeamsMessenger } from './proactive';
import type { Turn } from './turn';

export type CommandHandler = (turn: Turn, args: string) => Promise<void>;
export type VerbHandler = (turn: Turn, data: Record<string, unknown>) => Promise<AdaptiveCardInvokeResponse>;

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
  verbs?: Record<string, VerbHandler>;
  cards?: Partial<Record<Item['kind'], ItemCardRenderer>>;
  messageExtension?: {
    fetchTask?: Record<string, (turn: Turn, action: MessagingExtensionAction) => Promise<MessagingExtensionActionResponse>>;
    submit?: Record<string, (turn: Turn, action: MessagingExtensionAction) => Promise<MessagingExtensionActionResponse>>;
  };
  /** Outbox message types this feature delivers (the messenger sends cards on the bot's own initiative). */
  deliveries?: Record<string, (s: Services, messenger: TeamsMessenger) => DeliveryHandler>;
  jobs?: Job[];
  /** File offers, by the `kind` the feature put in the card's acceptContext/declineContext. */
  fileConsent?: Record<string, FileConsentHandler>;
}
