// The views (mijn, overzicht; openItems.json): the team filter and "Openen" with its way back.
import { z } from 'zod';
import { inputs, itemId, text } from './shared';

const FILTER = inputs('kind', 'owner', 'state');

export const viewsContract = {
  'views.mine': z.looseObject({}),
  'views.team': z.looseObject({ ...FILTER }),
  /** back: the view to return to ("mine" or "team", with the team filter). */
  'views.open': z.looseObject({ id: itemId, back: text, ...FILTER }),
} as const;
