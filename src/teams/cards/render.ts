// Binds JSON card templates (Adaptive Cards 1.5) with adaptivecards-templating. User text and our
// own text are different types: every plain string in the data is user text and is neutralised
// inside bind(), so names, topics and notes can never inject markdown links, HTML or template
// expressions into a card; our own texts (texts/nl, markdown we compose) pass as Trusted. No caller
// neutralises by hand: a Dutch text with user text in it is made with say() (its arguments are
// user text), composed markdown with md`…` (domain/userText.ts, re-exported here).
export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

// Only bind() here and the say()/md`…` helpers (domain/userText.ts) neutralise: src/teams and
// src/app import neutralise nowhere else (test/unit/neutraliseImports.test.ts).
import { neutralise } from '../../domain/neutralise';
import { isTrusted, safeText, trusted, type Trusted } from '../../domain/userText';
import { nl } from '../../texts/nl';
import { caseCollides, DataList, DataObject, toData, toList, trustedData } from './engineData';
import { parsedTemplate } from './parsedTemplates';
import { fixedKeysOf, textsBinding, type Texts } from './textsBoundOnce';

export { isTrusted, joinText, md, mdText, safeText, say, sayText, trusted, type Trusted } from '../../domain/userText';
export { prepareTemplates, warmTemplates } from './parsedTemplates';
export { bindsInOnce } from './textsBoundOnce';

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
 * text objects unwrapped as they are; numbers, booleans and dates untouched; objects as DataObject.
 */
function safeData(v: unknown): unknown {
  if (typeof v === 'string') return neutralise(v);
  if (typeof v !== 'object' || v === null || v instanceof Date) return v;
  if (isTrusted(v)) return safeText(v);
  if (TRUSTED_TREE in v) return trustedData((v as TrustedTree<unknown>)[TRUSTED_TREE]);
  if (Array.isArray(v)) return toList(v, safeData);
  return toData(v, (x) => safeData(x));
}

/**
 * Expands a template with data. Every plain string in `data` is user text and is neutralised here;
 * our own texts go in as Trusted (trusted(), say(), md`…`) or as a trusted text object (trustedTexts()).
 */
export function bind(template: object, data: object): Record<string, unknown> {
  const entries = Object.entries(data);
  const texts = textsOf(entries, fixedKeysOf(template));
  const known = texts ? textsBinding(template, texts) : undefined;
  if (!known) return finish(parsedTemplate(template).expand({ $root: safeData(data) })) as Record<string, unknown>;
  // The root as safeData makes it (no keys that differ only in case: see textsOf), with our text
  // objects as converted once (textsBoundOnce.ts).
  const root = new DataObject();
  for (const [k, x] of entries) if (k !== '__proto__') root.set(k, known.data.has(k) ? known.data.get(k) : safeData(x));
  return finish(parsedTemplate(known.template ?? template).expand({ $root: root })) as Record<string, unknown>;
}

/**
 * The root keys of a card's data that hold one of our text objects (trustedTexts), with the
 * object, and the template's fixed keys (bindsInOnce) whose value is ours (ownValue); none when
 * root keys differ only in case (the root then stays a plain object, see engineData.ts).
 */
function textsOf(entries: readonly [string, unknown][], fixed: ReadonlySet<string> | undefined): Texts | undefined {
  let out: [string, unknown][] | undefined;
  for (const [k, v] of entries) {
    if (typeof v === 'object' && v !== null && TRUSTED_TREE in v) (out ??= []).push([k, (v as TrustedTree<unknown>)[TRUSTED_TREE]]);
    else if (fixed?.has(k)) {
      const own = ownValue(v);
      if (own !== NOT_OURS) (out ??= []).push([k, own]);
    }
  }
  return out && !caseCollides(entries.map((e) => e[0])) ? out : undefined;
}

const NOT_OURS = Symbol('notOurs');

/**
 * A fixed key's value as a text of ours, if it is one: a boolean, a number, a Trusted text, or an
 * empty object (a form's values when the form is not shown again). A plain string is user text and
 * an object with values in it holds what a person typed: neither is ever bound into a shared copy.
 */
function ownValue(v: unknown): unknown {
  if (typeof v === 'boolean' || typeof v === 'number') return v;
  if (isTrusted(v)) return safeText(v);
  if (typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype && Object.keys(v).length === 0) return {};
  return NOT_OURS;
}

/**
 * Text colours that stay readable: in Teams' light theme 'good' (#92c353) and 'warning' (#f8d22a)
 * text reach only about 2:1 and 1.4:1 contrast on white (WCAG asks 4.5:1), so no card carries
 * meaning in them; the words carry the state. Container styles (backgrounds) are not touched.
 */
export const READABLE_COLOR: Readonly<Record<string, string>> = { good: 'Default', warning: 'Attention' };

/**
 * The expanded card: the templating engine leaves `${x}` in place when x is undefined, so an absent
 * value shows as empty; text colours become readable ones (READABLE_COLOR); date and time inputs
 * without a placeholder get the Dutch one ("dd-mm-jjjj", "uu:mm", issue 18); a choice set whose
 * list the data leaves out gets an empty list (lists are bound whole, "choices": "${list}", as a
 * `$data` repeat gave). The objects and lists the engine made (plain, one per place in the card)
 * are finished in place; what it took from the data (DataObject, DataList, anything not plain) is
 * copied with all below it, so the card shares nothing with the data.
 */
function finish(v: unknown, key = '', copy = false): unknown {
  if (typeof v === 'string') {
    if (key === 'color' && READABLE_COLOR[v.toLowerCase()]) return READABLE_COLOR[v.toLowerCase()];
    return v.includes('${') ? v.replace(/\$\{[^}]*\}/g, '') : v;
  }
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) {
    const inPlace = !copy && !(v instanceof DataList);
    const list = inPlace ? v : new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) list[i] = finish(v[i], '', !inPlace);
    return list;
  }
  let out: Record<string, unknown>;
  if (v instanceof DataObject) {
    out = {};
    for (const [k, x] of v) out[k] = finish(x, k, true);
  } else {
    const inPlace = !copy && Object.getPrototypeOf(v) === Object.prototype;
    out = inPlace ? (v as Record<string, unknown>) : {};
    for (const [k, x] of Object.entries(v)) out[k] = finish(x, k, !inPlace);
  }
  if (out.type === 'Input.Date' && out.placeholder === undefined) out.placeholder = nl.common.datePlaceholder;
  if (out.type === 'Input.Time' && out.placeholder === undefined) out.placeholder = nl.common.timePlaceholder;
  if (out.type === 'Input.ChoiceSet' && !Array.isArray(out.choices)) out.choices = [];
  return out;
}

export function cardSize(card: object): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}
