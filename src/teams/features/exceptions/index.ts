// "Oefen met een collega" in Teams: the `twijfel` form (alias `oefenen`), earlier decisions shown
// before posting, the discussion card's verbs, the library (`afwegingen <woorden>`, `afwegingen
// export`), and the nudge for a case nobody took up.
import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import { searchLibrary, similarCases } from '../../../domain/exceptions/library';
import { exceptionRules } from '../../../domain/items/exception';
import { echoOf } from '../../../domain/validation/mask';
import { formatDeadline } from '../../../domain/workingTime';
import { nl } from '../../../texts/nl';
import { cardResponse, noticeCard } from '../../cards/common';
import type { ExceptionCaseVerb } from '../../cards/contract/exception';
import { defineFeature, type Notice, type PortsOf, type VerbHandler } from '../../feature';
import type { Turn } from '../../turn';
import { exceptionCards, exceptionForm, FORM_FIELDS, libraryCard, similarCard, type OpenForm } from './cards';
import { EXPORT_KIND, exportConsent, offerExport } from './export';
import { renderChannel } from '../../cards/itemViews';
import { say, trusted } from '../../cards/render';

const t = nl.exceptions;

function formValues(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of FORM_FIELDS) if (typeof data[f] === 'string') out[f] = data[f];
  return out;
}

function formIdOf(data: Record<string, unknown>): string | undefined {
  return typeof data.formId === 'string' && data.formId ? data.formId.slice(0, 100) : undefined;
}

const NEEDS = ['clock', 'calendar', 'config', 'log', 'isManager', 'items', 'itemViews', 'reports', 'managers'] as const;
type Ports = PortsOf<typeof NEEDS>;

async function sendForm(turn: Turn<unknown>): Promise<void> {
  await turn.ctx.sendActivity({ attachments: [CardFactory.adaptiveCard(exceptionForm())] });
}

/**
 * exception.create: check the form; unless the person already chose "Toch plaatsen", show up to
 * three earlier decisions that resemble it; otherwise (or when there are none) post the case.
 */
const create: VerbHandler<Ports, 'exception.create'> = async (turn, data) => {
  const s = turn.s;
  const values = formValues(data);
  const formId = formIdOf(data);
  const check = exceptionRules.create(values, {
    now: s.clock.now(),
    calendar: s.calendar,
    actor: turn.actor,
    isManager: s.isManager(turn.actor),
  });
  if (!check.ok) {
    return cardResponse(
      exceptionForm({ values, errors: check.refusal.fields, notice: { text: check.refusal.message, style: 'attention' }, formId }),
    );
  }
  if (data.confirmed !== 'true' && data.confirmed !== true) {
    const similar = similarCases(
      { rule: String(values.rule), situation: String(values.situation), proposal: String(values.proposal) },
      await s.reports.decidedExceptions(turn.tenantId),
    );
    if (similar.length) return cardResponse(similarCard(s, similar, values, formId ?? ''));
  }
  const outcome = await s.items.create('exception', turn.tenantId, values, turn.actor, 'teams', formId ? `form:${formId}` : undefined);
  if (outcome.status === 'invalid') {
    return cardResponse(
      exceptionForm({ values, errors: outcome.refusal.fields, notice: { text: outcome.refusal.message, style: 'attention' }, formId }),
    );
  }
  if (outcome.status === 'conflict') return cardResponse(noticeCard(trusted(nl.common.somethingWrong), 'attention'));
  const item = outcome.item;
  const posted = outcome.status === 'created' ? outcome.posted : true;
  const deadline = item.deadline ? formatDeadline(s.calendar, item.deadline, s.clock.now()) : '';
  return cardResponse(
    noticeCard(trusted(posted ? t.created(item.id, deadline) : t.createdNoChannel(item.id)), 'good', trusted(t.form.title)),
  );
};

/** Card input ids → the domain's input names, per form (ids are unique within the one card). */
const FORM_INPUTS: Record<OpenForm, Record<string, string>> = {
  opinion: { stance: 'stance', opinionReasoning: 'reasoning' },
  decide: { outcome: 'outcome', decisionReasoning: 'reasoning', customerExplanation: 'customerExplanation' },
  manager: { managerOutcome: 'outcome', managerReasoning: 'reasoning', managerExplanation: 'customerExplanation' },
};

function toDomain(form: OpenForm | undefined, data: Record<string, unknown>): Record<string, unknown> {
  if (!form) return {};
  const out: Record<string, unknown> = {};
  for (const [cardId, name] of Object.entries(FORM_INPUTS[form])) out[name] = data[cardId];
  return out;
}

