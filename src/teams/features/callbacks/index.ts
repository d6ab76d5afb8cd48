// Callbacks in Teams: the `terugbellen` form, the message extension, the card verbs.
import type { MessagingExtensionAction, MessagingExtensionActionResponse } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import type { Person } from '../../../domain/types';
import { formatDeadline } from '../../../domain/workingTime';
import { nl } from '../../../texts/nl';
import { cardResponse, noticeCard } from '../../cards/common';
import type { Feature } from '../../feature';
import { momentFrom, resolvePerson } from '../../people';
import type { Turn } from '../../turn';
import { itemVerb, itemView } from '../itemActions';
import { callbackCards, callbackForm } from './cards';
import { callbackReminders } from './reminders';
import { afterCreate, needsAgenda } from '../agenda';

const t = nl.callbacks;

/** Form values (strings from Teams) → the domain's create input. */
async function createInput(turn: Turn, data: Record<string, unknown>, source: string): Promise<Record<string, unknown>> {
  const assigneeId = typeof data.assignee === 'string' ? data.assignee : '';
  const assignee: Person | undefined = assigneeId ? await resolvePerson(turn, assigneeId) : undefined;
  return {
    ...data,
    preferredMoment: momentFrom(turn, data.preferredDate, data.preferredTime),
    assignee,
    // The form's answer card can offer slots in the colleague's agenda; the message extension cannot (the bot plans).
    agendaMode: source === 'teams' ? 'offer' : 'auto',
  };
}

async function createFromForm(turn: Turn, data: Record<string, unknown>, source: string) {
  const formId = typeof data.formId === 'string' && data.formId ? data.formId : undefined;
  const input = await createInput(turn, data, source);
  return turn.s.items.create('callback', turn.tenantId, input, turn.actor, source, formId ? `form:${formId}` : undefined);
}

function createdText(turn: Turn, item: { id: string; deadline: Date | null; owner: Person | null }, posted: boolean): string {
  const deadline = item.deadline ? formatDeadline(turn.s.calendar, item.deadline, turn.s.clock.now()) : '';
  if (!posted) return t.createdNoChannel(item.id);
  return t.created(item.id, deadline) + (item.owner && item.owner.id !== turn.actor.id ? ` ${t.createdFor(item.id, item.owner.name)}` : '');
}

const verbs = { renderer: callbackCards };

export const callbacksFeature: Feature = {
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
        return cardResponse(await callbackForm(turn.s, turn.tenantId, {
          values: data, errors: outcome.refusal.fields, notice: { text: outcome.refusal.message, style: 'attention' },
          formId: typeof data.formId === 'string' ? data.formId : undefined,
        }));
      }
      if (outcome.status === 'conflict') return cardResponse(noticeCard(nl.common.somethingWrong, 'attention'));
      const posted = outcome.status === 'created' ? outcome.posted : true;
      const text = createdText(turn, outcome.item, posted);
      // Made for a colleague: offer moments in their Outlook agenda (or say why not).
      if (outcome.status === 'created' && needsAgenda(outcome.item)) return cardResponse(await afterCreate(turn, outcome.item, text));
      return cardResponse(noticeCard(text, 'good', t.formTitle));
    },
    'callback.claim': itemVerb('claim', verbs),
    'callback.release': itemVerb('release', verbs),
    'callback.done': itemVerb('done', verbs),
    'callback.notReached': itemVerb('notReached', verbs),
    'callback.cancel': itemVerb('cancel', verbs),
    'callback.handover': itemVerb('handover', {
      ...verbs,
      input: async (turn, data) => ({ ...data, to: typeof data.to === 'string' ? await resolvePerson(turn, data.to) : undefined }),
    }),
    'callback.reschedule': itemVerb('reschedule', {
      ...verbs,
      input: (turn, data) => ({ ...data, moment: momentFrom(turn, data.date, data.time) }),
    }),
    'callback.refresh': itemView(verbs),
    'callback.view': itemView(verbs),
  },
  cards: { callback: callbackCards },
  messageExtension: {
    fetchTask: {
      terugbelverzoekMaken: async (turn, action) => ({
        task: {
          type: 'continue',
          value: {
            title: t.formTitle,
            width: 'medium',
            height: 'large',
            card: CardFactory.adaptiveCard(await callbackForm(turn.s, turn.tenantId, { values: fromMessage(action) })),
          },
        },
      }) as MessagingExtensionActionResponse,
    },
    submit: {
      terugbelverzoekMaken: async (turn, action) => {
        const data = (action.data ?? {}) as Record<string, unknown>;
        const outcome = await createFromForm(turn, data, 'messageExtension');
        if (outcome.status === 'invalid') {
          return {
            task: {
              type: 'continue',
              value: {
                title: t.formTitle, width: 'medium', height: 'large',
                card: CardFactory.adaptiveCard(await callbackForm(turn.s, turn.tenantId, {
                  values: data, errors: outcome.refusal.fields, notice: { text: outcome.refusal.message, style: 'attention' },
                  formId: typeof data.formId === 'string' ? data.formId : undefined,
                })),
              },
            },
          } as MessagingExtensionActionResponse;
        }
        const text = outcome.status === 'conflict' ? nl.common.somethingWrong : createdText(turn, outcome.item, outcome.status === 'created' ? outcome.posted : true);
        return { task: { type: 'message', value: text.replace(/\*\*/g, '') } } as MessagingExtensionActionResponse;
      },
    },
  },
  jobs: [callbackReminders],
};

/** Prefills the form from the message the extension was opened on: its text as details. */
function fromMessage(action: MessagingExtensionAction): Record<string, unknown> {
  const body = action.messagePayload?.body?.content ?? '';
  const text = body.replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 2000);
  const phone = /(?:\+|00)?\d[\d\s-]{8,}\d/.exec(text)?.[0] ?? '';
  return { details: text, phone, topic: text.length > 80 ? `${text.slice(0, 77)}…` : text };
}
