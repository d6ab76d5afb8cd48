// Cards follow the clock (docs/cards-follow-the-clock.md): a channel card's words change with time
// alone ("morgen" → "vandaag" at midnight, "te laat" after the term). Each tick loads only the
// cards whose next change is due, renders them, and enqueues an update only when the card differs
// from the one last sent. Across instances each change is taken once (a conditional move of the
// row's next change, in the same transaction as the enqueue); updates of one channel are paced
// one per second through a shared send slot and one outbox lane per channel.
import { createHash } from 'node:crypto';
import { itemTerm } from '../domain/items/term';
import type { Item } from '../domain/types';
import type { CardSent } from '../storage/cardClock';
import type { Services } from './services';
import { yieldToEventLoop } from './services';

/** The channel card as it would be sent now (null: the kind has no channel card). */
export type ChannelCardRenderer = (item: Item) => Promise<Record<string, unknown> | null>;

/** At most this many due cards per tick; the rest stay due for the next tick. */
export const CARD_CLOCK_BATCH = 200;
/** At most one clock update per second per channel, across all instances. */
export const CARD_CLOCK_SPACING_MS = 1_000;

export function cardHash(card: object): string {
  return createHash('sha256').update(JSON.stringify(card)).digest('base64url').slice(0, 22);
}

/** When the card of `item` next changes by the clock; null when closed or not posted (nothing to follow). */
export function nextCardChange(s: Services, item: Item, now: Date): Date | null {
  if (item.closedAt || !item.card) return null;
  return itemTerm(item, s.calendar, now).nextChange;
}

/**
 * After a channel card was sent (post or update; `item.card` set): what it showed and when it changes
 * next. Returned with the delivery; the outbox records it when it marks the message done.
 */
export function cardSentRecord(s: Services, item: Item, card: object): CardSent {
  return { tenantId: item.tenantId, itemId: item.id, hash: cardHash(card), nextChangeAt: nextCardChange(s, item, s.clock.now()) };
}

/** The scheduled job: one pass over the due cards. Returns how many updates it enqueued. */
export async function followTheClock(s: Services, now: Date, render: ChannelCardRenderer): Promise<number> {
  const store = s.repo.cardClock;
  let enqueued = 0;
  const due = await store.due(now, CARD_CLOCK_BATCH);
  for (const [n, row] of due.entries()) {
    if (n % 20 === 19) await yieldToEventLoop();
    const item = await s.repo.getItem(row.tenantId, row.itemId);
    const next = item ? nextCardChange(s, item, now) : null;
    const card = item?.card ? await render(item) : null;
    const changed = !!card && cardHash(card) !== row.hash;
    const message =
      changed && item?.card
        ? {
            tenantId: item.tenantId,
            // One key per change: a second instance (or a retry of this tick) cannot enqueue it twice.
            key: `clock:${item.tenantId}:${item.id}:${row.nextChangeAt.getTime()}`,
            type: 'updateCard',
            lane: `clock:${item.card.conversationId.split(';')[0]}`,
            payload: { itemId: item.id, byClock: true },
          }
        : undefined;
    const taken = await store.advance(row, next, now, message ? { message, spacingMs: CARD_CLOCK_SPACING_MS } : undefined);
    if (taken && message) enqueued++;
  }
  if (enqueued) s.log.info({ enqueued, due: due.length }, 'card clock: card updates enqueued');
  return enqueued;
}
