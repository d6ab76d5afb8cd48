// The daily digest as data: from the open items, `now` and the working calendar to counts and
// sections (overdue, due today, due on the next working day, unclaimed / later), grouped per
// owner, with the longest sections cut to a line budget. Pure: no I/O, no clock, no Teams.
// Generic over every kind of item: it reads only kind, subject, owner, deadline and closedAt.
import { samePerson } from '../items/lifecycle';
import type { Item, ItemKind, Person } from '../types';
import { addCalendarDays, formatDeadline, formatTimeLeft, type LocalDay, type WorkingCalendar } from '../workingTime';
import { termOf } from '../items/term';
import { fairShares } from './shares';

export type SectionKey = 'overdue' | 'today' | 'nextDay' | 'unclaimed' | 'later';

export interface DigestLine {
  id: string;
  kind: ItemKind;
  /** Subject, shortened to `maxSubjectChars` (not neutralised: the card layer does that). */
  subject: string;
  deadline: Date | null;
  /** formatDeadline wording ('vandaag 17:00', 'uiterlijk vrijdag 27 november, 17:00'); '' without deadline. */
  deadlineText: string;
  /** How late (formatTimeLeft: '2 werkdagen te laat'); '' unless overdue. */
  lateText: string;
  /** The item's stored values cannot be read (e.g. a deadline in the year 10000): shown as one line. */
  unreadable?: boolean;
}

export interface DigestGroup {
  /** null = nobody has claimed these yet. */
  owner: Person | null;
  total: number;
  lines: DigestLine[];
  /** Items of this group not shown ("en nog N…"). */
  more: number;
}

export interface DigestSection {
  key: SectionKey;
  total: number;
  groups: DigestGroup[];
  /** Items in groups left off entirely (the budget had fewer lines than groups). */
  moreItems: number;
  moreGroups: number;
}

export interface DigestCounts {
  /** All open items the digest is about (channel: listed kinds only). */
  open: number;
  overdue: number;
  today: number;
  nextDay: number;
  /** Channel: all unclaimed items (also those already in overdue/today/nextDay). */
  unclaimed: number;
  /** Personal: own items due after the next working day or without a deadline. */
  later: number;
}

/** Items of a kind that a channel post never lists (a language can reveal origin): counted only. */
export interface UnlistedCount {
  kind: ItemKind;
  open: number;
  overdue: number;
}

export interface Digest {
  audience: 'channel' | 'personal';
  person: Person | null;
  day: LocalDay;
  nextWorkingDay: LocalDay;
  generatedAt: Date;
  counts: DigestCounts;
  /** Non-empty sections only, in display order. */
  sections: DigestSection[];
  unlisted: UnlistedCount[];
  /** Lines shown, and whether anything was left off for size. */
  shownLines: number;
  truncated: boolean;
}

export type DigestAudience =
  | {
      type: 'channel';
      /** Kinds whose items may be listed in a channel post; the others are only counted. */ listed: (kind: ItemKind) => boolean;
    }
  | { type: 'personal'; person: Person };

export interface DigestOptions {
  now: Date;
  calendar: WorkingCalendar;
  audience: DigestAudience;
  /** Item lines on the card at most (default 40); the longest sections are cut first. */
  maxLines?: number;
  /** Subjects longer than this are shortened with '…' (default 100). */
  maxSubjectChars?: number;
}

export const DEFAULT_MAX_LINES = 40;
export const DEFAULT_MAX_SUBJECT_CHARS = 100;

const CHANNEL_SECTIONS: readonly SectionKey[] = ['overdue', 'today', 'nextDay', 'unclaimed'];
const PERSONAL_SECTIONS: readonly SectionKey[] = ['overdue', 'today', 'nextDay', 'later'];

