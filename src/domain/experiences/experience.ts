// An experience shared with the team (`ervaring`): good or less good, what happened and what we
// learn from it. It goes into the work channel, so it may hold no customer identifiers (the same
// checks as exception cases). Pure.
import { nl } from '../../texts/nl';
import { str } from '../items/lifecycle';
import { oneOf, type FieldErrors } from '../items/common';
import { findIdentifier } from '../validation/identifiers';

export const EXPERIENCE_KINDS = ['goed', 'minderGoed'] as const;
export type ExperienceKind = (typeof EXPERIENCE_KINDS)[number];

export interface ExperienceData {
  kind: ExperienceKind;
  text: string;
  lesson?: string;
}

function shareable(errors: FieldErrors, field: string, value: string, max: number, min: number): void {
  if (!value) {
    if (min > 0) errors[field] = nl.common.fieldRequired;
    return;
  }
  if (value.length > max) errors[field] = nl.common.tooLong(max);
  else if (value.length < min) errors[field] = nl.experiences.errors.textTooShort;
  else {
    const id = findIdentifier(value);
    if (id) errors[field] = nl.exceptions.errors.identifier(nl.exceptions.identifierKinds[id] ?? id);
  }
}

export function readExperience(input: Record<string, unknown>): { ok: true; data: ExperienceData } | { ok: false; fields: FieldErrors } {
  const fields: FieldErrors = {};
  const kind = oneOf(str(input, 'kind'), EXPERIENCE_KINDS);
  if (!kind) fields.kind = nl.experiences.errors.kindRequired;
  const text = str(input, 'text');
  const lesson = str(input, 'lesson');
  shareable(fields, 'text', text, 1000, 20);
  shareable(fields, 'lesson', lesson, 500, 0);
  if (Object.keys(fields).length || !kind) return { ok: false, fields };
  return { ok: true, data: { kind, text, ...(lesson ? { lesson } : {}) } };
}
