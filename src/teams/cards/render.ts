// Binds JSON card templates (Adaptive Cards 1.5) with adaptivecards-templating. User text and our
// own text are different types: every plain string in the data is user text and is neutralised
// inside bind(), so names, topics and notes can never inject markdown links, HTML or template
// expressions into a card; our own texts (texts/nl, markdown we compose) pass as Trusted. No caller
// neutralises by hand: a Dutch text with user text in it is made with say() (its arguments are
// user text), composed markdown with md`…` (domain/userText.ts, re-exported here).
import type * as ACData from 'adaptivecards-templating';

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

// Only bind() here and the say()/md`…` helpers (domain/userText.ts) neutralise: src/teams and
// src/app import neutralise nowhere else (test/unit/neutraliseImports.test.ts).
import { neutralise } from '../../domain/neutralise';
import { isTrusted, safeText, trusted, type Trusted } from '../../domain/userText';
import { nl } from '../../texts/nl';

export { isTrusted, joinText, md, mdText, safeText, say, sayText, trusted, type Trusted } from '../../domain/userText';

const TRUSTED_TREE = Symbol('trustedTree');

/** One of our text objects (e.g. texts/nl's card texts) bound as it is, every string in it trusted. */
export interface TrustedTree<T> {
  readonly [TRUSTED_TREE]: T;
}

/** Marks one of our text objects (texts/nl) as trusted as a whole. */
export function trustedTexts<T>(texts: T): TrustedTree<T> {
  return { [TRUSTED_TREE]: texts };
}

/** Each text field of an object of our own texts marked trusted (to spread into a card's data). */
export function trustedFields<T extends Record<string, string>>(texts: T): { [K in keyof T]: Trusted } {
  const out: Record<string, Trusted> = {};
  for (const [k, v] of Object.entries(texts)) out[k] = trusted(v);
  return out as { [K in keyof T]: Trusted };
}

/**
 * The data as the template sees it: plain strings (user text) neutralised, Trusted and trusted
 * text objects unwrapped as they are; numbers, booleans and dates untouched.
 */
function safeData(v: unknown, userText: (s: string) => string): unknown {
  if (typeof v === 'string') return userText(v);
  if (typeof v !== 'object' || v === null || v instanceof Date) return v;
  if (isTrusted(v)) return safeText(v);
  if (TRUSTED_TREE in v) return (v as TrustedTree<unknown>)[TRUSTED_TREE];
  if (Array.isArray(v)) return v.map((x) => safeData(x, userText));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = safeData(x, userText);
  return out;
}

/** Neutralises every string in a data object (deep), except keys listed as trusted (our own texts). */
export function neutraliseDeep<T>(v: T, trusted: ReadonlySet<string> = new Set(), key = ''): T {
  if (typeof v === 'string') return (trusted.has(key) ? v : neutralise(v)) as T;
  if (Array.isArray(v)) return v.map((x) => neutraliseDeep(x, trusted, key)) as T;
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = neutraliseDeep(x, trusted, k);
    return out as T;
  }
  return v;
}

/**
 * Parsed templates, one per template object. Parsing (new Template) costs 50–150 ms for the larger
 * cards; expanding a parsed one costs about a millisecond. expand() is synchronous and leaves the
 * parsed template untouched, so one instance serves every call.
 */
const parsed = new WeakMap<object, ACData.Template>();

function parsedTemplate(template: object): ACData.Template {
  let t = parsed.get(template);
  if (!t) {
    // The engine (adaptivecards-templating, adaptive-expressions, ANTLR) loads with the first
    // template, after start (see warmTemplates), not while the modules load.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    t = new (require('adaptivecards-templating') as typeof ACData).Template(template);
    parsed.set(template, t);
  }
  return t;
}

/** Templates named by prepareTemplates and not parsed yet. */
const toWarm = new Set<object>();

/**
 * Names templates to parse ahead of use, so the first click after a start is answered as fast as
 * any. They are parsed by warmTemplates() once the server listens, not while modules load: parsing
 * them all took about a third of the time from start to ready. A bind before that parses its own.
 */
export function prepareTemplates(...templates: object[]): void {
  for (const t of templates) if (!parsed.has(t)) toWarm.add(t);
}

/** Parses the templates named by prepareTemplates, one per turn of the event loop (requests go between). */
export function warmTemplates(): Promise<void> {
  return new Promise((resolve) => {
    const next = () => {
      const first = toWarm.values().next();
      if (first.done) return resolve();
      toWarm.delete(first.value);
      parsedTemplate(first.value);
      setImmediate(next);
    };
    setImmediate(next);
  });
}

/**
 * Expands a template with data. Every plain string in `data` is user text and is neutralised here;
 * our own texts go in as Trusted (trusted(), say(), md`…`) or as a trusted text object (trustedTexts()).
 */
export function bind(template: object, data: object): Record<string, unknown> {
  return expand(template, safeData(data, neutralise));
}

function expand(template: object, data: unknown): Record<string, unknown> {
  return finish(parsedTemplate(template).expand({ $root: data })) as Record<string, unknown>;
}

/**
 * Text colours that stay readable: in Teams' light theme 'good' (#92c353) and 'warning' (#f8d22a)
 * text reach only about 2:1 and 1.4:1 contrast on white (WCAG asks 4.5:1), so no card carries
 * meaning in them; the words carry the state. Container styles (backgrounds) are not touched.
 */
export const READABLE_COLOR: Readonly<Record<string, string>> = { good: 'Default', warning: 'Attention' };

/**
 * The expanded card, copied once (the engine may hand back objects of the data): the templating
 * engine leaves `${x}` in place when x is undefined, so an absent value shows as empty; text
 * colours become readable ones (READABLE_COLOR); date and time inputs without a placeholder get the
 * Dutch one ("dd-mm-jjjj", "uu:mm", issue 18); a choice set whose list the data leaves out gets an
 * empty list (lists are bound whole, "choices": "${list}", as a `$data` repeat gave).
 */
function finish(v: unknown, key = ''): unknown {
  if (typeof v === 'string') {
    if (key === 'color' && READABLE_COLOR[v.toLowerCase()]) return READABLE_COLOR[v.toLowerCase()];
    return v.includes('${') ? v.replace(/\$\{[^}]*\}/g, '') : v;
  }
  if (Array.isArray(v)) return v.map((x) => finish(x));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = finish(x, k);
    if (out.type === 'Input.Date' && out.placeholder === undefined) out.placeholder = nl.common.datePlaceholder;
    if (out.type === 'Input.Time' && out.placeholder === undefined) out.placeholder = nl.common.timePlaceholder;
    if (out.type === 'Input.ChoiceSet' && !Array.isArray(out.choices)) out.choices = [];
    return out;
  }
  return v;
}

export function cardSize(card: object): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}
