// All Dutch user-facing text lives in this folder: one module per feature, gathered here.
import { common } from './common';
import { callbacks } from './callbacks';
import { help } from './help';
import { agenda } from './agenda';

export const nl = { common, callbacks, help, agenda };
export type Texts = typeof nl;
