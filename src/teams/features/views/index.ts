// Personal and team views: `mijn` (my open items of every kind) and `overzicht` (the team's open
// items with filters). Each row has the item's own claim verb where it has one, and "Openen",
// which shows the item's card (the owner view for the owner or a manager) with a way back.
import { CardFactory } from 'botbuilder';
import { CHANNEL_KINDS, kindRules } from '../../../domain/items/registry';
import type { ItemKind } from '../../../domain/types';
import type { ItemState, OpenFilter } from '../../../domain/views/openItems';
import { nl } from '../../../texts/nl';
import { cardResponse, noticeCard } from '../../cards/common';
import { isVerb } from '../../cards/contract';
import { defineFeature, type Feature, type ItemCardRenderer, type PortsOf } from '../../feature';
import type { Turn } from '../../turn';
import { hideSubject, listCard, MINE_MAX_ROWS, TEAM_MAX_ROWS, type RowAction } from './cards';
import { renderChannel, renderOwner } from '../../cards/itemViews';
import { say, trusted } from '../../cards/render';

const v = nl.views;
const NEEDS = ['clock', 'calendar', 'log', 'policy', 'items', 'itemViews', 'openItems', 'problems'] as const;
type Ports = PortsOf<typeof NEEDS>;

const STATES: readonly ItemState[] = ['overdue', 'dueToday', 'onTime', 'noDeadline'];

function filterFrom(data: Record<string, unknown>): OpenFilter {
  const str = (k: string) => (typeof data[k] === 'string' ? (data[k] as string).trim() : '');
  const kind = str('kind');
  const state = str('state');
  return {
    kind: kind && kind in kindRules ? (kind as ItemKind) : undefined,
    owner: str('owner') || undefined,
    state: (STATES as readonly string[]).includes(state) ? (state as ItemState) : undefined,
  };
}

/**
 * The views feature. It opens items of every kind, so it looks their card renderers and verbs up
 * in the list of features it is given (read when a button is pressed, so later additions count).
 */
export function viewsFeature(features: readonly Feature[]): Feature<(typeof NEEDS)[number]> {
  const renderer = (kind: ItemKind): ItemCardRenderer | undefined => features.find((f) => f.cards?.[kind])?.cards?.[kind];
  const hasVerb = (verb: string) => isVerb(verb) && features.some((f) => !!f.verbs?.[verb]);

  async function mine(turn: Turn<Ports>) {
    const list = await turn.s.openItems.own(turn.tenantId, { actor: turn.actor, personal: turn.scope === 'personal', keep: MINE_MAX_ROWS });
    return listCard(turn.s, {
      mode: 'mine',
      list,
      hideSensitiveSubjects: turn.scope === 'groupChat',
      actions: (item) => [{ title: v.open, verb: 'views.open', data: { id: item.id, back: 'mine' } }],
    });
  }

  async function team(turn: Turn<Ports>, filter: OpenFilter) {
    const list = await turn.s.openItems.team(turn.tenantId, {
      actor: turn.actor,
      personal: turn.scope === 'personal',
      filter,
      keep: TEAM_MAX_ROWS,
    });
    // The work channel cannot be written to (blocked, removed): say so on top (app/deliveryProblems.ts).
    const problems = await turn.s.problems.lines(turn.tenantId);
    return listCard(turn.s, {
      mode: 'team',
      notice: problems.length ? { text: problems.join(' '), style: 'attention' } : undefined,
      list,
      filter,
      hideSensitiveSubjects: turn.scope === 'groupChat',
      owners: [...list.owners].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'nl')),
      actions: (item) => {
        const out: RowAction[] = [];
        if (!item.owner && hasVerb(`${item.kind}.claim`))
          out.push({ title: v.claim, verb: `${item.kind}.claim`, data: { id: item.id, v: item.version } });
        out.push({ title: v.open, verb: 'views.open', data: { id: item.id, back: 'team' } });
        return out;
      },
    });
  }

  const send = async (turn: Turn<unknown>, card: Record<string, unknown>) => {
    await turn.ctx.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  };

  return defineFeature(NEEDS, {
    name: 'views',
    commands: {
      mijn: async (turn) => send(turn, await mine(turn)),
      overzicht: async (turn) => send(turn, await team(turn, {})),
    },
    verbs: {
      'views.mine': async (turn) => cardResponse(await mine(turn)),
      'views.team': async (turn, data) => cardResponse(await team(turn, filterFrom(data))),
      'views.open': async (turn, data) => {
        const id = typeof data.id === 'string' ? data.id : '';
        const item = await turn.s.items.get(turn.tenantId, id);
        const r = item ? renderer(item.kind) : undefined;
        if (!item || !r) return cardResponse(noticeCard(say(nl.common.unknownItem, id), 'warning'));
        const mayView = turn.s.policy.mayViewPrivate(item, turn.actor);
        const privateKind = !CHANNEL_KINDS.has(item.kind);
        if (privateKind && !mayView) return cardResponse(noticeCard(trusted(nl.common.notAllowed), 'warning'));
        if (hideSubject(item, turn.scope === 'groupChat')) return cardResponse(noticeCard(trusted(v.sensitiveOnlyPersonal), 'warning'));
        let card: Record<string, unknown>;
        try {
          card = mayView ? await renderOwner(r, turn.s, item) : await renderChannel(r, turn.s, item);
        } catch (err) {
          turn.s.log.warn({ err, itemId: item.id }, 'item card cannot be shown: invalid stored data');
          card = noticeCard(trusted(nl.integrity.unreadableLine(item.id)), 'warning');
        }
        const back =
          data.back === 'team'
            ? { verb: 'views.team', data: { kind: data.kind, owner: data.owner, state: data.state } }
            : { verb: 'views.mine', data: {} };
        const body = Array.isArray(card.body) ? card.body : [];
        return cardResponse({
          ...card,
          body: [
            ...body,
            {
              type: 'ActionSet',
              actions: [{ type: 'Action.Execute', title: v.back, verb: back.verb, data: back.data, associatedInputs: 'none' }],
            },
          ],
        });
      },
    },
  });
}
