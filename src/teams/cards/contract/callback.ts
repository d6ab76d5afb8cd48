// Callbacks: the form (callbackForm.json), the agenda offer (agendaOffer.json) and the owned life cycle.
import { z } from 'zod';
import { lifecycleContract } from './lifecycle';
import { formData, itemId, text } from './shared';

const FORM_INPUTS = [
  'customerName',
  'phone',
  'topic',
  'details',
  'sensitive',
  'preferredDate',
  'preferredTime',
  'assignee',
  'slot',
  'ageGroup',
  'digital',
  'attitude',
  'preferredChannel',
] as const;

export const callbackContract = {
  ...lifecycleContract('callback'),
  'callback.create': formData(...FORM_INPUTS),
  'callback.lookupCustomer': formData(...FORM_INPUTS),
  'callback.freeMoments': formData(...FORM_INPUTS),
  /** A moment in the colleague's Outlook agenda (agendaOffer.json). */
  'callback.planSlot': z.looseObject({ id: itemId, start: text }),
} as const;
