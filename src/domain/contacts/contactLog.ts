// A customer helped at first contact (`geholpen`): how they came (telefoon, balie, e-mail, brief,
// chat), the topic from the configured list, and optionally the customer's phone or e-mail as a
// key to link it to the customer record. Not an item: no owner, no term, no card. Pure.
import { nl } from '../../texts/nl';
import { str } from '../items/lifecycle';
import { oneOf, type FieldErrors } from '../items/common';
import { normalisePhone } from '../validation/phone';

export const CONTACT_HOW = ['telefoon', 'balie', 'email', 'brief', 'chat'] as const;
export type ContactHow = (typeof CONTACT_HOW)[number];

export interface ContactLogData {
  how: ContactHow;
  topic: string;
}

export type ContactLogInput = { ok: true; data: ContactLogData; customerKey: string | null } | { ok: false; fields: FieldErrors };

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The customer's key: the normalised phone (E.164) or the lower-cased e-mail address; null when not valid. */
export function customerKeyOf(raw: string): string | null {
  const v = raw.trim();
  if (!v) return null;
  if (v.includes('@')) return EMAIL_RE.test(v) && v.length <= 254 ? v.toLowerCase() : null;
  const phone = normalisePhone(v);
  return phone.ok ? phone.e164! : null;
}

export function readContactLog(input: Record<string, unknown>, topics: readonly string[]): ContactLogInput {
  const t = nl.contacts.errors;
  const fields: FieldErrors = {};
  const how = oneOf(str(input, 'how'), CONTACT_HOW);
  if (!how) fields.how = t.howRequired;
  const topic = str(input, 'topic');
  if (!topic) fields.topic = t.topicRequired;
  else if (!topics.includes(topic)) fields.topic = t.topicUnknown;
  const customer = str(input, 'customer');
  const customerKey = customerKeyOf(customer);
  if (customer && !customerKey) fields.customer = t.customerInvalid;
  if (Object.keys(fields).length || !how) return { ok: false, fields };
  return { ok: true, data: { how, topic }, customerKey };
}
