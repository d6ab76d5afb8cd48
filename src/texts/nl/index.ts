// All Dutch user-facing text lives in this folder: one module per feature, gathered here.
import { common } from './common';
import { callbacks } from './callbacks';
import { help } from './help';
import { appointments } from './appointments';
import { views } from './views';
import { report } from './report';

export const nl = { common, callbacks, appointments, views, report, help };
export type Texts = typeof nl;
