// The team's library of decided twijfelgevallen (gezamenlijk afwegingskader): finding earlier
// decisions that resemble a new question, searching by words, and the CSV for team meetings.
// Pure and explainable on purpose: a match is a shared word, nothing more.
//
// Words: lower case, accents dropped, Dutch stop words and words shorter than 3 letters left out,
// a light plural stem ("regelingen" → "regeling", "huurders" → "huurder"). Two words match when
// their stems are equal, or when one of at least 5 letters is the start or end of the other
// (Dutch compounds: "regeling" matches "betalingsregeling").
import type { Item } from '../types';
import type { ExceptionData } from '../items/exception';

export type DecidedCase = Item<ExceptionData> & { data: ExceptionData & { decision: NonNullable<ExceptionData['decision']> } };

/** Words too common to say anything about a case (plus the usual Dutch stop words). */
const STOP = new Set(
  (
    'aan al alle als bij dan dat de deze die dit door dus een en er even geen had heb hebben heeft het hier hij hoe hun ik in is ' +
    'je jij kan kon kunnen maar me meer met mijn moet moeten na naar niet nog nu of om omdat ons onze ook op over per te tegen ' +
    'toch tot u uit van veel voor waar wat we wel werd wie wij wil willen word worden wordt zal ze zei zich zij zijn zo zonder zou ' +
    'nee ja graag heel erg iets niets iemand eens twee drie keer want wanneer waarom welke welk ieder elke andere anders ' +
    // domain words that appear in nearly every case
    'huurder huurders klant klanten regel regels mevrouw meneer dhr mevr vraagt vraag wij gaan gaat doen doet ' +
    'mag mogen altijd nooit hoogstens maximaal minimaal minstens duurt binnen'
  ).split(/\s+/),
);

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

