// The life cycle of a twijfelgeval ("oefen met een collega"): a staff member doubts whether to
// deviate from a rule; a colleague takes it up and gives an opinion (more may follow); the
// requester decides, or puts it to the manager, who decides. A "no" always carries the
// explanation the customer will get. Decisions form the team's library; a manager can make one
// a guideline (richtlijn). Pure: no I/O.
//
//   open ──take/opinion──▶ taken ──decide(afwijken|nietAfwijken)──▶ decided
//     │                      │
//     └──decide(voorleggen)──┴──▶ escalated ──managerDecide──▶ decided
//
// The item's owner is whoever is expected to act next: the colleague who took it up, and the
// manager while it is escalated (so the manager's 1:1 notice carries the case card).
import { nl } from '../../texts/nl';
import type { Item, Person } from '../types';
import { addCalendarDays, isoWeekdayOf, type WorkingCalendar } from '../workingTime';
import { findIdentifier } from '../validation/identifiers';
import {
  accept,
  refuse,
  samePerson,
  str,
  type ActionContext,
  type Creation,
  type Decision,
  type Effect,
  type KindRules,
} from './lifecycle';
import { oneOf, parsePerson, type FieldErrors } from './common';

const t = nl.exceptions;

export const URGENCIES = ['vandaag', 'dezeWeek'] as const;
export const STANCES = ['eens', 'nietEens', 'twijfel'] as const;
export const OUTCOMES = ['afwijken', 'nietAfwijken', 'voorleggen'] as const;
export const FINAL_OUTCOMES = ['afwijken', 'nietAfwijken'] as const;

export type Urgency = (typeof URGENCIES)[number];
export type Stance = (typeof STANCES)[number];
export type FinalOutcome = (typeof FINAL_OUTCOMES)[number];

export interface ExceptionOpinion {
  by: Person;
  stance: Stance;
  reasoning: string;
  at: string;
}

export interface ExceptionVerdict {
  outcome: FinalOutcome;
  reasoning: string;
  /** What the customer is told; required for "niet afwijken". */
  customerExplanation?: string;
  by: Person;
  at: string;
  byManager: boolean;
}

export interface ExceptionData {
  situation: string;
  rule: string;
  proposal: string;
  /** Why the requester leans towards the proposal. */
  leaning: string;
  urgency: Urgency;
  takenBy?: Person;
  takenAt?: string;
  opinions: ExceptionOpinion[];
  escalation?: { by: Person; at: string; reasoning: string; manager: Person };
  decision?: ExceptionVerdict;
  guideline?: { by: Person; at: string };
}

export const EXCEPTION_FINAL = ['decided'] as const;

const LIMITS = { situation: 1000, rule: 200, proposal: 1000, leaning: 1000, reasoning: 2000, explanation: 2000 } as const;
const MIN_REASONING = 10;

/**
 * When a decision is needed. "vandaag": closing time today when still open today, else the end of
 * the next working day. "deze week": closing time of the last working day of this week (Monday to
 * Sunday) that is still ahead; when none is (Friday evening, weekend), the end of the next working day.
 */
export function exceptionDeadline(cal: WorkingCalendar, now: Date, urgency: Urgency): Date {
  const today = cal.dayOf(now);
  if (urgency === 'vandaag') {
    if (cal.isWorkingDay(today) && now.getTime() < cal.closingTime(today).getTime()) return cal.closingTime(today);
    return cal.endOfNextWorkingDay(now);
  }
  let last: Date | null = null;
  for (let i = 0; i <= 7 - isoWeekdayOf(today); i++) {
    const day = addCalendarDays(today, i);
    if (!cal.isWorkingDay(day)) continue;
    const close = cal.closingTime(day);
    if (close.getTime() > now.getTime()) last = close;
  }
  return last ?? cal.endOfNextWorkingDay(now);
}

