// The Teams side of an item action: one invoke → ItemService.act → the card for the person who
// clicked (their private view when they own it) with a short note. The channel card for
// everyone else is updated through the outbox by the service.
import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import type { ActOutcome } from '../../app/itemService';
import type { LifecycleAction, LifecycleData } from '../cards/contract/lifecycle';
import type { ItemData } from '../cards/contract/shared';
import type { ItemView } from '../../app/itemView';
import { nl } from '../../texts/nl';
import { cardResponse, noticeCard } from '../cards/common';
import type { ItemCardRenderer, Notice } from '../feature';
import { momentFrom, resolvePerson } from '../people';
import type { ItemPorts, LifecyclePorts } from '../ports';
import type { Turn } from '../turn';
import { say } from '../cards/render';

export interface ItemVerbOptions<P extends ItemPorts = ItemPorts> {
  renderer: ItemCardRenderer & {
    ownerWithForm?: (
      view: ItemView,
      notice: Notice | undefined,
      form: { values?: Record<string, unknown>; errors?: Record<string, string> },
    ) => Record<string, unknown>;
  };
  /** Builds the domain input from the card data (inputs are merged into data by Teams). */
  input?: (turn: Turn<P>, data: Record<string, unknown>) => Promise<Record<string, unknown>> | Record<string, unknown>;
  /** Card input id for a domain field name where they differ (two folds of one card cannot share an input id). */
  fieldIds?: Record<string, string>;
}

/** The options that answer with a card (no input of their own). */
export type CardOptions = Pick<ItemVerbOptions, 'renderer' | 'fieldIds'>;

export function itemVerb<P extends ItemPorts>(
  action: string,
  o: ItemVerbOptions<P>,
): (turn: Turn<P>, data: ItemData) => Promise<AdaptiveCardInvokeResponse> {
  return async (turn, data) => {
    const id = typeof data.id === 'string' ? data.id : '';
    const input = o.input ? await o.input(turn, data) : data;
    const outcome = await turn.s.items.act(turn.tenantId, id, action, input, turn.actor);
    return respond(turn, outcome, data, o);
  };
}

export async function respond(
  turn: Turn<ItemPorts>,
  outcome: ActOutcome,
  data: Record<string, unknown>,
  o: CardOptions,
): Promise<AdaptiveCardInvokeResponse> {
  if (outcome.status === 'notFound') {
    return cardResponse(noticeCard(say(nl.common.unknownItem, typeof data.id === 'string' ? data.id : ''), 'warning'));
  }
  const item = outcome.item;
  // The owner, and a manager, get the private view back; everyone else the shared channel card.
  const privateView = turn.s.policy.mayViewPrivate(item, turn.actor);
  // Loaded once: the channel update the outbox sends for this change renders from the same view.
  const view = privateView ? await turn.s.itemViews.owner(item) : await turn.s.itemViews.item(item);
  const cardVersion = Number(data.v);
  const stale =
    Number.isFinite(cardVersion) && cardVersion > 0 && cardVersion !== (outcome.status === 'ok' ? outcome.previousVersion : item.version);
  if (outcome.status === 'refused') {
    const fields =
      outcome.refusal.fields && Object.fromEntries(Object.entries(outcome.refusal.fields).map(([k, v]) => [o.fieldIds?.[k] ?? k, v]));
    // Inputs in a folded part of the card (Action.ShowCard) are out of sight: repeat their messages in the notice.
    const base =
      fields && Object.keys(fields).length ? `${outcome.refusal.message} ${Object.values(fields).join(' ')}` : outcome.refusal.message;
    const text = stale ? `${base} ${nl.common.staleCard}` : base;
    const notice: Notice = { text, style: fields ? 'attention' : 'warning' };
    if (fields && privateView && o.renderer.ownerWithForm) {
      return cardResponse(o.renderer.ownerWithForm(view, notice, { values: data, errors: fields }));
    }
    return cardResponse(privateView ? o.renderer.owner(view, notice) : o.renderer.channel(view, notice));
  }
  const notice: Notice | undefined = outcome.message ? { text: outcome.message, style: 'good' } : undefined;
  return cardResponse(privateView ? o.renderer.owner(view, notice) : o.renderer.channel(view, notice));
}

/**
 * Answers a refresh (automatic, from refresh.userIds) or "open my view" (manual) with the card for
 * this person, and never sends or updates anything: doing so while answering a refresh makes
 * Teams refresh again (a loop).
 */
export function itemView(
  o: CardOptions,
  notYours?: string,
): (turn: Turn<ItemPorts>, data: ItemData) => Promise<AdaptiveCardInvokeResponse> {
  return async (turn, data) => {
    const item = await turn.s.items.get(turn.tenantId, typeof data.id === 'string' ? data.id : '');
    if (!item) return cardResponse(noticeCard(say(nl.common.unknownItem, String(data.id ?? '')), 'warning'));
    if (turn.s.policy.mayViewPrivate(item, turn.actor)) return cardResponse(o.renderer.owner(await turn.s.itemViews.owner(item)));
    return cardResponse(o.renderer.channel(await turn.s.itemViews.item(item), notYours ? { text: notYours, style: 'warning' } : undefined));
  };
}

type LifecycleHandler<A extends LifecycleAction> = (
  turn: Turn<LifecyclePorts>,
  data: LifecycleData<A>,
) => Promise<AdaptiveCardInvokeResponse>;
/** The life-cycle verbs of one kind (`callback.claim`, …), each typed by its schema in cards/contract/lifecycle.ts. */
export type LifecycleHandlers<K extends string> = { [A in LifecycleAction as `${K}.${A}`]: LifecycleHandler<A> };

/**
 * The verbs of the shared owned-item life cycle (`<kind>.claim`, `.release`, `.done`,
 * `.notReached`, `.cancel`, `.handover`, `.reschedule`, `.refresh`, `.view`), for any kind whose
 * rules use domain/items/ownedLifecycle.ts.
 */
export function lifecycleVerbs<const K extends string>(kind: K, o: CardOptions, texts: { notYours: string }): LifecycleHandlers<K> {
  const handlers: { [A in LifecycleAction]: LifecycleHandler<A> } = {
    claim: itemVerb('claim', o),
    release: itemVerb('release', o),
    done: itemVerb('done', o),
    notReached: itemVerb('notReached', o),
    // The cancel fold has its own input (cancelReason): the reschedule fold of the same card already has `reason`.
    cancel: itemVerb('cancel', {
      ...o,
      input: (_turn, data) => ({
        ...data,
        reason: typeof data.cancelReason === 'string' ? data.cancelReason : data.reason,
        told: data.cancelTold,
      }),
      fieldIds: { reason: 'cancelReason', told: 'cancelTold' },
    }),
    // An id that cannot be resolved goes to the rules as is: they answer with a message at the field.
    handover: itemVerb<LifecyclePorts>('handover', {
      ...o,
      input: async (turn, data) => ({
        ...data,
        to: typeof data.to === 'string' && data.to.trim() ? ((await resolvePerson(turn, data.to)) ?? data.to) : undefined,
      }),
    }),
    reschedule: itemVerb<LifecyclePorts>('reschedule', {
      ...o,
      input: (turn, data) => ({ ...data, moment: momentFrom(turn, data.date, data.time) }),
    }),
    // Any colleague, when the owner is away for the rest of the term (app/absence.ts marks it).
    takeOver: itemVerb('takeOver', o),
    refresh: itemView(o),
    view: itemView(o, texts.notYours),
  };
  return Object.fromEntries(Object.entries(handlers).map(([action, h]) => [`${kind}.${action}`, h])) as LifecycleHandlers<K>;
}