function toCard(form: OpenForm, fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [cardId, name] of Object.entries(FORM_INPUTS[form])) if (fields[name]) out[cardId] = fields[name];
  return out;
}

/**
 * A verb on the discussion card → ItemService.act → the card for the person who clicked, with a
 * short note; on a form error the form stays open with the values and a Dutch message per field.
 * Everyone else's card is updated through the outbox.
 */
function caseVerb(action: string, form?: OpenForm): VerbHandler<Ports, ExceptionCaseVerb> {
  return async (turn, data): Promise<AdaptiveCardInvokeResponse> => {
    const s = turn.s;
    const id = typeof data.id === 'string' ? data.id : '';
    const input = toDomain(form, data);
    if (action === 'decide' && input.outcome === 'voorleggen') {
      const item = await s.items.get(turn.tenantId, id);
      if (item) input.manager = (await s.managers.of(turn.tenantId, item.createdBy)) ?? undefined;
    }
    const outcome = await s.items.act(turn.tenantId, id, action, input, turn.actor);
    if (outcome.status === 'notFound') return cardResponse(noticeCard(say(nl.common.unknownItem, id), 'warning'));
    if (outcome.status === 'refused') {
      const cardVersion = Number(data.v);
      const stale = Number.isFinite(cardVersion) && cardVersion > 0 && cardVersion !== outcome.item.version;
      const text = stale ? `${outcome.refusal.message} ${nl.common.staleCard}` : outcome.refusal.message;
      const notice: Notice = { text, style: outcome.refusal.fields ? 'attention' : 'warning' };
      if (form && outcome.refusal.fields) {
        return cardResponse(
          exceptionCards.withForm(await s.itemViews.item(outcome.item), notice, {
            open: form,
            values: data,
            errors: toCard(form, outcome.refusal.fields),
          }),
        );
      }
      // A refusal without fields (not allowed, no opinion yet, …): keep the form open with what was typed.
      return cardResponse(exceptionCards.withForm(await s.itemViews.item(outcome.item), notice, form ? { open: form, values: data } : {}));
    }
    return cardResponse(
      await renderChannel(exceptionCards, s, outcome.item, outcome.message ? { text: outcome.message, style: 'good' } : undefined),
    );
  };
}

/** `afwegingen <woorden>`: matching decided cases, guidelines first, then the newest. */
async function search(turn: Turn<Ports>, args: string): Promise<void> {
  const words = args.trim().slice(0, 200);
  const library = await turn.s.reports.decidedExceptions(turn.tenantId);
  if (library.length === 0) {
    await turn.ctx.sendActivity(t.library.none);
    return;
  }
  const { results, partial } = searchLibrary(words, library);
  if (results.length === 0) {
    await turn.ctx.sendActivity(t.library.empty(echoOf(words)));
    return;
  }
  await turn.ctx.sendActivity({ attachments: [CardFactory.adaptiveCard(libraryCard(turn.s, words, results, partial))] });
}

/** The item view for a refresh or an "open" without changing anything. */
const view: VerbHandler<Ports, 'exception.view' | 'exception.refresh'> = async (turn, data) => {
  const item = await turn.s.items.get(turn.tenantId, typeof data.id === 'string' ? data.id : '');
  if (!item || item.kind !== 'exception') return cardResponse(noticeCard(say(nl.common.unknownItem, String(data.id ?? '')), 'warning'));
  return cardResponse(await renderChannel(exceptionCards, turn.s, item));
};

export const exceptionsFeature = defineFeature(NEEDS, {
  name: 'exceptions',
  commands: {
    twijfel: sendForm,
    oefenen: sendForm,
    afwegingen: search,
    'afwegingen export': offerExport,
  },
  verbs: {
    'exception.create': create,
    'exception.edit': async (turn, data) => cardResponse(exceptionForm({ values: formValues(data), formId: formIdOf(data) })),
    'exception.take': caseVerb('take'),
    'exception.opinion': caseVerb('opinion', 'opinion'),
    'exception.decide': caseVerb('decide', 'decide'),
    'exception.managerDecide': caseVerb('managerDecide', 'manager'),
    'exception.markGuideline': caseVerb('markGuideline'),
    'exception.unmarkGuideline': caseVerb('unmarkGuideline'),
    'exception.view': view,
    'exception.refresh': view,
  },
  cards: { exception: exceptionCards },
  fileConsent: { [EXPORT_KIND]: exportConsent },
});
