// Our own texts bound into a template once, instead of on every bind (issue 14). A card's data
// holds our texts as trusted text objects (trustedTexts: `t`, a checklist, a form's errors); they
// are the same on every bind of a kind's card, yet in the owner view of a claim they were about a
// third of the expressions evaluated (`${t.done}`, the numbered checklist, `$when` on each error).
// A template may also name root keys whose values are ours and fixed per kind (bindsInOnce: the
// item cards' `kind` in every verb, `ownerView`, `handoverMode`, the form's `values` while no
// refused form is shown again); bind() adds them to the texts when they hold a boolean, a number,
// a Trusted text or an empty object, never a plain string (user text) or a filled object.
// Once the same texts come with the same template a second time, adaptivecards-templating binds
// the expressions that read only those texts, one time (stage one), into a copy of the template;
// every later bind with these texts expands that copy with the whole data (stage two), as before.
// A variant is keyed by all of them, so a template keeps at most MAX_BOUND copies.
// The engine evaluates every expression either way; what stage one cannot bind for certain stays
// in the copy as written, and a template whose texts cannot be bound this way is bound whole.
//
// Stage one hides from the engine what reads anything else: such a text becomes a symbol (the
// engine passes symbols through untouched) and such a `$when`/`$data` a renamed key, both put back
// afterwards. It binds, with the texts alone:
// - a text whose every path is in the texts and is a string, number or boolean there, or certainly
//   absent (no such key in any case: `${values.note}` of an empty form);
// - a `$when` whose every path is in the texts, outside a repeat (the node stays without it, or goes);
// - a `$data` repeat over the texts whose whole subtree reads only the item, `$index` and the texts
//   (the numbered checklist): it becomes its items.
// Its result must be plain template again. A text that came out with `${` in it (an absent value
// left as `${path}` by the engine, or `${` in a text of ours) gets finish's treatment at once:
// every `${…}` removed, as bind()'s finish would remove it after stage two, which leaves a text
// without `${` as it is. A colour with `${` in it (finish maps colours by their text), a `${` that
// remains, or a value that is an object, list or function of the texts: the copy is not used.
import type * as ACData from 'adaptivecards-templating';
import { caseCollides, DataObject, isPlainObject, trustedData } from './engineData';
import { parsedTemplate } from './parsedTemplates';

/** The root keys of a card's data that hold our text objects, with the objects (unwrapped). */
export type Texts = ReadonlyArray<readonly [string, unknown]>;

/** Per template: root keys whose values are ours and the same on nearly every bind (bindsInOnce). */
const fixedKeys = new WeakMap<object, ReadonlySet<string>>();

/**
 * Names root keys of a template's data whose values are ours and take only a few values, the same
 * on nearly every bind of the card (the item's kind, which view, a form not shown again): bind()
 * binds them in with our texts and keys the variant by them too. Only keys with our own words.
 */
export function bindsInOnce(template: object, keys: readonly string[]): void {
  fixedKeys.set(template, new Set(keys));
}

/** The keys named for this template by bindsInOnce. */
export function fixedKeysOf(template: object): ReadonlySet<string> | undefined {
  return fixedKeys.get(template);
}

interface Variant {
  texts: Texts;
  /** The texts as the engine reads them (DataObject, DataList): made once, only read. */
  data: ReadonlyMap<string, unknown>;
  /** The template with these texts bound in; null when it cannot be; undefined until built. */
  bound?: object | null;
}

/** What a bind with these texts uses: the template with them bound in (once built), and their engine data. */
export interface TextsBinding {
  template?: object;
  data: ReadonlyMap<string, unknown>;
}

/**
 * Per template: the variants bound in (or waiting to be), kept; and texts seen once, the latest few.
 * A template gets at most MAX_BOUND variants: texts that differ per item (a list of an item's
 * actions as trusted texts) are not bound in over and over; the first texts a kind's card comes
 * with (its texts, no form errors) are the ones that come every time.
 */
interface Variants {
  bound: Variant[];
  seenOnce: Variant[];
}
const variants = new WeakMap<object, Variants>();
const MAX_BOUND = 4;
const MAX_SEEN_ONCE = 4;
/** A variant to build: stage one makes its copy (null: none), then the copy is parsed. */
interface Job {
  template: object;
  variant: Variant;
  copy?: object | null;
}
const pending: Job[] = [];
let scheduled = false;

