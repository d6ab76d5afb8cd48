// Use case: log a customer helped at first contact (`geholpen`, verb contact.create). A double
// submit of one form stores one log (the form's id is the key). Not an item: it is not in mijn,
// overzicht or the digest; it counts in the report (domain/report/firstContact.ts).
import { customerKeyOf, readContactLog, type ContactLogData } from '../domain/contacts/contactLog';
import type { CustomerRecord } from '../domain/customers/record';
import type { Person } from '../domain/types';
import type { CustomerRef } from '../storage/records';
import type { Services } from './services';

export type LogOutcome =
  { status: 'saved'; id: string; data: ContactLogData } | { status: 'duplicate' } | { status: 'invalid'; fields: Record<string, string> };

export async function logContact(
  s: Services,
  tenantId: string,
  actor: Person,
  input: Record<string, unknown>,
  formId?: string,
): Promise<LogOutcome> {
  const read = readContactLog(input, s.config.conversation.contactTopics);
  if (!read.ok) return { status: 'invalid', fields: read.fields };
  const id = `GH-${await s.repo.nextSequence('*', 'GH', 1001)}`;
  // A phone number or e-mail address: the log belongs to that customer's record (made when new),
  // as an item does, so inzage, vergeet and retention reach it.
  const record = read.customerKey ? await s.customers.forContactLog(tenantId, read.customerKey) : null;
  const saved = await s.repo.records.add(
    {
      tenantId,
      kind: 'contact',
      id,
      at: s.clock.now(),
      by: { id: actor.id, name: actor.name },
      customerKey: read.customerKey,
      customerId: record?.id ?? null,
      data: { ...read.data },
    },
    formId ? `contact:${formId}:${actor.id}` : undefined,
  );
  return saved ? { status: 'saved', id, data: read.data } : { status: 'duplicate' };
}

/**
 * Who a privacy request is about, as the contact logs know them: the customer records found (by
 * record id, and their contact points for logs from before migration 7) and the typed number or address.
 */
function customerRef(query: string, records: readonly CustomerRecord[]): CustomerRef {
  const keys = new Set(records.flatMap((r) => r.contacts.map((c) => c.key)));
  const key = customerKeyOf(query);
  if (key) keys.add(key);
  return { keys: [...keys], ids: records.map((r) => r.id) };
}

/** Contact logs of the customer (inzage): linked to one of the records, or naming the typed number or address. */
export async function contactLogsOf(
  s: Services,
  tenantId: string,
  query: string,
  records: readonly CustomerRecord[] = [],
): Promise<number> {
  return (await s.repo.records.forCustomer(tenantId, customerRef(query, records))).length;
}

/** Vergeet: the logs lose their link to the customer (number, address and record id); the figures stay. */
export async function unlinkContactLogs(
  s: Services,
  tenantId: string,
  query: string,
  records: readonly CustomerRecord[] = [],
): Promise<number> {
  return s.repo.records.unlinkCustomer(tenantId, { who: customerRef(query, records) });
}
