// Privacy (AVG) services: find everything about one customer (inzage), erase it (vergeet), and
// the retention job that erases customer data of items finished more than RETENTION_DAYS ago.
// Erasing keeps the anonymous figures: kind, subject, status, times, owner and the history's
// actions stay; names, phone numbers, e-mail, details, notes and profile go. See docs/privacy.md.
import { rulesFor, kindRules } from '../domain/items/registry';
import { DEFAULT_PRIVACY, genericPrivacy, matchesCustomer, type KindPrivacy } from '../domain/privacy';
import { SYSTEM, type HistoryEntry, type Item, type ItemKind, type Person } from '../domain/types';
import { yieldToEventLoop, type Job, type Services } from './services';
import { eachItem } from './itemPages';
import { forgetItemViews } from './itemView';

export function privacyOf(kind: ItemKind): KindPrivacy {
  return (kindRules[kind] ? rulesFor(kind).privacy : undefined) ?? DEFAULT_PRIVACY[kind] ?? genericPrivacy;
}

/**
 * Every item of the tenant that holds data about this customer (phone number, e-mail or name),
 * plus the items linked to those (an interpreter request for the customer's callback: data.relatedId).
 */
export async function findCustomerItems(s: Services, tenantId: string, query: string): Promise<Item[]> {
  const all = await s.repo.queryItems(tenantId, {});
  const direct = all.filter((i) => matchesCustomer(i, privacyOf(i.kind), query));
  const ids = new Set(direct.map((i) => i.id));
  const linked = all.filter(
    (i) =>
      !ids.has(i.id) &&
      typeof i.data.relatedId === 'string' &&
      ids.has(i.data.relatedId) &&
      privacyOf(i.kind).holdsCustomerData &&
      i.data.erased !== true,
  );
  return [...direct, ...linked].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

/** An item's history as stored, for the inzage export. */
export function itemHistory(s: Services, tenantId: string, itemId: string): Promise<HistoryEntry[]> {
  return s.repo.history(tenantId, itemId);
}

export type EraseReason = 'retention' | 'request';

/**
 * Erases the customer data of one item: history notes first (idempotent), then the item's data
 * in one commit with an 'erased' history entry and an update of its channel card (so the name
 * disappears from the channel too). Returns false when the item is gone or already erased.
 */
export async function eraseItem(s: Services, tenantId: string, id: string, reason: EraseReason, actor: Person = SYSTEM): Promise<boolean> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const item = await s.repo.getItem(tenantId, id);
    if (!item || item.data.erased === true || !privacyOf(item.kind).holdsCustomerData) return false;
    await s.repo.eraseHistoryNotes(tenantId, id);
    forgetItemViews(s, tenantId, id);
    const now = s.clock.now();
    const next: Item = { ...item, data: privacyOf(item.kind).erase(item.data), version: item.version + 1, updatedAt: now };
    const outbox = s.items.outboxFor(next, item, [], null);
    const ok = await s.repo.commit({
      item: next,
      expectedVersion: item.version,
      outbox,
      history: [{ tenantId, itemId: id, at: now, actor, action: 'erased', details: { reason } }],
    });
    if (ok) {
      if (outbox.length) s.outbox.kick();
      return true;
    }
  }
  throw new Error(`item ${id}: could not erase (too many concurrent changes)`);
}

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Once a day (exactly once across instances, per tenant): erase customer data of items closed
 * more than RETENTION_DAYS ago, and delete delivered outbox messages and intake idempotency keys
 * older than that. A run that stops half-way is finished by the next day's run.
 */
export const retentionJob: Job = async (s, now) => {
  const day = s.calendar.dayOf(now);
  const cutoff = new Date(now.getTime() - s.config.retentionDays * DAY_MS);
  let erased = 0;
  for (const tenantId of await s.repo.tenants()) {
    if (!(await s.repo.claimOnce(tenantId, `retention:${day}`, now))) continue;
    let n = 0;
    for await (const item of eachItem(s.repo, tenantId, { open: false, closedBefore: cutoff }, s.itemPageSize)) {
      if (++n % 100 === 0) await yieldToEventLoop();
      if (item.data.erased === true || !privacyOf(item.kind).holdsCustomerData) continue;
      if (await eraseItem(s, tenantId, item.id, 'retention')) erased++;
    }
    // Contact logs (`geholpen`) lose their link to the customer after the same period.
    erased += await s.repo.records.unlinkCustomer(tenantId, { before: cutoff });
  }
  let purged = { outbox: 0, idempotency: 0 };
  if (await s.repo.claimOnce('*', `retention-purge:${day}`, now)) purged = await s.repo.purgeBefore(cutoff);
  if (erased || purged.outbox || purged.idempotency) {
    s.log.info(
      { erased, purgedOutbox: purged.outbox, purgedIdempotency: purged.idempotency, retentionDays: s.config.retentionDays },
      'retention: old customer data erased',
    );
  }
};