export function buildDigest(items: readonly Item[], o: DigestOptions): Digest {
  const cal = o.calendar;
  const nowMs = o.now.getTime();
  const day = cal.dayOf(o.now);
  const nextWorkingDay = cal.nextWorkingDay(day);
  // Day boundaries once (instants), so sorting 10,000 items into sections is plain number compares.
  const startOfTomorrow = cal.at(addCalendarDays(day, 1), '00:00').getTime();
  const endOfNextDay = cal.at(addCalendarDays(nextWorkingDay, 1), '00:00').getTime();
  const channel = o.audience.type === 'channel';
  const person = o.audience.type === 'personal' ? o.audience.person : null;
  const listed = o.audience.type === 'channel' ? o.audience.listed : () => true;

  const buckets: Record<SectionKey, Item[]> = { overdue: [], today: [], nextDay: [], unclaimed: [], later: [] };
  const counts: DigestCounts = { open: 0, overdue: 0, today: 0, nextDay: 0, unclaimed: 0, later: 0 };
  const unlisted = new Map<ItemKind, UnlistedCount>();

  for (const item of items) {
    if (item.closedAt) continue;
    const term = termOf(item).term; // the one decision (items/term.ts): an interpreter booking counts by its confirmation term
    const deadline = term ? term.getTime() : null;
    if (person) {
      if (!item.owner || !isPerson(item.owner, person)) continue;
    } else if (!listed(item.kind)) {
      const u = unlisted.get(item.kind) ?? { kind: item.kind, open: 0, overdue: 0 };
      u.open++;
      if (deadline !== null && deadline < nowMs) u.overdue++;
      unlisted.set(item.kind, u);
      continue;
    }
    counts.open++;
    if (channel && !item.owner) counts.unclaimed++;
    let key: SectionKey;
    if (deadline !== null && deadline < nowMs) key = 'overdue';
    else if (deadline !== null && deadline < startOfTomorrow) key = 'today';
    else if (deadline !== null && deadline < endOfNextDay) key = 'nextDay';
    else if (!channel) key = 'later';
    else if (!item.owner) key = 'unclaimed';
    else continue; // the channel digest leaves owned items with a later term to `overzicht`
    if (key !== 'unclaimed') counts[key]++;
    buckets[key].push(item);
  }
  if (!channel) counts.later = buckets.later.length;

  const order = channel ? CHANNEL_SECTIONS : PERSONAL_SECTIONS;
  const grouped = order.filter((k) => buckets[k].length > 0).map((k) => ({ key: k, groups: groupByOwner(buckets[k], channel) }));
  const maxLines = Math.max(1, Math.floor(o.maxLines ?? DEFAULT_MAX_LINES));
  const sectionShares = fairShares(
    grouped.map((g) => total(g.groups)),
    maxLines,
  );

  const maxSubject = Math.max(10, o.maxSubjectChars ?? DEFAULT_MAX_SUBJECT_CHARS);
  const line = (item: Item, overdue: boolean): DigestLine => {
    const term = termOf(item).term;
    const base = {
      id: item.id,
      kind: item.kind,
      subject: item.subject.length > maxSubject ? `${item.subject.slice(0, maxSubject - 1).trimEnd()}…` : item.subject,
      deadline: term,
    };
    try {
      return {
        ...base,
        deadlineText: term ? formatDeadline(cal, term, o.now) : '',
        lateText: overdue && term ? formatTimeLeft(cal, term, o.now) : '',
      };
    } catch {
      // One bad item must not stop the digest: it becomes one line (issue 13).
      return { ...base, deadlineText: '', lateText: '', unreadable: true };
    }
  };

  let shownLines = 0;
  let truncated = false;
  const sections: DigestSection[] = grouped.map((g, i) => {
    const budget = sectionShares[i]!;
    const groupShares = fairShares(
      g.groups.map((x) => x.items.length),
      budget,
    );
    const section: DigestSection = { key: g.key, total: total(g.groups), groups: [], moreItems: 0, moreGroups: 0 };
    g.groups.forEach((x, j) => {
      const share = groupShares[j]!;
      if (share === 0) {
        section.moreItems += x.items.length;
        section.moreGroups++;
        return;
      }
      const lines = x.items.slice(0, share).map((item) => line(item, g.key === 'overdue'));
      shownLines += lines.length;
      section.groups.push({ owner: x.owner, total: x.items.length, lines, more: x.items.length - lines.length });
    });
    if (budget < section.total) truncated = true;
    return section;
  });

  return {
    audience: channel ? 'channel' : 'personal',
    person,
    day,
    nextWorkingDay,
    generatedAt: o.now,
    counts,
    sections,
    unlisted: [...unlisted.values()].sort((a, b) => a.kind.localeCompare(b.kind)),
    shownLines,
    truncated,
  };
}

/** Owners may be recorded by Entra id or, when that was unknown, by Teams id: either identifies the person. */
function isPerson(owner: Person, p: Person): boolean {
  return samePerson(owner, p) || owner.id === p.teamsId || (!!owner.teamsId && owner.teamsId === p.id);
}

interface RawGroup {
  owner: Person | null;
  items: Item[];
}

const total = (groups: RawGroup[]): number => groups.reduce((n, g) => n + g.items.length, 0);

const byDeadline = (a: Item, b: Item): number => {
  const da = a.deadline ? a.deadline.getTime() : Number.POSITIVE_INFINITY;
  const db = b.deadline ? b.deadline.getTime() : Number.POSITIVE_INFINITY;
  if (da !== db) return da < db ? -1 : 1;
  const ca = a.createdAt.getTime();
  const cb = b.createdAt.getTime();
  if (ca !== cb) return ca - cb;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
};

const collator = new Intl.Collator('nl', { sensitivity: 'base' });

/** Unclaimed first (nobody is on them), then owners by name; within a group the soonest deadline first. */
function groupByOwner(items: Item[], perOwner: boolean): RawGroup[] {
  if (!perOwner) return [{ owner: null, items: [...items].sort(byDeadline) }];
  const groups = new Map<string, RawGroup>();
  for (const item of items) {
    const key = item.owner ? `p:${item.owner.id}` : '';
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { owner: item.owner, items: [] }));
    g.items.push(item);
  }
  const list = [...groups.values()];
  for (const g of list) g.items.sort(byDeadline);
  return list.sort((a, b) => {
    if (!a.owner || !b.owner) return a.owner ? 1 : b.owner ? -1 : 0;
    return collator.compare(a.owner.name, b.owner.name) || (a.owner.id < b.owner.id ? -1 : a.owner.id > b.owner.id ? 1 : 0);
  });
}
