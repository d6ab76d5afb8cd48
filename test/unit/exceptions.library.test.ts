// The library of decisions: words, similar earlier cases (explainable ranking), search, CSV.
import { expect } from 'chai';
import { libraryCsv, searchLibrary, similarCases, words, MIN_SCORE } from '../../src/domain/exceptions/library';
import type { ExceptionData } from '../../src/domain/items/exception';
import type { Item } from '../../src/domain/types';
import { anItem } from '../harness/items';
import { staff } from '../harness/roster';

const { anna, dirk } = staff;

let seq = 1000;
function decided(o: {
  rule: string;
  situation: string;
  proposal?: string;
  reasoning?: string;
  at: string;
  outcome?: 'afwijken' | 'nietAfwijken';
  guideline?: boolean;
  status?: string;
}): Item<ExceptionData> {
  const id = `TW-${++seq}`;
  const at = new Date(o.at);
  return anItem<ExceptionData>({
    id,
    kind: 'exception',
    status: o.status ?? 'decided',
    subject: o.rule,
    createdBy: anna,
    at,
    closedAt: o.status && o.status !== 'decided' ? null : at,
    version: 3,
    data: {
      situation: o.situation,
      rule: o.rule,
      proposal: o.proposal ?? 'Een uitzondering maken',
      leaning: 'Het lijkt redelijk.',
      urgency: 'dezeWeek',
      opinions: [{ by: dirk, stance: 'eens', reasoning: 'Prima.', at: o.at }],
      ...(o.status && o.status !== 'decided'
        ? {}
        : {
            decision: { outcome: o.outcome ?? 'afwijken', reasoning: o.reasoning ?? 'Zo besloten.', by: anna, at: o.at, byManager: false },
          }),
      ...(o.guideline ? { guideline: { by: dirk, at: o.at } } : {}),
    },
  });
}