/**
 * For a bind of `template` with these texts: the template with them bound in once it has been
 * built (texts seen a second time with a template are bound in after the current turn of the event
 * loop: a larger template takes tens of milliseconds to parse, not in a request), and the texts as
 * the engine reads them, converted once. Undefined when the template has its MAX_BOUND variants
 * and these texts are none of them.
 */
export function textsBinding(template: object, texts: Texts): TextsBinding | undefined {
  let v = variants.get(template);
  if (!v) variants.set(template, (v = { bound: [], seenOnce: [] }));
  const known = v.bound.find((x) => sameTexts(x.texts, texts));
  if (known) return { template: known.bound ?? undefined, data: known.data };
  if (v.bound.length >= MAX_BOUND) return undefined;
  const i = v.seenOnce.findIndex((x) => sameTexts(x.texts, texts));
  if (i < 0) {
    if (v.seenOnce.length >= MAX_SEEN_ONCE) v.seenOnce.shift();
    const copy = texts.map(([k, x]) => [k, snapshot(x)] as const);
    const variant: Variant = { texts: copy, data: new Map(copy.map(([k, x]) => [k, trustedData(x)])) };
    v.seenOnce.push(variant);
    return { data: variant.data };
  }
  const [variant] = v.seenOnce.splice(i, 1);
  v.bound.push(variant!);
  pending.push({ template, variant: variant! });
  if (!scheduled) {
    scheduled = true;
    setImmediate(buildNext).unref();
  }
  return { data: variant!.data };
}

/**
 * One step per turn of the event loop (requests go between): stage one for a waiting variant, or
 * parsing its result (each up to about 100 ms of CPU for the owner view); the variant is used once
 * its copy is parsed, so no bind parses it in a request.
 */
function buildNext(): void {
  const next = pending.shift();
  if (next) step(next);
  if (pending.length) setImmediate(buildNext).unref();
  else scheduled = false;
}

/** The copies built for a template so far (tests: what a shared copy holds). */
export function boundCopies(template: object): object[] {
  return (variants.get(template)?.bound ?? []).flatMap((v) => (v.bound ? [v.bound] : []));
}

/** Builds every waiting variant now (tests and the bench, which bind in one synchronous run). */
export function buildTextsBoundNow(): void {
  for (let next = pending.shift(); next; next = pending.shift()) step(next);
}

function step(job: Job): void {
  if (job.copy === undefined) {
    job.copy = bindTexts(job.template, job.variant.texts);
    if (job.copy) pending.unshift(job);
    else job.variant.bound = null;
    return;
  }
  if (job.copy) parsedTemplate(job.copy);
  job.variant.bound = job.copy;
}

function sameTexts(a: Texts, b: Texts): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]![0] !== b[i]![0] || !sameText(a[i]![1], b[i]![1])) return false;
  return true;
}

/**
 * Frozen text objects (frozenTexts) found equal to a variant's snapshot: the same object is
 * compared by identity next time. A card's texts (`t`, 40-odd strings) were compared string by
 * string on every bind; frozen, they cannot have changed since.
 */
const equalSnapshot = new WeakMap<object, unknown>();

/** `ours` (a variant's snapshot) and `theirs` (a bind's text object) hold the same texts. */
function sameText(ours: unknown, theirs: unknown): boolean {
  if (typeof theirs === 'object' && theirs !== null && equalSnapshot.get(theirs) === ours) return true;
  if (!sameValue(ours, theirs)) return false;
  if (typeof theirs === 'object' && theirs !== null && isDeepFrozen(theirs)) equalSnapshot.set(theirs, ours);
  return true;
}

/** A copy of our text object, frozen all the way down: bound with the shortcut above. Functions are kept as they are. */
export function frozenTexts<T>(texts: T): T {
  return freeze(snapshot(texts)) as T;
}

function freeze(v: unknown): unknown {
  if (Array.isArray(v) || isPlainObject(v)) {
    for (const x of Object.values(v)) freeze(x);
    Object.freeze(v);
  }
  return v;
}

