// The Teams side of an item action: one invoke → ItemService.act → the card for the person who
// clicked (their private view when they own it) with a short note. The channel card for
// everyone else is updated through the outbox by the service.
import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import type { ActOutcome } from '../../app/itemService';
import { samePerson } from '../../domain/items/lifecycle';
import type { Item } from '../../domain/types';
import { nl } from '../../texts/nl';
import { cardResponse, noticeCard } from '../cards/common';
import type { ItemCardRenderer, Notice, VerbHandler } from '../feature';
import { momentFrom, resolvePerson } from '../people';
import type { Turn } from '../turn';

export interface ItemVerbOptions {
  renderer: ItemCardRenderer & { ownerWithForm?: (item: Item, s: Turn['s'], notice: Notice | undefined, form: { values?: Record<string, unknown>; errors?: Record<string, string> }) => Promise<Record<string, unknown>> };
  /** Builds the domain input from the card data (inputs are merged into data by Teams). */
  input?: (turn: Turn, data: Record<string, unknown>) => Promise<Record<string, unknown>> | Record<string, unknown>;
}

export function itemVerb(action: string, o: ItemVerbOptions): VerbHandler {
  return async (turn, data) => {
    const id = typeof data.id === 'string' ? data.id : '';
    const input = o.input ? await o.input(turn, data) : data;
    const outcome = await turn.s.items.act(turn.tenantId, id, action, input, turn.actor);
    return respond(turn, outcome, data, o);
  };
}

export async function respond(turn: Turn, outcome: ActOutcome, data: Record<string, unknown>, o: ItemVerbOptions): Promise<AdaptiveCardInvokeResponse> {
  if (outcome.status === 'notFound') {
    return cardResponse(noticeCard(nl.common.unknownItem(typeof data.id === 'string' ? data.id : ''), 'warning'));
  }
  const item = outcome.item;
  const viewerOwns = !!item.owner && samePerson(item.owner, turn.actor);
  const cardVersion = Number(data.v);
  const stale = Number.isFinite(cardVersion) && cardVersion > 0 &&
    cardVersion !== (outcome.status === 'ok' ? outcome.previousVersion : item.version);
  if (outcome.status === 'refused') {
    const text = stale ? `${outcome.refusal.message} ${nl.common.staleCard}` : outcome.refusal.message;
    const notice: Notice = { text, style: outcome.refusal.fields ? 'attention' : 'warning' };
    if (outcome.refusal.fields && viewerOwns && o.renderer.ownerWithForm) {
      return cardResponse(await o.renderer.ownerWithForm(item, turn.s, notice, { values: data, errors: outcome.refusal.fields }));
    }
    return cardResponse(viewerOwns ? await o.renderer.owner(item, turn.s, notice) : await o.renderer.channel(item, turn.s, notice));
  }
  const notice: Notice | undefined = outcome.message ? { text: outcome.message, style: 'good' } : undefined;
  return cardResponse(viewerOwns ? await o.renderer.owner(item, turn.s, notice) : await o.renderer.channel(item, turn.s, notice));
}

/** Answers a refresh or "open my view" without changing anything (never sends or updates: avoids refresh loops). */
export function itemView(o: ItemVerbOptions): VerbHandler {
  return async (turn, data) => {
    const item = await turn.s.items.get(turn.tenantId, typeof data.id === 'string' ? data.id : '');
    if (!item) return cardResponse(noticeCard(nl.common.unknownItem(String(data.id ?? '')), 'warning'));
    const owns = item.owner && samePerson(item.owner, turn.actor);
    const mayView = owns || turn.s.isManager(turn.actor);
    return cardResponse(mayView ? await o.renderer.owner(item, turn.s) : await o.renderer.channel(item, turn.s));
  };
}

/**
 * The verbs of the shared owned-item life cycle (`<kind>.claim`, `.release`, `.done`,
 * `.notReached`, `.cancel`, `.handover`, `.reschedule`, `.refresh`, `.view`), for any kind whose
 * rules use domain/items/ownedLifecycle.ts.
 */
export function lifecycleVerbs(kind: string, o: ItemVerbOptions): Record<string, VerbHandler> {
  return {
    [`${kind}.claim`]: itemVerb('claim', o),
    [`${kind}.release`]: itemVerb('release', o),
    [`${kind}.done`]: itemVerb('done', o),
    [`${kind}.notReached`]: itemVerb('notReached', o),
    [`${kind}.cancel`]: itemVerb('cancel', o),
    [`${kind}.handover`]: itemVerb('handover', {
      ...o,
      input: async (turn, data) => ({ ...data, to: typeof data.to === 'string' ? await resolvePerson(turn, data.to) : undefined }),
    }),
    [`${kind}.reschedule`]: itemVerb('reschedule', {
      ...o,
      input: (turn, data) => ({ ...data, moment: momentFrom(turn, data.date, data.time) }),
    }),
    [`${kind}.refresh`]: itemView(o),
    [`${kind}.view`]: itemView(o),
  };
}
