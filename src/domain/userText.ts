// User text and our own text as different types, for every Dutch text or markdown with user text
// in it (issue 14): plain strings are user text and are neutralised here; our own words (texts/nl,
// item ids, formatted times, markdown we compose) pass as Trusted. Pure (no botbuilder, no I/O), so
// app/ and domain/ build their chat messages with it; teams/cards/render.ts re-exports it and adds
// bind() for cards. No caller neutralises by hand: a Dutch text with user text in it is made with
// say()/sayText() (its string arguments are user text), composed markdown with md`…`/mdText`…`.
import { neutralise } from './neutralise';

const TRUSTED = Symbol('trusted');

/** Text we wrote ourselves (texts/nl, markdown we compose around neutralised user text): bound as it is. */
export interface Trusted {
  readonly [TRUSTED]: string;
}

/** Marks our own text as trusted. Never for text a person typed: that goes into the data as a plain string. */
export function trusted(text: string): Trusted {
  return { [TRUSTED]: text };
}

export function isTrusted(v: unknown): v is Trusted {
  return typeof v === 'object' && v !== null && TRUSTED in v;
}

/** User text or our text, as markdown that is safe to show: user text neutralised, ours as is. */
export function safeText(v: Trusted | string | number): string {
  if (typeof v === 'number') return String(v);
  return isTrusted(v) ? v[TRUSTED] : neutralise(v);
}

type UserArgs<A extends unknown[]> = { [K in keyof A]: A[K] extends string ? string | Trusted : A[K] };

/**
 * A Dutch text (a function from texts/nl) with user text in it: its string arguments are user
 * text and are neutralised, Trusted arguments (our own words) pass as they are. Works for cards
 * (the result is Trusted) and, through sayText(), for plain chat messages.
 */
export function say<A extends unknown[]>(text: (...args: A) => string, ...args: UserArgs<A>): Trusted {
  return trusted(sayText(text, ...args));
}

/** say() as a plain string, for chat messages (sendActivity), which Teams renders as markdown too. */
export function sayText<A extends unknown[]>(text: (...args: A) => string, ...args: UserArgs<A>): string {
  return text(...(args.map((a) => (typeof a === 'string' || isTrusted(a) ? safeText(a) : a)) as A));
}

/** Markdown we compose: the literal parts are ours, string values are user text (neutralised), Trusted values pass. */
export function md(parts: TemplateStringsArray, ...values: (Trusted | string | number)[]): Trusted {
  return trusted(mdText(parts, ...values));
}

/** md`…` as a plain string, for chat messages. */
export function mdText(parts: TemplateStringsArray, ...values: (Trusted | string | number)[]): string {
  let out = parts[0] ?? '';
  values.forEach((v, i) => {
    out += safeText(v) + (parts[i + 1] ?? '');
  });
  return out;
}

/** Values joined with our separator, each user text neutralised on its own (as a list of names or languages). */
export function joinText(values: readonly (Trusted | string)[], separator: string): Trusted {
  return trusted(values.map((v) => safeText(v)).join(separator));
}
