// One customer record per contact point and tenant: the contact points (a record may hold a phone
// number and an e-mail address), every name given for it (a household shares a number), the
// preferred channel, the klantbeeld, the links to every item, and the safety pause. Pure.
import { normaliseName } from '../privacy';
import type { Item, Person } from '../types';
import { contactPoint, type ContactPoint } from './contact';
import { parseProfile, profileValue, type PreferredChannel, type Profile } from './profile';

export interface CustomerPause {
  /** ISO instant. */
  since: string;
  by: Person;
  reason: string;
}

export interface PauseEvent {
  action: 'paused' | 'lifted';
  at: string;
  by: Person;
  reason?: string;
}

export interface CustomerRecord {
  tenantId: string;
  /** Short id people can say: KL-12. */
  id: string;
  contacts: ContactPoint[];
  names: string[];
  preferredChannel?: PreferredChannel;
  profile: Profile;
  itemIds: string[];
  pause: CustomerPause | null;
  pauseHistory: PauseEvent[];
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** What one item says about its customer. */
export interface CustomerFacts {
  contacts: ContactPoint[];
  name?: string;
  profile: Profile;
  preferredChannel?: PreferredChannel;
}

/** The customer an item names (callbacks: phone; appointments: phone or e-mail), or null (none, or erased). */
export function customerFacts(item: Item): CustomerFacts | null {
  const d = item.data;
  if (d.erased === true) return null;
  const contacts: ContactPoint[] = [];
  const add = (raw: unknown) => {
    const c = typeof raw === 'string' ? contactPoint(raw) : null;
    if (c && !contacts.some((x) => x.key === c.key)) contacts.push(c);
  };
  add(d.phone);
  add(d.email);
  const contact = d.contact as { value?: unknown } | undefined;
  if (contact && typeof contact === 'object') add(contact.value);
  if (!contacts.length) return null;
  const profile = d.profile && typeof d.profile === 'object' ? parseProfile(d.profile as Record<string, unknown>) : {};
  const name = typeof d.customerName === 'string' && d.customerName.trim() ? d.customerName.trim() : undefined;
  return {
    contacts,
    name,
    profile,
    preferredChannel: profileValue('preferredChannel', d.preferredChannel) as PreferredChannel | undefined,
  };
}

export function newRecord(tenantId: string, id: string, facts: CustomerFacts, itemId: string, now: Date): CustomerRecord {
  return mergeFacts(
    {
      tenantId,
      id,
      contacts: [],
      names: [],
      profile: {},
      itemIds: [],
      pause: null,
      pauseHistory: [],
      createdAt: now,
      updatedAt: now,
      version: 0,
    },
    facts,
    itemId,
    now,
  );
}

/** The record with this item's facts added: new contact points and names, the latest klantbeeld values. */
export function mergeFacts(r: CustomerRecord, facts: CustomerFacts, itemId: string, now: Date): CustomerRecord {
  const contacts = [...r.contacts];
  for (const c of facts.contacts) if (!contacts.some((x) => x.key === c.key)) contacts.push(c);
  const names = [...r.names];
  if (facts.name && !names.some((n) => sameSpelling(n, facts.name!))) names.push(facts.name);
  return {
    ...r,
    contacts,
    names,
    profile: { ...r.profile, ...facts.profile },
    preferredChannel: facts.preferredChannel ?? r.preferredChannel,
    // No item id: a contact log (`geholpen`) names the customer; it links itself (records.customer_id).
    itemIds: !itemId || r.itemIds.includes(itemId) ? r.itemIds : [...r.itemIds, itemId],
    updatedAt: now,
  };
}

/** The same name written the same way (case, accents, spaces aside). "Mevrouw Jansen" and "Dhr. Jansen" stay two: a household. */
function sameSpelling(a: string, b: string): boolean {
  const plain = (x: string) =>
    x
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .trim();
  return plain(a) === plain(b);
}

/** Links an item without facts of its own (an interpreter request for the customer's callback). */
export function linkItem(r: CustomerRecord, itemId: string, now: Date): CustomerRecord {
  return r.itemIds.includes(itemId) ? r : { ...r, itemIds: [...r.itemIds, itemId], updatedAt: now };
}

/** Does a name search match this record? Without case, accents or salutation; all typed words in one name. */
export function matchesName(r: CustomerRecord, query: string): boolean {
  // Double names count word by word: "Klaassen" finds "Klaassen-de Boer".
  const words = normaliseName(query)
    .split(/[\s-]+/)
    .filter(Boolean);
  if (!words.length) return false;
  return r.names.some((n) => {
    const have = normaliseName(n).split(/[\s-]+/);
    return words.every((w) => have.includes(w));
  });
}

/** The phone key of a record (for the last four digits in a pick list). */
export function phoneKey(r: CustomerRecord): string {
  return r.contacts.find((c) => c.kind === 'phone')?.key ?? '';
}
