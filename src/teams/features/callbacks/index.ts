// Callbacks in Teams: the `terugbellen` form, the message extension, the card verbs.
import type { MessagingExtensionAction, MessagingExtensionActionResponse } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import type { CreateOutcome } from '../../../app/itemService';
import type { Person } from '../../../domain/types';
import { formatDeadline, formatMoment } from '../../../domain/workingTime';
import { nl } from '../../../texts/nl';
import { cardResponse, noticeCard } from '../../cards/common';
import { sayText, trusted } from '../../cards/render';
import { defineFeature, type PortsOf } from '../../feature';
import { momentFrom, resolvePerson } from '../../people';
import { AGENDA_NEEDS, FREE_MOMENTS_NEEDS, LIFECYCLE_NEEDS } from '../../ports';
import type { Turn } from '../../turn';
import { lifecycleVerbs } from '../itemActions';
import { callbackCards, callbackForm } from './cards';
import { freeMomentsView } from '../shared/freeMoments';
import { afterCreate, needsAgenda } from '../agenda';

const t = nl.callbacks;

const NEEDS = [...LIFECYCLE_NEEDS, ...FREE_MOMENTS_NEEDS, ...AGENDA_NEEDS, 'customerCases'] as const;
type Ports = PortsOf<typeof NEEDS>;

/** Form values (strings from Teams) → the domain's create input. */
async function createInput(turn: Turn<Ports>, data: Record<string, unknown>, source: string): Promise<Record<string, unknown>> {
  const assigneeId = typeof data.assignee === 'string' ? data.assignee.trim() : '';
  // An id that cannot be resolved goes to the rules as is: they answer with a message at the field.
  const assignee: Person | string | undefined = assigneeId ? ((await resolvePerson(turn, assigneeId)) ?? assigneeId) : undefined;
  return {
    ...data,
    // "Geen vast moment" in the free moments list: the term applies.
    slot: typeof data.slot === 'string' && data.slot !== 'none' ? data.slot : undefined,
    preferredMoment: momentFrom(turn, data.preferredDate, data.preferredTime),
    assignee,
    // The form's answer card can offer slots in the colleague's agenda; the message extension cannot (the bot plans).
    agendaMode: source === 'teams' ? 'offer' : 'auto',
  };
}

async function createFromForm(turn: Turn<Ports>, data: Record<string, unknown>, source: string) {
  const formId = typeof data.formId === 'string' && data.formId ? data.formId : undefined;
  const input = await createInput(turn, data, source);
  // A double submit of one form makes one callback. The key includes the person: a form card in a
  // channel is one card that several colleagues can fill in.
  return turn.s.items.create('callback', turn.tenantId, input, turn.actor, source, formId ? `form:${formId}:${turn.actor.id}` : undefined);
}

/** What the person who submitted the form is told. */
function outcomeText(turn: Turn<Ports>, outcome: Exclude<CreateOutcome, { status: 'invalid' }>): string {
  if (outcome.status === 'conflict') return nl.common.somethingWrong;
  if (outcome.status === 'keyReused') return t.formAlreadySent(outcome.item.id);
  return createdText(turn, outcome.item, outcome.status === 'created' ? outcome.posted : true);
}

function createdText(
  turn: Turn<Ports>,
  item: { id: string; deadline: Date | null; owner: Person | null; data: Record<string, unknown> },
  posted: boolean,
): string {
  const deadline = item.deadline ? formatDeadline(turn.s.calendar, item.deadline, turn.s.clock.now()) : '';
  if (item.data.held === true) return nl.customers.pause.heldCreated(item.id);
  if (!posted) return t.createdNoChannel(item.id);
  const base =
    t.created(item.id, deadline) +
    (item.owner && item.owner.id !== turn.actor.id ? ` ${sayText(t.createdFor, trusted(item.id), item.owner.name)}` : '');
  // A free moment picked in the form: say it goes into the colleague's agenda.
  const plan = (item as { data?: { agenda?: { state?: string; start?: string } } }).data?.agenda;
  return plan?.state === 'planned' && plan.start && item.owner
    ? `${base} ${sayText(nl.agenda.msg.chosen, trusted(formatMoment(turn.s.calendar, new Date(plan.start), turn.s.clock.now())), item.owner.name)}`
    : base;
}

const verbs = { renderer: callbackCards };

