// Core commands: help, binding the work channel (koppel).
import { CardFactory, TeamsInfo, TurnContext } from 'botbuilder';
import { PENDING_TENANT } from '../../domain/types';
import { nl } from '../../texts/nl';
import { sayText, trusted } from '../cards/render';
import { bindWorkChannel } from '../../app/workChannel';
import { formatMoment } from '../../domain/workingTime';
import { helpCard } from '../cards/commandButtons';
import { nextDigestMoment } from '../../app/jobs/digest';
import type { Feature } from '../feature';
import type { Turn } from '../turn';
import { channelConversationId } from '../delivery';

const c = nl.common;

async function sendHelp(turn: Turn): Promise<void> {
  await turn.ctx.sendActivity({ attachments: [CardFactory.adaptiveCard(helpCard(turn.hasCommand ?? (() => false)))] });
}

async function koppel(turn: Turn): Promise<void> {
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
  const outcome = await bindWorkChannel(turn.s, {
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
  // Problems with an earlier work channel no longer matter once the team has moved on.
  for (const p of await turn.s.repo.listDeliveryProblems({ tenantId: turn.tenantId, open: true })) {
    if (p.target.startsWith('channel:') && p.target !== `channel:${channelId}`)
      await turn.s.repo.resolveDeliveryProblem(turn.tenantId, p.target, turn.s.clock.now());
  }
  // Intake callbacks that came in before the bot knew its tenant now belong to this one (when no
  // intake tenant is configured, the first team that binds a channel is the organisation).
  if (!turn.s.config.intake.tenantId) {
    const adopted = await turn.s.repo.adoptTenant(PENDING_TENANT, turn.tenantId);
    if (adopted > 0)
      turn.s.log.info(
        { tenantId: turn.tenantId, adopted, linked: await turn.s.customers.linkAdopted(turn.tenantId) },
        'pending intake callbacks adopted',
      );
  }
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
async function rememberTeamMembers(turn: Turn, teamId: string): Promise<void> {
  try {
    const page = await askTeams(TeamsInfo.getPagedTeamMembers(turn.ctx, teamId, 500));
    for (const m of page.members ?? []) {
      if (!m.id || !m.name) continue;
      await turn.s.repo.upsertUser({ tenantId: turn.tenantId, userId: m.aadObjectId || m.id, teamsId: m.id, name: m.name });
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
async function channelNameOf(turn: Turn, channelId: string): Promise<string> {
  try {
    const channels = await askTeams(TeamsInfo.getTeamChannels(turn.ctx));
    return channels.find((ch) => ch.id === channelId)?.name ?? '';
  } catch (err) {
    turn.s.log.warn({ err: err instanceof Error ? err.message : String(err) }, "could not read the team's channel names");
    return '';
  }
}

export const coreFeature: Feature = {
  name: 'core',
  commands: {
    help: sendHelp,
    hulp: sendHelp,
    koppel,
  },
};
