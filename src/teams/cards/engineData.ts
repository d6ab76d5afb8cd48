// The data as adaptivecards-templating's expression language (adaptive-expressions) reads it.
// It looks a property of a plain object up case-insensitively, scanning Object.keys() for every
// step of every path (a card's data has about 50 keys, `t` about 60): in the owner view of a claim
// that scan was a fifth of the binding time. A Map it asks with get() first and scans only on a
// miss, so every object of the data goes in as a DataObject (a Map). The lookups find what they
// found on the plain object as long as no two keys differ only in case (the plain object gives
// the first of them): such an object stays plain.

/**
 * An object of the data. toString() is a plain object's, so `${obj}` inside a text reads as
 * before; bind()'s finish turns every DataObject in the output back into a plain object.
 */
export class DataObject extends Map<string, unknown> {
  override toString(): string {
    return '[object Object]';
  }
}

/** A list of the data (bind()'s finish copies it: the output shares nothing with the data). */
export class DataList extends Array<unknown> {}

/** A list of the data with each item converted by `item`. */
export function toList(v: readonly unknown[], item: (x: unknown) => unknown): DataList {
  const out = new DataList();
  for (const x of v) out.push(item(x));
  return out;
}

/**
 * An object of the data with keys that differ only in case: stays an object, looked up as a
 * plain one (not a plain object itself, so bind()'s finish copies it like a DataObject).
 */
export class DataRecord {}

/** Keys that differ only in case (most objects of a card's data have two to five keys: no Set for those). */
export function caseCollides(keys: readonly string[]): boolean {
  const n = keys.length;
  if (n < 2) return false;
  if (n <= 8) {
    const low = keys.map((k) => k.toLowerCase());
    for (let i = 1; i < n; i++) for (let j = 0; j < i; j++) if (low[i] === low[j]) return true;
    return false;
  }
  const seen = new Set<string>();
  for (const k of keys) {
    const low = k.toLowerCase();
    if (seen.has(low)) return true;
    seen.add(low);
  }
  return false;
}

/** A copy of an object as the engine sees it, each value converted by `value`. */
export function toData(v: object, value: (x: unknown, key: string) => unknown): unknown {
  const entries = Object.entries(v);
  if (caseCollides(entries.map((e) => e[0]))) {
    const out = new DataRecord() as Record<string, unknown>;
    for (const [k, x] of entries) out[k] = value(x, k);
    return out;
  }
  const out = new DataObject();
  // A copy made by assignment drops a "__proto__" key (it sets the prototype instead): so does this one.
  for (const [k, x] of entries) if (k !== '__proto__') out.set(k, value(x, k));
  return out;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * One of our text objects (trustedTexts) as the engine sees it: strings as they are, plain objects
 * as DataObject, anything else (functions, dates) as it is.
 */
export function trustedData(v: unknown): unknown {
  if (Array.isArray(v)) return toList(v, trustedData);
  return isPlainObject(v) ? toData(v, (x) => trustedData(x)) : v;
}
