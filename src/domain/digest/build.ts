// The daily digest as data: from the open items, `now` and the working calendar to counts and
// sections (overdue, due today, due on the next working day, unclaimed / later), grouped per
// owner, with the longest sections cut to a line budget. Pure: no I/O, no clock, no Teams.
// Folded a page at a time (digestAccumulator): it holds counts and the lines a card can show, never every item.
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

/** The digest of `items` at once: the accumulator below, fed one list. */
export function buildDigest(items: readonly Item[], o: DigestOptions): Digest {
  const acc = digestAccumulator(o);
  acc.add(items);
  return acc.result();
}

/**
 * A digest folded page by page (issue 14): `add` takes the items in any order and pages of any
 * size, `result` gives the same Digest as buildDigest over all of them at once. It keeps the counts
 * and, per section and group, only the `maxLines` soonest items (byDeadline): no group can show
 * more, since a group's share never exceeds its section's budget and that never exceeds maxLines.
 */
export interface DigestAccumulator {
  add(items: Iterable<Item>): void;
  /** Items passed to `add` so far (also those the digest leaves out). */
  readonly seen: number;
  /** The digest so far; `maxLines` may lower the options' budget (the card's size guard), never raise it. */
  result(maxLines?: number): Digest;
}

interface Group {
  /** The group's key: 'p:<owner id>', or '' (nobody; the personal digest's one group). */
  key: string;
  total: number;
  /** The group's soonest items (byDeadline): at most `keep` between pages (trim), fewer than 2 × keep within one. */
  kept: Item[];
}

export function digestAccumulator(o: DigestOptions): DigestAccumulator {
  const tally = digestTally(o);
  const keep = lineBudget(o.maxLines);
  const sections: Record<SectionKey, Map<string, Group>> = {
    overdue: new Map(),
    today: new Map(),
    nextDay: new Map(),
    unclaimed: new Map(),
    later: new Map(),
  };
  let seen = 0;

  const trim = (g: Group) => {
    g.kept.sort(byDeadline);
    if (g.kept.length > keep) g.kept.length = keep;
  };

  const touched = new Set<Group>();
  const add = (item: Item): void => {
    const place = tally.add(item);
    if (!place) return;
    const groups = sections[place.section];
    let g = groups.get(place.group);
    if (!g) groups.set(place.group, (g = { key: place.group, total: 0, kept: [] }));
    g.total++;
    g.kept.push(item);
    touched.add(g);
    if (g.kept.length >= 2 * keep) trim(g); // one long list: a sort per `keep` items, never more than 2 × keep held
  };

  const result = (lines?: number): Digest => {
    const maxLines = lines === undefined ? keep : lineBudget(lines);
    if (maxLines > keep) throw new RangeError(`a digest folded for ${keep} lines cannot show ${maxLines}`);
    const sorted = SECTION_KEYS.filter((k) => sections[k].size > 0).map((k): SortedSection => {
      const groups = [...sections[k].values()];
      for (const g of groups) trim(g);
      return { key: k, groups: groups.map((g) => ({ owner: ownerOf(g), total: g.total, items: g.kept })).sort(byOwner) };
    });
    return tally.digest(sorted, maxLines);
  };

  return {
    add(items) {
      for (const item of items) {
        seen++;
        add(item);
      }
      // After a page, every group holds at most `keep` items: the page can be let go.
      for (const g of touched) if (g.kept.length > keep) trim(g);
      touched.clear();
    },
    get seen() {
      return seen;
    },
    result,
  };
}

const SECTION_KEYS: readonly SectionKey[] = ['overdue', 'today', 'nextDay', 'unclaimed', 'later'];

/** Where an item goes: its section and its group there ('p:<owner id>' in the channel, else ''). */
export interface Placement {
  section: SectionKey;
  group: string;
}

/** A section's groups in display order, each with its size and its soonest items first (at least as many as it can show). */
export interface SortedSection {
  key: SectionKey;
  groups: { owner: Person | null; total: number; items: readonly Item[] }[];
}

/**
 * The counts of a digest and the rules for one item, without the items: `add` counts an item and
 * says where it is listed (null: closed, someone else's, only counted, or left to `overzicht`);
 * `digest` cuts the sections to the line budget and makes the Digest. The fold above groups what
 * `add` places; the tests hold it against grouping every item at once (test/support/digestReference.ts).
 */
