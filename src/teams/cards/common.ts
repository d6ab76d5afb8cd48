// Small card builders shared by features: a notice card and invoke responses.
import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { bind, CARD_CONTENT_TYPE, md, trusted, type Trusted } from './render';
import noticeTemplate from './templates/notice.json';
import type { Notice } from '../feature';
import type { HistoryEntry } from '../../domain/types';
import type { WorkingCalendar } from '../../domain/workingTime';
import { formatMoment } from '../../domain/workingTime';

/** A card with one text of ours (Trusted: a text from texts/nl, or made with say() / md`…` around user text). */
export function noticeCard(text: Trusted, style: Notice['style'] = 'accent', title: Trusted = trusted('')): Record<string, unknown> {
  return bind(noticeTemplate, { title, text, style });
}

/** A notice for a card's data: its text is ours (outcome messages from the rules, texts/nl). */
export function noticeOf(notice: Notice | undefined): { text: Trusted; style: string } | null {
  return notice ? { text: trusted(notice.text), style: notice.style.charAt(0).toUpperCase() + notice.style.slice(1) } : null;
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
): { line: Trusted }[] {
  return history.map((h) => {
    const note = withNotes && h.note ? md`: ${h.note.length > 140 ? `${h.note.slice(0, 140)}…` : h.note}` : '';
    const extra = h.details && typeof h.details.to === 'string' && h.action === 'handedOver' ? md` → ${h.details.to}` : '';
    return { line: md`${trusted(formatMoment(cal, h.at))} · ${h.actor.name} · ${trusted(label(h.action))}${extra}${note}` };
  });
}
