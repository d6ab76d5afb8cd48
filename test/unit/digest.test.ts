// The daily digest as data and as a card: sections, grouping, wording, privacy of interpreter
// requests in the channel, the line budget and the card size with thousands of items.
import { expect } from 'chai';
import fc from 'fast-check';
import { performance } from 'node:perf_hooks';
import { buildDigest, fairShares, type Digest } from '../../src/domain/digest';
import type { Item, ItemKind, Person } from '../../src/domain/types';
import { WorkingCalendar } from '../../src/domain/workingTime';
import { cardSize } from '../../src/teams/cards/render';
import { channelAudience, composeDigest, personalAudience, renderDigestCard } from '../../src/teams/features/digest/card';
import { nl } from '../../src/texts/nl';
import { anItem, resetItemIds } from '../harness/items';
import { staff } from '../harness/roster';

const cal = new WorkingCalendar();
const NOW = new Date('2026-11-26T08:30:00+01:00'); // Thursday, the digest minute
const { anna, bram, carla } = staff;
const annaByTeamsId: Person = { id: anna.teamsId, name: anna.name };

/** An item of the known set (the shared builder; ids count up from TB-1001 after resetItemIds()). */
function item(kind: ItemKind, subject: string, owner: Person | null, deadline: string | null, o: Partial<Item> = {}): Item {
  return anItem({ kind, subject, owner, deadline: deadline ? new Date(deadline) : null, ...o });
}

function knownSet() {
  resetItemIds();
  const A = item('callback', 'Lekkage badkamer', anna, '2026-11-25T17:00:00+01:00');
  const B = item('callback', 'Vraag over huurverhoging', null, '2026-11-26T08:00:00+01:00');
  const C = item('callback', 'Sleutel kwijt', bram, '2026-11-26T17:00:00+01:00');
  const D = item('appointment', 'E-mail over parkeerplaats beantwoorden', anna, '2026-11-26T10:00:00+01:00');
  const E = item('callback', 'Geluidsoverlast buren', null, '2026-11-27T17:00:00+01:00');
  const F = item('interpreter', 'Tolk Arabisch voor mevrouw El Amrani', anna, '2026-11-27T11:00:00+01:00', {
    data: { language: 'Arabisch', customerName: 'mevrouw El Amrani' },
  });
  const G = item('callback', 'Woningruil', null, '2026-12-01T17:00:00+01:00');
  const H = item('exception', 'Afwijken van de wachttijd?', null, null);
  const I = item('callback', 'Schimmel in slaapkamer', carla, '2026-11-30T17:00:00+01:00');
  const J = item('callback', 'Al afgerond', anna, '2026-11-26T12:00:00+01:00', {
    status: 'done',
    closedAt: new Date('2026-11-25T12:00:00+01:00'),
  });
  const K = item('interpreter', 'Tolk Turks voor de heer Yilmaz', bram, '2026-11-25T14:00:00+01:00', {
    data: { language: 'Turks', customerName: 'de heer Yilmaz' },
  });
  const L = item('appointment', 'Huisbezoek Dorpsstraat', annaByTeamsId, '2026-12-02T14:00:00+01:00');
  return { A, B, C, D, E, F, G, H, I, J, K, L, all: [A, B, C, D, E, F, G, H, I, J, K, L] };
}

const ids = (d: Digest) =>
  Object.fromEntries(d.sections.map((s) => [s.key, s.groups.map((g) => [g.owner?.name ?? '-', ...g.lines.map((l) => l.id)])]));

