// The on-time report's figures for a known history (pure domain; default working calendar:
// Monday–Friday 08:30–17:00, Europe/Amsterdam). "Now" is Thursday 26 November 2026, 12:00.
import { expect } from 'chai';
import { averageClaimMinutes, isoWeekNumber, onTimeReport, reportCsv, reportStart, verdict } from '../../src/domain/report/onTime';
import type { HistoryEntry, Item, ItemKind } from '../../src/domain/types';
import { WorkingCalendar } from '../../src/domain/workingTime';
import { anItem } from '../harness/items';
import { staff } from '../harness/roster';

const cal = new WorkingCalendar();
const NOW = new Date('2026-11-26T12:00:00+01:00');
const { anna } = staff;
const T = (s: string) => new Date(s.length === 16 ? `${s}:00+01:00` : s);

interface Spec {
  id: string;
  kind?: ItemKind;
  promiseKind?: string;
  source?: string;
  created: string;
  deadline: string | null;
  status?: string;
  closed?: string;
  /** [at, action, details?] */
  events?: [string, string, Record<string, unknown>?][];
  owned?: boolean;
}

function build(specs: Spec[]): { items: Item[]; history: Map<string, HistoryEntry[]> } {
  const items: Item[] = [];
  const history = new Map<string, HistoryEntry[]>();
  for (const s of specs) {
    const created = T(s.created);
    items.push(
      anItem({
        id: s.id,
        kind: s.kind ?? 'callback',
        status: s.status ?? (s.closed ? 'done' : 'open'),
        subject: 'x',
        createdBy: anna,
        at: created,
        deadline: s.deadline ? T(s.deadline) : null,
        closedAt: s.closed ? T(s.closed) : null,
        source: s.source ?? 'teams',
        data: s.promiseKind ? { promiseKind: s.promiseKind } : {},
      }),
    );
    const h: HistoryEntry[] = [
      { tenantId: 't', itemId: s.id, at: created, actor: anna, action: 'created', details: s.owned ? { for: anna.name } : undefined },
    ];
    for (const [at, action, details] of s.events ?? []) h.push({ tenantId: 't', itemId: s.id, at: T(at), actor: anna, action, details });
    history.set(s.id, h);
  }
  return { items, history };
}

const KNOWN: Spec[] = [
  // Week 45. A: claimed after 1 working hour, done the same morning: kept, in one go.
  {
    id: 'A',
    created: '2026-11-02T09:00',
    deadline: '2026-11-03T17:00',
    closed: '2026-11-02T11:00',
    events: [
      ['2026-11-02T10:00', 'claimed'],
      ['2026-11-02T11:00', 'done'],
    ],
  },
  // B: Friday 16:30 → claimed Monday 09:00 = 30 + 30 working minutes; one failed attempt: kept, not in one go.
  {
    id: 'B',
    source: 'intake:website',
    created: '2026-11-06T16:30',
    deadline: '2026-11-09T17:00',
    closed: '2026-11-09T15:00',
    events: [
      ['2026-11-09T09:00', 'claimed'],
      ['2026-11-09T10:00', 'notReached'],
      ['2026-11-09T15:00', 'done'],
    ],
  },
  // Week 46. C: e-mail made with an owner; the reply came after its term: late, though finished in one go.
  {
    id: 'C',
    kind: 'appointment',
    promiseKind: 'email',
    owned: true,
    created: '2026-11-10T09:00',
    deadline: '2026-11-17T17:00',
    closed: '2026-11-16T14:00',
    events: [
      ['2026-11-12T09:00', 'acknowledged', { from: '2026-11-11T16:00:00.000Z', to: '2026-11-17T16:00:00.000Z' }],
      ['2026-11-16T14:00', 'done'],
    ],
  },
  // Week 47. D: walk-in, a new appointment made before the first moment, kept: on time, not in one go.
  {
    id: 'D',
    kind: 'appointment',
    promiseKind: 'walkin',
    owned: true,
    created: '2026-11-18T10:00',
    deadline: '2026-11-24T10:00',
    closed: '2026-11-24T09:55',
    events: [
      ['2026-11-19T12:00', 'rescheduled', { from: '2026-11-20T09:00:00.000Z', to: '2026-11-24T09:00:00.000Z' }],
      ['2026-11-24T09:55', 'done'],
    ],
  },
  // G: letter, cancelled.
  {
    id: 'G',
    kind: 'appointment',
    promiseKind: 'letter',
    source: 'intake:post',
    created: '2026-11-16T09:00',
    deadline: '2026-11-23T17:00',
    status: 'cancelled',
    closed: '2026-11-17T10:00',
    events: [['2026-11-17T10:00', 'cancelled']],
  },
  // Week 48. E: never claimed, past its deadline, still open: late.
  { id: 'E', created: '2026-11-23T09:00', deadline: '2026-11-24T17:00' },
  // F: claimed after 30 working minutes, not due yet: open.
  { id: 'F', created: '2026-11-25T11:00', deadline: '2026-11-26T17:00', events: [['2026-11-25T11:30', 'claimed']] },
  // H: a new appointment made only after the deadline had passed: late.
  {
    id: 'H',
    created: '2026-11-23T09:30',
    deadline: '2026-11-27T17:00',
    events: [['2026-11-25T09:00', 'rescheduled', { from: '2026-11-24T16:00:00.000Z', to: '2026-11-27T16:00:00.000Z' }]],
  },
  // Left out: made before the 4 weeks; no deadline (not a promise); a handover's from/to are names, not deadlines.
  { id: 'OLD', created: '2026-10-26T09:00', deadline: '2026-10-27T17:00' },
  { id: 'X', kind: 'exception', created: '2026-11-24T09:00', deadline: null },
];