export function digestTally(o: DigestOptions): {
  add(item: Item): Placement | null;
  digest(sections: readonly SortedSection[], maxLines: number): Digest;
} {
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
  const counts: DigestCounts = { open: 0, overdue: 0, today: 0, nextDay: 0, unclaimed: 0, later: 0 };
  const unlisted = new Map<ItemKind, UnlistedCount>();

  const add = (item: Item): Placement | null => {
    if (item.closedAt) return null;
    const term = termOf(item).term; // the one decision (items/term.ts): an interpreter booking counts by its confirmation term
    const deadline = term ? term.getTime() : null;
    if (person) {
      if (!item.owner || !isPerson(item.owner, person)) return null;
    } else if (!listed(item.kind)) {
      const u = unlisted.get(item.kind) ?? { kind: item.kind, open: 0, overdue: 0 };
      u.open++;
      if (deadline !== null && deadline < nowMs) u.overdue++;
      unlisted.set(item.kind, u);
      return null;
    }
    counts.open++;
    if (channel && !item.owner) counts.unclaimed++;
    let key: SectionKey;
    if (deadline !== null && deadline < nowMs) key = 'overdue';
    else if (deadline !== null && deadline < startOfTomorrow) key = 'today';
    else if (deadline !== null && deadline < endOfNextDay) key = 'nextDay';
    else if (!channel) key = 'later';
    else if (!item.owner) key = 'unclaimed';
    else return null; // the channel digest leaves owned items with a later term to `overzicht`
    if (key !== 'unclaimed') counts[key]++;
    // The channel groups per owner; the personal digest has one group (all are the person's).
    return { section: key, group: channel && item.owner ? `p:${item.owner.id}` : '' };
  };

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

  const digest = (sorted: readonly SortedSection[], maxLines: number): Digest => {
    const order = channel ? CHANNEL_SECTIONS : PERSONAL_SECTIONS;
    const grouped = order.flatMap((k) => sorted.filter((x) => x.key === k && x.groups.length > 0));
    const sectionShares = fairShares(
      grouped.map((g) => total(g.groups)),
      maxLines,
    );
    let shownLines = 0;
    let truncated = false;
    const sections: DigestSection[] = grouped.map((g, i) => {
      const budget = sectionShares[i]!;
      const groupShares = fairShares(
        g.groups.map((x) => x.total),
        budget,
      );
      const section: DigestSection = { key: g.key, total: total(g.groups), groups: [], moreItems: 0, moreGroups: 0 };
      g.groups.forEach((x, j) => {
        const share = groupShares[j]!;
        if (share === 0) {
          section.moreItems += x.total;
          section.moreGroups++;
          return;
        }
        const lines = x.items.slice(0, share).map((item) => line(item, g.key === 'overdue'));
        shownLines += lines.length;
        section.groups.push({ owner: x.owner, total: x.total, lines, more: x.total - lines.length });
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
      counts: { ...counts },
      sections,
      unlisted: [...unlisted.values()].map((u) => ({ ...u })).sort((a, b) => a.kind.localeCompare(b.kind)),
      shownLines,
      truncated,
    };
  };

  return { add, digest };
}

const lineBudget = (maxLines: number | undefined): number => Math.max(1, Math.floor(maxLines ?? DEFAULT_MAX_LINES));

/** Owners may be recorded by Entra id or, when that was unknown, by Teams id: either identifies the person. */
function isPerson(owner: Person, p: Person): boolean {
  return samePerson(owner, p) || owner.id === p.teamsId || (!!owner.teamsId && owner.teamsId === p.id);
}

const total = (groups: readonly { total: number }[]): number => groups.reduce((n, g) => n + g.total, 0);

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

/**
 * A group's owner as on its soonest item (the first line): the same person whichever order the
 * items came in (a renamed colleague's items can carry either name).
 */
const ownerOf = (g: Group): Person | null => (g.key ? g.kept[0]!.owner : null);

/** Unclaimed first (nobody is on them), then owners by name (Dutch collation), then by id. */
export function byOwner(a: { owner: Person | null }, b: { owner: Person | null }): number {
  const ao = a.owner;
  const bo = b.owner;
  if (!ao || !bo) return ao ? 1 : bo ? -1 : 0;
  return collator.compare(ao.name, bo.name) || (ao.id < bo.id ? -1 : ao.id > bo.id ? 1 : 0);
}
