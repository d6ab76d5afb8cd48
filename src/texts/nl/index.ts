// All Dutch user-facing text lives in this folder: one module per feature, gathered here.
import { common } from './common';
import { callbacks } from './callbacks';
import { help } from './help';
import { privacy } from './privacy';
import { reliability } from './reliability';

export const nl = { common, callbacks, help, privacy, reliability };
export type Texts = typeof nl;
