// The conversation with the customer (issue 17), Teams side: delivers the ready customer texts
// (confirmation after finishing, "niet bereikt" after the last attempt) to the owner's 1:1 chat.
import { CardFactory } from 'botbuilder';
import type { Person } from '../../../domain/types';
import { guarded } from '../../delivery';
import { defineFeature } from '../../feature';
import { customerTextCard } from './customerTextCard';

export const CUSTOMER_TEXT_MESSAGE = 'customerText';

export const conversationFeature = defineFeature(['items', 'customerTexts'], {
  name: 'conversation',
  deliveries: {
    [CUSTOMER_TEXT_MESSAGE]: (s, messenger) => async (m) => {
      const to = m.payload.to as Person;
      const item = await s.items.get(m.tenantId, String(m.payload.itemId));
      if (!item) return { ok: true }; // gone (erased)
      const which = m.payload.which === 'notReached' ? 'notReached' : 'confirmation';
      const ready = await s.customerTexts.ready(item, to, which);
      if (!ready) return { ok: true };
      return guarded(`user:${to.id}`, async () => {
        await messenger.sendToPerson(m.tenantId, to, { attachments: [CardFactory.adaptiveCard(customerTextCard(ready))] });
      });
    },
  },
});
