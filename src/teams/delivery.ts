// Outbox delivery handlers for Teams: post a channel card, update it in place, notify a person in
// their 1:1 chat, notify the channel (in the item's thread when it has a card).
import type { ConversationReference } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import type { CardSent, DeliveryHandler, DeliveryResult } from '../app/outbox';
import type { Services } from '../app/services';
import { shortLived } from '../app/shortLived';
import { samePerson } from '../domain/items/lifecycle';
import type { Person } from '../domain/types';
import type { ItemCardRenderer } from './feature';
import { classifySendError, type TeamsMessenger } from './proactive';
import { isHeld } from '../domain/customers/pause';
import { renderChannel, renderOwner } from './cards/itemViews';

type Renderers = Partial<Record<string, ItemCardRenderer>>;

/** The channel's top-level conversation id ('19:…@thread.tacv2', without ';messageid=…'). */
export function channelConversationId(id: string): string {
  return id.split(';')[0];
}

export function channelRef(ref: Record<string, unknown>, threadId?: string): Partial<ConversationReference> {
  const r = ref as Partial<ConversationReference>;
  const base = channelConversationId(String(r.conversation?.id ?? ''));
  return { ...r, activityId: undefined, conversation: { ...r.conversation!, id: threadId ? `${base};messageid=${threadId}` : base } };
}

/** 'channel:<channel id>' for any thread of a channel, 'user:<id>' for a person's 1:1 chat. */
export function channelTarget(conversationId: string): string {
  return `channel:${channelConversationId(conversationId)}`;
}

/**
 * Runs a send and classifies its failure. `target` names the conversation for problem reports;
 * `messageGoneIsFine`: a 404 means the one message is gone (deleted card), not the conversation.
 * A channel card send returns what the card clock records (the outbox writes it with the completion).
 */
export async function guarded(
  target: string,
  fn: () => Promise<CardSent | void>,
  o: { messageGoneIsFine?: boolean } = {},
): Promise<DeliveryResult> {
  try {
    const cardSent = await fn();
    return cardSent ? { ok: true, target, cardSent } : { ok: true, target };
  } catch (err) {
    const r = classifySendError(err);
    if (r.ok || r.retry) return r;
    if (r.problem?.status === 404 && o.messageGoneIsFine) return { ok: false, retry: false, error: r.error };
    return r.problem ? { ...r, problem: { ...r.problem, target } } : r;
  }
}

/** How long a card update reuses the tenant's channel binding (see cardUpdateRef). */
const BINDING_REUSE_MS = 10_000;

/** What the Teams deliveries use: items and the channel binding to read, the card's place to write and its clock record to make, the views to render. */
export type DeliveryPorts = Pick<Services, 'log' | 'items' | 'bindings' | 'itemViews' | 'channelCards'>;

