// A customer's contact points: a phone number (E.164) or an e-mail address (lower-case), the key
// that finds one customer record. Any common Dutch notation of a number gives the same key:
// 06-12345678, +31 6 1234 5678, 0031612345678, (06) 12 34 56 78. Pure.
import { normalisePhone } from '../validation/phone';

export interface ContactPoint {
  kind: 'phone' | 'email';
  /** The key: E.164 for a phone number, the lower-cased address for e-mail. */
  key: string;
  /** How people read it: '06 12345678', 'jan@voorbeeld.nl'. */
  display: string;
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The contact point in `raw`, or null when it is neither a phone number nor an e-mail address. */
export function contactPoint(raw: string): ContactPoint | null {
  const text = raw.trim();
  if (text.includes('@')) {
    const email = text.toLowerCase();
    return EMAIL_RE.test(email) ? { kind: 'email', key: email, display: email } : null;
  }
  const phone = normalisePhone(text);
  return phone.ok ? { kind: 'phone', key: phone.e164!, display: phone.display! } : null;
}

/**
 * The normalised key of a phone number or e-mail address ('+31612345678', 'jan@voorbeeld.nl'),
 * or null. Other modules (contact logs) store this to be linked to a customer record.
 */
export function customerKey(phoneOrEmail: string): string | null {
  return contactPoint(phoneOrEmail)?.key ?? null;
}

/** The last four digits of a phone key, to tell customers with the same name apart. */
export function lastFour(key: string): string {
  return key.startsWith('+') ? key.slice(-4) : '';
}
