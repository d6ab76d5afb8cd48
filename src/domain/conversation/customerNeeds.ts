// What the customer needs from us, read from an item's own data: a letter rather than e-mail, more
// "niet bereikt" attempts, an e-mail address to confirm to. ONE function, so that it can later read
// the customer record (issue 16) instead of the profile the callback form asks. Pure.

export interface CustomerNeeds {
  /** Not digital, or prefers letters: written confirmations go by post. */
  letter: boolean;
  /** Depends on help (klantbeeld "afhankelijk"): try more often before giving up. */
  needsHelp: boolean;
  /** Where an e-mail confirmation can go, when known. */
  email?: string;
}

export function customerNeeds(data: Record<string, unknown>): CustomerNeeds {
  const profile = (data.profile ?? {}) as Record<string, unknown>;
  const contact = data.contact as { kind?: string; value?: string } | undefined;
  const email = contact?.kind === 'email' && typeof contact.value === 'string' ? contact.value : undefined;
  return {
    letter: profile.digital === 'nietDigitaal' || data.preferredChannel === 'brief',
    needsHelp: profile.attitude === 'afhankelijk',
    email,
  };
}
