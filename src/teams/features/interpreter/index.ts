// Interpreter requests (tolk) in Teams. The whole flow lives in the user's 1:1 chat: typed in a
// channel (or started from a card in a channel), the channel only hears a neutral line and the
// flow is sent to the person's 1:1 chat through the outbox. A language can reveal origin.
import { CardFactory, TurnContext, type AdaptiveCardInvokeResponse, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { ActOutcome } from '../../../app/itemService';
import {
  INTERPRETER_LINK_ACTION,
  RELATED_KINDS,
  interpreterMonthFigures,
  isMonth,
  monthOf,
  shiftMonth,
  type InterpreterData,
  type RelatedRef,
} from '../../../domain/items/interpreter';
import type { Item } from '../../../domain/types';
import { nl } from '../../../texts/nl';
import { cardResponse, noticeCard } from '../../cards/common';
import { defineFeature, type ItemCardRenderer, type Notice, type PortsOf, type VerbHandler } from '../../feature';
import type { Turn } from '../../turn';
import { bookingFormCard, cleanRelatedId, interpreterCards, neutralCard, overviewCard, ownFormCard, startCard } from './cards';
import { appointmentCards } from '../appointments/cards';
import { callbackCards } from '../callbacks/cards';
import { renderChannel, renderOwner } from '../../cards/itemViews';
import { say, trusted } from '../../cards/render';

const t = nl.interpreter;

const NEEDS = [
  'clock',
  'calendar',
  'config',
  'log',
  'isManager',
  'policy',
  'items',
  'itemViews',
  'users',
  'bindings',
  'reports',
  'messages',
] as const;
type Ports = PortsOf<typeof NEEDS>;

// ---------------------------------------------------------------------------------------------
// Getting a card to the person's 1:1 chat

/**
 * Makes sure the outbox can reach this person's 1:1 chat: a stored reference, or a bound channel
 * (the messenger creates the chat through it), or else create the chat now through this turn.
 */
async function canReachPersonally(turn: Turn<Ports>): Promise<boolean> {
  const { users, bindings } = turn.s;
  const known = await users.getUser(turn.tenantId, turn.actor.id);
  if (known?.conversationRef) return true;
  if (await bindings.getBinding(turn.tenantId)) return true;
  const a = turn.ctx.activity;
  const adapter = turn.ctx.adapter as CloudAdapter;
  if (!a.serviceUrl || typeof adapter.createConversationAsync !== 'function') return false;
  let created: Partial<ConversationReference> | null = null;
  try {
    await adapter.createConversationAsync(
      turn.s.config.bot.appId,
      a.channelId || 'msteams',
      a.serviceUrl,
      '',
      {
        isGroup: false,
        bot: a.recipient,
        members: [{ id: turn.actor.teamsId || turn.actor.id, name: turn.actor.name }],
        tenantId: turn.tenantId,
        channelData: { tenant: { id: turn.tenantId } },
      } as never,
      async (ctx) => {
        created = TurnContext.getConversationReference(ctx.activity) as Partial<ConversationReference>;
      },
    );
  } catch (err) {
    turn.s.log.warn({ err }, 'could not open a 1:1 chat for the interpreter flow');
    return false;
  }
  if (!created) return false;
  await users.upsertUser({
    tenantId: turn.tenantId,
    userId: turn.actor.id,
    teamsId: turn.actor.teamsId,
    name: turn.actor.name,
    conversationRef: created,
  });
  return true;
}

/**
 * Sends `card` to the actor's 1:1 chat through the outbox (durable, retried). Returns the neutral
 * line to show where the user is, or null when the 1:1 chat cannot be reached.
 */
async function sendPersonally(turn: Turn<Ports>, card: Record<string, unknown>, key: string): Promise<string | null> {
  if (!(await canReachPersonally(turn))) return null;
  const now = turn.s.clock.now();
  await turn.s.messages.queue(
    [
      {
        tenantId: turn.tenantId,
        key: `interpreter-flow:${turn.tenantId}:${key}`,
        type: 'notifyPerson',
        lane: `user:${turn.actor.id}`,
        payload: { to: turn.actor, text: '', card },
      },
    ],
    now,
  );
  return t.sentPersonal;
}

const personal = (turn: Turn<Ports>) => turn.scope === 'personal';

/** Outside the 1:1 chat an interpreter verb answers with a card that names nothing. */
function notHere(): AdaptiveCardInvokeResponse {
  return cardResponse(noticeCard(trusted(t.personalOnly), 'warning'));
}

// ---------------------------------------------------------------------------------------------
// The related callback / appointment

/** The card renderer of the kind an interpreter request can be linked to (callback, appointment). */
const RELATED_RENDERERS: Partial<Record<Item['kind'], ItemCardRenderer>> = { callback: callbackCards, appointment: appointmentCards };

function rendererFor(kind: string): ItemCardRenderer | undefined {
  return RELATED_RENDERERS[kind as Item['kind']];
}

async function relatedRef(turn: Turn<Ports>, raw: unknown): Promise<RelatedRef | null> {
  const id = cleanRelatedId(raw);
  if (!id) return null;
  const item = await turn.s.items.get(turn.tenantId, id);
  return item ? { id: item.id, kind: item.kind, mayLink: turn.s.policy.mayActFor(item, turn.actor) } : null;
}

/** Records the request on its callback/appointment (data + a private history line). Best effort. */
async function linkRelated(turn: Turn<Ports>, id: string, d: InterpreterData): Promise<void> {
  const relatedId = d.relatedId;
  if (!relatedId) return;
  const related = await turn.s.items.get(turn.tenantId, relatedId);
  if (!related || !RELATED_KINDS.includes(related.kind) || related.closedAt) return;
  if (!turn.s.policy.mayActFor(related, turn.actor)) return; // refused in the form already; never link to someone else's item
  const outcome = await turn.s.items.act(
    turn.tenantId,
    relatedId,
    INTERPRETER_LINK_ACTION,
    { interpreterId: id, own: d.path === 'own', moment: d.moment },
    turn.actor,
  );
  if (outcome.status !== 'ok')
    turn.s.log.info({ itemId: id, relatedId, outcome: outcome.status }, 'interpreter request not linked to its related item');
}

// ---------------------------------------------------------------------------------------------
// Commands

async function tolk(turn: Turn<Ports>, args: string): Promise<void> {
  const relatedId = cleanRelatedId(args.split(/\s+/)[0]);
  const card = startCard(relatedId);
  if (personal(turn)) {
    await turn.ctx.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
    return;
  }
  const line = await sendPersonally(turn, card, `start:${turn.ctx.activity.id ?? turn.s.clock.now().getTime()}`);
  await turn.ctx.sendActivity(line ?? t.noPersonalChat);
}

async function overviewFor(
  s: Pick<Ports, 'clock' | 'calendar' | 'reports'>,
  tenantId: string,
  month: string,
): Promise<Record<string, unknown>> {
  const now = s.clock.now();
  const current = monthOf(s.calendar, now);
  // Items created in the month: query from a little before its first day, filter exactly in the domain.
  const since = new Date(Date.parse(`${month}-01T00:00:00Z`) - 2 * 86_400_000);
  const items = await s.reports.interpreterRequestsSince(tenantId, since);
  const figures = interpreterMonthFigures(items, month, s.calendar);
  return overviewCard(figures, month < current, shiftMonth(month, -1), shiftMonth(month, 1));
}

async function tolkOverzicht(turn: Turn<Ports>, args: string): Promise<void> {
  if (!turn.s.isManager(turn.actor)) {
    await turn.ctx.sendActivity(t.overview.managersOnly);
    return;
  }
  const arg = args.trim();
  if (arg && !isMonth(arg)) {
    await turn.ctx.sendActivity(t.overview.badMonth);
    return;
  }
  const card = await overviewFor(turn.s, turn.tenantId, arg || monthOf(turn.s.calendar, turn.s.clock.now()));
  if (personal(turn)) {
    await turn.ctx.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
    return;
  }
  // Figures per language are not for a channel either.
  const line = await sendPersonally(turn, card, `overview:${turn.ctx.activity.id ?? turn.s.clock.now().getTime()}`);
  await turn.ctx.sendActivity(line ?? t.noPersonalChat);
}

// ---------------------------------------------------------------------------------------------
// Verbs

/** "Tolk nodig" on a callback's or appointment's owner view (data.relatedId), or a start button anywhere. */
const start: VerbHandler<Ports, 'interpreter.start'> = async (turn, data) => {
  const relatedId = cleanRelatedId(data.relatedId);
  const card = startCard(relatedId);
  const related = relatedId ? await turn.s.items.get(turn.tenantId, relatedId) : null;
  const renderer = related ? rendererFor(related.kind) : undefined;
  const mayView = !!related && turn.s.policy.mayActFor(related, turn.actor);

  if (personal(turn) && !related) return cardResponse(card);
  let line: string | null;
  if (personal(turn)) {
    await turn.ctx.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
    line = t.startedBelow;
  } else {
    line = await sendPersonally(turn, card, `start:${turn.ctx.activity.id ?? turn.s.clock.now().getTime()}`);
  }
  const notice: Notice = { text: line ?? t.noPersonalChat.replace(/\*\*/g, ''), style: line ? 'good' : 'warning' };
  // Keep the card the user clicked on as it was (their view of the callback), with the neutral line.
  if (related && renderer)
    return cardResponse(
      mayView ? await renderOwner(renderer, turn.s, related, notice) : await renderChannel(renderer, turn.s, related, notice),
    );
  return cardResponse(noticeCard(trusted(notice.text), notice.style));
};

/** Step 1 answered: yes → the own-interpreter form; no → the booking form (step 2). */
const answer: VerbHandler<Ports, 'interpreter.answer'> = async (turn, data) => {
  if (!personal(turn)) return notHere();
  const relatedId = cleanRelatedId(data.relatedId);
  return cardResponse(data.answer === 'own' ? ownFormCard({ values: { relatedId } }) : bookingFormCard({ values: { relatedId } }));
};

/** Both date and time, or no moment at all (the domain then asks for one). */
function momentOf(turn: Turn<Ports>, date: unknown, time: unknown): string | undefined {
  const d = typeof date === 'string' ? date.trim() : '';
  const tm = typeof time === 'string' ? time.trim() : '';
  if (!d || !tm) return undefined;
  if (!/^\d{4}-\d\d-\d\d$/.test(d) || !/^\d\d:\d\d/.test(tm)) return 'ongeldig';
  try {
    return turn.s.calendar.at(d, tm.slice(0, 5)).toISOString();
  } catch {
    return 'ongeldig';
  }
}

const create: VerbHandler<Ports, 'interpreter.create'> = async (turn, data) => {
  if (!personal(turn)) return notHere();
  const path = data.path === 'own' ? 'own' : 'service';
  const formId = typeof data.formId === 'string' && data.formId ? data.formId : undefined;
  const input = {
    ...data,
    path,
    moment: momentOf(turn, data.date, data.time),
    related: await relatedRef(turn, data.relatedId),
  };
  delete (input as Record<string, unknown>).bookingText;
  const outcome = await turn.s.items.create(
    'interpreter',
    turn.tenantId,
    input,
    turn.actor,
    'teams',
    formId ? `interpreter-form:${formId}` : undefined,
  );
  if (outcome.status === 'invalid') {
    const state = {
      values: data,
      errors: outcome.refusal.fields,
      notice: { text: outcome.refusal.message, style: 'attention' as const },
      formId,
    };
    return cardResponse(path === 'own' ? ownFormCard(state) : bookingFormCard(state));
  }
  if (outcome.status === 'conflict') return cardResponse(noticeCard(trusted(nl.common.somethingWrong), 'attention'));
  const item = outcome.item;
  const d = item.data as unknown as InterpreterData;
  if (outcome.status === 'created') await linkRelated(turn, item.id, d);
  const text = d.path === 'own' ? t.msg.createdOwn(item.id) : t.msg.created(item.id);
  return cardResponse(await renderOwner(interpreterCards, turn.s, item, { text, style: 'good' }));
};

/** The answer to a tracking verb: the private view for the owner or a manager, in the 1:1 chat only. */
async function respond(turn: Turn<Ports>, outcome: ActOutcome, data: Record<string, unknown>): Promise<AdaptiveCardInvokeResponse> {
  if (outcome.status === 'notFound')
    return cardResponse(noticeCard(say(nl.common.unknownItem, typeof data.id === 'string' ? data.id : ''), 'warning'));
  const item = outcome.item;
  const mayView = turn.s.policy.mayViewPrivate(item, turn.actor);
  if (outcome.status === 'refused') {
    const cardVersion = Number(data.v);
    const stale = Number.isFinite(cardVersion) && cardVersion > 0 && cardVersion !== item.version;
    const notice: Notice = {
      text: stale ? `${outcome.refusal.message} ${nl.common.staleCard}` : outcome.refusal.message,
      style: outcome.refusal.fields ? 'attention' : 'warning',
    };
    if (!mayView || !personal(turn)) return cardResponse(noticeCard(trusted(notice.text), notice.style));
    return cardResponse(
      interpreterCards.ownerWithForm(await turn.s.itemViews.owner(item), notice, { values: data, errors: outcome.refusal.fields }),
    );
  }
  const notice: Notice | undefined = outcome.message ? { text: outcome.message, style: 'good' } : undefined;
  if (!mayView || !personal(turn)) return cardResponse(neutralCard(item, notice));
  return cardResponse(await renderOwner(interpreterCards, turn.s, item, notice));
}

function track(action: string): VerbHandler<Ports, 'interpreter.confirm' | 'interpreter.done' | 'interpreter.cancel'> {
  return async (turn, data) => {
    if (!personal(turn)) return notHere();
    const id = typeof data.id === 'string' ? data.id : '';
    const existing = await turn.s.items.get(turn.tenantId, id);
    if (existing && existing.kind !== 'interpreter') return cardResponse(noticeCard(say(nl.common.unknownItem, id), 'warning'));
    const outcome = await turn.s.items.act(turn.tenantId, id, action, data, turn.actor);
    return respond(turn, outcome, data);
  };
}

/** The own interpreter falls through: stop it and go on to step 2 with what we know. */
const fallback: VerbHandler<Ports, 'interpreter.fallback'> = async (turn, data) => {
  if (!personal(turn)) return notHere();
  const id = typeof data.id === 'string' ? data.id : '';
  const existing = await turn.s.items.get(turn.tenantId, id);
  if (existing && existing.kind !== 'interpreter') return cardResponse(noticeCard(say(nl.common.unknownItem, id), 'warning'));
  const outcome = await turn.s.items.act(turn.tenantId, id, 'fallback', {}, turn.actor);
  if (outcome.status !== 'ok') return respond(turn, outcome, data);
  const d = outcome.item.data as unknown as InterpreterData;
  const moment = new Date(d.moment);
  const future = moment.getTime() > turn.s.clock.now().getTime();
  const values = {
    relatedId: d.relatedId ?? '',
    date: future ? turn.s.calendar.dayOf(moment) : '',
    time: future ? turn.s.calendar.timeOf(moment) : '',
  };
  return cardResponse(bookingFormCard({ values, notice: { text: outcome.message ?? '', style: 'good' } }));
};

const view: VerbHandler<Ports, 'interpreter.view' | 'interpreter.refresh'> = async (turn, data) => {
  const item = await turn.s.items.get(turn.tenantId, typeof data.id === 'string' ? data.id : '');
  if (!item || item.kind !== 'interpreter') return cardResponse(noticeCard(say(nl.common.unknownItem, String(data.id ?? '')), 'warning'));
  const mayView = turn.s.policy.mayViewPrivate(item, turn.actor);
  return cardResponse(mayView && personal(turn) ? await renderOwner(interpreterCards, turn.s, item) : neutralCard(item));
};

const overview: VerbHandler<Ports, 'interpreter.overview'> = async (turn, data) => {
  if (!personal(turn)) return notHere();
  if (!turn.s.isManager(turn.actor)) return cardResponse(noticeCard(trusted(t.overview.managersOnly), 'warning'));
  const month = typeof data.month === 'string' && isMonth(data.month) ? data.month : monthOf(turn.s.calendar, turn.s.clock.now());
  return cardResponse(await overviewFor(turn.s, turn.tenantId, month));
};

export const interpreterFeature = defineFeature(NEEDS, {
  name: 'interpreter',
  commands: {
    tolk,
    'tolk overzicht': tolkOverzicht,
  },
  verbs: {
    'interpreter.start': start,
    'interpreter.answer': answer,
    'interpreter.create': create,
    'interpreter.confirm': track('confirm'),
    'interpreter.done': track('done'),
    'interpreter.cancel': track('cancel'),
    'interpreter.fallback': fallback,
    'interpreter.refresh': view,
    'interpreter.view': view,
    'interpreter.overview': overview,
  },
  cards: { interpreter: interpreterCards },
});