function isDeepFrozen(v: unknown): boolean {
  if (!Array.isArray(v) && !isPlainObject(v)) return true;
  return Object.isFrozen(v) && Object.values(v).every(isDeepFrozen);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameValue(a[k], b[k]));
}

/** A copy of the plain objects and lists in our texts (a caller could change its object later). */
function snapshot(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(snapshot);
  if (!isPlainObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) out[k] = snapshot(v[k]);
  return out;
}

/** Thrown inside bindTexts when its result cannot be used. */
const CANNOT = new Error('texts cannot be bound in once');
/** Prefix of a `$when`/`$data` key hidden from stage one. */
const HIDDEN = '\u0000';

/** The template with the parts that read only `texts` bound, or null. */
function bindTexts(template: object, texts: Texts): object | null {
  const names = new Set(texts.map(([k]) => k));
  const hidden = new Map<symbol, unknown>();
  const hide = (v: unknown): symbol => {
    const s = Symbol('hidden');
    hidden.set(s, v);
    return s;
  };
  const lists = new WeakSet<object>();
  try {
    const stage = stageOne(template, false, { names, texts, hide });
    const root = new DataObject();
    for (const [k, v] of texts) root.set(k, stageData(v, lists));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Engine = (require('adaptivecards-templating') as typeof ACData).Template;
    const out = new Engine(stage).expand({ $root: root }) as unknown;
    const bound = restore(out, hidden, lists);
    return isPlainObject(bound) ? bound : null;
  } catch {
    return null;
  }
}

/** Our texts as stage one's engine sees them; their lists remembered (a list bound as a value is refused). */
function stageData(v: unknown, lists: WeakSet<object>): unknown {
  if (Array.isArray(v)) {
    const out = v.map((x) => stageData(x, lists));
    lists.add(out);
    return out;
  }
  if (!isPlainObject(v)) return v;
  // Keys that differ only in case are looked up by order on a plain object: not bound in once.
  if (caseCollides(Object.keys(v))) throw CANNOT;
  const out = new DataObject();
  for (const k of Object.keys(v)) if (k !== '__proto__') out.set(k, stageData(v[k], lists));
  return out;
}

interface Stage {
  names: ReadonlySet<string>;
  texts: Texts;
  hide: (v: unknown) => symbol;
}

/** The template for stage one: what does not read only the texts hidden. `inRepeat`: under a hidden `$data`. */
function stageOne(node: unknown, inRepeat: boolean, c: Stage): unknown {
  if (typeof node === 'string') return node.includes('${') && (inRepeat || !textValue(node, c)) ? c.hide(node) : node;
  if (Array.isArray(node)) return node.map((x) => stageOne(x, inRepeat, c));
  if (!isPlainObject(node)) return node;
  const when = node.$when;
  const data = node.$data;
  // The whole repeat binds in stage one (its `$when` is per item: judged with the subtree).
  if (data !== undefined && !inRepeat && reads(data, c, rootPath) && repeatReadsItem(node, c)) return node;
  // A hidden repeat hides its `$when` too (evaluated per item).
  const keepWhen = when === undefined || (!inRepeat && data === undefined && reads(when, c, rootPath));
  const keepData = data === undefined;
  const inner = inRepeat || data !== undefined;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(node)) {
    const v = node[k];
    if ((k === '$when' && !keepWhen) || (k === '$data' && !keepData)) out[HIDDEN + k] = c.hide(v);
    else if (k === '$when' || k === '$data') out[k] = v;
    else out[k] = stageOne(v, inner, c);
  }
  return out;
}

/** The paths an expression text reads (adaptive-expressions' own analysis), or null if it does not parse. */
const pathsCache = new Map<string, readonly string[] | null>();
function pathsOf(text: string): readonly string[] | null {
  let paths = pathsCache.get(text);
  if (paths === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const parsed = (require('adaptivecards-templating') as typeof ACData).Template.parseInterpolatedString(text);
      paths = typeof parsed === 'string' ? [] : parsed.references();
    } catch {
      paths = null;
    }
    pathsCache.set(text, paths);
  }
  return paths;
}

/** An expression text whose every path `ok` accepts. */
function reads(v: unknown, c: Stage, ok: (path: string, c: Stage) => boolean): boolean {
  if (typeof v !== 'string' || !v.includes('${')) return false;
  const paths = pathsOf(v);
  return paths !== null && paths.every((p) => ok(p, c));
}