export const callbacksFeature = defineFeature(NEEDS, {
  name: 'callbacks',
  commands: {
    terugbellen: async (turn) => {
      const card = await callbackForm(turn.s, turn.tenantId);
      await turn.ctx.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
    },
  },
  verbs: {
    'callback.create': async (turn, data) => {
      const outcome = await createFromForm(turn, data, 'teams');
      if (outcome.status === 'invalid') {
        return cardResponse(
          await callbackForm(turn.s, turn.tenantId, {
            values: data,
            errors: outcome.refusal.fields,
            notice: { text: outcome.refusal.message, style: 'attention' },
            formId: typeof data.formId === 'string' ? data.formId : undefined,
          }),
        );
      }
      if (outcome.status === 'created' && needsAgenda(outcome.item)) {
        // Made for a colleague: offer moments in their Outlook agenda (or say why not).
        return cardResponse(await afterCreate(turn, outcome.item, createdText(turn, outcome.item, outcome.posted)));
      }
      const ok = outcome.status === 'created' || outcome.status === 'duplicate';
      return cardResponse(noticeCard(trusted(outcomeText(turn, outcome)), ok ? 'good' : 'attention', trusted(t.formTitle)));
    },
    // "Klant opzoeken": the form again, with the known klantbeeld for the typed number (app/customers.ts).
    'callback.lookupCustomer': async (turn, data) => {
      const found = await turn.s.customerCases.prefill(turn.tenantId, data, 'phone', turn.actor);
      const f = nl.customers.form;
      const notice =
        found.status === 'filled'
          ? { text: f.filled(found.record.id), style: 'accent' as const }
          : { text: found.status === 'noContact' ? f.needContact : f.none, style: 'warning' as const };
      return cardResponse(
        await callbackForm(turn.s, turn.tenantId, {
          values: found.status === 'filled' ? found.values : data,
          notice,
          formId: typeof data.formId === 'string' ? data.formId : undefined,
        }),
      );
    },
    // "Vrije momenten tonen": the same form again, everything typed kept, with the colleague's free moments.
    'callback.freeMoments': async (turn, data) => {
      const formId = typeof data.formId === 'string' ? data.formId : undefined;
      return cardResponse(await callbackForm(turn.s, turn.tenantId, { values: data, formId, moments: await freeMomentsView(turn, data) }));
    },
    ...lifecycleVerbs('callback', verbs, t.msg),
  },
  cards: { callback: callbackCards },
  messageExtension: {
    fetchTask: {
      terugbelverzoekMaken: async (turn, action) =>
        dialog(await callbackForm(turn.s, turn.tenantId, { values: fromMessage(action), inDialog: true })),
    },
    submit: {
      terugbelverzoekMaken: async (turn, action) => {
        const data = (action.data ?? {}) as Record<string, unknown>;
        try {
          const outcome = await createFromForm(turn, data, 'messageExtension');
          if (outcome.status === 'invalid') {
            return dialog(
              await callbackForm(turn.s, turn.tenantId, {
                values: data,
                errors: outcome.refusal.fields,
                notice: { text: outcome.refusal.message, style: 'attention' },
                formId: typeof data.formId === 'string' ? data.formId : undefined,
                inDialog: true,
              }),
            );
          }
          return { task: { type: 'message', value: outcomeText(turn, outcome).replace(/\*\*/g, '') } } as MessagingExtensionActionResponse;
        } catch (err) {
          turn.s.log.error({ err }, 'message extension submit failed');
          return { task: { type: 'message', value: nl.common.somethingWrong } } as MessagingExtensionActionResponse;
        }
      },
    },
  },
});

/** The form in a dialog (task module) opened by the message extension. */
function dialog(card: Record<string, unknown>): MessagingExtensionActionResponse {
  return {
    task: { type: 'continue', value: { title: t.formTitle, width: 'medium', height: 'large', card: CardFactory.adaptiveCard(card) } },
  } as MessagingExtensionActionResponse;
}

/** Prefills the form from the message the extension was opened on: its text as details, a phone number if it has one. */
export function fromMessage(action: MessagingExtensionAction): Record<string, unknown> {
  const body = action.messagePayload?.body?.content ?? '';
  const text = body
    // [^<>]: from each '<' the scan stops at the next '<', so "<<<<…" or "<br<br…" stay linear.
    .replace(/<(br|\/p|\/div|\/li)[^<>]*>/gi, '\n')
    .replace(/<[^<>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n')
    .slice(0, 2000);
  const phone = /(?:\+|00)?\d[\d\s-]{8,}\d/.exec(text)?.[0]?.trim() ?? '';
  const firstLine = text.split('\n')[0] ?? '';
  return { details: text, phone, topic: firstLine.length > 80 ? `${firstLine.slice(0, 79)}…` : firstLine };
}
