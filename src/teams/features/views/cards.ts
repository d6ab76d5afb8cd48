// The list cards of `mijn` and `overzicht`: one row per open item (id, kind, subject, deadline,
// owner, state) with its buttons, soonest deadline first, cut with "en nog N…" so that a card stays
// well under Teams' 100 KB message limit (we aim for under 80 KB, TEAMS-NOTES.md).
import type { Services } from '../../../app/services';
import { kindRules } from '../../../domain/items/registry';
import type { Item, ItemKind } from '../../../domain/types';
import type { OpenFilter, OpenRow } from '../../../domain/views/openItems';
import type { ListResult } from '../../../app/openItems';
import { formatDeadline, formatMoment } from '../../../domain/workingTime';
import { termOf } from '../../../domain/items/term';
import { nl } from '../../../texts/nl';
import { cap, inputValue, STATE_COLOR } from '../../cards/itemCard';
import { bind, cardSize, md, trusted, trustedFields, trustedTexts } from '../../cards/render';
import type { Notice } from '../../feature';
import template from '../../cards/templates/openItems.json';

const v = nl.views;

/** What a list card reads: the clock and calendar for the terms, the log for a row it cannot show. */
export type ListPorts = Pick<Services, 'clock' | 'calendar' | 'log'>;
export const MAX_CARD_BYTES = 80_000;
export const MINE_MAX_ROWS = 30;
export const TEAM_MAX_ROWS = 40;

export interface RowAction {
  title: string;
  verb: string;
  data: Record<string, unknown>;
}

export interface ListOptions {
  mode: 'mine' | 'team';
  /** The folded list (app/openItems.ts): counts, and the first rows that pass the filter. */
  list: Pick<ListResult, 'counts' | 'filtered' | 'rows' | 'hidden'>;
  filter?: OpenFilter;
  /** Buttons for one row (the item's own verbs, or "Openen"). */
  actions: (item: Item) => RowAction[];
  owners?: { id: string; name: string }[];
  notice?: Notice;
  /** A group chat: sensitive items show without their topic. */
  hideSensitiveSubjects?: boolean;
}

/** A sensitive item (data.sensitive) in a group chat: its topic stays out. */
export function hideSubject(item: Item, inGroupChat: boolean | undefined): boolean {
  return !!inGroupChat && (item.data as { sensitive?: unknown } | null)?.sensitive === true;
}

function rowData(r: OpenRow, s: ListPorts, mode: 'mine' | 'team', actions: ListOptions['actions'], hideSensitive?: boolean) {
  if (!r.unreadable) {
    try {
      return readableRow(r, s, mode, actions, hideSensitive);
    } catch (err) {
      s.log.warn({ err, itemId: r.item.id }, 'list row cannot be shown: invalid stored data');
    }
  }
  // One line with its id, no buttons; the rest of the list goes on (issue 13).
  return {
    ...trustedFields({ id: r.item.id, line: nl.integrity.unreadableLine(r.item.id), metaText: '', stateLabel: '', stateColor: 'Default' }),
    actions: [],
  };
}

function readableRow(r: OpenRow, s: ListPorts, mode: 'mine' | 'team', actions: ListOptions['actions'], hideSensitive?: boolean) {
  const now = s.clock.now();
  const item = r.item;
  const term = termOf(item).term; // the one decision on terms (domain/items/term.ts)
  const deadlineText = term
    ? item.kind === 'appointment' && ['walkin', 'homevisit'].includes(String(item.data.promiseKind))
      ? formatMoment(s.calendar, term, now)
      : formatDeadline(s.calendar, term, now)
    : v.stateLabels.noDeadline;
  return {
    ...trustedFields({
      id: item.id,
      stateLabel: v.stateLabels[r.state] ?? r.state,
      stateColor: r.state === 'noDeadline' ? 'Default' : STATE_COLOR[r.state],
    }),
    line: md`**${trusted(item.id)}** · ${trusted(kindLabel(item))} · ${hideSubject(item, hideSensitive) ? trusted(v.sensitiveSubject) : item.subject}`,
    metaText: mode === 'mine' ? trusted(deadlineText) : md`${trusted(deadlineText)} · ${item.owner ? item.owner.name : trusted(v.nobody)}`,
    // The buttons are ours: our titles, verbs and the item's id.
    actions: trustedTexts(actions(item)),
  };
}

export function kindLabel(item: Item): string {
  const base = v.kindNames[item.kind] ?? item.kind;
  if (item.kind === 'appointment' && typeof item.data.promiseKind === 'string') {
    return `${base} ${(nl.appointments.kinds[item.data.promiseKind] ?? '').toLowerCase()}`.trim();
  }
  return base;
}

export function listCard(s: ListPorts, o: ListOptions): Record<string, unknown> {
  const filter = o.filter ?? {};
  const { counts, filtered, rows, hidden } = o.list;
  const total = counts.total;
  const filterActive = !!(filter.kind || filter.owner || filter.state);
  let max = o.mode === 'mine' ? MINE_MAX_ROWS : TEAM_MAX_ROWS;
  for (;;) {
    // The list holds the first rows that pass the filter; `filtered` counts them all.
    const shown = rows.slice(0, max);
    const more = filtered - shown.length;
    const card = bind(template, {
      ...trustedFields({
        title: o.mode === 'mine' ? v.mineTitle(total) : v.teamTitle(total),
        intro: o.mode === 'mine' && total ? v.mineIntro : '',
        summary:
          o.mode === 'mine'
            ? v.summaryMine(counts.overdue, counts.dueToday, counts.onTime)
            : v.summary(counts.overdue, counts.dueToday, counts.onTime, counts.unclaimed),
        filteredText: filterActive ? v.filtered(filtered, total) : '',
        empty: o.mode === 'mine' ? v.mineEmpty : v.teamEmpty,
        moreText: `${v.more(more)} ${o.mode === 'mine' ? v.moreMine : v.moreTeam}`,
        hiddenText: hidden ? v.privateHidden(hidden) : '',
      }),
      notice: o.notice ? trustedFields({ text: o.notice.text, style: cap(o.notice.style) }) : null,
      showFilters: o.mode === 'team',
      f: trustedTexts(v.filters),
      // The chosen filter is shown back in the pickers: an input value.
      filter: { kind: inputValue(filter.kind ?? ''), owner: inputValue(filter.owner ?? ''), state: inputValue(filter.state ?? '') },
      kindChoices: [
        { value: '', title: v.filters.allKinds },
        ...(Object.keys(kindRules) as ItemKind[]).map((k) => ({ value: k, title: v.kindNames[k] ?? k })),
      ].map((c) => trustedFields(c)),
      // A colleague's name is user text; the value is their id.
      ownerChoices: [
        ...[
          { value: '', title: v.filters.everyone },
          { value: 'none', title: v.filters.unowned },
        ].map((c) => trustedFields(c)),
        ...(o.owners ?? []).map((p) => ({ value: trusted(p.id), title: p.name })),
      ],
      stateChoices: [
        { value: '', title: v.filters.allStates },
        ...(['overdue', 'dueToday', 'onTime'] as const).map((k) => ({ value: k, title: cap(v.stateLabels[k]) })),
      ].map((c) => trustedFields(c)),
      rows: shown.map((r) => rowData(r, s, o.mode, o.actions, o.hideSensitiveSubjects)),
      more,
    });
    // Long subjects can make rows larger than planned: cut further until the card fits.
    if (cardSize(card) <= MAX_CARD_BYTES || max <= 1) return card;
    max = Math.floor(max * 0.75);
  }
}
