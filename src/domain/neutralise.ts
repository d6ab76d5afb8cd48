// Makes text a person typed inert wherever Teams renders markdown (card TextBlocks, chat
// messages): no markdown links or emphasis, no HTML, no Adaptive Card template expressions, no
// hidden direction tricks, no links made by Teams from a bare URL.
// Pure. Called through domain/userText.ts (say()/md`…`) and teams/cards/render.ts (bind()): src/app,
// src/teams and the rest of src/domain never call it by hand (test/unit/neutraliseImports.test.ts).
// Every pattern runs in linear time on any input (test/integration/redos.test.ts).

/**
 * Bidi embeddings, overrides and isolates (U+202A–202E, U+2066–2069), direction marks (U+200E,
 * U+200F, U+061C) and zero-width characters (U+200B–200D, U+2060, U+FEFF, U+180E): invisible, they
 * can make "TB-1042" read as another id or hide words. Removed before neutralising (which adds its own U+200B).
 */
const INVISIBLE = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b-\u200d\u2060\ufeff\u180e]/g;

/**
 * A bare URL (scheme://… or www.…): Teams makes it a link. Its dots become "[.]" and "://" becomes
 * "[:]//", visibly broken and still readable. The scheme is at most 20 characters (bounded), and
 * the rest is one run of non-blanks (linear).
 */
const BARE_URL = /\b(?:[a-z][a-z0-9+.-]{0,19}:\/\/|www\.)[^\s<>()[\]]*/gi;

/** Removes invisible direction and zero-width characters (also for text that is not rendered as markdown). */
export function stripInvisible(s: string): string {
  return s.replace(INVISIBLE, '');
}

/** "https://evil.example/x" → "https[:]//evil[.]example/x": Teams no longer links it. */
export function breakUrls(s: string): string {
  return s.replace(BARE_URL, (url) => url.replace('://', '[:]//').replace(/\./g, '[.]'));
}

/**
 * Text none of neutralise()'s rules can change: no character any rule acts on (control and
 * invisible characters, $ < > \ * _ [ ] ~ + # - and the backtick), no digit before a dot, no "://"
 * or "www.". Most names, topics and our own words are like this, and bind() neutralises every
 * string of a card's data (issue 14).
 */
const UNTOUCHED = /^[^\u0000-\u001f\u007f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff$<>\\`*_[\]~+#-]*$/;
const MAYBE_TOUCHED = /\d\.|:\/\/|www\./i;

/** Makes user text inert in a TextBlock or chat message: no markdown, no HTML, no ${…} expressions. */
export function neutralise(s: string): string {
  if (typeof s === 'string' && UNTOUCHED.test(s) && !MAYBE_TOUCHED.test(s)) return s;
  return neutraliseByRules(s);
}

/** Every rule applied, without neutralise()'s shortcut (a test holds the shortcut to this). */
export function neutraliseByRules(s: string): string {
  return (
    breakUrls(stripInvisible(String(s ?? '')))
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
      .replace(/\$\{/g, '$\u200b{')
      .replace(/</g, '‹')
      .replace(/>/g, '›')
      .replace(/([\\`*_[\]~])/g, '\\$1')
      // [^\S\r\n]: blanks within the line only (\s would run on over newlines from every line start: quadratic).
      .replace(/^([^\S\r\n]*)(\d+)\./gm, '$1$2\\.')
      .replace(/^([^\S\r\n]*)([-+#])/gm, '$1\\$2')
  );
}
