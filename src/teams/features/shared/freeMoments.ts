// "Vrije momenten tonen" in the terugbellen and afspraak forms (issue 17): the colleague's free
// moments from Outlook as the form's choice list, or why there are none. One function for both
// forms; each says which inputs hold the colleague and the preferred moment, and its term.
import { CALLBACK_MOMENTS, freeMomentsFor, type MomentsFor } from '../../../app/freeMoments';
import { formatDeadline, formatMoment } from '../../../domain/workingTime';
import { nl } from '../../../texts/nl';
import { sayText } from '../../cards/render';
import { momentFrom, resolvePerson } from '../../people';
import type { FreeMomentsPorts } from '../../ports';
import type { Turn } from '../../turn';

/** The free moments part of a form after "Vrije momenten tonen". */
export interface MomentsView {
  notice: string;
  noticeColor: string;
  label: string;
  choices: { title: string; value: string }[];
  value: string;
}

/** Where a form keeps what the free moments need, and what it allows. */
export interface MomentsForm {
  /** The input with the colleague whose agenda is read. */
  colleague: string;
  /** The inputs with the customer's preferred moment. */
  date: string;
  time: string;
  /** Callbacks plan in a colleague's agenda only; an appointment may be one's own. */
  allowSelf: boolean;
  moments: MomentsFor;
  /** What to say when no colleague is chosen. */
  noColleague: string;
  /** The choice for "no moment from the agenda". */
  noMoment: string;
}

export const CALLBACK_FORM: MomentsForm = {
  colleague: 'assignee',
  date: 'preferredDate',
  time: 'preferredTime',
  allowSelf: false,
  moments: CALLBACK_MOMENTS,
  noColleague: nl.conversation.freeMoments.noColleague,
  noMoment: nl.conversation.freeMoments.noMoment,
};

/** The form's free moments (the typed values are the caller's to keep). */
export async function freeMomentsView(
  turn: Turn<FreeMomentsPorts>,
  data: Record<string, unknown>,
  form: MomentsForm = CALLBACK_FORM,
): Promise<MomentsView> {
  const fm = nl.conversation.freeMoments;
  const s = turn.s;
  const colleagueId = typeof data[form.colleague] === 'string' ? (data[form.colleague] as string).trim() : '';
  const colleague = colleagueId ? await resolvePerson(turn, colleagueId) : undefined;
  const whose = colleague && (form.allowSelf || colleague.id !== turn.actor.id) ? colleague : undefined;
  const raw = momentFrom(turn, data[form.date], data[form.time]);
  const preferred = raw && !Number.isNaN(new Date(raw).getTime()) ? new Date(raw) : undefined;
  const r = await freeMomentsFor(s, turn.tenantId, whose?.id, preferred, form.moments);
  const view = (notice: string, color = 'Default'): MomentsView => ({ notice, noticeColor: color, label: '', choices: [], value: 'none' });
  switch (r.kind) {
    case 'notConfigured':
      return view(fm.notConfigured);
    case 'noColleague':
      return view(form.noColleague, 'Attention');
    case 'slow':
      return view(fm.slow, 'Attention');
    case 'noAgenda':
      return view(fm.noAgenda, 'Attention');
    case 'none':
      return view(fm.none(formatDeadline(s.calendar, r.deadline, s.clock.now())), 'Attention');
    case 'moments': {
      const now = s.clock.now();
      return {
        notice: '',
        noticeColor: 'Default',
        label: whose!.id === turn.actor.id ? fm.labelOwn : sayText(fm.label, whose!.name),
        choices: [
          ...r.moments.map((m) => {
            const text = formatMoment(s.calendar, m.start, now);
            return { title: m.late ? fm.lateChoice(text) : fm.choice(text), value: m.start.toISOString() };
          }),
          { title: form.noMoment, value: 'none' },
        ],
        value: typeof data.slot === 'string' && data.slot ? data.slot : 'none',
      };
    }
  }
}
