// The digest card: binds a built Digest into digest.json. Subjects and names are people's text:
// plain strings (or say()/md`…` arguments) that bind() neutralises. A size guard rebuilds with fewer lines should a card ever come near
// Teams' limit (keep a card under 80 KB; the hard cap is 100 KB).
import { performance } from 'node:perf_hooks';
import type { Services } from '../../../app/services';
import {
  DEFAULT_MAX_LINES,
  digestAccumulator,
  type Digest,
  type DigestAccumulator,
  type DigestAudience,
  type SectionKey,
} from '../../../domain/digest';
import { CHANNEL_KINDS } from '../../../domain/items/registry';
import type { Item, Person } from '../../../domain/types';
import { formatDay, formatTime, type WorkingCalendar } from '../../../domain/workingTime';
import { addCalendarDays } from '../../../domain/workingTime';
import { nl } from '../../../texts/nl';
import { bind, cardSize, md, say, trusted, trustedFields } from '../../cards/render';
import template from '../../cards/templates/digest.json';

const t = nl.digest;

/** Cards above this are rebuilt with half the lines (normal cards are 10–30 KB). */
export const MAX_DIGEST_CARD_BYTES = 60_000;

const SECTION_COLOR: Record<SectionKey, string> = {
  overdue: 'Attention',
  today: 'Warning',
  nextDay: 'Accent',
  unclaimed: 'Attention',
  later: 'Default',
};

export interface DigestCardOptions {
  /** The scheduled digest time ('08:30'), named in the personal footer. */
  digestTime: string;
  /** Dutch warnings shown at the top (e.g. the work channel cannot be written to: app/deliveryProblems.ts). */
  notices?: string[];
}

/** The channel digest lists only kinds whose cards live in the channel; interpreter requests are only counted. */
export const channelAudience: DigestAudience = { type: 'channel', listed: (kind) => CHANNEL_KINDS.has(kind) };

export function personalAudience(person: Person): DigestAudience {
  return { type: 'personal', person };
}

export function renderDigestCard(d: Digest, cal: WorkingCalendar, o: DigestCardOptions): Record<string, unknown> {
  const personal = d.audience === 'personal';
  const dayText = formatDay(cal, d.day);
  const nextIsTomorrow = d.nextWorkingDay === addCalendarDays(d.day, 1);
  const nextDayText = formatDay(cal, d.nextWorkingDay, d.generatedAt);
  const weekday = nextDayText.split(' ')[0] ?? nextDayText;
  const c = d.counts;

  const tile = (label: string, value: number, key: SectionKey) =>
    trustedFields({ label, value: String(value), color: value > 0 ? SECTION_COLOR[key] : 'Default' });
  const nextLabel = nextIsTomorrow ? t.tiles.tomorrow : t.tiles.nextDay(weekday);
  const tiles =
    c.open === 0
      ? []
      : [
          tile(t.tiles.overdue, c.overdue, 'overdue'),
          tile(t.tiles.today, c.today, 'today'),
          tile(nextLabel, c.nextDay, 'nextDay'),
          personal ? tile(t.tiles.later, c.later, 'later') : tile(t.tiles.unclaimed, c.unclaimed, 'unclaimed'),
        ];

  const sectionTitle = (key: SectionKey): string => {
    switch (key) {
      case 'overdue':
        return t.sections.overdue;
      case 'today':
        return t.sections.today;
      case 'nextDay':
        return nextIsTomorrow ? t.sections.tomorrow(nextDayText) : t.sections.nextDay(nextDayText);
      case 'unclaimed':
        return t.sections.unclaimed;
      case 'later':
        return t.sections.later;
    }
  };

  const sections = d.sections.map((s) => ({
    ...trustedFields({
      title: t.withCount(sectionTitle(s.key), s.total),
      color: SECTION_COLOR[s.key],
      more: s.moreItems > 0 ? (s.groups.length > 0 ? t.moreInSection(s.moreItems, s.moreGroups) : t.moreItems(s.moreItems)) : '',
    }),
    groups: s.groups.map((g) => ({
      // Personal: all are yours. Unclaimed section: all are nobody's; the title says so already.
      header: personal || s.key === 'unclaimed' ? trusted('') : g.owner ? say(t.owner, g.owner.name, g.total) : trusted(t.nobody(g.total)),
      lines: g.lines.map((l) =>
        l.unreadable
          ? trustedFields({ id: l.id, verb: '', text: nl.integrity.unreadableLine(l.id), meta: '', metaColor: 'Default' })
          : {
              ...trustedFields({
                id: l.id,
                verb: `${l.kind}.view`,
                meta: `${t.kinds[l.kind] ?? l.kind} · ${l.deadlineText || t.noDeadline}${l.lateText ? t.lateSuffix(l.lateText) : ''}`,
                metaColor: s.key === 'overdue' ? 'Attention' : 'Default',
              }),
              text: md`**${trusted(l.id)}** · ${l.subject}`,
            },
      ),
      more: trusted(g.more > 0 ? t.moreInGroup(g.more) : ''),
    })),
  }));

  return bind(template, {
    ...trustedFields({
      title: personal ? t.personalTitle(dayText) : t.channelTitle(dayText),
      subtitle: t.asOf(formatTime(cal, d.generatedAt), c.open),
      empty: c.open > 0 ? '' : personal ? t.emptyPersonal : t.emptyChannel,
      openTitle: t.open,
      truncated: d.truncated ? (personal ? t.truncatedPersonal : t.truncated) : '',
      footer: personal ? t.footerPersonal(o.digestTime) : t.footerChannel,
    }),
    // Our warnings (app/deliveryProblems.ts neutralises the channel name in them).
    notices: (o.notices ?? []).map((text) => trustedFields({ text })),
    tiles,
    sections,
    // Only a count per kind: never a language, a customer or a subject (see docs/digest.md).
    // Not even a count of interpreter requests in the channel: in a small team "1 tolkaanvraag te laat"
    // next to the callbacks can point at a customer. Owners see theirs in the personal digest.
    unlisted: personal
      ? d.unlisted.map((u) => trustedFields({ text: t.unlisted(t.kindsPlural[u.kind] ?? u.kind, u.open, u.overdue) }))
      : [],
  });
}

