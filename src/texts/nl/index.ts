// All Dutch user-facing text lives in this folder: one module per feature, gathered here.
import { common } from './common';
import { callbacks } from './callbacks';
import { help } from './help';
import { digest } from './digest';
import { exceptions } from './exceptions';
import { interpreter } from './interpreter';
import { appointments } from './appointments';
import { views } from './views';
import { report } from './report';
import { agenda } from './agenda';
import { privacy } from './privacy';
import { reliability } from './reliability';
import { integrity } from './integrity';
import { workChannel } from './workChannel';
import { customers } from './customers';
import { conversation } from './conversation';
import { contacts } from './contacts';
import { experiences } from './experiences';

export const nl = {
  common,
  callbacks,
  help,
  digest,
  exceptions,
  interpreter,
  appointments,
  views,
  report,
  agenda,
  privacy,
  reliability,
  integrity,
  workChannel,
  customers,
  conversation,
  contacts,
  experiences,
};
export type Texts = typeof nl;
