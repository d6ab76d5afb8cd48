// Who owns it stays true (issue 18): when the owner of an open callback or appointment is away
// for the rest of its term (Outlook automatic replies on until after the term, read through
// Microsoft Graph with MailboxSettings.Read), the item is marked through ItemService: the channel
// card says "Behandelaar afwezig" with "Overnemen", and the owner and the team are told once.
// Without Graph this is off (docs/graph.md).
import { SYSTEM, type Item } from '../domain/types';
import { graphServesTenant, type AutomaticReplies } from '../graph';
import { calendarBlocked } from './graphAccess';
import type { Services } from './services';
import { yieldToEventLoop } from './services';
import { eachItem } from './itemPages';

/** How long one owner's answer is reused by this instance (Graph: 10,000 requests per 10 minutes per mailbox). */
export const ABSENCE_CACHE_MS = 15 * 60_000;
/** Kinds with an owner who promised something by a term. */
const OWNED_KINDS = ['callback', 'appointment'] as const;

/** Away until at least `term`: automatic replies always on, or scheduled from before now to after the term. */
export function absentUntilTerm(a: AutomaticReplies, now: Date, term: Date): { absent: boolean; until: Date | null } {
  if (a.status === 'alwaysEnabled') return { absent: true, until: null };
  if (a.status === 'scheduled' && a.start && a.end && a.start.getTime() <= now.getTime() && a.end.getTime() >= term.getTime()) {
    return { absent: true, until: a.end };
  }
  return { absent: false, until: null };
}

export function absenceJob() {
  const cache = new Map<string, { at: number; value: AutomaticReplies | null }>();
  return async (s: Services, now: Date): Promise<void> => {
    const graph = s.graph;
    if (!graph) return; // off without Graph
    const lookup = async (ownerId: string): Promise<AutomaticReplies | null> => {
      const hit = cache.get(ownerId);
      if (hit && now.getTime() - hit.at < ABSENCE_CACHE_MS) return hit.value;
      let value: AutomaticReplies | null = null;
      try {
        value = await graph.automaticReplies(ownerId, { timeoutMs: 5_000 });
      } catch (err) {
        s.log.info({ err, ownerId }, 'absence: automatic replies could not be read');
      }
      cache.set(ownerId, { at: now.getTime(), value });
      return value;
    };
    for (const tenantId of await s.repo.tenants()) {
      if (!graphServesTenant(s.config.graph, tenantId)) continue;
      // Owned and with the term still ahead (past the term the late state speaks already), a page at a time.
      const items = eachItem(s.repo, tenantId, { kinds: [...OWNED_KINDS], open: true, deadlineFrom: now }, s.itemPageSize);
      // Graph refuses these mailboxes (no consent, or kept out by the access policy, which covers
      // MailboxSettings too): no call in vain; the re-check in graphAccess.ts lifts it.
      const blocked = await calendarBlocked(s, tenantId);
      let n = 0;
      for await (const raw of items) {
        const item = raw as Item<{ ownerAbsent?: unknown }>;
        // Only an owner known by Entra id (not a Teams-only id) has a mailbox to ask.
        if (!item.owner || !item.deadline || item.data.ownerAbsent || item.owner.id.startsWith('29:')) continue;
        if (item.deadline.getTime() < now.getTime()) continue; // past the term: the late state speaks already
        if (blocked(item.owner.id)) continue;
        if (++n % 20 === 0) await yieldToEventLoop();
        const replies = await lookup(item.owner.id);
        if (!replies) continue;
        const { absent, until } = absentUntilTerm(replies, now, item.deadline);
        if (!absent) continue;
        // Refused when another instance marked it first (the rules allow one mark per absence).
        await s.items.act(tenantId, item.id, 'ownerAbsent', { until: until?.toISOString() ?? null }, SYSTEM);
      }
    }
  };
}
