// Every feature of the bot. A new capability adds one line here.
import type { Feature } from '../feature';
import { coreFeature } from './core';
import { callbacksFeature } from './callbacks';
import { agendaFeature } from './agenda';

export const features: Feature[] = [coreFeature, callbacksFeature, agendaFeature];
