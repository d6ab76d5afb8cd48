// What the customer needs from us in the conversation (a letter rather than e-mail, more "niet
// bereikt" attempts, an e-mail address to confirm to), read from an item's own data. The klantbeeld
// rule itself is the customer record's (domain/customers/profile.ts); this only adapts it. Pure.
import { customerNeeds as profileNeeds, parseProfile } from '../customers/profile';

export interface CustomerNeeds {
  /** Not digital, or prefers letters: written confirmations go by post. */
  letter: boolean;
  /** Needs help to arrange things: try more often before giving up. */
  needsHelp: boolean;
  /** Where an e-mail confirmation can go, when known. */
  email?: string;
}

export function customerNeeds(data: Record<string, unknown>): CustomerNeeds {
  // parseProfile also accepts the labels stored before migration 4 ("nietDigitaal", "afhankelijk").
  const profile = parseProfile((data.profile ?? {}) as Record<string, unknown>);
  const needs = profileNeeds(profile, typeof data.preferredChannel === 'string' ? data.preferredChannel : undefined);
  const contact = data.contact as { kind?: string; value?: string } | undefined;
  const email = contact?.kind === 'email' && typeof contact.value === 'string' ? contact.value : undefined;
  return { letter: needs.notDigital, needsHelp: needs.needsHelp, email };
}