describe('digest: building from open items (pure)', () => {
  it('the channel digest of a known set: counts, sections in order, grouped per owner (nobody first), wording', () => {
    const k = knownSet();
    const d = buildDigest(k.all, { now: NOW, calendar: cal, audience: channelAudience });
    expect(d.day).to.equal('2026-11-26');
    expect(d.nextWorkingDay).to.equal('2026-11-27');
    expect(d.counts).to.deep.equal({ open: 9, overdue: 2, today: 2, nextDay: 1, unclaimed: 4, later: 0 });
    expect(ids(d)).to.deep.equal({
      overdue: [
        ['-', k.B.id],
        [anna.name, k.A.id],
      ],
      today: [
        [anna.name, k.D.id],
        [bram.name, k.C.id],
      ],
      nextDay: [['-', k.E.id]],
      unclaimed: [['-', k.G.id, k.H.id]],
    });
    const line = (id: string) => d.sections.flatMap((s) => s.groups.flatMap((g) => g.lines)).find((l) => l.id === id)!;
    expect(line(k.A.id)).to.include({
      deadlineText: 'uiterlijk woensdag 25 november, 17:00',
      lateText: '1 werkdag te laat',
      subject: 'Lekkage badkamer',
    });
    expect(line(k.B.id)).to.include({ deadlineText: 'vandaag 08:00', lateText: 'te laat' });
    expect(line(k.C.id)).to.include({ deadlineText: 'vandaag 17:00', lateText: '' });
    expect(line(k.E.id)).to.include({ deadlineText: 'morgen 17:00' });
    expect(line(k.H.id)).to.include({ deadlineText: '', kind: 'exception' });
    // Interpreter requests are never listed in the channel: only counted.
    expect(d.unlisted).to.deep.equal([{ kind: 'interpreter', open: 2, overdue: 1 }]);
    expect(JSON.stringify(d)).to.not.match(/Arabisch|Turks|Amrani|Yilmaz/);
    expect(d.truncated).to.equal(false);
    expect(d.shownLines).to.equal(7);
  });

  it("the personal digest has only the person's own items (matched by Entra id or Teams id), with their interpreter requests", () => {
    const k = knownSet();
    const d = buildDigest(k.all, { now: NOW, calendar: cal, audience: { type: 'personal', person: anna } });
    expect(d.counts).to.deep.equal({ open: 4, overdue: 1, today: 1, nextDay: 1, unclaimed: 0, later: 1 });
    expect(ids(d)).to.deep.equal({
      overdue: [['-', k.A.id]],
      today: [['-', k.D.id]],
      nextDay: [['-', k.F.id]],
      later: [['-', k.L.id]],
    });
    expect(d.unlisted).to.deep.equal([]);
    const bramsOwn = buildDigest(k.all, { now: NOW, calendar: cal, audience: { type: 'personal', person: bram } });
    expect(bramsOwn.sections.flatMap((s) => s.groups.flatMap((g) => g.lines.map((l) => l.id)))).to.deep.equal([k.K.id, k.C.id]);
    const nobody = buildDigest(k.all, { now: NOW, calendar: cal, audience: { type: 'personal', person: { id: 'x', name: 'X' } } });
    expect(nobody.counts.open).to.equal(0);
    expect(nobody.sections).to.deep.equal([]);
  });

  it('on a Friday the next working day is Monday; a Saturday appointment falls in that section', () => {
    resetItemIds();
    const friday = new Date('2026-11-27T08:30:00+01:00');
    const sat = item('appointment', 'Huisbezoek zaterdag', anna, '2026-11-28T10:00:00+01:00');
    const mon = item('callback', 'Maandag', null, '2026-11-30T17:00:00+01:00');
    const tue = item('callback', 'Dinsdag', null, '2026-12-01T17:00:00+01:00');
    const d = buildDigest([sat, mon, tue], { now: friday, calendar: cal, audience: channelAudience });
    expect(d.nextWorkingDay).to.equal('2026-11-30');
    expect(ids(d)).to.deep.equal({
      nextDay: [
        ['-', mon.id],
        [anna.name, sat.id],
      ],
      unclaimed: [['-', tue.id]],
    });
    const card = JSON.stringify(renderDigestCard(d, cal, { digestTime: '08:30' }));
    expect(card).to.contain(`${nl.digest.sections.nextDay('maandag 30 november')} (2)`);
    expect(card).to.contain('"Maandag"');
  });

  it('cuts the longest sections first with "en nog N…", each group keeps its soonest items', () => {
    resetItemIds();
    const many: Item[] = [];
    for (let i = 0; i < 30; i++)
      many.push(item('callback', `Te laat ${i}`, i % 2 ? anna : bram, `2026-11-2${i % 3}T1${i % 10}:00:00+01:00`));
    for (let i = 0; i < 3; i++) many.push(item('callback', `Vandaag ${i}`, carla, '2026-11-26T16:00:00+01:00'));
    for (let i = 0; i < 12; i++) many.push(item('callback', `Later ${i}`, null, `2026-12-0${1 + (i % 5)}T12:00:00+01:00`));
    const d = buildDigest(many, { now: NOW, calendar: cal, audience: channelAudience, maxLines: 12 });
    const section = (k: string) => d.sections.find((s) => s.key === k)!;
    expect(d.truncated).to.equal(true);
    expect(d.shownLines).to.equal(12);
    expect(section('today').groups[0]!.lines).to.have.length(3); // the short section is kept whole
    const overdue = section('overdue');
    expect(overdue.total).to.equal(30);
    expect(overdue.groups.map((g) => [g.owner?.name, g.lines.length, g.more])).to.deep.equal([
      [anna.name, 3, 12],
      [bram.name, 2, 13],
    ]);
    expect(section('unclaimed').groups[0]!.lines.length + section('unclaimed').groups[0]!.more).to.equal(12);
    // Soonest first within a group.
    const shown = overdue.groups[0]!.lines.map((l) => l.deadline!.getTime());
    expect(shown).to.deep.equal([...shown].sort((a, b) => a - b));
    const card = JSON.stringify(renderDigestCard(d, cal, { digestTime: '08:30' }));
    expect(card).to.contain(nl.digest.moreInGroup(12)).and.contain(nl.digest.moreInGroup(13)).and.contain(nl.digest.truncated);
  });

  it('fairShares: within budget, never more than the size, the longest cut first, everyone non-empty gets a line', () => {
    expect(fairShares([3, 30, 12], 12)).to.deep.equal([3, 5, 4]);
    expect(fairShares([5, 5], 20)).to.deep.equal([5, 5]);
    expect(fairShares([4, 4, 4], 2)).to.deep.equal([1, 1, 0]);
    fc.assert(
      fc.property(fc.array(fc.nat(200), { maxLength: 30 }), fc.nat(300), (sizes, budget) => {
        const shares = fairShares(sizes, budget);
        const sum = shares.reduce((a, b) => a + b, 0);
        const total = sizes.reduce((a, b) => a + b, 0);
        expect(sum).to.equal(Math.min(total, budget));
        shares.forEach((s, i) => expect(s).to.be.within(0, sizes[i]!));
        const nonEmpty = sizes.filter((s) => s > 0).length;
        if (budget >= nonEmpty) sizes.forEach((s, i) => s > 0 && expect(shares[i]).to.be.at.least(1));
        // A list that was cut got at least as much as any other list, less one.
        shares.forEach((s, i) => {
          if (s < sizes[i]!) shares.forEach((o) => expect(o).to.be.at.most(s + 1));
        });
      }),
    );
  });
});

