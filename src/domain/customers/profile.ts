// The klantbeeld and the preferred contact channel, stored worded so the customer may read them
// (what the customer needs, not a label about them), and what they mean for the colleague.
// Age groups do not overlap: under 23, 23 up to 55, 55 and older. Pure.
import { nl } from '../../texts/nl';

export const AGE_GROUPS = ['jonger-dan-23', '23-tot-55', '55-of-ouder'] as const;
export const DIGITAL = ['regelt-digitaal', 'liever-persoonlijk'] as const;
export const ATTITUDES = ['denkt-mee', 'wil-duidelijkheid', 'hulp-bij-regelen'] as const;
export const PREFERRED_CHANNELS = ['telefoon', 'email', 'brief', 'balie'] as const;

export type AgeGroup = (typeof AGE_GROUPS)[number];
export type Digital = (typeof DIGITAL)[number];
export type Attitude = (typeof ATTITUDES)[number];
export type PreferredChannel = (typeof PREFERRED_CHANNELS)[number];

/** The age group of an age in years: each age in exactly one group (22 → under 23, 23 and 54 → 23 up to 55, 55 → 55 and older). */
export function ageGroupFor(age: number): AgeGroup {
  return age < 23 ? 'jonger-dan-23' : age < 55 ? '23-tot-55' : '55-of-ouder';
}

export interface Profile {
  ageGroup?: AgeGroup;
  digital?: Digital;
  attitude?: Attitude;
}

/** The labels of the first version (still accepted as input; migration 4 renamed the stored ones). */
export const LEGACY_VALUES: Record<string, Record<string, string>> = {
  ageGroup: { starter: 'jonger-dan-23', middelbaar: '23-tot-55', senior: '55-of-ouder' },
  digital: { digitaal: 'regelt-digitaal', nietDigitaal: 'liever-persoonlijk' },
  attitude: { actief: 'denkt-mee', afnemer: 'wil-duidelijkheid', afhankelijk: 'hulp-bij-regelen' },
  preferredChannel: { persoonlijk: 'balie' },
};

const ALLOWED: Record<keyof Profile | 'preferredChannel', readonly string[]> = {
  ageGroup: AGE_GROUPS,
  digital: DIGITAL,
  attitude: ATTITUDES,
  preferredChannel: PREFERRED_CHANNELS,
};

/** A value of a klantbeeld field (or preferredChannel): the stored code, a legacy label mapped, or undefined. */
export function profileValue(field: keyof typeof ALLOWED, raw: unknown): string | undefined {
  if (typeof raw !== 'string' || !raw.trim()) return undefined;
  const v = raw.trim();
  if (ALLOWED[field].includes(v)) return v;
  return LEGACY_VALUES[field]?.[v];
}

/** True when `raw` is empty or a valid value (a form or the intake API checks with this). */
export function isValidProfileValue(field: keyof typeof ALLOWED, raw: unknown): boolean {
  return raw === undefined || raw === null || raw === '' || profileValue(field, raw) !== undefined;
}

export const PROFILE_FIELDS = ['ageGroup', 'digital', 'attitude'] as const;

/** The klantbeeld from form or intake input (fields named as in the callback form). */
export function parseProfile(input: Record<string, unknown>): Profile {
  const p: Profile = {};
  for (const f of PROFILE_FIELDS) {
    const v = profileValue(f, input[f]);
    if (v) (p as Record<string, string>)[f] = v;
  }
  return p;
}

/** What the klantbeeld asks of the colleague (h17 reads this for "geholpen"). */
export interface CustomerNeeds {
  /** Not (or only sometimes) digital: confirm by letter. */
  notDigital: boolean;
  /** Digital: tell them about the digital options, without pressing. */
  digital: boolean;
  /** Needs help arranging things: a home visit, more attempts, or contact through someone they trust. */
  needsHelp: boolean;
}

export function customerNeeds(profile: Profile | undefined, preferredChannel?: string): CustomerNeeds {
  return {
    notDigital: profile?.digital === 'liever-persoonlijk' || preferredChannel === 'brief',
    digital: profile?.digital === 'regelt-digitaal',
    needsHelp: profile?.attitude === 'hulp-bij-regelen',
  };
}

/** The needs as Dutch hints, in the order a colleague acts on them. */
export function needsHints(needs: CustomerNeeds): string[] {
  const t = nl.customers.needs;
  return [needs.notDigital ? t.letter : '', needs.digital ? t.digital : '', needs.needsHelp ? t.help : ''].filter(Boolean);
}

/** The klantbeeld as the customer could read it, one phrase per field. */
export function profileLines(profile: Profile | undefined): string[] {
  const t = nl.customers.profile;
  if (!profile) return [];
  return [
    profile.ageGroup ? t.ageGroup[profile.ageGroup] : '',
    profile.digital ? t.digital[profile.digital] : '',
    profile.attitude ? t.attitude[profile.attitude] : '',
  ].filter((s): s is string => !!s);
}
