// Cards and lines for the agenda: the answer to "callback for a colleague" with slot buttons,
// short slot labels, and the "Agenda" line of the owner's view.
import type { Services } from '../../../app/services';
import type { CallbackData } from '../../../domain/items/callback';
import type { Item } from '../../../domain/types';
import { addCalendarDays, formatDeadline, formatMoment, formatTime, isoWeekdayOf, type WorkingCalendar } from '../../../domain/workingTime';
import { nl } from '../../../texts/nl';
import { bind, say, trusted, trustedFields, type Trusted } from '../../cards/render';
import offerTemplate from '../../cards/templates/agendaOffer.json';
import type { AgendaOffer } from './offer';

const a = nl.agenda;

/** 'vandaag 14:30', 'morgen 08:30', 'ma 30 nov 09:00'. */
export function slotLabel(cal: WorkingCalendar, start: Date, now: Date): string {
  const day = cal.dayOf(start);
  const today = cal.dayOf(now);
  const time = formatTime(cal, start);
  if (day === today) return a.slotLabel(a.today, time);
  if (day === addCalendarDays(today, 1)) return a.slotLabel(a.tomorrow, time);
  const [, month, dom] = day.split('-').map(Number);
  return a.slotLabel(`${a.weekdayShort[isoWeekdayOf(day)]} ${dom} ${a.monthShort[month - 1]}`, time);
}

/** What happened to the agenda after creating: the offer, or why there is none. */
export type AfterCreate = AgendaOffer | { kind: 'willFollow' };

/** createdText is our text (composed with say()/sayText() by the caller). */
export function offerCard(
  s: Pick<Services, 'clock' | 'calendar'>,
  item: Item<CallbackData>,
  createdText: string,
  offer: AfterCreate,
): Record<string, unknown> {
  const now = s.clock.now();
  // The owner's name is user text: each Dutch text takes it through say().
  const who = item.owner?.name ?? '';
  const deadline = item.deadline ? formatDeadline(s.calendar, item.deadline, now) : '';
  let agendaText: Trusted = trusted('');
  let agendaStyle = 'Default';
  let hint = '';
  let slots: { label: Trusted; start: Trusted }[] = [];
  switch (offer.kind) {
    case 'notConfigured':
      agendaText = say(a.notConfigured, who);
      agendaStyle = 'Warning';
      break;
    case 'willFollow':
    case 'unavailable':
      agendaText = say(a.willFollow, who);
      break;
    case 'noAccess':
      agendaText = say(a.access.offer[offer.cause], who);
      // Attention, not Warning: Teams' light theme draws warning text at about 1.4:1 contrast.
      agendaStyle = 'Attention';
      break;
    case 'signInRefused':
      agendaText = say(a.signInRefused, who);
      // Attention, not Warning: Teams' light theme draws warning text at about 1.4:1 contrast.
      agendaStyle = 'Attention';
      break;
    case 'noAgenda':
      agendaText = say(a.noAgenda, who);
      agendaStyle = 'Warning';
      break;
    case 'none':
      agendaText = say(a.offer.none, who);
      agendaStyle = 'Attention';
      break;
    case 'slots':
      agendaText = offer.late ? say(a.offer.late, who, trusted(deadline)) : say(a.offer.intro, who);
      agendaStyle = offer.late ? 'Attention' : 'Default';
      slots = offer.slots.map((x) => trustedFields({ label: slotLabel(s.calendar, x.start, now), start: x.start.toISOString() }));
      hint = a.offer.autoHint;
      break;
  }
  return bind(offerTemplate, {
    ...trustedFields({
      title: nl.callbacks.formTitle,
      createdText,
      agendaStyle,
      agendaWeight: agendaStyle === 'Attention' ? 'Bolder' : 'Default',
      itemId: item.id,
      hint,
    }),
    agendaText,
    slots,
  });
}

/** The owner's view: 'vandaag 14:30–14:45 (Outlook)', 'maandag 30 november, 08:30–08:45 (Outlook)'; '' when nothing is planned. */
export function agendaLine(s: Pick<Services, 'clock' | 'calendar' | 'graph'>, item: Item<CallbackData>): string {
  const p = item.data.agenda;
  if (p?.state !== 'planned' || !p.start || !p.end) return '';
  const start = new Date(p.start);
  const now = s.clock.now();
  const day = s.calendar.dayOf(start);
  const near = day === s.calendar.dayOf(now) || day === addCalendarDays(s.calendar.dayOf(now), 1);
  const moment = `${near ? slotLabel(s.calendar, start, now) : formatMoment(s.calendar, start, now)}–${formatTime(s.calendar, new Date(p.end))}`;
  const inOutlook = item.data.calendarEvent?.start === p.start;
  const line = !s.graph ? moment : inOutlook ? a.card.planned(moment) : a.card.pending(moment);
  return p.late ? `${line}, ${a.card.late}` : line;
}
