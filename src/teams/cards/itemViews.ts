// Renders an item's card from its view: loads the view (src/app/itemView.ts, shared with the other
// renders of the same click) and hands it to the kind's pure renderer.
import { loadItemView, loadOwnerView } from '../../app/itemView';
import type { Services } from '../../app/services';
import type { Item } from '../../domain/types';
import type { ItemCardRenderer, Notice } from '../feature';

/** The shared channel card of `item`. */
export async function renderChannel(r: ItemCardRenderer, s: Services, item: Item, notice?: Notice): Promise<Record<string, unknown>> {
  return r.channel(await loadItemView(s, item), notice);
}

/** The owner's private view of `item`. */
export async function renderOwner(r: ItemCardRenderer, s: Services, item: Item, notice?: Notice): Promise<Record<string, unknown>> {
  return r.owner(await loadOwnerView(s, item), notice);
}
