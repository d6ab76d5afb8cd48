// What the outbox's channel-card deliveries write (teams/delivery.ts renders and sends): where an
// item's card is, written right after Teams answers (the one window in which a crash posts a card
// twice, docs/reliability.md), and what the card showed and when it changes next (app/cardClock.ts:
// returned with the delivery, recorded by the outbox's claim that marks the message done).
import type { CardRef } from '../domain/types';
import type { Services } from './services';

export function rememberCard(s: Services, tenantId: string, itemId: string, card: CardRef): Promise<void> {
  return s.repo.setCardRef(tenantId, itemId, card);
}
