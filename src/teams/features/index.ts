// Every feature of the bot. A new capability adds one line here.
import type { Feature } from '../feature';
import { coreFeature } from './core';
import { callbacksFeature } from './callbacks';
import { digestFeature } from './digest';
import { exceptionsFeature } from './exceptions';
import { interpreterFeature } from './interpreter';
import { appointmentsFeature } from './appointments';
import { viewsFeature } from './views';
import { reportFeature } from './report';
import { agendaFeature } from './agenda';
import { privacyFeature } from './privacy';
import { customersFeature } from './customers';
import { conversationFeature } from './conversation';
import { contactsFeature } from './contacts';
import { experiencesFeature } from './experiences';

export const features: Feature[] = [
  coreFeature,
  callbacksFeature,
  digestFeature,
  exceptionsFeature,
  interpreterFeature,
  appointmentsFeature,
  reportFeature,
  agendaFeature,
  privacyFeature,
  customersFeature,
  conversationFeature,
  contactsFeature,
  experiencesFeature,
];
// The views open items of every kind: they find each kind's card renderer in the list above.
features.push(viewsFeature(features));
