// Use case: log a customer helped at first contact (`geholpen`, verb contact.create). A double
// submit of one form stores one log (the form's id is the key). Not an item: it is not in mijn,
// overzicht or the digest; it counts in the report (domain/report/firstContact.ts).
import { customerKeyOf, readContactLog, type ContactLogData } from '../domain/contacts/contactLog';
import type { Person } from '../domain/types';
import type { Services } from './services';

export type LogOutcome =
  | { status: 'saved'; id: string; data: ContactLogData }
  | { status: 'duplicate' }
  | { status: 'invalid'; fields: Record<string, string> };

export async function logContact(s: Services, tenantId: string, actor: Person, input: Record<string, unknown>, formId?: string): Promise<LogOutcome> {
  const read = readContactLog(input, s.config.conversation.contactTopics);
  if (!read.ok) return { status: 'invalid', fields: read.fields };
  const id = `GH-${await s.repo.nextSequence('*', 'GH', 1001)}`;
  const saved = await s.repo.records.add({
    tenantId, kind: 'contact', id, at: s.clock.now(), by: { id: actor.id, name: actor.name }, customerKey: read.customerKey, data: { ...read.data },
  }, formId ? `contact:${formId}:${actor.id}` : undefined);
  return saved ? { status: 'saved', id, data: read.data } : { status: 'duplicate' };
}

/** Contact logs linked to the customer a phone number or e-mail address names (inzage); none for a name. */
export async function contactLogsOf(s: Services, tenantId: string, query: string): Promise<number> {
  const key = customerKeyOf(query);
  return key ? (await s.repo.records.forCustomer(tenantId, key)).length : 0;
}

/** Vergeet: the logs lose their link to the customer; the figures stay. */
export async function unlinkContactLogs(s: Services, tenantId: string, query: string): Promise<number> {
  const key = customerKeyOf(query);
  return key ? s.repo.records.unlinkCustomer(tenantId, { customerKey: key }) : 0;
}
