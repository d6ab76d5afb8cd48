// When Teams will not let the bot write somewhere (403 MessageWritesBlocked: the app was removed
// or blocked; 404: the channel or chat is gone) the outbox stops retrying that message, records
// the problem here, and tells the team: a 1:1 message to whoever bound the channel and to the
// managers (once per problem), a line for overzicht and the digest (problemLines), and /healthz.
import type { Person } from '../domain/types';
import { sayText, trusted } from '../domain/userText';
import { formatMoment } from '../domain/workingTime';
import { nl } from '../texts/nl';
import type { DeliveryProblem, OutboxMessage } from '../storage/repository';
import type { OutboxHooks } from './outbox';
import type { Services } from './services';

const t = nl.reliability;

export function deliveryProblemHooks(s: Services): OutboxHooks {
  const openTargets = openTargetCache(s);
  return {
    onProblem: async (msg, problem, error) => {
      if (!problem.target) return;
      const now = s.clock.now();
      const row = await s.repo.recordDeliveryProblem(
        { tenantId: msg.tenantId, target: problem.target, code: problem.code, detail: error.slice(0, 300) },
        now,
      );
      openTargets.forget();
      s.log.warn(
        { tenantId: msg.tenantId, target: problem.target.split(':')[0], code: problem.code, failures: row.failures },
        'conversation cannot be written to',
      );
      if (problem.target.startsWith('channel:')) await tellTheTeam(s, msg.tenantId, row);
    },
    onDelivered: async (msg, target) => {
      // Only targets with an open problem need a write; the list is re-read at most every 30 s
      // (another instance may have recorded one) and right after this instance recorded one.
      if (!(await openTargets.has(msg.tenantId, target))) return;
      if (await s.repo.resolveDeliveryProblem(msg.tenantId, target, s.clock.now())) {
        openTargets.forget();
        s.log.info({ tenantId: msg.tenantId, target: target.split(':')[0] }, 'conversation can be written to again');
      }
    },
  };
}

/** A short-lived cache of the targets with an open delivery problem. */
function openTargetCache(s: Services, ttlMs = 30_000) {
  // A cache age, not a decision about the promise: a monotonic timer (the clock may be fake or jump).
  let loaded = -Infinity;
  let targets = new Set<string>();
  return {
    async has(tenantId: string, target: string): Promise<boolean> {
      if (performance.now() - loaded > ttlMs) {
        targets = new Set((await s.repo.listDeliveryProblems({ open: true })).map((p) => `${p.tenantId}|${p.target}`));
        loaded = performance.now();
      }
      return targets.has(`${tenantId}|${target}`);
    },
    forget(): void {
      loaded = -Infinity;
    },
  };
}

/** Once per problem (across instances): a 1:1 message to whoever bound the channel and to the managers. */
async function tellTheTeam(s: Services, tenantId: string, p: DeliveryProblem): Promise<void> {
  if (!(await s.repo.claimOnce(tenantId, `problem:${p.target}:${p.firstAt.getTime()}`, s.clock.now()))) return;
  const binding = await s.repo.getBinding(tenantId);
  const channel = binding && `channel:${binding.channelId}` === p.target ? binding.channelName : trusted(t.unknownChannel);
  const people = new Map<string, Person>();
  if (binding) people.set(binding.boundBy.id, binding.boundBy);
  for (const id of s.config.managerIds) {
    const u = await s.repo.getUser(tenantId, id);
    if (u) people.set(u.userId, { id: u.userId, name: u.name, teamsId: u.teamsId });
  }
  const now = s.clock.now();
  const messages: OutboxMessage[] = [...people.values()].map((to) => ({
    tenantId,
    key: `problem:${tenantId}:${p.target}:${p.firstAt.getTime()}:${to.id}`,
    type: 'notifyPerson',
    lane: `user:${to.id}`,
    payload: { to, text: sayText(t.channelBlocked, channel) },
  }));
  if (messages.length) {
    await s.repo.enqueue(messages, now);
    s.outbox.kick();
  }
}

/** Dutch lines for overzicht and the digest while the team's channel (or someone's chat) cannot be written to. */
export async function problemLines(s: Services, tenantId: string): Promise<string[]> {
  const open = await s.repo.listDeliveryProblems({ tenantId, open: true });
  if (open.length === 0) return [];
  const binding = await s.repo.getBinding(tenantId);
  const lines: string[] = [];
  for (const p of open.filter((x) => x.target.startsWith('channel:'))) {
    const name = binding && `channel:${binding.channelId}` === p.target ? binding.channelName : trusted(t.unknownChannel);
    lines.push(sayText(t.problemLine, name, trusted(formatMoment(s.calendar, p.firstAt, s.clock.now()))));
  }
  const people = open.filter((x) => x.target.startsWith('user:')).length;
  if (people) lines.push(t.personProblemLine(people));
  return lines;
}

/** For /healthz: no names, no ids of people; the kind of target, the code and since when. */
export async function problemSummary(s: Services): Promise<{ target: string; code: string; since: string; failures: number }[]> {
  // 'graph:' rows are Microsoft Graph access problems: /healthz shows them apart (graphAccess.ts).
  const open = (await s.repo.listDeliveryProblems({ open: true })).filter((p) => !p.target.startsWith('graph:'));
  return open.map((p) => ({
    target: p.target.startsWith('channel:') ? 'channel' : 'person',
    code: p.code,
    since: p.firstAt.toISOString(),
    failures: p.failures,
  }));
}
