// The conversation with the customer (issue 17), Teams side: delivers the ready customer texts
// (confirmation after finishing, "niet bereikt" after the last attempt) to the owner's 1:1 chat.
import { CardFactory } from 'botbuilder';
import { readyText } from '../../../app/customerTexts';
import type { Person } from '../../../domain/types';
import { guarded } from '../../delivery';
import type { Feature } from '../../feature';
import { customerTextCard } from './customerTextCard';

export const CUSTOMER_TEXT_MESSAGE = 'customerText';

export const conversationFeature: Feature = {
  name: 'conversation',
  deliveries: {
    [CUSTOMER_TEXT_MESSAGE]: (s, messenger) => async (m) => {
      const to = m.payload.to as Person;
      const item = await s.repo.getItem(m.tenantId, String(m.payload.itemId));
      if (!item) return { ok: true }; // gone (erased)
      const which = m.payload.which === 'notReached' ? 'notReached' : 'confirmation';
      const ready = await readyText(s, item, to, which);
      if (!ready) return { ok: true };
      return guarded(`user:${to.id}`, async () => {
        await messenger.sendToPerson(m.tenantId, to, { attachments: [CardFactory.adaptiveCard(customerTextCard(ready))] });
      });
    },
  },
};
