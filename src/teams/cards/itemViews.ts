// Renders an item's card from its view: loads the view (the itemViews use case, app/itemView.ts,
// shared with the other renders of the same click) and hands it to the kind's pure renderer.
import type { Services } from '../../app/services';
import type { Item } from '../../domain/types';
import type { ItemCardRenderer, Notice } from '../feature';

/** What rendering an item's card needs: the views. */
export type ViewPorts = Pick<Services, 'itemViews'>;

/** The shared channel card of `item`. */
export async function renderChannel(r: ItemCardRenderer, s: ViewPorts, item: Item, notice?: Notice): Promise<Record<string, unknown>> {
  return r.channel(await s.itemViews.item(item), notice);
}

/** The owner's private view of `item`. */
export async function renderOwner(r: ItemCardRenderer, s: ViewPorts, item: Item, notice?: Notice): Promise<Record<string, unknown>> {
  return r.owner(await s.itemViews.owner(item), notice);
}
