// "In één keer geholpen" (charter: "streven is dat de klant in één keer wordt geholpen"): of all
// customer contacts with a question, how many were helped at first contact. N = contact logs
// (`geholpen`); M = N + every follow-up made in the same period (callbacks from any source,
// appointments). Per week (Monday–Sunday, the calendar's zone) and per contact channel, plus how
// many "nee" answers were explained. Pure: `now` comes in.
import type { Item } from '../types';
import { addCalendarDays, type LocalDay, type WorkingCalendar } from '../workingTime';
import { isoWeekNumber, reportStart } from './onTime';

export interface HelpedFigures {
  /** Helped at first contact (contact logs). */
  helped: number;
  /** All contacts: helped + follow-ups made. */
  contacts: number;
}

export interface FirstContactWeek {
  start: LocalDay;
  isoWeek: number;
  running: boolean;
  total: HelpedFigures;
  byChannel: Record<string, HelpedFigures>;
}

export interface FirstContactReport {
  weeks: FirstContactWeek[];
  total: HelpedFigures;
  byChannel: Record<string, HelpedFigures>;
  /** Finished promises answered "nee" in the period, and how many of them with an explanation. */
  no: { answered: number; explained: number };
}

export interface ContactLogFact {
  at: Date;
  how: string;
}

/** The contact channel a follow-up came through: a callback is a phone contact; an appointment by its kind. */
export function followUpChannel(item: Item): string | null {
  if (item.kind === 'callback') return 'telefoon';
  if (item.kind !== 'appointment') return null;
  const pk = item.data?.promiseKind;
  return pk === 'email' ? 'email' : pk === 'letter' ? 'brief' : pk === 'walkin' ? 'balie' : 'overig';
}

const empty = (): HelpedFigures => ({ helped: 0, contacts: 0 });

/** Share in whole percent, or null when there were no contacts. */
export function helpedPercent(f: HelpedFigures): number | null {
  return f.contacts ? Math.round((100 * f.helped) / f.contacts) : null;
}

export function firstContactReport(
  logs: readonly ContactLogFact[],
  items: readonly Item[],
  cal: WorkingCalendar,
  now: Date,
  weeks = 4,
): FirstContactReport {
  const start = reportStart(cal, now, weeks);
  const out: FirstContactWeek[] = [];
  for (let w = 0; w < weeks; w++) {
    const monday = addCalendarDays(start, 7 * w);
    out.push({ start: monday, isoWeek: isoWeekNumber(monday), running: w === weeks - 1, total: empty(), byChannel: {} });
  }
  const report: FirstContactReport = { weeks: out, total: empty(), byChannel: {}, no: { answered: 0, explained: 0 } };
  const weekOf = (at: Date) => {
    if (at.getTime() > now.getTime()) return undefined;
    const day = cal.dayOf(at);
    return out.find((w) => day >= w.start && day <= addCalendarDays(w.start, 6));
  };
  const count = (week: FirstContactWeek, channel: string, helped: boolean) => {
    for (const f of [week.total, (week.byChannel[channel] ??= empty()), report.total, (report.byChannel[channel] ??= empty())]) {
      f.contacts++;
      if (helped) f.helped++;
    }
  };
  for (const log of logs) {
    const week = weekOf(log.at);
    if (week) count(week, log.how, true);
  }
  for (const item of items) {
    const channel = followUpChannel(item);
    const week = weekOf(item.createdAt);
    if (!channel || !week) continue;
    count(week, channel, false);
    if (item.data?.answer === 'nee') {
      report.no.answered++;
      if (typeof item.data.explanation === 'string' && item.data.explanation.trim()) report.no.explained++;
    }
  }
  return report;
}

/** CSV rows (semicolons) of the same figures: per week and channel, then the whole period. */
export function firstContactCsv(
  r: FirstContactReport,
  header: readonly string[],
  label: { channel: (c: string) => string; period: string },
): string {
  const rows: (string | number)[][] = [header.slice()];
  const line = (period: string, from: string, channel: string, f: HelpedFigures) =>
    rows.push([period, from, channel, f.helped, f.contacts, helpedPercent(f) ?? '']);
  const block = (period: string, from: string, total: HelpedFigures, by: Record<string, HelpedFigures>) => {
    line(period, from, 'totaal', total);
    for (const c of Object.keys(by).sort()) line(period, from, label.channel(c), by[c]!);
  };
  for (const w of r.weeks) block(`week ${w.isoWeek}`, w.start, w.total, w.byChannel);
  block(label.period, r.weeks[0]?.start ?? '', r.total, r.byChannel);
  return rows.map((row) => row.join(';')).join('\r\n') + '\r\n';
}
