// Where a callback's Outlook event should be, and whether Outlook is out of step with it (pure):
// the calendarSync delivery (teams/features/agenda/sync.ts) works toward wantedEvent, and the
// catch-up job (app/jobs/agendaSync.ts) queues a sync for callbacks that are outOfStep.
import type { CallbackData } from './callback';
import type { Item } from '../types';

/** Where the event should be, or null when there should be none. */
export function wantedEvent(item: Item<CallbackData>): { userId: string; start: string; end: string } | null {
  const a = item.data.agenda;
  if (item.status === 'done' || item.status === 'cancelled' || item.status === 'notReached' || !item.owner) return null;
  if (a?.state !== 'planned' || !a.start || !a.end) return null;
  return { userId: item.owner.id, start: a.start, end: a.end };
}

/** Whether Outlook is not (yet) where the callback says it should be. */
export function outOfStep(item: Item<CallbackData>): boolean {
  const closed = item.status === 'done' || item.status === 'cancelled' || item.status === 'notReached';
  if (!closed && item.owner && item.data.agenda?.state === 'auto') return true;
  const want = wantedEvent(item);
  const have = item.data.calendarEvent;
  if (!want || !have) return !!want !== !!have;
  return have.userId !== want.userId || have.start !== want.start || have.end !== want.end;
}

/** Whose calendar the next sync step touches: the event's (to delete or move it), else the owner's. */
export function graphUserOf(item: Item<CallbackData>): string {
  return item.data.calendarEvent?.userId ?? item.owner?.id ?? '';
}

/** The kinds whose Outlook event is kept in step: callbacks, and appointments planned at a free moment (issue 17). */
export const AGENDA_KINDS = ['callback', 'appointment'] as const;
export const hasAgenda = (item: { kind: string } | null): boolean => !!item && (AGENDA_KINDS as readonly string[]).includes(item.kind);
