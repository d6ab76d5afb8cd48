// Every kind's rules, looked up by kind. A new kind adds one line here.
import type { ItemKind } from '../types';
import type { KindRules } from './lifecycle';
import { callbackRules } from './callback';
import { exceptionRules } from './exception';
import { interpreterRules } from './interpreter';
import { appointmentRules } from './appointment';

// Each kind's rules take their own data type; the registry erases it (the service passes items through untouched).
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- erased on purpose, see above
export const kindRules: Partial<Record<ItemKind, KindRules<any>>> = {
  callback: callbackRules,
  exception: exceptionRules,
  interpreter: interpreterRules,
  appointment: appointmentRules,
};

/**
 * Kinds whose card lives in the team channel. Interpreter requests never do (a language can reveal origin).
 * Appointments do: the charter asks that colleagues can find an agreement ("zorg dat collega's deze
 * afspraak kunnen vinden"); their channel card shows no contact details (see docs/appointments.md).
 */
export const CHANNEL_KINDS: ReadonlySet<ItemKind> = new Set<ItemKind>(['callback', 'appointment', 'exception']);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- erased on purpose, see kindRules
export function rulesFor(kind: ItemKind): KindRules<any> {
  const r = kindRules[kind];
  if (!r) throw new Error(`no rules for kind ${kind}`);
  return r;
}
