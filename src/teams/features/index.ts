// Every feature of the bot. A new capability adds one line here.
import type { Feature } from '../feature';
import { coreFeature } from './core';
import { callbacksFeature } from './callbacks';
import { digestFeature } from './digest';
import { exceptionsFeature } from './exceptions';
import { interpreterFeature } from './interpreter';

export const features: Feature[] = [coreFeature, callbacksFeature, digestFeature, exceptionsFeature, interpreterFeature];
