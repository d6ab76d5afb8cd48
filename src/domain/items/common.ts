// Field checks shared by the kinds' create/apply functions. Messages come from texts/.
import { nl } from '../../texts/nl';
import type { Person } from '../types';
import { checkMoment, DEFAULT_MOMENT_HORIZON_MONTHS } from '../moments';

export type FieldErrors = Record<string, string>;

export function requireText(errors: FieldErrors, field: string, value: string, max: number): string {
  if (!value) errors[field] = nl.common.fieldRequired;
  else if (value.length > max) errors[field] = nl.common.tooLong(max);
  return value;
}

export function optionalText(errors: FieldErrors, field: string, value: string, max: number): string {
  if (value.length > max) errors[field] = nl.common.tooLong(max);
  return value;
}

/** What parseMoment needs of the action context: the time now and the horizon (domain/moments.ts). */
export interface MomentContext {
  now: Date;
  momentHorizonMonths?: number;
}

/**
 * Parses an ISO instant ('2026-11-27T10:00:00+01:00' or a Date); undefined when empty. The moment
 * must pass the horizon rule (checkMoment): readable, after now (unless !mustBeFuture), and within
 * MOMENT_HORIZON_MONTHS; otherwise the field gets a Dutch error.
 */
export function parseMoment(errors: FieldErrors, field: string, value: unknown, ctx: MomentContext, mustBeFuture = true): Date | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const d = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : new Date(NaN);
  const months = ctx.momentHorizonMonths ?? DEFAULT_MOMENT_HORIZON_MONTHS;
  const verdict = checkMoment(d, ctx.now, months, mustBeFuture);
  if (verdict === 'ok') return d;
  errors[field] =
    verdict === 'invalid' ? nl.common.invalidMoment : verdict === 'past' ? nl.common.momentInPast : nl.integrity.beyondHorizon(months);
  return undefined;
}

/** A person picked in a form: {id, name} object, or an id string resolved by the adapter beforehand. */
export function parsePerson(value: unknown): Person | undefined {
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v.id === 'string' && v.id) {
      return {
        id: v.id,
        name: typeof v.name === 'string' && v.name ? v.name : v.id,
        teamsId: typeof v.teamsId === 'string' ? v.teamsId : undefined,
      };
    }
  }
  return undefined;
}

export function oneOf<T extends string>(value: string, allowed: readonly T[]): T | undefined {
  return (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}