function stem(w: string): string {
  if (w.endsWith("'s")) return w.slice(0, -2);
  if (w.length > 5 && w.endsWith('en')) return w.slice(0, -2);
  if (w.length > 4 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

/** Strips leading and trailing apostrophes (a loop: /'+$/ would rescan a long run of quotes from each one). */
function trimQuotes(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s[a] === "'") a++;
  while (b > a && s[b - 1] === "'") b--;
  return s.slice(a, b);
}

const MAX_TEXT = 10_000;

/** The meaningful words of a text: stem → the word as first written (for explanations). */
export function words(text: string): Map<string, string> {
  const out = new Map<string, string>();
  // A case's fields are at most a few thousand characters; a longer search text adds no meaning, only work.
  for (const raw of fold(text.slice(0, MAX_TEXT)).split(/[^a-z0-9']+/)) {
    const w = trimQuotes(raw);
    if (w.length < 3 || STOP.has(w) || /^\d+$/.test(w)) continue;
    const s = stem(w);
    if (!out.has(s)) out.set(s, w);
  }
  return out;
}

function matches(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 5 && (long.startsWith(short) || long.endsWith(short));
}

function anyMatch(stem: string, pool: Map<string, string>): boolean {
  for (const s of pool.keys()) if (matches(stem, s)) return true;
  return false;
}

function caseText(c: DecidedCase): string {
  const d = c.data;
  return [d.situation, d.proposal, d.leaning, d.decision.reasoning, d.decision.customerExplanation ?? ''].join(' ');
}

function decidedAt(c: DecidedCase): number {
  return new Date(c.data.decision.at).getTime();
}

function isDecided(i: Item<ExceptionData>): i is DecidedCase {
  return i.kind === 'exception' && i.status === 'decided' && !!i.data?.decision;
}

/** Guidelines first, then the newest decision first. */
function byGuidelineThenNewest(a: DecidedCase, b: DecidedCase): number {
  return Number(!!b.data.guideline) - Number(!!a.data.guideline) || decidedAt(b) - decidedAt(a);
}

export interface SimilarCase {
  item: DecidedCase;
  score: number;
  /** The words of the new question that matched, as the staff member wrote them. */
  matched: string[];
}

/** A word of the rule that matches the earlier case's rule counts this much; any other shared word counts 1. */
export const RULE_WEIGHT = 3;
/** Below this score a case is not shown (one shared rule word, or two shared other words, is enough). */
export const MIN_SCORE = 2;

/**
 * Earlier decided cases that resemble a new question, best first, at most `limit`.
 * Score: every word of the new rule found in an earlier case's rule counts RULE_WEIGHT; every
 * other word of the new question (rule, situation, proposal) found anywhere in the earlier case
 * counts 1 (each word once). Cases under MIN_SCORE are left out. Order: guidelines first, then
 * score, then the newest decision.
 */
export function similarCases(
  question: { rule: string; situation: string; proposal?: string },
  library: readonly Item<ExceptionData>[],
  limit = 3,
): SimilarCase[] {
  const ruleWords = words(question.rule);
  const otherWords = words(`${question.situation} ${question.proposal ?? ''}`);
  const out: SimilarCase[] = [];
  for (const c of library.filter(isDecided)) {
    const theirRule = words(c.data.rule);
    const theirAll = words(`${c.data.rule} ${caseText(c)}`);
    let score = 0;
    const matched: string[] = [];
    for (const [s, w] of ruleWords) {
      const weight = anyMatch(s, theirRule) ? RULE_WEIGHT : anyMatch(s, theirAll) ? 1 : 0;
      if (weight) {
        score += weight;
        matched.push(w);
      }
    }
    for (const [s, w] of otherWords) {
      if (ruleWords.has(s)) continue;
      if (anyMatch(s, theirAll)) {
        score += 1;
        matched.push(w);
      }
    }
    if (score >= MIN_SCORE) out.push({ item: c, score, matched });
  }
  out.sort(
    (a, b) =>
      Number(!!b.item.data.guideline) - Number(!!a.item.data.guideline) || b.score - a.score || decidedAt(b.item) - decidedAt(a.item),
  );
  return out.slice(0, limit);
}

export interface LibrarySearch {
  results: DecidedCase[];
  /** True when no case had every word and the results have some of them. */
  partial: boolean;
}

/**
 * `afwegingen <woorden>`: decided cases containing every search word (in rule, situation,
 * proposal, reasoning or explanation); when none has them all, those with at least one.
 * No words: every decided case. Order: guidelines first, then the newest decision.
 */
export function searchLibrary(query: string, library: readonly Item<ExceptionData>[]): LibrarySearch {
  const decided = library.filter(isDecided);
  const q = [...words(query).keys()];
  if (q.length === 0) return { results: [...decided].sort(byGuidelineThenNewest), partial: false };
  const counted = decided.map((c) => {
    const pool = words(`${c.data.rule} ${caseText(c)}`);
    return { c, n: q.filter((s) => anyMatch(s, pool)).length };
  });
  const all = counted.filter((x) => x.n === q.length).map((x) => x.c);
  if (all.length) return { results: all.sort(byGuidelineThenNewest), partial: false };
  const some = counted.filter((x) => x.n > 0).map((x) => x.c);
  return { results: some.sort(byGuidelineThenNewest), partial: some.length > 0 };
}

export interface CsvLabels {
  headers: readonly string[];
  outcome: Record<string, string>;
  yes: string;
  no: string;
  /** Date (and time) as shown to people. */
  date: (d: Date) => string;
}

/** One CSV cell: quoted, quotes doubled; a leading = + - @ is defused so Excel never runs it as a formula. */
function cell(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return `"${safe.replace(/"/g, '""').replace(/\r?\n/g, ' ')}"`;
}

/**
 * The library as CSV for Excel in Dutch settings: semicolon-separated, CRLF line ends, UTF-8
 * with a byte-order mark (so accents survive), guidelines first, then the newest decision.
 */
export function libraryCsv(library: readonly Item<ExceptionData>[], labels: CsvLabels): string {
  const rows = library
    .filter(isDecided)
    .sort(byGuidelineThenNewest)
    .map((c) => {
      const d = c.data;
      const v = d.decision;
      const count = (s: string) => String(d.opinions.filter((o) => o.stance === s).length);
      return [
        c.id,
        labels.date(new Date(v.at)),
        d.guideline ? labels.yes : labels.no,
        d.rule,
        d.situation,
        d.proposal,
        d.leaning,
        labels.outcome[v.outcome] ?? v.outcome,
        v.reasoning,
        v.customerExplanation ?? '',
        v.by.name,
        d.escalation ? labels.yes : labels.no,
        count('eens'),
        count('nietEens'),
        count('twijfel'),
      ];
    });
  return `\ufeff${[labels.headers, ...rows].map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`;
}
