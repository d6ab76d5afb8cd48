// Building blocks of the card contract: what a button's data (its `data` merged with the card's
// inputs, as Teams sends it) may hold. Lenient on purpose: cards posted in Teams long ago keep
// working, so extra keys pass through and numbers may come as strings; only data a handler cannot
// use at all (an id that is not text, a version that is not a number) is refused.
import { z } from 'zod';

/** An item id as the card sends it ("TB-1042"). Empty is allowed: the handler answers "not found". */
export const itemId = z.string();

/**
 * The item version the card was rendered at (`v`), for the "this card was not up to date" note.
 * Older cards sent it as text ("3"); an empty value counts as absent.
 */
export const version = z.preprocess(
  (v) => (v === '' || v === null ? undefined : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v),
  z.number().int().nonnegative().optional(),
);

/** The value of one card input: Teams sends text; older clients and tests send numbers or booleans too. */
export const input = z.union([z.string(), z.number(), z.boolean()]).nullish();

/** Optional text set by the card itself (form id, choice, month); anything else is a broken card. */
export const text = z.string().optional();

/** Optional inputs, one per card input id. */
export function inputs<const K extends string = never>(...ids: K[]): Record<K, typeof input> {
  return Object.fromEntries(ids.map((id) => [id, input])) as Record<K, typeof input>;
}

/** The data of a button on one item's card: the item id, the version it was rendered at, the inputs of its card. */
export function itemData<const K extends string = never>(...ids: K[]) {
  return z.looseObject({ id: itemId, v: version, ...inputs(...ids) });
}

/** The data of a form's submit button: the form id (against double submits) and the form's inputs. */
export function formData<const K extends string = never>(...ids: K[]) {
  return z.looseObject({ formId: text, ...inputs(...ids) });
}

/** A button that needs no data (anything sent along is ignored). */
export const noData = z.looseObject({});

/** What every item button sends; the data of each item verb has at least this. */
export type ItemData = z.output<ReturnType<typeof itemData<never>>>;
