// Finds obvious customer identifiers in free text that is meant to be shared in a channel
// (twijfelgevallen): e-mail addresses, phone numbers, Dutch postcodes, bank account numbers and
// long numbers (klantnummer, BSN). Names cannot be recognised reliably; the form asks for none.
// Pure; used to refuse the text with a Dutch message naming what to remove.

export type IdentifierKind = 'email' | 'phone' | 'postcode' | 'iban' | 'number';

const EMAIL = /[^\s@]+@[^\s@]+\.[a-z]{2,}/i;
/** NL IBAN (NL91 ABNA 0417 1643 00), spaces allowed. */
const IBAN = /\b[A-Z]{2}\d{2}\s?[A-Z]{4}(?:\s?\d){10}\b/i;
/** 1234 AB (the letters are upper case in a postcode; "2026 en" is not one). SA, SD and SS are never issued. */
const POSTCODE = /\b[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}\b/;
/** A phone number: +31 / 0031 / 0 followed by at least 8 more digits, spaces, dots or dashes between. */
const PHONE = /(?:\+|\b00|\b0)\d(?:[\s.-]?\d){7,}/;
/** 7 or more digits in a row (customer or contract number, BSN), or a BSN written 123.456.789. */
const LONG_NUMBER = /\b\d{7,}\b|\b\d{3}\.\d{3}\.\d{3}\b/;

/** The first kind of identifier found in `text`, or null. Order: the most specific first. */
export function findIdentifier(text: string): IdentifierKind | null {
  if (!text) return null;
  if (EMAIL.test(text)) return 'email';
  if (IBAN.test(text)) return 'iban';
  if (PHONE.test(text)) return 'phone';
  if (POSTCODE.test(text)) return 'postcode';
  if (LONG_NUMBER.test(text)) return 'number';
  return null;
}
