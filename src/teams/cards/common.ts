// Small card builders shared by features: a notice card and invoke responses.
import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { bind, CARD_CONTENT_TYPE, neutralise } from './render';
import noticeTemplate from './templates/notice.json';
import type { Notice } from '../feature';
import type { HistoryEntry } from '../../domain/types';
import type { WorkingCalendar } from '../../domain/workingTime';
import { formatMoment } from '../../domain/workingTime';

export function noticeCard(text: string, style: Notice['style'] = 'accent', title = ''): Record<string, unknown> {
  return bind(noticeTemplate, { title, text, style });
}

export function cardResponse(card: Record<string, unknown>): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: CARD_CONTENT_TYPE, value: card };
}


/** History lines for the folded "Geschiedenis" section, newest last. */
export function historyLines(
  history: readonly HistoryEntry[],
  cal: WorkingCalendar,
  label: (action: string) => string,
  withNotes: boolean,
): { line: string }[] {
  return history.map((h) => {
    const note = withNotes && h.note ? `: ${neutralise(h.note.length > 140 ? `${h.note.slice(0, 140)}…` : h.note)}` : '';
    const extra = h.details && typeof h.details.to === 'string' && h.action === 'handedOver' ? ` → ${neutralise(h.details.to)}` : '';
    return { line: `${formatMoment(cal, h.at)} · ${neutralise(h.actor.name)} · ${label(h.action)}${extra}${note}` };
  });
}
