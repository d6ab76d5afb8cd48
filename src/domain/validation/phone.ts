// Dutch and international phone numbers, validated and normalised to E.164 (+31612345678).
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

export interface PhoneResult {
  ok: boolean;
  e164?: string;
  /** Readable national or international form: '06 12345678', '+32 470 12 34 56'. */
  display?: string;
}

export function normalisePhone(raw: string): PhoneResult {
  const cleaned = raw.replace(/[\s().-]/g, '').replace(/^00/, '+');
  if (!/^\+?\d{6,15}$/.test(cleaned)) return { ok: false };
  const parsed = parsePhoneNumberFromString(cleaned, 'NL');
  if (!parsed || !parsed.isValid()) return { ok: false };
  const display = parsed.country === 'NL' ? parsed.formatNational() : parsed.formatInternational();
  return { ok: true, e164: parsed.number, display };
}
