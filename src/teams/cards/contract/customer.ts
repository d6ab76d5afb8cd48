// Customer records (klant): the record card (customer.json) and the pick list (customerPick.json).
import { z } from 'zod';
import { input, itemId } from './shared';

/** id: the customer record's id ("K-12"). */
const record = z.looseObject({ id: itemId });

export const customerContract = {
  'customer.show': record,
  'customer.pause': record.extend({ reason: input }),
  'customer.lift': record.extend({ reason: input }),
} as const;
