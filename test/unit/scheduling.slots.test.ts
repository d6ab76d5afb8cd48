import { expect } from 'chai';
import fc from 'fast-check';
import { WorkingCalendar, callbackDeadline } from '../../src/domain/workingTime';
import { findSlots, mergeBusy, searchWindow, type Interval } from '../../src/domain/scheduling/slots';

const t = (iso: string): Date => new Date(iso);
const busy = (from: string, to: string): Interval => ({ start: t(from), end: t(to) });
const starts = (slots: Interval[]) => slots.map((s) => s.start.toISOString());
const utc = (iso: string) => t(iso).toISOString();

describe('scheduling: findSlots (pure)', () => {
  const cal = new WorkingCalendar();

  it('offers the first 15-minute slots after now + 15 minutes on the quarter-hour grid', () => {
    const now = t('2026-11-26T10:07:00+01:00'); // Thursday
    const r = findSlots({ calendar: cal, now, deadline: callbackDeadline(cal, now), busy: [] });
    expect(r.late).to.equal(false);
    expect(starts(r.slots)).to.deep.equal([
      utc('2026-11-26T10:30:00+01:00'),
      utc('2026-11-26T10:45:00+01:00'),
      utc('2026-11-26T11:00:00+01:00'),
      utc('2026-11-26T11:15:00+01:00'),
    ]);
    expect(r.slots[0].end.toISOString()).to.equal(utc('2026-11-26T10:45:00+01:00'));
  });

  it('goes around busy blocks (overlapping, touching and unsorted ones included)', () => {
    const now = t('2026-11-26T08:00:00+01:00');
    const r = findSlots({
      calendar: cal,
      now,
      deadline: callbackDeadline(cal, now),
      max: 3,
      busy: [
        busy('2026-11-26T09:00:00+01:00', '2026-11-26T10:10:00+01:00'),
        busy('2026-11-26T08:30:00+01:00', '2026-11-26T08:45:00+01:00'),
        busy('2026-11-26T08:50:00+01:00', '2026-11-26T09:00:00+01:00'), // touches the next block
        busy('2026-11-26T10:30:00+01:00', '2026-11-26T11:00:00+01:00'),
      ],
    });
    // 08:30 busy, 08:45–09:00 overlaps 08:50, 09:00–10:10 busy → 10:15 (grid after 10:10), then 10:30–11:00 busy.
    expect(starts(r.slots)).to.deep.equal([
      utc('2026-11-26T10:15:00+01:00'),
      utc('2026-11-26T11:00:00+01:00'),
      utc('2026-11-26T11:15:00+01:00'),
    ]);
  });

  it('never offers a slot that runs past closing time or starts before opening', () => {
    const now = t('2026-11-26T16:30:00+01:00');
    const r = findSlots({ calendar: cal, now, deadline: callbackDeadline(cal, now), busy: [] });
    expect(starts(r.slots)).to.deep.equal([
      utc('2026-11-26T16:45:00+01:00'),
      utc('2026-11-27T08:30:00+01:00'),
      utc('2026-11-27T08:45:00+01:00'),
      utc('2026-11-27T09:00:00+01:00'),
    ]);
  });

  it('skips the weekend', () => {
    const now = t('2026-11-27T16:50:00+01:00'); // Friday, after the last slot
    const r = findSlots({ calendar: cal, now, deadline: callbackDeadline(cal, now), busy: [], max: 2 });
    expect(starts(r.slots)).to.deep.equal([utc('2026-11-30T08:30:00+01:00'), utc('2026-11-30T08:45:00+01:00')]);
  });

  it('skips a public holiday (Christmas on Friday, then the weekend)', () => {
    const now = t('2026-12-24T16:55:00+01:00'); // Thursday
    const deadline = callbackDeadline(cal, now);
    expect(deadline.toISOString()).to.equal(utc('2026-12-28T17:00:00+01:00'));
    const r = findSlots({
      calendar: cal,
      now,
      deadline,
      max: 2,
      busy: [busy('2026-12-28T08:00:00+01:00', '2026-12-28T09:00:00+01:00')],
    });
    expect(starts(r.slots)).to.deep.equal([utc('2026-12-28T09:00:00+01:00'), utc('2026-12-28T09:15:00+01:00')]);
  });

  it('skips Koningsdag and a configured closing day', () => {
    const closing = new WorkingCalendar({ closingDays: ['2026-04-28'] });
    const now = t('2026-04-24T16:50:00+02:00'); // Friday; Monday 27 April is Koningsdag
    const r = findSlots({ calendar: closing, now, deadline: callbackDeadline(closing, now), busy: [], max: 1 });
    expect(starts(r.slots)).to.deep.equal([utc('2026-04-29T08:30:00+02:00')]);
  });

  it('keeps offered slots apart when asked (spacing)', () => {
    const now = t('2026-11-26T10:00:00+01:00');
    const r = findSlots({
      calendar: cal,
      now,
      deadline: callbackDeadline(cal, now),
      spacingMinutes: 60,
      busy: [busy('2026-11-26T11:00:00+01:00', '2026-11-26T11:50:00+01:00')],
    });
    expect(starts(r.slots)).to.deep.equal([
      utc('2026-11-26T10:15:00+01:00'),
      utc('2026-11-26T12:00:00+01:00'),
      utc('2026-11-26T13:00:00+01:00'),
      utc('2026-11-26T14:00:00+01:00'),
    ]);
  });

  it('no slot before the deadline: the earliest slot after it, flagged late', () => {
    const now = t('2026-11-26T10:00:00+01:00');
    const deadline = t('2026-11-27T17:00:00+01:00');
    const r = findSlots({
      calendar: cal,
      now,
      deadline,
      busy: [
        busy('2026-11-26T08:00:00+01:00', '2026-11-27T18:00:00+01:00'),
        busy('2026-11-30T08:30:00+01:00', '2026-11-30T09:40:00+01:00'),
      ],
    });
    expect(r.late).to.equal(true);
    expect(starts(r.slots)).to.deep.equal([utc('2026-11-30T09:45:00+01:00')]);
  });

  it('a slot that would end after the deadline counts as late', () => {
    const now = t('2026-11-26T09:00:00+01:00');
    const r = findSlots({ calendar: cal, now, deadline: t('2026-11-26T09:20:00+01:00'), busy: [] });
    expect(r.late).to.equal(true);
    expect(starts(r.slots)).to.deep.equal([utc('2026-11-26T09:15:00+01:00')]);
  });

  it('a deadline already passed gives the earliest slot, late', () => {
    const now = t('2026-11-26T11:00:00+01:00');
    const r = findSlots({ calendar: cal, now, deadline: t('2026-11-25T17:00:00+01:00'), busy: [] });
    expect(r).to.deep.equal({ late: true, slots: [{ start: t('2026-11-26T11:15:00+01:00'), end: t('2026-11-26T11:30:00+01:00') }] });
  });

  it('nothing free up to the horizon: no slots, late', () => {
    const now = t('2026-11-26T10:00:00+01:00');
    const deadline = callbackDeadline(cal, now);
    const window = searchWindow(cal, now, deadline);
    const r = findSlots({ calendar: cal, now, deadline, busy: [{ start: now, end: window.end }] });
    expect(r).to.deep.equal({ slots: [], late: true });
  });

  it('searchWindow runs five working days past the deadline day (across the weekend)', () => {
    const now = t('2026-11-26T10:00:00+01:00');
    const w = searchWindow(cal, now, callbackDeadline(cal, now)); // deadline Friday 27th
    expect(w.start.toISOString()).to.equal(now.toISOString());
    expect(w.end.toISOString()).to.equal(utc('2026-12-04T17:00:00+01:00'));
  });

  it('mergeBusy sorts, merges and drops empty blocks', () => {
    const m = mergeBusy([
      busy('2026-11-26T10:00:00Z', '2026-11-26T11:00:00Z'),
      busy('2026-11-26T09:00:00Z', '2026-11-26T10:00:00Z'),
      busy('2026-11-26T12:00:00Z', '2026-11-26T12:00:00Z'),
    ]);
    expect(m).to.deep.equal([busy('2026-11-26T09:00:00Z', '2026-11-26T11:00:00Z')]);
  });

  it('property: every slot is inside office hours on a working day, free, on time, in order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 * 24 * 20 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 60 * 24 * 10 }), fc.integer({ min: 1, max: 600 })), { maxLength: 12 }),
        fc.integer({ min: 0, max: 90 }),
        (offsetMin, blocks, spacing) => {
          const now = new Date(t('2026-11-20T00:00:00+01:00').getTime() + offsetMin * 60_000);
          const deadline = callbackDeadline(cal, now);
          const bz = blocks.map(([s, d]) => ({
            start: new Date(now.getTime() + s * 60_000),
            end: new Date(now.getTime() + (s + d) * 60_000),
          }));
          const r = findSlots({ calendar: cal, now, deadline, busy: bz, spacingMinutes: spacing });
          let prev = 0;
          for (const s of r.slots) {
            expect(s.end.getTime() - s.start.getTime()).to.equal(15 * 60_000);
            expect(cal.isWithinOfficeHours(s.start)).to.equal(true);
            expect(cal.isWithinOfficeHours(new Date(s.end.getTime() - 1))).to.equal(true);
            expect(s.start.getTime()).to.be.at.least(now.getTime() + 15 * 60_000);
            for (const b of bz) expect(s.start < b.end && s.end > b.start, 'overlaps busy').to.equal(false);
            if (!r.late) expect(s.end.getTime()).to.be.at.most(deadline.getTime());
            if (prev) expect(s.start.getTime() - prev).to.be.at.least(spacing * 60_000);
            prev = s.start.getTime();
          }
          if (r.late) expect(r.slots.length).to.be.at.most(1);
        },
      ),
      { numRuns: 300 },
    );
  });
});