/** Required free text without customer identifiers; the message per field goes into `errors`. */
function text(errors: FieldErrors, field: string, value: string, max: number, min = 1, short?: string): string {
  if (!value) errors[field] = nl.common.fieldRequired;
  else if (value.length > max) errors[field] = nl.common.tooLong(max);
  else if (value.length < min) errors[field] = short ?? nl.common.fieldRequired;
  else {
    const id = findIdentifier(value);
    if (id) errors[field] = t.errors.identifier(t.identifierKinds[id] ?? id);
  }
  return value;
}

function optionalText(errors: FieldErrors, field: string, value: string, max: number): string | undefined {
  if (!value) return undefined;
  return text(errors, field, value, max);
}

function invalid<D>(fields: FieldErrors): Decision<D> {
  // A "no" without an explanation for the customer is the one error worth naming at the top.
  const only = Object.keys(fields);
  const message =
    only.length === 1 && fields.customerExplanation === t.errors.explanationRequired
      ? t.errors.explanationRequired
      : nl.common.formHasErrors;
  return refuse('invalid', message, fields);
}

/** Validates the form. Field names match the card inputs. */
export function createException(input: Record<string, unknown>, ctx: ActionContext): Creation<ExceptionData> {
  const errors: FieldErrors = {};
  const situation = text(errors, 'situation', str(input, 'situation'), LIMITS.situation, 20, t.errors.situationShort);
  const rule = text(errors, 'rule', str(input, 'rule'), LIMITS.rule);
  const proposal = text(errors, 'proposal', str(input, 'proposal'), LIMITS.proposal);
  const leaning = text(errors, 'leaning', str(input, 'leaning'), LIMITS.leaning);
  const urgency = oneOf(str(input, 'urgency'), URGENCIES);
  if (!urgency) errors.urgency = t.errors.urgencyRequired;
  if (Object.keys(errors).length > 0 || !urgency)
    return { ok: false, refusal: { code: 'invalid', message: nl.common.formHasErrors, fields: errors } };
  return {
    ok: true,
    item: {
      kind: 'exception',
      status: 'open',
      subject: rule.length > 100 ? `${rule.slice(0, 99)}…` : rule,
      owner: null,
      deadline: exceptionDeadline(ctx.calendar, ctx.now, urgency),
      data: { situation, rule, proposal, leaning, urgency, opinions: [] },
      history: { action: 'created', details: { urgency } },
      effects: [],
    },
  };
}

function isRequester(item: Item<ExceptionData>, actor: Person): boolean {
  return samePerson(item.createdBy, actor);
}

/** A manager by configuration, or the manager this case was put to. */
function actsAsManager(item: Item<ExceptionData>, ctx: ActionContext): boolean {
  const m = item.data.escalation?.manager;
  return ctx.isManager || (!!m && samePerson(m, ctx.actor));
}

/** Everyone involved in the case (requester, taker, opinion givers, manager), once each, minus `except`. */
export function involved(item: Item<ExceptionData>, except: Person): Person[] {
  const d = item.data;
  const all = [item.createdBy, d.takenBy, ...d.opinions.map((o) => o.by), d.escalation?.manager].filter((p): p is Person => !!p);
  const out: Person[] = [];
  for (const p of all) if (!samePerson(p, except) && !out.some((q) => samePerson(q, p))) out.push(p);
  return out;
}

/** Validates a final decision (afwijken / niet afwijken) and its reasoning and explanation. */
function verdictInput(
  input: Record<string, unknown>,
  outcomeError: string,
): { fields: FieldErrors; outcome?: (typeof OUTCOMES)[number]; reasoning: string; explanation?: string } {
  const fields: FieldErrors = {};
  const outcome = oneOf(str(input, 'outcome'), OUTCOMES);
  if (!outcome) fields.outcome = outcomeError;
  const reasoning = text(fields, 'reasoning', str(input, 'reasoning'), LIMITS.reasoning, MIN_REASONING, t.errors.reasoningShort);
  if (fields.reasoning === nl.common.fieldRequired) fields.reasoning = t.errors.reasoningRequired;
  const rawExplanation = str(input, 'customerExplanation');
  let explanation: string | undefined;
  if (outcome === 'nietAfwijken') {
    explanation = text(fields, 'customerExplanation', rawExplanation, LIMITS.explanation, MIN_REASONING, t.errors.explanationShort);
    if (fields.customerExplanation === nl.common.fieldRequired) fields.customerExplanation = t.errors.explanationRequired;
  } else {
    explanation = optionalText(fields, 'customerExplanation', rawExplanation, LIMITS.explanation);
  }
  return { fields, outcome, reasoning, explanation };
}

