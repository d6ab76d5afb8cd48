// When Microsoft Graph refuses the bot itself (GraphFailure.accessDenied: 401
// NoPermissionsInAccessToken, admin consent missing or not yet in the token; 403 from an Exchange
// application access policy or a missing directory permission), asking again does not help until
// an administrator acts. Such a refusal is:
// - recorded once per cause (a row in delivery_problems with a 'graph:' target, so it holds across
//   restarts and instances: 'graph:consent', 'graph:directory', 'graph:mailbox:<user id>');
// - told to the managers in their 1:1 chat, once per problem;
// - shown in /healthz (graphAccessSummary; no names or ids of people);
// - re-checked every RECHECK_MINUTES with one cheap call (recheckGraphAccess); when Graph allows it
//   again the problem is closed and the caller queues the agenda work that was left waiting.
// While a calendar problem is open the agenda catch-up leaves the callbacks it covers alone
// (coveredByAccessProblem), so nothing is retried in vain.
import type { Person } from '../domain/types';
import type { GraphFailure } from '../graph';
import { nl } from '../texts/nl';
import type { DeliveryProblem, OutboxMessage } from '../storage/repository';
import type { Services } from './services';

const t = nl.agenda.access;
export const RECHECK_MINUTES = 15;
const PREFIX = 'graph:';

/** What was being done when Graph refused: the agenda of `userId`, or the manager lookup for them. */
export interface GraphAccessProbe {
  op: 'calendar' | 'directory';
  userId: string;
  /** The person's name, for the managers' message only (never /healthz or the log). */
  name?: string;
}

export type GraphAccessCause = 'consent' | 'mailbox' | 'directory';

/**
 * The cause of a refusal: consent (the app's token has no permissions) covers everything; the
 * directory's own 403 (Authorization_RequestDenied: User.Read.All missing) also hits the agenda,
 * which looks up a colleague's mail address first; any other 403 on a calendar is that mailbox.
 */
export function causeOf(f: GraphFailure, probe: GraphAccessProbe): GraphAccessCause {
  if (f.status === 401) return 'consent';
  if (probe.op === 'directory' || f.code === 'Authorization_RequestDenied') return 'directory';
  return 'mailbox';
}

function targetFor(cause: GraphAccessCause, probe: GraphAccessProbe): string {
  return cause === 'mailbox' ? `${PREFIX}mailbox:${probe.userId}` : `${PREFIX}${cause}`;
}

function causeOfTarget(target: string): GraphAccessCause {
  return target.startsWith(`${PREFIX}mailbox:`) ? 'mailbox' : target === `${PREFIX}directory` ? 'directory' : 'consent';
}

/** Probe stored in the row's detail ('calendar <user id>'), to re-check the same access later. */
function probeOf(p: DeliveryProblem): GraphAccessProbe | null {
  const [op, userId] = p.detail.split(' ');
  return (op === 'calendar' || op === 'directory') && userId ? { op, userId } : null;
}

/** Records a refusal and tells the managers once. Never throws: the caller's own answer matters more. */
export async function reportGraphAccess(s: Services, tenantId: string, f: GraphFailure, probe: GraphAccessProbe): Promise<void> {
  try {
    const now = s.clock.now();
    const cause = causeOf(f, probe);
    const target = targetFor(cause, probe);
    // The re-check asks for the access that was refused: a directory refusal met on the agenda path is re-checked on the directory.
    const op = cause === 'directory' ? 'directory' : probe.op;
    const row = await s.repo.recordDeliveryProblem(
      { tenantId, target, code: f.code ?? String(f.status ?? ''), detail: `${op} ${probe.userId}` },
      now,
    );
    s.log.warn(
      { tenantId, cause, status: f.status, code: f.code, failures: row.failures },
      'Microsoft Graph refuses access; told to the managers, re-checked every 15 minutes',
    );
    if (!(await s.repo.claimOnce(tenantId, `graph-access:${target}:${row.firstAt.getTime()}`, now))) return;
    const who = probe.name || (await s.repo.getUser(tenantId, probe.userId))?.name || t.unknownColleague;
    const text = cause === 'consent' ? t.managers.consent : cause === 'directory' ? t.managers.directory : t.managers.mailbox(who);
    const people = new Map<string, Person>();
    for (const id of s.config.managerIds) {
      const u = await s.repo.getUser(tenantId, id);
      if (u) people.set(u.userId, { id: u.userId, name: u.name, teamsId: u.teamsId });
    }
    const messages: OutboxMessage[] = [...people.values()].map((to) => ({
      tenantId,
      key: `graph-access:${tenantId}:${target}:${row.firstAt.getTime()}:${to.id}`,
      type: 'notifyPerson',
      lane: `user:${to.id}`,
      payload: { to, text },
    }));
    if (messages.length) {
      await s.repo.enqueue(messages, now);
      s.outbox.kick();
    }
  } catch (err) {
    s.log.error({ err }, 'could not record a Graph access problem');
  }
}