describe('on-time report (pure, known history)', () => {
  const { items, history } = build(KNOWN);
  const r = onTimeReport(items, history, cal, NOW);

  it('covers the 4 ISO weeks up to and including the running week', () => {
    expect(reportStart(cal, NOW)).to.equal('2026-11-02');
    expect(r.weeks.map((w) => [w.isoWeek, w.start, w.end, w.running])).to.deep.equal([
      [45, '2026-11-02', '2026-11-08', false],
      [46, '2026-11-09', '2026-11-15', false],
      [47, '2026-11-16', '2026-11-22', false],
      [48, '2026-11-23', '2026-11-29', true],
    ]);
    expect(isoWeekNumber('2027-01-01')).to.equal(53);
    expect(isoWeekNumber('2026-01-01')).to.equal(1);
  });

  it('counts per week: made, kept, late, open, cancelled, done, in one go, time to claim', () => {
    const f = r.weeks.map((w) => w.total);
    expect(f[0]).to.deep.equal({
      made: 2,
      kept: 2,
      late: 0,
      open: 0,
      cancelled: 0,
      done: 2,
      oneGo: 1,
      claimed: 2,
      claimMillis: 120 * 60_000,
    });
    expect(f[1]).to.deep.equal({ made: 1, kept: 0, late: 1, open: 0, cancelled: 0, done: 1, oneGo: 1, claimed: 0, claimMillis: 0 });
    expect(f[2]).to.deep.equal({ made: 2, kept: 1, late: 0, open: 0, cancelled: 1, done: 1, oneGo: 0, claimed: 0, claimMillis: 0 });
    expect(f[3]).to.deep.equal({
      made: 3,
      kept: 0,
      late: 2,
      open: 1,
      cancelled: 0,
      done: 0,
      oneGo: 0,
      claimed: 1,
      claimMillis: 30 * 60_000,
    });
    expect(r.total).to.deep.equal({
      made: 8,
      kept: 3,
      late: 3,
      open: 1,
      cancelled: 1,
      done: 4,
      oneGo: 2,
      claimed: 3,
      claimMillis: 150 * 60_000,
    });
    expect(averageClaimMinutes(r.total)).to.equal(50);
    expect(averageClaimMinutes(r.weeks[1]!.total)).to.equal(null);
  });

  it('splits per kind (appointments by their kind of promise) and per channel of origin', () => {
    expect(Object.fromEntries(Object.entries(r.byKind).map(([k, f]) => [k, [f.made, f.kept, f.late, f.open, f.cancelled]]))).to.deep.equal({
      callback: [5, 2, 2, 1, 0],
      'appointment:email': [1, 0, 1, 0, 0],
      'appointment:walkin': [1, 1, 0, 0, 0],
      'appointment:letter': [1, 0, 0, 0, 1],
    });
    expect(Object.fromEntries(Object.entries(r.bySource).map(([k, f]) => [k, f.made]))).to.deep.equal({
      teams: 6,
      'intake:website': 1,
      'intake:post': 1,
    });
    expect(r.weeks[0]!.bySource['intake:website']!.claimMillis).to.equal(60 * 60_000);
  });

  it('a deadline met to the minute is on time; one minute later is late', () => {
    const onTheMinute = build([{ id: 'M', created: '2026-11-23T09:00', deadline: '2026-11-24T17:00', closed: '2026-11-24T17:00' }]);
    expect(verdict(onTheMinute.items[0]!, onTheMinute.history.get('M')!, cal, NOW)!.outcome).to.equal('kept');
    const minuteLate = build([{ id: 'M', created: '2026-11-23T09:00', deadline: '2026-11-24T17:00', closed: '2026-11-24T17:01' }]);
    expect(verdict(minuteLate.items[0]!, minuteLate.history.get('M')!, cal, NOW)!.outcome).to.equal('late');
  });

  it('writes a CSV with one row per week and group, and the 4-week rows; cells that look like formulas are quoted', () => {
    const csv = reportCsv(
      r,
      [
        'periode',
        'week_vanaf',
        'groep',
        'waarde',
        'beloofd',
        'op_tijd',
        'te_laat',
        'open',
        'geannuleerd',
        'afgerond',
        'in_een_poging',
        'opgepakt',
        'gem_minuten_tot_oppakken',
      ],
      { kind: (k) => k, source: (s) => (s === 'intake:post' ? '=HYPERLINK("x")' : s) },
    );
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[1]).to.equal('week 45;2026-11-02;totaal;;2;2;0;0;0;2;1;2;60');
    expect(lines).to.include('4 weken;2026-11-02;totaal;;8;3;3;1;1;4;2;3;50');
    expect(lines).to.include('4 weken;2026-11-02;soort;appointment:email;1;0;1;0;0;1;1;0;');
    expect(lines).to.include('4 weken;2026-11-02;kanaal;"\'=HYPERLINK(""x"")";1;0;0;0;1;0;0;0;');
  });
});
