// The calendarSync outbox handler: brings the Outlook event of a callback (or of an appointment
// planned at a free moment, issue 17) in line with the item, one step at a time, reading the item
// fresh each time (so any number of queued messages converge on the same result):
//   agenda 'auto'               → read free/busy, plan the first feasible slot (or say none is free);
//   planned, owned, not closed  → the event must exist in the owner's calendar at the planned time;
//   otherwise (released, done, cancelled, no plan) → no event.
// A handover deletes the event in the old owner's calendar and creates one in the new owner's;
// a reschedule moves it (PATCH); done/cancelled deletes it (see docs/graph.md for why).
// Each Graph change is recorded on the item through ItemService (action calendarSynced), so the
// event id survives restarts and concurrent changes. Creating is idempotent: the event carries a
// marker, looked up before every create (a lost response or a crash after the POST creates nothing twice).
// The scheduled catch-up (heal, re-check, expired offers) is app/jobs/agendaSync.ts.
import { failureText } from '../../../app/failures';
import type { ConversationReference } from 'botbuilder';
import type { DeliveryResult } from '../../../app/outbox';
import type { Services, OutboxMessage } from '../../../app/services';
import type { CalendarEventRef, CallbackData } from '../../../domain/items/callback';
import type { AppointmentData } from '../../../domain/items/appointment';
import { findSlots, searchWindow } from '../../../domain/scheduling/slots';
import { SYSTEM, type Item } from '../../../domain/types';
import { formatDeadline } from '../../../domain/workingTime';
import { deliveryResultFor, toGraphFailure, type CallOptions, type EventDraft, type GraphService } from '../../../graph';
import { agendaReady } from '../../../app/jobs/agendaSync';
import { graphUserOf, hasAgenda, wantedEvent } from '../../../domain/items/callbackAgenda';
import { nl } from '../../../texts/nl';
import { channelConversationId } from '../../delivery';
import type { CalendarSyncPorts } from '../../ports';

const e = nl.agenda.event;
const CALL: CallOptions = { timeoutMs: 20_000 };
export const REMINDER_MINUTES = 10;

/** The marker of the next event for this callback: stable until that event is recorded. */
export function markerFor(item: Item<CallbackData>): string {
  return `topcontact/${item.tenantId}/${item.id}/${item.data.calendarSeq ?? 0}`;
}

export async function syncCalendar(s: CalendarSyncPorts, m: OutboxMessage): Promise<DeliveryResult> {
  if (!agendaReady(s, m.tenantId)) return { ok: true }; // Graph not set up: nothing to keep in step
  const itemId = String(m.payload.itemId ?? '');
  const first = (await s.items.get(m.tenantId, itemId)) as unknown as Item<CallbackData> | null;
  if (first && hasAgenda(first) && (await s.graphAccess.blocked(m.tenantId))(graphUserOf(first))) {
    // Graph refuses this calendar (an open access problem): no call in vain; queued again when it is allowed.
    return { ok: false, retry: false, error: 'graph access refused (waiting for the re-check)' };
  }
  try {
    for (let step = 0; step < 6; step++) {
      const item = await s.items.get(m.tenantId, itemId);
      if (!item || !hasAgenda(item)) return { ok: true };
      if (!(await syncStep(s, s.graph, item as unknown as Item<CallbackData>))) return { ok: true };
    }
    return { ok: true };
  } catch (err) {
    // Our own date arithmetic on a bad stored value (year 10000): not Graph, not the network, never
    // better on a retry. Final, and the team is told once (a poison message, docs/reliability.md).
    if (err instanceof RangeError) return { ok: false, retry: false, error: failureText(err), poison: true };
    const f = toGraphFailure(err, s.clock.now().getTime());
    if (f.accessDenied) {
      // Final for this message; the re-check queues it again once Graph allows it (graphAccess.ts).
      const item = (await s.items.get(m.tenantId, itemId)) as unknown as Item<CallbackData> | null;
      if (item) await s.graphAccess.report(m.tenantId, f, { op: 'calendar', userId: graphUserOf(item), name: item.owner?.name });
    }
    const r = deliveryResultFor(f, s.clock.now().getTime());
    s.log.warn({ itemId, error: r.ok ? '' : r.error, retry: !r.ok && r.retry }, 'calendar sync failed');
    return r;
  }
}

/** One step toward the wanted state; true when the item changed and needs another look. */
async function syncStep(s: CalendarSyncPorts, graph: GraphService, item: Item<CallbackData>): Promise<boolean> {
  const d = item.data;
  const closed = item.status === 'done' || item.status === 'cancelled' || item.status === 'notReached';
  if (!closed && item.owner && d.agenda?.state === 'auto') {
    await autoPlan(s, graph, item);
    return true;
  }
  const want = wantedEvent(item);
  const have = d.calendarEvent;
  if (!want && !have) return false;
  if (have && (!want || have.userId !== want.userId)) {
    await graph.deleteEvent(have.userId, have.eventId, CALL);
    await record(s, item, null);
    return true;
  }
  const w = want!;
  const link = await cardLink(s, item);
  const draft = eventDraft(s, item, w, link);
  if (have) {
    if (have.start === w.start && have.end === w.end && !!have.linked === !!link) return false;
    try {
      await graph.updateEvent(have.userId, have.eventId, draft, CALL);
    } catch (err) {
      // Deleted in Outlook by hand: forget it; the next step creates a new one at the planned time.
      if (toGraphFailure(err, 0).notFound) {
        await record(s, item, null);
        return true;
      }
      throw err;
    }
    await record(s, item, { ...have, start: w.start, end: w.end, linked: !!link });
    return false;
  }
  // Check before create: an earlier attempt may have created it and lost the answer.
  const found = await graph.findEvent(w.userId, draft.marker, CALL);
  if (found) await graph.updateEvent(w.userId, found.id, draft, CALL);
  const id = found ? found.id : (await graph.createEvent(w.userId, draft, CALL)).id;
  await record(s, item, { userId: w.userId, eventId: id, start: w.start, end: w.end, marker: draft.marker, linked: !!link });
  return false;
}

