// Who may see and do what. The one module adapters ask; the pure life-cycle rules in
// domain/items/* keep deciding the state changes themselves (they get `isManager` in their context).
import { isOwner, samePerson } from '../domain/items/lifecycle';
import type { Item, Person } from '../domain/types';

export interface Policy {
  isManager(p: Person): boolean;
  /** The owner's private view of an item (customer details, owner actions): its owner or a manager. */
  mayViewPrivate(item: Item<unknown>, actor: Person): boolean;
  /** Acting on someone else's item on their behalf (linking to it, planning for it): its owner or a manager. */
  mayActFor(item: Item<unknown>, actor: Person): boolean;
  /** Manager-only commands (rapport, inzage, vergeet, tolk overzicht, lifting a pause). */
  mayManage(actor: Person): boolean;
  /** Moving the bound work channel elsewhere (koppel in another channel): a manager or whoever bound it. */
  mayMoveWorkChannel(boundBy: Person, actor: Person): boolean;
}

export function makePolicy(isManager: (p: Person) => boolean): Policy {
  const ownerOrManager = (item: Item<unknown>, actor: Person) => isOwner(item, actor) || isManager(actor);
  return {
    isManager,
    mayViewPrivate: ownerOrManager,
    mayActFor: ownerOrManager,
    mayManage: isManager,
    mayMoveWorkChannel: (boundBy, actor) => samePerson(boundBy, actor) || isManager(actor),
  };
}
