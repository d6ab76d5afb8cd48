// The Outlook agenda (Microsoft Graph) for callbacks made for a colleague: slots offered to the
// creator, the choice (callback.planSlot), the event kept in step through the outbox
// (calendarSync), and automatic planning when the offer is not answered. See docs/graph.md.
import type { CallbackData } from '../../../domain/items/callback';
import { systemClock } from '../../../domain/clock';
import { SYSTEM, type Item } from '../../../domain/types';
import { formatMoment, formatTime } from '../../../domain/workingTime';
import { nl } from '../../../texts/nl';
import { cardResponse, noticeCard } from '../../cards/common';
import type { VerbData } from '../../cards/contract';
import { say, trusted } from '../../cards/render';
import { defineFeature, type PortsOf } from '../../feature';
import { CALENDAR_SYNC_NEEDS, type AgendaPorts } from '../../ports';
import type { Turn } from '../../turn';
import { offerCard, type AfterCreate } from './cards';
import { offerSlots } from './offer';
import { syncCalendar } from './sync';
import { agendaReady } from '../../../app/jobs/agendaSync';

const a = nl.agenda;

const NEEDS = [...CALENDAR_SYNC_NEEDS, 'outbox'] as const;
/** How long the answer to a slot choice waits for the event to be in Outlook before saying it will follow. */
const CONFIRM_WAIT_MS = 3_000;

/** Whether this new callback needs a moment in its owner's agenda (made for a colleague). */
export function needsAgenda(item: Item): boolean {
  const agenda = item.kind === 'callback' ? (item.data as unknown as CallbackData).agenda : undefined;
  // Planned already: a free moment was picked in the form.
  return !!agenda && agenda.state !== 'planned';
}

/**
 * The answer card after "terugbellen voor collega": the created text plus slot buttons, or the
 * reason there are none. When Graph does not answer in time, the bot plans by itself (outbox).
 */
export async function afterCreate(turn: Turn<AgendaPorts>, raw: Item, createdText: string): Promise<Record<string, unknown>> {
  const item = raw as unknown as Item<CallbackData>;
  const s = turn.s;
  let result: AfterCreate = await offerSlots(s, item);
  if (result.kind === 'unavailable' || result.kind === 'noAccess' || result.kind === 'signInRefused') {
    // The bot plans it itself: now when Graph answers again, or once access is back (graphAccess.ts).
    await s.items.act(item.tenantId, item.id, 'agendaAuto', {}, SYSTEM);
    if (result.kind === 'unavailable') result = { kind: 'willFollow' };
  } else if (result.kind === 'none' || result.kind === 'noAgenda') {
    await s.items.act(item.tenantId, item.id, 'agendaNoSlot', { reason: result.kind }, SYSTEM);
  }
  return offerCard(s, item, createdText, result);
}

async function planSlot(turn: Turn<PortsOf<typeof NEEDS>>, data: VerbData<'callback.planSlot'>) {
  const s = turn.s;
  const id = typeof data.id === 'string' ? data.id : '';
  if (!agendaReady(s, turn.tenantId)) return cardResponse(noticeCard(trusted(a.notConfiguredShort), 'warning'));
  const outcome = await s.items.act(turn.tenantId, id, 'planSlot', { start: typeof data.start === 'string' ? data.start : '' }, turn.actor);
  if (outcome.status === 'notFound') return cardResponse(noticeCard(say(nl.common.unknownItem, id), 'warning'));
  if (outcome.status === 'refused')
    return cardResponse(noticeCard(trusted(outcome.refusal.message), 'warning', trusted(nl.callbacks.card.title(outcome.item.id))));
  const item = outcome.item as unknown as Item<CallbackData>;
  const plan = item.data.agenda!;
  const who = item.owner?.name ?? '';
  const title = nl.callbacks.card.title(item.id);
  if (plan.late) return cardResponse(noticeCard(trusted(outcome.message ?? ''), 'attention', trusted(title)));
  const chosenMoment = () =>
    `${formatMoment(s.calendar, new Date(plan.start!), s.clock.now())}–${formatTime(s.calendar, new Date(plan.end!))}`;
  // Graph refuses this agenda (known, or found by the sync while we wait): say why (graphAccess.ts).
  const refused = async () => {
    const problem = item.owner ? await s.graphAccess.calendarProblemFor(turn.tenantId, item.owner.id) : null;
    return problem
      ? cardResponse(noticeCard(say(a.access.chosen[problem], trusted(chosenMoment()), who), 'warning', trusted(title)))
      : null;
  };
  const known = await refused();
  if (known) return known;
  // Usually Graph answers within a second: then say it is in the agenda, else that it follows.
  // The person waits for exactly this delivery, so it may start before the answer (the rest still waits).
  s.outbox.kickNow();
  const until = systemClock.now().getTime() + CONFIRM_WAIT_MS; // real waiting time, not the bot's clock
  while (systemClock.now().getTime() < until) {
    const now = (await s.items.get(turn.tenantId, item.id)) as unknown as Item<CallbackData> | null;
    if (now?.data.calendarEvent?.start === plan.start)
      return cardResponse(noticeCard(say(a.msg.inAgenda, trusted(chosenMoment()), who), 'good', trusted(title)));
    await new Promise((r) => setTimeout(r, 100));
  }
  return (await refused()) ?? cardResponse(noticeCard(trusted(outcome.message ?? ''), 'good', trusted(title)));
}

export const agendaFeature = defineFeature(NEEDS, {
  name: 'agenda',
  verbs: { 'callback.planSlot': planSlot },
  deliveries: { calendarSync: (s) => (m) => syncCalendar(s, m) },
});