describe('exceptions: library', () => {
  describe('words', () => {
    it('drops stop words, short words and numbers; folds accents and case; stems plurals', () => {
      expect([...words('De huurder wil een Regeling van 18 maanden, géén 12!').entries()]).to.deep.equal([
        ['regeling', 'regeling'],
        ['maand', 'maanden'],
      ]);
      expect([...words('betalingsregelingen huisdieren').keys()]).to.deep.equal(['betalingsregeling', 'huisdier']);
    });
  });

  describe('similarCases', () => {
    const payment = decided({
      rule: 'Betalingsregeling hoogstens 12 maanden',
      situation: 'Achterstand na scheiding, vraagt 18 maanden.',
      at: '2026-10-01T10:00:00Z',
    });
    const paymentNewer = decided({
      rule: 'Betalingsregeling hoogstens 12 maanden',
      situation: 'Kleine achterstand, wil 24 maanden.',
      at: '2026-11-01T10:00:00Z',
      outcome: 'nietAfwijken',
    });
    const pets = decided({ rule: 'Geen huisdieren in de flat', situation: 'Huurder wil een hulphond houden.', at: '2026-11-10T10:00:00Z' });
    const keys = decided({
      rule: 'Nieuwe sleutel kost 45 euro',
      situation: 'Sleutel kwijt na inbraak, geen geld voor nieuwe.',
      at: '2026-11-12T10:00:00Z',
    });
    const open = decided({
      rule: 'Betalingsregeling hoogstens 12 maanden',
      situation: 'Nog open.',
      at: '2026-11-20T10:00:00Z',
      status: 'taken',
    });
    const question = { rule: 'Een betalingsregeling duurt hoogstens 12 maanden', situation: 'Achterstand door ziekte, vraagt 18 maanden.' };

    it('finds decided cases with the same rule words, best score first, and says which words matched', () => {
      const r = similarCases(question, [pets, payment, paymentNewer, keys, open]);
      // Both share the rule words "betalingsregeling" and "maanden" (3 each) and "achterstand" (1): a tie, so the newest first.
      expect(r.map((x) => [x.item.id, x.score])).to.deep.equal([
        [paymentNewer.id, 7],
        [payment.id, 7],
      ]);
      expect(r[0].matched).to.deep.equal(['betalingsregeling', 'maanden', 'achterstand']);
      expect(r.every((x) => x.score >= MIN_SCORE)).to.equal(true);
    });

    it('ignores open cases and unrelated ones', () => {
      expect(similarCases(question, [pets, keys, open])).to.deep.equal([]);
    });

    it('puts a guideline first, then score, then the newest; at most three', () => {
      const weakGuideline = decided({
        rule: 'Termijnen van huur',
        situation: 'Achterstand door ziekte.',
        at: '2026-01-01T10:00:00Z',
        guideline: true,
      });
      const a = decided({ rule: 'Betalingsregeling hoogstens 12 maanden', situation: 'x y z', at: '2026-03-01T10:00:00Z' });
      const b = decided({ rule: 'Betalingsregeling hoogstens 12 maanden', situation: 'x y z', at: '2026-04-01T10:00:00Z' });
      const c = decided({
        rule: 'Betalingsregeling hoogstens 12 maanden',
        situation: 'Achterstand door ziekte',
        at: '2026-02-01T10:00:00Z',
      });
      const r = similarCases(question, [a, b, c, weakGuideline]);
      expect(r.map((x) => x.item.id)).to.deep.equal([weakGuideline.id, c.id, b.id]);
      expect(r[0].matched).to.deep.equal(['achterstand', 'ziekte']);
    });

    it('a shared rule word counts more than a shared situation word', () => {
      const ruleOnly = decided({ rule: 'Betalingsregeling', situation: 'iets anders', at: '2026-01-01T10:00:00Z' });
      const situationOnly = decided({ rule: 'Iets heel anders', situation: 'Ziekte, 18 maanden', at: '2026-06-01T10:00:00Z' });
      const r = similarCases(question, [situationOnly, ruleOnly]);
      expect(r.map((x) => [x.item.id, x.score])).to.deep.equal([
        [ruleOnly.id, 3],
        [situationOnly.id, 2],
      ]);
    });

    it('matches Dutch compounds in both directions ("regeling" ↔ "betalingsregeling")', () => {
      const r = similarCases({ rule: 'Regeling', situation: 'kort' }, [payment]);
      expect(r).to.have.length(1);
      expect(r[0].matched).to.deep.equal(['regeling']);
    });
  });

  describe('searchLibrary', () => {
    const old = decided({
      rule: 'Betalingsregeling hoogstens 12 maanden',
      situation: 'Achterstand na scheiding.',
      at: '2026-09-01T10:00:00Z',
    });
    const newer = decided({
      rule: 'Betalingsregeling hoogstens 12 maanden',
      situation: 'Achterstand door ziekte.',
      at: '2026-11-01T10:00:00Z',
    });
    const guideline = decided({
      rule: 'Betalingsregeling bij schuldhulp',
      situation: 'Schuldhulp loopt.',
      at: '2026-05-01T10:00:00Z',
      guideline: true,
    });
    const pets = decided({
      rule: 'Geen huisdieren',
      situation: 'Hulphond.',
      reasoning: 'Hulphond is geen huisdier.',
      at: '2026-11-15T10:00:00Z',
    });
    const lib = [old, pets, newer, guideline];

    it('returns the cases with every word, guidelines first, then newest first', () => {
      const r = searchLibrary('betalingsregeling', lib);
      expect(r.partial).to.equal(false);
      expect(r.results.map((c) => c.id)).to.deep.equal([guideline.id, newer.id, old.id]);
      expect(searchLibrary('betalingsregeling ziekte', lib).results.map((c) => c.id)).to.deep.equal([newer.id]);
    });

    it('searches the reasoning too, and falls back to some of the words when none has all', () => {
      expect(searchLibrary('hulphond', lib).results.map((c) => c.id)).to.deep.equal([pets.id]);
      const r = searchLibrary('ziekte hulphond', lib);
      expect(r.partial).to.equal(true);
      expect(r.results.map((c) => c.id)).to.deep.equal([pets.id, newer.id]);
    });

    it('no words: everything; nothing found: empty', () => {
      expect(searchLibrary('', lib).results).to.have.length(4);
      expect(searchLibrary('parkeerplaats', lib)).to.deep.equal({ results: [], partial: false });
    });
  });

  describe('libraryCsv', () => {
    it('semicolons, a BOM, quotes doubled, line breaks flattened, formulas defused, guideline first', () => {
      const a = decided({ rule: 'Regel "A"', situation: 'Regel 1\nregel 2', at: '2026-11-01T10:00:00Z', reasoning: '=HYPERLINK("x")' });
      const g = decided({ rule: 'Regel G', situation: 'S', at: '2026-10-01T10:00:00Z', guideline: true, outcome: 'nietAfwijken' });
      const csv = libraryCsv([a, g], {
        headers: [
          'Nummer',
          'Datum',
          'Richtlijn',
          'Regel',
          'Situatie',
          'Voorstel',
          'Waarom',
          'Besluit',
          'Onderbouwing',
          'Uitleg',
          'Door',
          'Via',
          'Eens',
          'Niet eens',
          'Twijfel',
        ],
        outcome: { afwijken: 'Afwijken', nietAfwijken: 'Niet afwijken' },
        yes: 'ja',
        no: 'nee',
        date: (d) => d.toISOString().slice(0, 10),
      });
      expect(csv.startsWith('\ufeff"Nummer";"Datum"')).to.equal(true);
      const lines = csv.slice(1).split('\r\n');
      expect(lines).to.have.length(4); // header, two rows, final empty
      expect(lines[1]).to.match(new RegExp(`^"${g.id}";"2026-10-01";"ja";"Regel G";"S";`));
      expect(lines[1]).to.contain('"Niet afwijken"');
      expect(lines[2]).to.contain('"Regel ""A"""').and.to.contain('"Regel 1 regel 2"').and.to.contain(`"'=HYPERLINK(""x"")"`);
      expect(lines[2]).to.match(/"1";"0";"0"$/);
    });
  });
});