export function teamsDeliveries(s: DeliveryPorts, messenger: TeamsMessenger, renderers: Renderers): Record<string, DeliveryHandler> {
  // A card update takes only the service URL, the bot and the tenant from the binding (the
  // conversation is the card's own), which do not change when the work channel moves: read at most
  // once per BINDING_REUSE_MS per tenant instead of once per update (one query per claim fewer).
  const binding = shortLived(
    BINDING_REUSE_MS,
    (tenantId) => s.bindings.getBinding(tenantId),
    (b) => b !== null,
  );
  const cardUpdateRef = async (tenantId: string): Promise<Partial<ConversationReference>> =>
    ((await binding(tenantId))?.conversationRef ?? {}) as Partial<ConversationReference>;
  const updateCard: DeliveryHandler = async (m) => {
    const itemId = String(m.payload.itemId);
    // PostgreSQL's claim brought the item along (read after the change that enqueued this update).
    const claimed = m.item?.id === itemId && m.item.tenantId === m.tenantId ? m.item : undefined;
    const item = claimed ?? (await s.items.get(m.tenantId, itemId));
    if (!item?.card) return { ok: true }; // not posted (yet): the post shows the latest state
    const renderer = renderers[item.kind];
    if (!renderer) return { ok: false, retry: false, error: `no renderer for ${item.kind}` };
    const baseRef = await cardUpdateRef(m.tenantId);
    const ref = {
      ...baseRef,
      conversation: { ...(baseRef.conversation ?? {}), id: item.card.conversationId },
    } as Partial<ConversationReference>;
    const card = item.card;
    return guarded(
      channelTarget(card.conversationId),
      async () => {
        const content = await renderChannel(renderer, s, item);
        await messenger.update(ref, card.activityId, { attachments: [CardFactory.adaptiveCard(content)] });
        return s.channelCards.sent(item, content); // cards follow the clock: what was sent, and when it changes next
      },
      { messageGoneIsFine: true },
    );
  };
  return {
    postCard: async (m) => {
      const item = await s.items.get(m.tenantId, String(m.payload.itemId));
      if (!item) return { ok: true }; // gone
      if (isHeld(item)) return { ok: true }; // the customer's contact is paused: posted when a manager lifts it
      // Posted by an earlier attempt (at most one card per item): only bring it up to date.
      if (item.card) return updateCard(m);
      const binding = await s.bindings.getBinding(m.tenantId);
      const renderer = renderers[item.kind];
      if (!binding || !renderer) return { ok: false, retry: false, error: 'no channel bound or no renderer' };
      const ref = channelRef(binding.conversationRef);
      return guarded(channelTarget(String(ref.conversation!.id)), async () => {
        const card = await renderChannel(renderer, s, item);
        const id = await messenger.post(ref, { attachments: [CardFactory.adaptiveCard(card)] });
        // Recorded at once: between the connector's answer and this write lies the one window in
        // which a crash makes the card post twice (docs/reliability.md).
        const cardRef = { conversationId: String(ref.conversation!.id), activityId: id };
        await s.channelCards.remember(m.tenantId, item.id, cardRef);
        // The card may have changed while we posted: bring it up to date.
        const now = await s.items.get(m.tenantId, item.id);
        if (now && now.version !== item.version) {
          const updated = await renderChannel(renderer, s, now);
          await messenger.update(ref, id, { attachments: [CardFactory.adaptiveCard(updated)] });
          return s.channelCards.sent({ ...now, card: cardRef }, updated);
        }
        return s.channelCards.sent({ ...item, card: cardRef }, card);
      });
    },
    updateCard,
    notifyPerson: async (m) => {
      const to = m.payload.to as Person;
      const itemId = typeof m.payload.itemId === 'string' ? m.payload.itemId : null;
      const item = itemId ? await s.items.get(m.tenantId, itemId) : null;
      const renderer = item ? renderers[item.kind] : undefined;
      // The owner gets their private view with the message, so they can act from the 1:1 chat.
      const attach = item && renderer && item.owner && samePerson(item.owner, to) && !item.closedAt;
      // A feature may send a ready card of its own (e.g. the first step of a guided flow in the 1:1 chat).
      const card = m.payload.card && typeof m.payload.card === 'object' ? (m.payload.card as Record<string, unknown>) : null;
      const text = String(m.payload.text ?? '');
      // The owner view is a bonus: when the item's stored values cannot be rendered, the text still goes.
      let ownerView: Record<string, unknown> | null = null;
      if (!card && attach) {
        try {
          ownerView = await renderOwner(renderer!, s, item!);
        } catch (err) {
          if (!text) throw err;
          s.log.warn({ err, itemId: item!.id }, 'owner view cannot be rendered: the message goes without it');
        }
      }
      const shown = card ?? ownerView;
      return guarded(`user:${to.id}`, async () => {
        await messenger.sendToPerson(m.tenantId, to, {
          text: text || undefined,
          attachments: shown ? [CardFactory.adaptiveCard(shown)] : undefined,
        });
      });
    },
    notifyChannel: async (m) => {
      // A message for a channel that is no longer the work channel (the notice that it moved) carries its own reference.
      if (m.payload.conversationRef && typeof m.payload.conversationRef === 'object') {
        // That channel is no longer the team's concern: when it cannot be written to, the notice is dropped (no problem report).
        const own = channelRef(m.payload.conversationRef as Record<string, unknown>);
        const r = await guarded(channelTarget(String(own.conversation!.id)), async () => {
          await messenger.post(own, { text: String(m.payload.text ?? '') });
        });
        return !r.ok && !r.retry && r.problem ? { ok: false, retry: false, error: r.error } : r;
      }
      const binding = await s.bindings.getBinding(m.tenantId);
      if (!binding) return { ok: false, retry: false, error: 'no channel bound' };
      const itemId = typeof m.payload.itemId === 'string' ? m.payload.itemId : null;
      const item = itemId ? await s.items.get(m.tenantId, itemId) : null;
      const thread =
        item?.card &&
        channelConversationId(item.card.conversationId) ===
          channelConversationId(String((binding.conversationRef as Partial<ConversationReference>).conversation?.id ?? ''))
          ? item.card.activityId
          : undefined;
      const ref = channelRef(binding.conversationRef, thread);
      return guarded(channelTarget(String(ref.conversation!.id)), async () => {
        await messenger.post(ref, { text: String(m.payload.text ?? '') });
      });
    },
  };
}