/** Plans the first feasible slot in the owner's agenda (the bot chooses: intake, no answer to the offer, Graph was down). */
async function autoPlan(s: CalendarSyncPorts, graph: GraphService, item: Item<CallbackData>): Promise<void> {
  const now = s.clock.now();
  const deadline = item.deadline ?? now;
  const window = searchWindow(s.calendar, now, deadline);
  let busy;
  try {
    busy = await graph.getSchedule(item.owner!.id, window.start, window.end, CALL);
  } catch (err) {
    const f = toGraphFailure(err, now.getTime());
    // Not allowed (yet) is not "no agenda": stay 'auto' and plan it when access is back.
    if (f.transient || f.accessDenied) throw f;
    await act(s, item, 'agendaNoSlot', { reason: 'noAgenda' });
    return;
  }
  const r = findSlots({ calendar: s.calendar, now, deadline, busy, horizon: window.end, max: 1 });
  if (r.slots.length) await act(s, item, 'planSlot', { start: r.slots[0].start.toISOString(), auto: true });
  else await act(s, item, 'agendaNoSlot', { reason: 'none' });
}

async function act(
  s: Pick<Services, 'items' | 'log'>,
  item: Item<CallbackData>,
  action: string,
  input: Record<string, unknown>,
): Promise<void> {
  const out = await s.items.act(item.tenantId, item.id, action, input, SYSTEM);
  if (out.status !== 'ok')
    s.log.warn(
      { itemId: item.id, action, status: out.status, code: out.status === 'refused' ? out.refusal.code : undefined },
      'calendar sync: action not applied',
    );
}

function record(s: Pick<Services, 'items' | 'log'>, item: Item<CallbackData>, event: CalendarEventRef | null): Promise<void> {
  return act(s, item, 'calendarSynced', { event });
}

/** Teams deep link to the callback's card in the channel, when the card is posted. */
export async function cardLink(s: Pick<Services, 'bindings'>, item: Item<unknown>): Promise<string | null> {
  if (!item.card) return null;
  const binding = await s.bindings.getBinding(item.tenantId);
  const channelId = channelConversationId(item.card.conversationId);
  const params = new URLSearchParams({ tenantId: item.tenantId, parentMessageId: item.card.activityId });
  const sameChannel =
    binding &&
    channelConversationId(String((binding.conversationRef as Partial<ConversationReference>).conversation?.id ?? binding.channelId)) ===
      channelId;
  if (sameChannel && binding.teamName) params.set('teamName', binding.teamName);
  if (sameChannel && binding.channelName) params.set('channelName', binding.channelName);
  return `https://teams.microsoft.com/l/message/${encodeURIComponent(channelId)}/${encodeURIComponent(item.card.activityId)}?${params.toString()}`;
}

const esc = (v: string) =>
  v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** The Outlook event: subject, body with the customer's details and a link back to the card, reminder, busy, category. */
export function eventDraft(
  s: Pick<Services, 'clock' | 'calendar'>,
  item: Item<CallbackData>,
  w: { start: string; end: string },
  link: string | null,
): EventDraft {
  const d = item.data;
  const now = s.clock.now();
  // An appointment has one contact point (phone or e-mail) instead of the callback's phone.
  const contact = item.kind === 'appointment' ? (item.data as unknown as AppointmentData).contact : undefined;
  const tel = contact
    ? contact.kind === 'phone'
      ? { value: contact.value, display: contact.display }
      : null
    : d.phone
      ? { value: d.phone, display: d.phoneDisplay }
      : null;
  const rows: [string, string][] = [
    [e.id, item.id],
    [e.topic, d.topic],
  ];
  if (!d.erased) {
    rows.push([e.customer, d.customerName]);
    if (tel) rows.push([e.phone, tel.display]);
    if (contact?.kind === 'email') rows.push([e.email, contact.display]);
    if (d.details) rows.push([e.details, d.details]);
  }
  if (item.deadline) rows.push([e.deadline, formatDeadline(s.calendar, item.deadline, now)]);
  const table = rows.map(([k, v]) => `<tr><td><b>${esc(k)}</b></td><td>${esc(v).replace(/\n/g, '<br>')}</td></tr>`).join('');
  const phone = !d.erased && tel ? `<p><a href="tel:${esc(tel.value)}">${esc(tel.display)}</a></p>` : '';
  const back = link ? `<p><a href="${esc(link)}">${esc(e.link)}</a></p>` : '';
  const erased = d.erased ? `<p>${esc(e.erased)}</p>` : '';
  const kind = item.kind === 'appointment' ? (nl.appointments.kinds[(item.data as unknown as AppointmentData).promiseKind] ?? '') : '';
  return {
    subject: kind ? e.appointmentSubject(kind, d.topic) : e.subject(d.topic),
    bodyHtml: `<html><body><p>${esc(kind ? e.appointmentIntro : e.intro)}</p><table>${table}</table>${phone}${erased}${back}</body></html>`,
    start: new Date(w.start),
    end: new Date(w.end),
    reminderMinutes: REMINDER_MINUTES,
    categories: [e.category],
    private: true,
    marker: markerFor(item),
  };
}
