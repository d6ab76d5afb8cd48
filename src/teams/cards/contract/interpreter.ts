// Interpreter requests: the start question (interpreterStart.json, also "Tolk nodig" on an owned
// item's owner view), the two forms, the owner card (interpreterOwner.json) and the month overview.
import { z } from 'zod';
import { OWNER_INPUTS as LIFECYCLE_OWNER_INPUTS } from './lifecycle';
import { formData, input, inputs, itemData, itemId, text } from './shared';

const OWNER_INPUTS = ['bookingText', 'reference', 'reason'] as const;
const ownerData = itemData(...OWNER_INPUTS);

export const interpreterContract = {
  /** relatedId: the callback or appointment the interpreter is for (absent: a request on its own). */
  /** On an owner view ("Tolk nodig") it sends that card's inputs along too. */
  'interpreter.start': z.looseObject({ relatedId: input, ...inputs(...LIFECYCLE_OWNER_INPUTS) }),
  'interpreter.answer': z.looseObject({ answer: text, relatedId: input }),
  /** path: "own" (interpreterOwnForm.json) or "service" (interpreterForm.json). */
  'interpreter.create': formData('language', 'languageOther', 'mode', 'date', 'time', 'duration', 'address', 'relatedId', 'ownBy').extend({
    path: text,
  }),
  'interpreter.confirm': ownerData,
  'interpreter.done': ownerData,
  'interpreter.cancel': ownerData,
  'interpreter.fallback': ownerData,
  'interpreter.refresh': z.looseObject({ id: itemId }),
  'interpreter.view': itemData(),
  /** month "2026-11"; absent or unreadable: the current month. */
  'interpreter.overview': z.looseObject({ month: input }),
} as const;
