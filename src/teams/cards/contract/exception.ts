// Exception cases: the form (exceptionForm.json), "similar earlier decisions" (exceptionSimilar.json,
// its data carries the typed form) and the discussion card (exceptionChannel.json).
import { z } from 'zod';
import { formData, input, itemData, itemId } from './shared';

const FORM_INPUTS = ['situation', 'rule', 'proposal', 'leaning', 'urgency'] as const;
const CASE_INPUTS = [
  'stance',
  'opinionReasoning',
  'outcome',
  'decisionReasoning',
  'customerExplanation',
  'managerOutcome',
  'managerReasoning',
  'managerExplanation',
] as const;
const caseData = itemData(...CASE_INPUTS);

export const exceptionContract = {
  /** `confirmed` ("true"): post anyway, after the similar decisions were shown. */
  'exception.create': formData(...FORM_INPUTS).extend({ confirmed: input }),
  'exception.edit': formData(...FORM_INPUTS),
  'exception.take': caseData,
  'exception.opinion': caseData,
  'exception.decide': caseData,
  'exception.managerDecide': caseData,
  'exception.markGuideline': caseData,
  'exception.unmarkGuideline': caseData,
  'exception.view': itemData(),
  'exception.refresh': z.looseObject({ id: itemId }),
} as const;

/** The buttons of the discussion card: one item action each, with the card's inputs. */
export type ExceptionCaseVerb =
  | 'exception.take'
  | 'exception.opinion'
  | 'exception.decide'
  | 'exception.managerDecide'
  | 'exception.markGuideline'
  | 'exception.unmarkGuideline';