/** A path's steps from the root; null for an indexed path (`a[b]`) or one that starts elsewhere. */
function rootSteps(path: string): string[] | null {
  if (path.includes('[')) return null;
  const steps = path.split('.');
  // Outside a repeat `$data` is the root.
  if (steps[0] === '$root' || steps[0] === '$data') steps.shift();
  return steps.length && !steps[0]!.startsWith('$') ? steps : null;
}

/** A path into the texts (outside a repeat). */
function rootPath(path: string, c: Stage): boolean {
  const steps = rootSteps(path);
  return steps !== null && c.names.has(steps[0]!);
}

/** A path within a repeat over the texts: the item, its index, or the texts from the root. */
function itemPath(path: string, c: Stage): boolean {
  if (path === '$index' || path === '$data') return true;
  if (path.startsWith('$root.')) return rootPath(path, c);
  if (path.includes('[')) return false;
  return path.startsWith('$data.') || !path.startsWith('$');
}

/** A text whose every path is in the texts, with a string, number or boolean there, or certainly absent. */
function textValue(text: string, c: Stage): boolean {
  const paths = pathsOf(text);
  return paths !== null && paths.every((p) => rootPath(p, c) && isScalar(valueAt(rootSteps(p)!, c.texts)));
}

/** Stands for a path that is not in the texts: the engine reads it as absent in both stages. */
const ABSENT = Symbol('absent');

/**
 * The value at a path in the texts; ABSENT when an object on the way has no such key in any case
 * (the engine looks keys up case-insensitively); undefined when not sure.
 */
function valueAt(steps: readonly string[], texts: Texts): unknown {
  let v: unknown = texts.find(([k]) => k === steps[0])?.[1];
  for (const step of steps.slice(1)) {
    if (Array.isArray(v) && /^\d+$/.test(step)) v = v[Number(step)];
    else if (isPlainObject(v) && Object.hasOwn(v, step)) v = v[step];
    else if (isPlainObject(v) && !Object.keys(v).some((k) => k.toLowerCase() === step.toLowerCase())) return ABSENT;
    else return undefined;
  }
  return v;
}

function isScalar(v: unknown): boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === ABSENT;
}

/** A repeat whose subtree reads only its item, `$index` and the texts, with no repeat inside. */
function repeatReadsItem(node: Record<string, unknown>, c: Stage): boolean {
  const ok = (v: unknown): boolean => {
    if (typeof v === 'string') return !v.includes('${') || reads(v, c, itemPath);
    if (Array.isArray(v)) return v.every(ok);
    if (!isPlainObject(v)) return true;
    if (v !== node && v.$data !== undefined) return false;
    return Object.keys(v).every((k) => (k === '$data' ? true : ok(v[k])));
  };
  return ok(node);
}

/** Stage one's result as a template again: hidden parts put back; null if it holds what a template cannot. */
function restore(v: unknown, hidden: ReadonlyMap<symbol, unknown>, lists: WeakSet<object>, key = ''): unknown {
  if (typeof v === 'symbol') {
    if (!hidden.has(v)) throw CANNOT;
    return hidden.get(v);
  }
  if (typeof v === 'string') return v.includes('${') ? finished(v, key) : v;
  if (v === null || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) {
    if (lists.has(v)) throw CANNOT;
    return v.map((x) => restore(x, hidden, lists));
  }
  // A DataObject (an object of the texts bound as a value), a function or a date: not template.
  if (!isPlainObject(v)) throw CANNOT;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const name = k.startsWith(HIDDEN) ? k.slice(HIDDEN.length) : k;
    out[name] = restore(v[k], hidden, lists, name);
  }
  return out;
}

/**
 * A text that came out with `${` in it (an absent value, or `${` in a text of ours) as bind()'s
 * finish makes it: every `${…}` removed. Stage two leaves a text without `${` as it is, so the card
 * gets the same text; not when a `${` is left after the removal, or a colour (finish maps colours
 * by their text, which the removal could make).
 */
function finished(v: string, key: string): string {
  const out = v.replace(/\$\{[^}]*\}/g, '');
  if (key === 'color' || out.includes('${')) throw CANNOT;
  return out;
}