/** Open Graph access problems of a tenant (or all tenants). */
async function openProblems(s: Services, tenantId?: string): Promise<DeliveryProblem[]> {
  return (await s.repo.listDeliveryProblems({ tenantId, open: true })).filter((p) => p.target.startsWith(PREFIX));
}

/** Whether an open problem keeps Graph from this user's calendar (consent and directory cover every calendar). */
export async function calendarBlocked(s: Services, tenantId: string): Promise<(userId: string) => boolean> {
  const open = await openProblems(s, tenantId);
  const consent = open.some((p) => p.target === `${PREFIX}consent` || p.target === `${PREFIX}directory`);
  const mailboxes = new Set(
    open.filter((p) => causeOfTarget(p.target) === 'mailbox').map((p) => p.target.slice(`${PREFIX}mailbox:`.length)),
  );
  return (userId) => consent || mailboxes.has(userId);
}

/**
 * What keeps Graph from this user's calendar now, as a user is told it: 'mailbox' (this agenda is
 * kept out) or 'consent' (the link lacks a permission: no consent, or no directory access), or null.
 */
export async function calendarProblemFor(s: Services, tenantId: string, userId: string): Promise<'consent' | 'mailbox' | null> {
  const open = await openProblems(s, tenantId);
  if (open.some((p) => p.target === `${PREFIX}consent` || p.target === `${PREFIX}directory`)) return 'consent';
  return open.some((p) => p.target === `${PREFIX}mailbox:${userId}`) ? 'mailbox' : null;
}

/** How a refusal is told to the user asking for the agenda (see calendarProblemFor). */
export function userCauseOf(f: GraphFailure, probe: GraphAccessProbe): 'consent' | 'mailbox' {
  return causeOf(f, probe) === 'mailbox' ? 'mailbox' : 'consent';
}

/** For /healthz: the cause, Graph's code and since when; no names or ids of people. */
export async function graphAccessSummary(
  s: Services,
): Promise<{ cause: GraphAccessCause; code: string; since: string; failures: number }[]> {
  return (await openProblems(s)).map((p) => ({
    cause: causeOfTarget(p.target),
    code: p.code,
    since: p.firstAt.toISOString(),
    failures: p.failures,
  }));
}

/**
 * Every RECHECK_MINUTES (once over all instances): one cheap call per open problem, the same access
 * that was refused. Returns the tenants where access came back (their waiting agenda work should be
 * queued again).
 */
export async function recheckGraphAccess(s: Services, now: Date): Promise<string[]> {
  if (!s.graph) return [];
  const open = await openProblems(s);
  if (!open.length) return [];
  const bucket = Math.floor(now.getTime() / (RECHECK_MINUTES * 60_000));
  const recovered = new Set<string>();
  const claimed = new Set<string>();
  for (const p of open) {
    if (!claimed.has(p.tenantId)) {
      if (!(await s.repo.claimOnce(p.tenantId, `graph-recheck:${bucket}`, now))) continue;
      claimed.add(p.tenantId);
    }
    const probe = probeOf(p);
    if (!probe) continue;
    try {
      await s.graph.checkAccess(probe.userId, probe.op, { timeoutMs: 10_000 });
    } catch (err) {
      s.log.info(
        { tenantId: p.tenantId, cause: causeOfTarget(p.target), error: err instanceof Error ? err.message : String(err) },
        'Microsoft Graph still refuses access',
      );
      continue;
    }
    if (await s.repo.resolveDeliveryProblem(p.tenantId, p.target, now)) {
      s.log.info({ tenantId: p.tenantId, cause: causeOfTarget(p.target) }, 'Microsoft Graph allows access again');
      recovered.add(p.tenantId);
    }
  }
  return [...recovered];
}
