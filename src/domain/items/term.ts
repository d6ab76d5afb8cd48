// THE function that decides where an item stands against its term, for every kind and every
// surface (channel card, owner view, mijn, overzicht, dagoverzicht, rapport): which moment is the
// term, its state word and the next moment that wording changes by itself (cards follow the clock).
// Pure: `now` is passed in.
import type { Item } from '../types';
import { addCalendarDays, formatDay, formatTime, type WorkingCalendar } from '../workingTime';
import { clockTexts, stateWords } from '../../texts/nl/clock';
import { noLaterThan } from '../../texts/nl/workingTime';

export type TermState = 'onTime' | 'dueToday' | 'overdue' | 'noDeadline';

/** Statuses that end an item without a verdict on time (h17 adds `notReached`: it is final and does count). */
const WITHOUT_VERDICT = new Set(['cancelled']);

export interface ItemTerm {
  /** The moment the item is judged against; null when it has none. */
  term: Date | null;
  /** 'deadline' (the promise) or 'confirm' (an interpreter booking that still has to be confirmed). */
  termKind: 'deadline' | 'confirm';
  /** Open: where it stands now. Finished: where it stood when it was finished. */
  state: TermState;
  /** The state word ('op tijd', 'vandaag', 'morgen', 'te laat'); for a finished item 'op tijd afgerond' / 'te laat afgerond' or ''. */
  word: string;
  /** Finished with a term: was the promise kept on time? null while open or without a verdict. */
  keptOnTime: boolean | null;
  /** The next moment the wording of this item changes by the clock alone; null when it never does. */
  nextChange: Date | null;
}

/** The term an item is judged against (see docs/cards-follow-the-clock.md). */
export function termOf(item: Item<object>): { term: Date | null; termKind: 'deadline' | 'confirm' } {
  if (item.kind === 'interpreter') {
    const d = item.data as { mode?: string; confirmBy?: string };
    const confirmBy = d.confirmBy ? new Date(d.confirmBy) : null;
    // 'nu, telefonisch': the moment is the request itself; what can be late is the confirmation.
    if (d.mode === 'phoneNow' && confirmBy) return { term: confirmBy, termKind: 'confirm' };
    if (item.status === 'requested' && confirmBy) {
      return item.deadline && item.deadline.getTime() < confirmBy.getTime()
        ? { term: item.deadline, termKind: 'deadline' }
        : { term: confirmBy, termKind: 'confirm' };
    }
  }
  return { term: item.deadline, termKind: 'deadline' };
}

function startOf(cal: WorkingCalendar, day: string): Date {
  return cal.at(day, '00:00');
}

/** Where `item` stands at `now`, and when that changes. */
export function itemTerm(item: Item<object>, cal: WorkingCalendar, now: Date): ItemTerm {
  const { term, termKind } = termOf(item);
  if (!term) return { term, termKind, state: 'noDeadline', word: '', keptOnTime: null, nextChange: null };
  if (item.closedAt) {
    const verdict = !WITHOUT_VERDICT.has(item.status);
    const kept = item.closedAt.getTime() <= term.getTime();
    return {
      term,
      termKind,
      state: stateAt(cal, term, item.closedAt),
      keptOnTime: verdict ? kept : null,
      word: verdict ? (kept ? clockTexts.keptOnTime : clockTexts.keptLate) : '',
      nextChange: null,
    };
  }
  const state = stateAt(cal, term, now);
  const today = cal.dayOf(now);
  const termDay = cal.dayOf(term);
  const tomorrow = state === 'onTime' && termDay === addCalendarDays(today, 1);
  const word = tomorrow ? stateWords.dueTomorrow : stateWords[state];
  return { term, termKind, state, word, keptOnTime: null, nextChange: nextChange(cal, term, now) };
}

function stateAt(cal: WorkingCalendar, term: Date, at: Date): TermState {
  if (at.getTime() > term.getTime()) return 'overdue';
  return cal.dayOf(term) === cal.dayOf(at) ? 'dueToday' : 'onTime';
}

/**
 * The first moment after `now` at which the words change: the midnight the term becomes
 * "morgen", the midnight it becomes "vandaag", the minute after the term ("te laat"), then each
 * working day's midnight (the count of working days late). New Year adds or drops the year.
 */
function nextChange(cal: WorkingCalendar, term: Date, now: Date): Date {
  const t = now.getTime();
  const today = cal.dayOf(now);
  const termDay = cal.dayOf(term);
  const candidates: number[] = [];
  if (t <= term.getTime()) {
    candidates.push(startOf(cal, addCalendarDays(termDay, -1)).getTime(), startOf(cal, termDay).getTime(), term.getTime() + 1);
  } else {
    candidates.push(startOf(cal, cal.nextWorkingDay(today)).getTime());
  }
  candidates.push(startOf(cal, `${Number(today.slice(0, 4)) + 1}-01-01`).getTime());
  return new Date(Math.min(...candidates.filter((c) => c > t)));
}

/** Any one term against `now`: its state word and the absolute wording (for a kind's second term, e.g. an e-mail's full answer). */
export function momentTerm(cal: WorkingCalendar, term: Date, now: Date): { state: TermState; word: string; absolute: string } {
  const state = stateAt(cal, term, now);
  const tomorrow = state === 'onTime' && cal.dayOf(term) === addCalendarDays(cal.dayOf(now), 1);
  return {
    state,
    word: tomorrow ? stateWords.dueTomorrow : stateWords[state],
    absolute: noLaterThan(formatDay(cal, cal.dayOf(term), now), formatTime(cal, term)),
  };
}

/** 'morgen · uiterlijk vrijdag 27 november, 17:00'; finished: 'uiterlijk vrijdag 27 november, 17:00 · op tijd afgerond'. */
export function termLine(item: Item<object>, cal: WorkingCalendar, now: Date): string {
  const it = itemTerm(item, cal, now);
  if (!it.term) return '—';
  const absolute = momentTerm(cal, it.term, now).absolute;
  const line = item.closedAt ? (it.word ? clockTexts.finishedLine(absolute, it.word) : absolute) : clockTexts.termLine(it.word, absolute);
  return it.termKind === 'confirm' ? clockTexts.confirmLine(line) : line;
}
