// `rapport` (managers only): the on-time report of the last 4 weeks as a card, and `rapport csv`
// (or the card's button) as CSV text: in a 1:1 chat straight into the chat, from a channel into the
// manager's 1:1 chat (outbox notifyPerson), never into the channel.
import { CardFactory } from 'botbuilder';
import type { Services } from '../../../app/services';
import { averageClaimMinutes, reportCsv, type Figures, type OnTimeReport } from '../../../domain/report/onTime';
import { formatDay } from '../../../domain/workingTime';
import { nl } from '../../../texts/nl';
import { cardResponse, noticeCard } from '../../cards/common';
import { cap } from '../../cards/itemCard';
import { bind, trusted, trustedFields, trustedTexts } from '../../cards/render';
import { defineFeature, type Notice, type PortsOf } from '../../feature';
import type { Turn } from '../../turn';
import template from '../../cards/templates/report.json';
import { REPORT_WEEKS } from '../../../app/openItems';
import { firstContactCsv, helpedPercent, type FirstContactReport } from '../../../domain/report/firstContact';

const r = nl.report;

const NEEDS = ['clock', 'calendar', 'isManager', 'reports', 'messages'] as const;
type Ports = PortsOf<typeof NEEDS>;

export function sourceLabel(source: string): string {
  if (r.sources[source]) return r.sources[source]!;
  if (source.startsWith('intake:')) return r.intakeSource(source.slice(7));
  return source;
}

export function kindLabel(key: string): string {
  return r.kinds[key] ?? key;
}

function row(label: string, f: Figures, bold = false) {
  const avg = averageClaimMinutes(f);
  return {
    // A source can be a name someone gave (an intake form's): the label is bound as user text.
    label,
    ...trustedFields({
      weight: bold ? 'Bolder' : 'Default',
      made: String(f.made),
      kept: r.percent(f.kept, f.kept + f.late),
      late: String(f.late),
      lateColor: f.late ? 'Attention' : 'Default',
      oneGo: r.percent(f.oneGo, f.done),
      claim: avg === null ? r.none : r.minutes(avg),
    }),
  };
}

/** The "in één keer geholpen" lines: per week, in total, per contact channel; every percentage says what it is a share of. */
function firstContactSection(fc: FirstContactReport) {
  const f = r.firstContact;
  const ch = (c: string) => f.channels[c] ?? c;
  // Our texts only: the counts and the contact channels' labels (a channel is one of the form's choices).
  return trustedTexts({
    heading: f.heading,
    intro: f.intro,
    weeks: fc.weeks.map((w) =>
      f.line(`${r.weekLabel(w.isoWeek)}${w.running ? ` (${r.running})` : ''}`, w.total.helped, w.total.contacts, helpedPercent(w.total)),
    ),
    total: f.line(r.total, fc.total.helped, fc.total.contacts, helpedPercent(fc.total)),
    perChannel: f.perChannel,
    channels: Object.entries(fc.byChannel)
      .sort((a, b) => b[1].contacts - a[1].contacts || a[0].localeCompare(b[0]))
      .map(([c, x]) => f.channelLine(ch(c), x.helped, x.contacts, helpedPercent(x))),
    no: f.no(fc.no.answered, fc.no.explained),
  });
}

export function reportCard(
  s: Pick<Services, 'calendar'>,
  rep: OnTimeReport,
  notice?: Notice,
  fc?: FirstContactReport,
): Record<string, unknown> {
  const cal = s.calendar;
  const byName = (m: Record<string, Figures>, label: (k: string) => string) =>
    Object.entries(m)
      .map(([k, f]) => ({ name: label(k), f }))
      .sort((a, b) => b.f.made - a.f.made || a.name.localeCompare(b.name, 'nl'));
  return bind(template, {
    ...trustedFields({
      title: r.title,
      intro: r.intro(formatDay(cal, rep.from, rep.now), formatDay(cal, rep.to, rep.now)),
      explainTitle: r.explainTitle,
      csvButton: r.csvButton,
    }),
    notice: notice ? trustedFields({ text: notice.text, style: cap(notice.style) }) : null,
    c: trustedTexts(r.columns),
    tables: [
      {
        heading: trusted(r.perWeek),
        rows: [
          ...rep.weeks.map((w) => row(`${r.weekLabel(w.isoWeek)}${w.running ? ` (${r.running})` : ''}`, w.total)),
          row(r.total, rep.total, true),
        ],
      },
      { heading: trusted(r.perKind), rows: byName(rep.byKind, kindLabel).map((x) => row(x.name, x.f)) },
      { heading: trusted(r.perSource), rows: byName(rep.bySource, sourceLabel).map((x) => row(x.name, x.f)) },
    ],
    firstContact: fc ? firstContactSection(fc) : null,
    explain: trustedTexts(r.explain),
  });
}

export function csvText(rep: OnTimeReport, fc?: FirstContactReport): string {
  const csv = reportCsv(rep, r.csvHeader, { kind: kindLabel, source: sourceLabel });
  const f = r.firstContact;
  // The same "in één keer geholpen" figures as the card, as a second table after an empty line.
  const second = fc
    ? `\r\n${firstContactCsv(fc, f.csvHeader, { channel: (c) => f.channels[c] ?? c, period: '4 weken' })}${f.csvNo(fc.no.answered, fc.no.explained)}\r\n`
    : '';
  return `${r.csvIntro}\n\n\`\`\`\n${csv}${second}\`\`\``;
}

async function sendCsv(turn: Turn<Ports>): Promise<string> {
  const rep = await turn.s.reports.onTime(turn.tenantId);
  const text = csvText(rep, await turn.s.reports.firstContact(turn.tenantId, REPORT_WEEKS));
  if (turn.scope === 'personal') {
    await turn.ctx.sendActivity({ text, textFormat: 'markdown' });
    return r.csvSent;
  }
  // Never into a channel or group chat: to the manager's own 1:1 chat through the outbox.
  const now = turn.s.clock.now();
  await turn.s.messages.queue(
    [
      {
        tenantId: turn.tenantId,
        key: `report-csv:${turn.tenantId}:${turn.actor.id}:${now.getTime()}`,
        type: 'notifyPerson',
        lane: `user:${turn.actor.id}`,
        payload: { to: turn.actor, text },
      },
    ],
    now,
  );
  return r.csvSentPersonal;
}

export const reportFeature = defineFeature(NEEDS, {
  name: 'report',
  commands: {
    rapport: async (turn, args) => {
      if (!turn.s.isManager(turn.actor)) {
        await turn.ctx.sendActivity(nl.common.managersOnly);
        return;
      }
      if (args.trim().toLowerCase() === 'csv') {
        const said = await sendCsv(turn);
        if (turn.scope !== 'personal') await turn.ctx.sendActivity(said);
        return;
      }
      const card = reportCard(
        turn.s,
        await turn.s.reports.onTime(turn.tenantId),
        undefined,
        await turn.s.reports.firstContact(turn.tenantId, REPORT_WEEKS),
      );
      await turn.ctx.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
    },
  },
  verbs: {
    'report.csv': async (turn) => {
      if (!turn.s.isManager(turn.actor)) return cardResponse(noticeCard(trusted(nl.common.managersOnly), 'warning'));
      const said = await sendCsv(turn);
      return cardResponse(
        reportCard(
          turn.s,
          await turn.s.reports.onTime(turn.tenantId),
          { text: said, style: 'good' },
          await turn.s.reports.firstContact(turn.tenantId, REPORT_WEEKS),
        ),
      );
    },
  },
});
