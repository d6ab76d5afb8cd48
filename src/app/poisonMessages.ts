// A poison message (docs/reliability.md): one the outbox cannot send because of itself, not the
// network (a card that will not render, a bad stored value). The outbox has already recorded it as
// failed with its error and moved the lane on; here the team hears about it once per item (or per
// message when it concerns no item), in the channel, and the log keeps the cause.
import { nl } from '../texts/nl';
import type { OutboxMessage } from '../storage/repository';
import type { OutboxHooks } from './outbox';
import type { Services } from './services';

export function poisonHooks(s: Services): Pick<OutboxHooks, 'onPoison'> {
  return {
    onPoison: async (msg, error) => {
      const itemId = typeof msg.payload.itemId === 'string' ? msg.payload.itemId : null;
      s.log.error(
        { outboxId: msg.id, type: msg.type, tenantId: msg.tenantId, itemId, error },
        'outbox message cannot be sent (not the network): failed for good',
      );
      if (!(await s.repo.getBinding(msg.tenantId))) return;
      // The unique key makes it once: a second poison message about the same item adds nothing,
      // and this notice failing in turn cannot start a loop.
      const notice: OutboxMessage = {
        tenantId: msg.tenantId,
        key: `poison:${msg.tenantId}:${itemId ?? msg.key}`,
        type: 'notifyChannel',
        lane: `channel:${msg.tenantId}`,
        payload: { text: nl.integrity.messageFailed(itemId) },
      };
      await s.repo.enqueue([notice], s.clock.now());
      s.outbox.kick();
    },
  };
}
