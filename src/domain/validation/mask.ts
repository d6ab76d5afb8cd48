// Hides contact details in text that a reply may echo back: whatever someone typed (a command the
// bot does not know, a search word) must never put a phone number or e-mail address into a
// channel or a chat again. Pure; exported for every feature that echoes typed text.

/** Shown instead of a masked phone number, e-mail address or long number: no language, no digits. */
export const MASK = '•••';

// Bounded parts (a local part has at most 64 characters): unbounded ones backtrack quadratically on
// a long run without '@' (test/integration/redos.test.ts).
const EMAIL = /[^\s@]{1,64}@[^\s@]{1,255}/g;
/** +31 / 0031 / 0 and at least 8 more digits with spaces, dots, dashes or brackets between (also Belgian/foreign +xx). */
const PHONE = /(?:\+|\b00|\b0)\(?\d(?:[\s.\-()]{0,2}\d){7,}/g;
/** Any other run of 6 or more digits (customer number, BSN, a phone number typed without its 0). */
const LONG_NUMBER = /\d(?:[\s.-]?\d){5,}/g;

/** `text` with every e-mail address, phone number and long number replaced by MASK. */
export function maskContactDetails(text: string): string {
  return String(text ?? '')
    .replace(EMAIL, MASK)
    .replace(PHONE, MASK)
    .replace(LONG_NUMBER, MASK);
}

/** Longest echo of typed text in a reply, in characters (before the cut mark). */
export const ECHO_MAX = 30;

/**
 * What a reply may echo of typed text: masked first, then cut to `max` characters with a visible
 * "…" (a masked part is never split: the cut is made after masking). Whitespace is collapsed.
 */
export function echoOf(text: string, max = ECHO_MAX): string {
  // Only the head can be echoed: masking kilobytes that are cut away anyway would only cost time.
  const masked = maskContactDetails(String(text ?? '').slice(0, max * 4 + 100))
    .replace(/\s+/g, ' ')
    .trim();
  const chars = [...masked];
  if (chars.length <= max) return masked;
  return `${chars.slice(0, max).join('').trimEnd()}…`;
}