function decideFinal(
  item: Item<ExceptionData>,
  ctx: ActionContext,
  outcome: FinalOutcome,
  reasoning: string,
  explanation: string | undefined,
  byManager: boolean,
): Decision<ExceptionData> {
  const at = ctx.now.toISOString();
  const verdict: ExceptionVerdict = { outcome, reasoning, customerExplanation: explanation, by: ctx.actor, at, byManager };
  const outcomeText = t.outcomeLower[outcome];
  const notice = byManager
    ? (id: string) => t.msg.managerDecidedNotice(id, ctx.actor.name, outcomeText, reasoning)
    : (id: string) => t.msg.decidedNotice(id, ctx.actor.name, outcomeText, reasoning);
  const effects: Effect[] = involved(item, ctx.actor).map((to) => ({ type: 'notifyPerson', to, text: notice(item.id) }));
  return accept(
    item,
    { status: 'decided', closedAt: ctx.now, data: { ...item.data, decision: verdict } },
    { action: byManager ? 'managerDecided' : 'decided', note: reasoning, details: { outcome } },
    effects,
    t.msg.decided(item.id, t.outcome[outcome]),
  );
}

export function applyException(
  item: Item<ExceptionData>,
  action: string,
  input: Record<string, unknown>,
  ctx: ActionContext,
): Decision<ExceptionData> {
  const d = item.data;
  const at = ctx.now.toISOString();
  const decided = item.status === 'decided';

  switch (action) {
    case 'take': {
      if (decided) return refuse('finished', t.msg.finished);
      if (isRequester(item, ctx.actor)) return refuse('ownCase', t.msg.ownCase);
      if (d.takenBy) {
        return samePerson(d.takenBy, ctx.actor)
          ? refuse('alreadyYours', t.msg.alreadyYours)
          : refuse('alreadyTaken', t.msg.alreadyTaken(d.takenBy.name));
      }
      if (item.status !== 'open') return refuse('escalated', t.msg.escalatedNoTake);
      return accept(
        item,
        { status: 'taken', owner: ctx.actor, data: { ...d, takenBy: ctx.actor, takenAt: at } },
        { action: 'taken' },
        [{ type: 'notifyPerson', to: item.createdBy, text: t.msg.takenNotice(item.id, ctx.actor.name, d.rule) }],
        t.msg.taken(item.id),
      );
    }

    case 'opinion': {
      if (decided) return refuse('finished', t.msg.finished);
      if (isRequester(item, ctx.actor)) return refuse('ownCase', t.msg.ownOpinion);
      const fields: FieldErrors = {};
      const stance = oneOf(str(input, 'stance'), STANCES);
      if (!stance) fields.stance = t.errors.stanceRequired;
      const reasoning = text(fields, 'reasoning', str(input, 'reasoning'), LIMITS.reasoning, MIN_REASONING, t.errors.reasoningShort);
      if (fields.reasoning === nl.common.fieldRequired) fields.reasoning = t.errors.reasoningRequired;
      if (Object.keys(fields).length || !stance) return invalid(fields);
      const opinion: ExceptionOpinion = { by: ctx.actor, stance, reasoning, at };
      // One opinion per person: a second one replaces the first on the card (the history keeps both).
      const others = d.opinions.filter((o) => !samePerson(o.by, ctx.actor));
      const replaced = others.length !== d.opinions.length;
      // Giving an opinion on a case nobody took yet is taking it up.
      const takes = item.status === 'open' && !d.takenBy;
      const data: ExceptionData = { ...d, opinions: [...others, opinion], ...(takes ? { takenBy: ctx.actor, takenAt: at } : {}) };
      return accept(
        item,
        takes ? { status: 'taken', owner: ctx.actor, data } : { data },
        {
          action: 'opinion',
          note: reasoning,
          details: { stance, ...(replaced ? { replaced: true } : {}), ...(takes ? { took: true } : {}) },
        },
        [{ type: 'notifyPerson', to: item.createdBy, text: t.msg.opinionNotice(item.id, ctx.actor.name, t.stance[stance]) }],
        t.msg.opinionSaved(item.id),
      );
    }

    case 'decide': {
      if (decided) return refuse('finished', t.msg.finished);
      const manager = actsAsManager(item, ctx);
      if (!isRequester(item, ctx.actor) && !manager) return refuse('notAllowed', t.msg.notRequester);
      if (item.status === 'escalated') {
        if (!manager) return refuse('escalated', t.msg.waitForManager);
        return applyException(item, 'managerDecide', input, ctx);
      }
      const v = verdictInput(input, t.errors.outcomeRequired);
      if (Object.keys(v.fields).length || !v.outcome) return invalid(v.fields);
      if (v.outcome === 'voorleggen') {
        const to = parsePerson(input.manager);
        if (!to) return refuse('noManager', t.msg.noManager);
        if (samePerson(to, ctx.actor)) return refuse('managerSelf', t.msg.managerSelf);
        return accept(
          item,
          { status: 'escalated', owner: to, data: { ...d, escalation: { by: ctx.actor, at, reasoning: v.reasoning, manager: to } } },
          { action: 'escalated', note: v.reasoning, details: { manager: to.name } },
          [{ type: 'notifyPerson', to, text: t.msg.escalationNotice(item.id, ctx.actor.name, d.rule) }],
          t.msg.escalated(item.id, to.name),
        );
      }
      // Oefen met een collega: the requester decides after at least one colleague gave an opinion.
      if (!manager && d.opinions.length === 0) return refuse('needOpinion', t.msg.needOpinion);
      return decideFinal(item, ctx, v.outcome, v.reasoning, v.explanation, manager && !isRequester(item, ctx.actor));
    }

    case 'managerDecide': {
      if (decided) return refuse('finished', t.msg.finished);
      if (!actsAsManager(item, ctx)) return refuse('managersOnly', nl.common.managersOnly);
      const v = verdictInput(input, t.errors.managerOutcome);
      if (v.outcome === 'voorleggen') v.fields.outcome = t.errors.managerOutcome;
      if (Object.keys(v.fields).length || !v.outcome || v.outcome === 'voorleggen') return invalid(v.fields);
      return decideFinal(item, ctx, v.outcome, v.reasoning, v.explanation, true);
    }

    case 'markGuideline':
    case 'unmarkGuideline': {
      if (!actsAsManager(item, ctx)) return refuse('managersOnly', nl.common.managersOnly);
      if (!decided) return refuse('notDecided', t.msg.notDecided);
      if (action === 'markGuideline') {
        if (d.guideline) return refuse('alreadyGuideline', t.msg.alreadyGuideline);
        return accept(item, { data: { ...d, guideline: { by: ctx.actor, at } } }, { action: 'guideline' }, [], t.msg.guidelineMarked);
      }
      if (!d.guideline) return refuse('notGuideline', t.msg.notGuideline);
      const { guideline: _dropped, ...rest } = d;
      return accept(item, { data: rest }, { action: 'guidelineRemoved' }, [], t.msg.guidelineRemoved);
    }

    default:
      return refuse('unknownAction', nl.common.unknownAction);
  }
}

export const exceptionRules: KindRules<ExceptionData> = {
  kind: 'exception',
  idPrefix: 'TW',
  finalStatuses: EXCEPTION_FINAL,
  create: createException,
  apply: applyException,
};
