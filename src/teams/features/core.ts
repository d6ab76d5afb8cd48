// Core commands: help, binding the work channel (koppel).
import { CardFactory, TeamsInfo, TurnContext } from 'botbuilder';
import { nl } from '../../texts/nl';
import { sayText, trusted } from '../cards/render';
import { formatMoment } from '../../domain/workingTime';
import { helpCard } from '../cards/commandButtons';
import { nextDigestMoment } from '../../app/jobs/digest';
import { defineFeature, type PortsOf } from '../feature';
import type { Turn } from '../turn';
import { channelConversationId } from '../delivery';

const c = nl.common;

const NEEDS = ['clock', 'calendar', 'config', 'log', 'items', 'users', 'workChannel'] as const;
type Ports = PortsOf<typeof NEEDS>;

async function sendHelp(turn: Turn<unknown>): Promise<void> {
  await turn.ctx.sendActivity({ attachments: [CardFactory.adaptiveCard(helpCard(turn.hasCommand ?? (() => false)))] });
}

async function koppel(turn: Turn<Ports>): Promise<void> {
  const a = turn.ctx.activity;
  const cd = (a.channelData ?? {}) as { team?: { id?: string; name?: string }; channel?: { id?: string; name?: string } };
  if (turn.scope !== 'channel' || !cd.team?.id) {
    await turn.ctx.sendActivity(c.bindOnlyInChannel);
    return;
  }
  const channelId = cd.channel?.id || channelConversationId(a.conversation.id);
  const channelName =
    cd.channel?.name || (await channelNameOf(turn, channelId)) || (channelId === cd.team.id ? GENERAL : cd.team.name || GENERAL);
  const ref = TurnContext.getConversationReference(a) as Record<string, unknown>;
  const conversation = { ...(ref.conversation as Record<string, unknown>), id: channelConversationId(a.conversation.id) };
  const outcome = await turn.s.workChannel.bind({
    tenantId: turn.tenantId,
    teamId: cd.team.id,
    teamName: cd.team.name || '',
    channelId,
    channelName,
    conversationRef: { ...ref, conversation, activityId: undefined },
    boundBy: turn.actor,
    boundAt: turn.s.clock.now(),
  });
  if (outcome.status === 'refused') {
    await turn.ctx.sendActivity(sayText(nl.workChannel.moveRefused, outcome.current.channelName, outcome.current.boundBy.name));
    return;
  }
  if (outcome.status === 'already') await turn.ctx.sendActivity(c.boundAlready(channelName));
  else if (outcome.status === 'moved')
    await turn.ctx.sendActivity(sayText(c.boundMoved, trusted(channelName), outcome.previous.channelName));
  else {
    const next = nextDigestMoment(turn.s, turn.s.clock.now());
    await turn.ctx.sendActivity(`${c.bound(channelName)} ${c.boundNext(formatMoment(turn.s.calendar, next))}`);
  }
  turn.s.log.info({ tenantId: turn.tenantId, moved: outcome.status === 'moved' }, 'work channel bound');
  await rememberTeamMembers(turn, cd.team.id);
  // Earlier channels' delivery problems resolved, pending intake callbacks adopted (app/workChannel.ts).
  await turn.s.workChannel.settle(turn.tenantId, channelId);
  const n = await turn.s.items.postPending(turn.tenantId, channelId);
  if (n > 0) await turn.ctx.sendActivity(c.pendingPosted(n));
}

/** A question to Teams about the team, answered within 3 s or refused ("timeout"): koppel must not hang on it. */
async function askTeams<T>(ask: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), 3000);
  });
  try {
    return await Promise.race([ask, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The members of the bound team become colleagues the bot knows (names for the colleague choice and
 * its typeahead, app/colleagueSearch.ts), also those who never talked to the bot. One page of up to
 * 500; a team that does not answer in time keeps the colleagues the bot already knew.
 */
async function rememberTeamMembers(turn: Turn<Pick<Ports, 'users' | 'log'>>, teamId: string): Promise<void> {
  try {
    const page = await askTeams(TeamsInfo.getPagedTeamMembers(turn.ctx, teamId, 500));
    for (const m of page.members ?? []) {
      if (!m.id || !m.name) continue;
      await turn.s.users.upsertUser({ tenantId: turn.tenantId, userId: m.aadObjectId || m.id, teamsId: m.id, name: m.name });
    }
  } catch (err) {
    turn.s.log.warn({ err: err instanceof Error ? err.message : String(err) }, "could not read the team's members");
  }
}

/** Teams calls the General channel "Algemeen" in Dutch; its name is never sent (users see it localised). */
const GENERAL = c.generalChannel;

/**
 * A channel's name: Teams leaves it out of message activities, so ask the team's channel list
 * (the bot is a member of the team). Empty when Teams does not say (General) or does not answer in time.
 */
async function channelNameOf(turn: Turn<Pick<Ports, 'log'>>, channelId: string): Promise<string> {
  try {
    const channels = await askTeams(TeamsInfo.getTeamChannels(turn.ctx));
    return channels.find((ch) => ch.id === channelId)?.name ?? '';
  } catch (err) {
    turn.s.log.warn({ err: err instanceof Error ? err.message : String(err) }, "could not read the team's channel names");
    return '';
  }
}

export const coreFeature = defineFeature(NEEDS, {
  name: 'core',
  commands: {
    help: sendHelp,
    hulp: sendHelp,
    koppel,
  },
});
