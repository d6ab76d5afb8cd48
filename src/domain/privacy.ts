// Customer personal data in items (AVG): how to recognise one customer's items, what to show on
// an inzage (export), and how to erase it while the anonymous figures stay (kind, subject, status,
// times, owner, the history's actions). Pure: no I/O.
//
// A kind can describe its own fields with `privacy` on its KindRules; otherwise the generic rules
// below apply, which know the field names every kind in this project uses for customer data.
import { normalisePhone } from './validation/phone';
import type { Item } from './types';

export interface CustomerIdentifiers {
  names: string[];
  /** E.164. */
  phones: string[];
  emails: string[];
}

export interface KindPrivacy {
  /** false for kinds that by design hold no customer data (exception cases: the precedent library stays). */
  holdsCustomerData: boolean;
  identifiers(data: Record<string, unknown>): CustomerIdentifiers;
  /** The data without customer personal data, marked `erased: true`. */
  erase(data: Record<string, unknown>): Record<string, unknown>;
  /** Field name → value, for an export; only fields that hold something. */
  describe(data: Record<string, unknown>): [string, string][];
}

/**
 * Field names that hold customer personal data (or free text that may) in any kind's data (top
 * level): callbacks and appointments (name, phone, details, notes, profile), interpreter requests
 * (language can reveal origin, address of a visit, a cancel reason).
 */
export const PERSONAL_FIELDS = [
  'customerName',
  'phone',
  'phoneDisplay',
  'email',
  'address',
  'postcode',
  'details',
  'doneNote',
  'note',
  'notes',
  'profile',
  'preferredChannel',
  'customerNumber',
  'birthDate',
  'language',
  'cancelReason',
  'reason',
  // appointments: how to reach the customer ({ kind: 'phone' | 'email', value, display }); removed, not emptied
  'contact',
] as const;

/** Optional fields that an erasure removes instead of emptying (an empty object would look like data). */
const REMOVED_FIELDS = new Set(['contact']);

/** The appointment's contact ({ kind, value }), as a phone number or an e-mail address. */
function contactOf(data: Record<string, unknown>): { phone?: string; email?: string } {
  const c = data.contact as { kind?: unknown; value?: unknown } | undefined;
  if (!c || typeof c !== 'object' || typeof c.value !== 'string') return {};
  return c.kind === 'email' ? { email: c.value } : c.kind === 'phone' ? { phone: c.value } : {};
}

const NAME_FIELDS = ['customerName'];
const PHONE_FIELDS = ['phone'];
const EMAIL_FIELDS = ['email'];

const SALUTATION = /^(mevrouw|mevr\.?|mw\.?|meneer|mijnheer|dhr\.?|de heer|familie|fam\.?)\s+/;

/** Names compared without case, accents, extra spaces or a salutation: "Mevr. Jänsen " = "jansen". */
export function normaliseName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(SALUTATION, '')
    .trim();
}

function strings(data: Record<string, unknown>, fields: string[]): string[] {
  return fields.map((f) => data[f]).filter((v): v is string => typeof v === 'string' && v.trim() !== '');
}

function text(v: unknown): string {
  if (v === null || v === undefined || v === '') return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map(text).filter(Boolean).join('; ');
  if (typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => (text(x) ? `${k}: ${text(x)}` : ''))
      .filter(Boolean)
      .join(', ');
  }
  return '';
}

export const genericPrivacy: KindPrivacy = {
  holdsCustomerData: true,
  identifiers: (data) => {
    const contact = contactOf(data);
    return {
      names: strings(data, NAME_FIELDS),
      phones: [...strings(data, PHONE_FIELDS), ...(contact.phone ? [contact.phone] : [])]
        .map((p) => normalisePhone(p))
        .filter((p) => p.ok)
        .map((p) => p.e164!),
      emails: [...strings(data, EMAIL_FIELDS), ...(contact.email ? [contact.email] : [])].map((e) => e.trim().toLowerCase()),
    };
  },
  // Same shape, empty values: renderers and rules keep working on an erased item.
  erase: (data) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(data)) {
      if (!(PERSONAL_FIELDS as readonly string[]).includes(k)) out[k] = v;
      else if (REMOVED_FIELDS.has(k)) continue;
      else if (typeof v === 'string') out[k] = '';
      else if (Array.isArray(v)) out[k] = [];
      else if (v !== null && typeof v === 'object') out[k] = {};
    }
    return { ...out, erased: true };
  },
  describe: (data) =>
    Object.entries(data)
      .filter(([k]) => (PERSONAL_FIELDS as readonly string[]).includes(k) || k === 'topic' || k === 'preferredMoment' || k === 'attempts')
      .filter(([k]) => k !== 'phoneDisplay')
      .map(([k, v]): [string, string] => [
        k,
        k === 'phone' && typeof data.phoneDisplay === 'string'
          ? data.phoneDisplay
          : k === 'contact' && v && typeof v === 'object'
            ? String((v as { display?: unknown; value?: unknown }).display ?? (v as { value?: unknown }).value ?? '')
            : text(v),
      ])
      .filter(([, v]) => v !== ''),
};

/**
 * Exception cases ("twijfel") are filed without customer identifiers on purpose and their decisions
 * are the team's library of precedents: retention and vergeet leave them alone.
 */
export const noCustomerData: KindPrivacy = {
  holdsCustomerData: false,
  identifiers: () => ({ names: [], phones: [], emails: [] }),
  erase: (data) => data,
  describe: () => [],
};

/** Kinds whose rules do not say otherwise. */
export const DEFAULT_PRIVACY: Partial<Record<string, KindPrivacy>> = { exception: noCustomerData };

/** Does this item hold data about the customer `query` (a phone number or a name)? */
export function matchesCustomer(item: Item, privacy: KindPrivacy, query: string): boolean {
  if (item.data.erased === true) return false;
  const ids = privacy.identifiers(item.data);
  const phone = normalisePhone(query);
  if (phone.ok && ids.phones.includes(phone.e164!)) return true;
  const q = query.trim().toLowerCase();
  if (q.includes('@') && ids.emails.includes(q)) return true;
  const name = normaliseName(query);
  return name !== '' && ids.names.some((n) => normaliseName(n) === name);
}
