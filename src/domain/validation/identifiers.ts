// Finds obvious customer identifiers in free text that is meant to be shared in a channel
// (twijfelgevallen and other shared texts): e-mail addresses (also written "jan[at]wij.nl"), phone
// numbers (also "+31 (0)6 …" and "06/…"), Dutch postcodes, bank account numbers, long numbers
// (klantnummer, BSN) and a name after a salutation ("mevrouw Jansen", "dhr. De Vries", "familie
// Kaya"). Other names cannot be recognised reliably; the form asks for none.
// Pure; used to refuse the text with a Dutch message naming what to remove.
//
// Every pattern here runs on text of any length that a person typed: each is written so that it
// cannot backtrack super-linearly (a match starts only where a run starts, parts that follow one
// another use disjoint character classes, repeats are bounded); test/integration/redos.test.ts
// feeds each entry point 25 KB and 250 KB of adversarial text and compares the CPU time.

export type IdentifierKind = 'email' | 'phone' | 'postcode' | 'iban' | 'number' | 'name';

/**
 * local@domain.tld, with "@" also written [at], (at) or {at} (spaces allowed inside) and the dot of
 * the domain also [dot]/(punt). The local part starts only where a run of its characters starts
 * (lookbehind); the domain label excludes the dot so it and the ".tld" cannot claim the same characters.
 */
const EMAIL =
  /(?<![^\s@[\](){}])[^\s@[\](){}]+\s?(?:@|[[({]\s?(?:at|apenstaartje)\s?[\])}])\s?[^\s@[\](){}.]+(?:\.|\s?[[({]\s?(?:dot|punt)\s?[\])}]\s?)[a-z]{2,}/i;
/** NL IBAN (NL91 ABNA 0417 1643 00), spaces allowed. */
const IBAN = /\b[A-Z]{2}\d{2}\s?[A-Z]{4}(?:\s?\d){10}\b/i;
/** 1234 AB (the letters are upper case in a postcode; "2026 en" is not one). SA, SD and SS are never issued. */
const POSTCODE = /\b[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}\b/;
/**
 * A phone number: +31 / 0031 / 0 followed by at least 8 more digits, with at most two separators
 * (space . - ( )) between digits: "+31 (0)6 1234 5678", "(0313) 123 456". A "/" right after the
 * area code ("06/12345678", "0313/123456") is read as a space first (AREA_SLASH), so a date with
 * slashes and a time ("01/12/2026 09:00") is not a phone number.
 * Fails fast: after seven more digits it has matched; before that, backtracking is bounded.
 */
const PHONE = /(?:\+|\b0)\d(?:[\s.()-]{0,2}\d){7,}/;
const AREA_SLASH = /\b(0\d{1,3})\/(?=\d)/g;
/** 7 or more digits in a row (customer or contract number, BSN), or a BSN written 123.456.789. */
const LONG_NUMBER = /\b\d{7,}\b|\b\d{3}\.\d{3}\.\d{3}\b/;
/**
 * A salutation followed by a capitalised name, tussenvoegsels allowed: "mevrouw Jansen", "Dhr. de
 * Vries", "mw. van der Berg", "familie Kaya". "meneer belde" (no capital) is not a name.
 */
const NAME_AFTER_SALUTATION =
  /(?<![\p{L}])(?:[Mm]evrouw|[Mm]evr\.?|[Mm]w\.?|[Mm]eneer|[Mm]ijnheer|[Mm]hr\.?|[Dd]hr\.?|[Dd]e heer|[Ff]amilie|[Ff]am\.?)[^\S\r\n]{1,3}(?:(?:van|de|der|den|ter|ten|te|het|'t|in|op)[^\S\r\n]{1,3}){0,3}\p{Lu}\p{Ll}/u;

/** The first kind of identifier found in `text`, or null. Order: the most specific first. */
export function findIdentifier(text: string): IdentifierKind | null {
  if (!text) return null;
  if (EMAIL.test(text)) return 'email';
  if (IBAN.test(text)) return 'iban';
  if (PHONE.test(text.replace(AREA_SLASH, '$1 '))) return 'phone';
  if (POSTCODE.test(text)) return 'postcode';
  if (LONG_NUMBER.test(text)) return 'number';
  if (NAME_AFTER_SALUTATION.test(text)) return 'name';
  return null;
}
