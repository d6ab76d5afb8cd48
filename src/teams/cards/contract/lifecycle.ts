// The owned-item life cycle (teams/features/itemActions.ts lifecycleVerbs): the same verbs for every
// owned kind (`callback.claim`, `appointment.claim`, …), from lifecycleChannel.json,
// lifecycleOwner.json and the card's refresh.
import { z } from 'zod';
import { itemData, itemId } from './shared';

/** The inputs of lifecycleOwner.json: one card, several folds (Action.ShowCard). */
export const OWNER_INPUTS = [
  'answer',
  'explanation',
  'note',
  'confirmation',
  'to',
  'cancelReason',
  'cancelTold',
  'date',
  'time',
  'reason',
  'told',
] as const;

export const lifecycleSchemas = {
  /** From the item's card, or from a row of `overzicht` (openItems.json), which sends its filter along. */
  claim: itemData('kind', 'owner', 'state'),
  release: itemData(...OWNER_INPUTS),
  done: itemData(...OWNER_INPUTS),
  notReached: itemData(...OWNER_INPUTS),
  cancel: itemData(...OWNER_INPUTS),
  handover: itemData(...OWNER_INPUTS),
  reschedule: itemData(...OWNER_INPUTS),
  takeOver: itemData(),
  /** The automatic refresh (refresh.userIds) sends only the id. */
  refresh: z.looseObject({ id: itemId }),
  view: itemData(),
} as const;

export type LifecycleAction = keyof typeof lifecycleSchemas;
export type LifecycleData<A extends LifecycleAction> = z.output<(typeof lifecycleSchemas)[A]>;
export const LIFECYCLE_ACTIONS = Object.keys(lifecycleSchemas) as LifecycleAction[];

export type LifecycleContract<K extends string> = { [A in LifecycleAction as `${K}.${A}`]: (typeof lifecycleSchemas)[A] };

/** The life-cycle verbs of one owned kind with their schemas. */
export function lifecycleContract<const K extends string>(kind: K): LifecycleContract<K> {
  return Object.fromEntries(LIFECYCLE_ACTIONS.map((a) => [`${kind}.${a}`, lifecycleSchemas[a]])) as LifecycleContract<K>;
}