export interface ComposedDigest {
  digest: Digest;
  card: Record<string, unknown>;
  bytes: number;
  /** Milliseconds in building the digest (the pure part: folding given items, then each result) and in binding the card, over all attempts. */
  buildMs: number;
  cardMs: number;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/**
 * Builds and renders a digest, from the items or from what app/openItems.ts digestOf folded page by
 * page; halves the line budget until the card is under MAX_DIGEST_CARD_BYTES.
 */
export function composeDigest(
  from: readonly Item[] | DigestAccumulator,
  audience: DigestAudience,
  now: Date,
  cal: WorkingCalendar,
  o: DigestCardOptions,
): ComposedDigest {
  const started = performance.now();
  let acc: DigestAccumulator;
  if ('result' in from) acc = from;
  else {
    acc = digestAccumulator({ now, calendar: cal, audience, maxLines: DEFAULT_MAX_LINES });
    acc.add(from);
  }
  let maxLines = DEFAULT_MAX_LINES;
  let buildMs = performance.now() - started;
  let cardMs = 0;
  for (;;) {
    const t0 = performance.now();
    const digest = acc.result(maxLines);
    const t1 = performance.now();
    const card = renderDigestCard(digest, cal, o);
    const bytes = cardSize(card);
    buildMs += t1 - t0;
    cardMs += performance.now() - t1;
    if (bytes <= MAX_DIGEST_CARD_BYTES || maxLines <= 1) return { digest, card, bytes, buildMs: round(buildMs), cardMs: round(cardMs) };
    maxLines = Math.floor(maxLines / 2);
  }
}

/** What composing a digest reads: the open items, the delivery problems to warn about, the calendar and digest time. */
export type DigestPorts = Pick<Services, 'openItems' | 'problems' | 'calendar' | 'config' | 'log'>;

/** Loads what a digest needs and composes it; logs size and build time (never content). */
export async function digestFor(s: DigestPorts, tenantId: string, audience: DigestAudience, now: Date): Promise<ComposedDigest> {
  const loadStarted = performance.now();
  const folded = await s.openItems.digest(tenantId, audience, now);
  const loadMs = round(performance.now() - loadStarted);
  const notices = await s.problems.lines(tenantId);
  const composed = composeDigest(folded, audience, now, s.calendar, { digestTime: s.config.digestTime, notices });
  s.log.info(
    {
      tenantId,
      audience: audience.type,
      items: folded.seen,
      lines: composed.digest.shownLines,
      truncated: composed.digest.truncated,
      cardBytes: composed.bytes,
      loadMs,
      buildMs: composed.buildMs,
      cardMs: composed.cardMs,
    },
    'digest built',
  );
  return composed;
}