describe('digest: the card', () => {
  it('binds everything (no ${…} left), one Open button per line with <kind>.view and the id, neutralised subjects', () => {
    const k = knownSet();
    const evil = item('callback', 'Klik [hier](https://evil.example) ${secret} <b>', bram, '2026-11-26T15:00:00+01:00');
    const { card } = composeDigest([...k.all, evil], channelAudience, NOW, cal, { digestTime: '08:30' });
    const json = JSON.stringify(card);
    expect(json).to.not.contain('${');
    expect(json).to.not.contain('[hier](');
    expect(json).to.contain('\\\\[hier\\\\](https\\\\[:\\\\]//evil\\\\[.\\\\]example)'); // shown literally, not as a link (the bare URL broken too: issue 13)
    expect(json).to.not.contain('<b>');
    const actions: { verb: string; data: { id: string } }[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        if (o.type === 'Action.Execute') actions.push(o as never);
        Object.values(o).forEach(walk);
      }
    };
    walk(card);
    expect(actions.map((a) => `${a.verb} ${a.data.id}`)).to.have.members([
      `callback.view ${k.B.id}`,
      `callback.view ${k.A.id}`,
      `appointment.view ${k.D.id}`,
      `callback.view ${k.C.id}`,
      `callback.view ${evil.id}`,
      `callback.view ${k.E.id}`,
      `callback.view ${k.G.id}`,
      `exception.view ${k.H.id}`,
    ]);
    expect(json).to.contain(nl.digest.channelTitle('donderdag 26 november'));
    expect(json).to.contain(nl.digest.asOf('08:30', 10));
    expect(json).to.contain(nl.digest.nobody(1));
    expect(json).to.not.match(/Arabisch|Turks|Amrani|Yilmaz|tolk/i);
  });

  it('the personal card lists the own interpreter request with its subject, only in the personal audience', () => {
    const k = knownSet();
    const { card } = composeDigest(k.all, personalAudience(anna), NOW, cal, { digestTime: '08:30' });
    const json = JSON.stringify(card);
    expect(json).to.contain(nl.digest.personalTitle('donderdag 26 november'));
    expect(json).to.contain('Tolk Arabisch voor mevrouw El Amrani');
    expect(json).to.not.contain('Sleutel kwijt');
    expect(json).to.not.contain(nl.digest.nobody(0).split(':')[0]);
  });

  it('5,000 items (long subjects, 60 owners): the card stays well under 80 KB and says where the rest is', () => {
    resetItemIds();
    const owners = Array.from({ length: 60 }, (_, i) => ({
      id: `aad-${i}`,
      name: `Medewerker met een lange naam nummer ${i}`,
      teamsId: `29:${i}`,
    }));
    const items: Item[] = [];
    const start = new Date('2026-11-20T09:00:00+01:00').getTime();
    for (let i = 0; i < 5000; i++) {
      const deadline = new Date(start + (i % 400) * 45 * 60_000).toISOString();
      items.push(
        item(
          i % 7 === 0 ? 'interpreter' : i % 3 === 0 ? 'appointment' : 'callback',
          `Onderwerp ${i} `.padEnd(120, 'x'),
          i % 5 === 0 ? null : owners[i % 60]!,
          i % 11 === 0 ? null : deadline,
        ),
      );
    }
    for (const audience of [channelAudience, personalAudience(owners[1]!)]) {
      const { card, bytes, digest } = composeDigest(items, audience, NOW, cal, { digestTime: '08:30' });
      expect(bytes).to.equal(cardSize(card));
      expect(bytes, `${audience.type} card of ${bytes} bytes`).to.be.below(80 * 1024);
      expect(digest.truncated).to.equal(true);
      expect(JSON.stringify(card)).to.match(/Typ \*\*(overzicht|mijn)\*\*/);
      console.log(
        `      ${audience.type}: ${digest.counts.open} open, ${digest.shownLines} lines shown, card ${(bytes / 1024).toFixed(1)} KB`,
      );
    }
  });

  it('10,000 items: every one counted, the card cut and under the limit (build time logged, not asserted)', () => {
    resetItemIds();
    const items: Item[] = [];
    const start = new Date('2026-11-20T09:00:00+01:00').getTime();
    for (let i = 0; i < 10_000; i++)
      items.push(
        item(
          'callback',
          `Onderwerp ${i}`,
          i % 4 ? { id: `p${i % 40}`, name: `P ${i % 40}` } : null,
          new Date(start + (i % 500) * 30 * 60_000).toISOString(),
        ),
      );
    composeDigest(items, channelAudience, NOW, cal, { digestTime: '08:30' }); // warm up
    const t0 = performance.now();
    const d = buildDigest(items, { now: NOW, calendar: cal, audience: channelAudience });
    const buildMs = performance.now() - t0;
    const c = composeDigest(items, channelAudience, NOW, cal, { digestTime: '08:30' });
    console.log(
      `      10,000 items: buildDigest ${buildMs.toFixed(1)} ms; again with the card: build ${c.buildMs} ms + card ${c.cardMs} ms, ${(c.bytes / 1024).toFixed(1)} KB, ${d.shownLines} lines`,
    );
    // Timing is only logged (a loaded machine must not fail this); what it built is checked.
    expect(d.counts.open).to.equal(10_000);
    expect(c.digest.counts.open).to.equal(10_000);
    expect(d.truncated).to.equal(true);
    expect(d.shownLines).to.be.greaterThan(0).and.below(10_000);
    expect(c.bytes).to.be.below(80 * 1024);
  });
});
