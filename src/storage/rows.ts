// Row <-> domain mapping shared by both adapters (same column layout in SQLite and PostgreSQL).
import type { HistoryEntry, Item, Person } from '../domain/types';
import type { ChannelBinding, OutboxMessage, UserRecord } from './repository';

export type Row = Record<string, unknown>;

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const date = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(Number(v)));
const json = <T>(v: unknown): T => JSON.parse(String(v)) as T;

export function itemFromRow(r: Row): Item {
  return {
    tenantId: String(r.tenant_id),
    id: String(r.id),
    kind: r.kind as Item['kind'],
    status: String(r.status),
    subject: String(r.subject),
    owner: r.owner_json ? json<Person>(r.owner_json) : null,
    createdBy: json<Person>(r.created_by_json),
    createdAt: date(r.created_at)!,
    updatedAt: date(r.updated_at)!,
    deadline: date(r.deadline),
    closedAt: date(r.closed_at),
    source: String(r.source),
    version: Number(r.version),
    data: json<Record<string, unknown>>(r.data),
    card: r.card_activity_id ? { conversationId: String(r.card_conversation_id), activityId: String(r.card_activity_id) } : null,
  };
}

/**
 * Columns a commit of an existing item writes: everything but the key and the card reference. The
 * card reference is only ever set by setCardRef, so a change decided on a copy read before the card
 * was posted cannot wipe it (that would orphan the card and post it a second time).
 */
export const ITEM_UPDATE_SLICE = [2, -2] as const;

/** Column values in the order of ITEM_COLUMNS. */
export const ITEM_COLUMNS = [
  'tenant_id',
  'id',
  'kind',
  'status',
  'subject',
  'owner_id',
  'owner_json',
  'created_by_json',
  'created_at',
  'updated_at',
  'deadline',
  'closed_at',
  'source',
  'version',
  'data',
  'card_conversation_id',
  'card_activity_id',
] as const;

export function itemToValues(i: Item): unknown[] {
  return [
    i.tenantId,
    i.id,
    i.kind,
    i.status,
    i.subject,
    i.owner?.id ?? null,
    i.owner ? JSON.stringify(i.owner) : null,
    JSON.stringify(i.createdBy),
    i.createdAt.getTime(),
    i.updatedAt.getTime(),
    i.deadline?.getTime() ?? null,
    i.closedAt?.getTime() ?? null,
    i.source,
    i.version,
    JSON.stringify(i.data),
    i.card?.conversationId ?? null,
    i.card?.activityId ?? null,
  ];
}

export function historyFromRow(r: Row): HistoryEntry {
  return {
    tenantId: String(r.tenant_id),
    itemId: String(r.item_id),
    at: date(r.at)!,
    actor: json<Person>(r.actor_json),
    action: String(r.action),
    note: r.note === null || r.note === undefined ? undefined : String(r.note),
    details: r.details ? json<Record<string, unknown>>(r.details) : undefined,
  };
}

/** Entries (in insertion order) per item: every id asked for gets a list, [] when it has none (Repository.historyOf). */
export function historyByItem(itemIds: readonly string[], entries: readonly HistoryEntry[]): Map<string, HistoryEntry[]> {
  const out = new Map<string, HistoryEntry[]>(itemIds.map((id) => [id, []]));
  for (const e of entries) out.get(e.itemId)?.push(e);
  return out;
}

export function historyToValues(h: HistoryEntry): unknown[] {
  return [
    h.tenantId,
    h.itemId,
    h.at.getTime(),
    JSON.stringify(h.actor),
    h.action,
    h.note ?? null,
    h.details ? JSON.stringify(h.details) : null,
  ];
}

export function bindingFromRow(r: Row): ChannelBinding {
  return {
    tenantId: String(r.tenant_id),
    teamId: String(r.team_id),
    teamName: String(r.team_name),
    channelId: String(r.channel_id),
    channelName: String(r.channel_name),
    conversationRef: json(r.conversation_ref),
    boundBy: json(r.bound_by_json),
    boundAt: date(r.bound_at)!,
  };
}

export function userFromRow(r: Row): UserRecord {
  return {
    tenantId: String(r.tenant_id),
    userId: String(r.user_id),
    teamsId: r.teams_id ? String(r.teams_id) : undefined,
    name: String(r.name),
    conversationRef: r.conversation_ref ? json(r.conversation_ref) : undefined,
    settings: json(r.settings),
  };
}

export function outboxFromRow(r: Row): OutboxMessage {
  return {
    id: Number(r.id),
    tenantId: String(r.tenant_id),
    key: String(r.key),
    type: String(r.type),
    lane: String(r.lane),
    payload: json(r.payload),
    status: r.status as OutboxMessage['status'],
    attempts: Number(r.attempts),
    nextAttemptAt: date(r.next_attempt_at)!,
    lastError: r.last_error === null || r.last_error === undefined ? null : String(r.last_error),
    createdAt: date(r.created_at)!,
    ...claimedItem(r.item),
  };
}

/**
 * The PostgreSQL claim's copy of a message's item (outboxClaim.ts), a JSON object of its columns.
 * One that cannot be read is left out: the handler reads the item itself and fails there, for that
 * message alone (a throw here would fail the whole claim, every message).
 */
function claimedItem(v: unknown): { item?: Item } {
  if (!v || typeof v !== 'object') return {};
  try {
    return { item: itemFromRow(v as Row) };
  } catch {
    return {};
  }
}

export function problemFromRow(r: Row): import('./repository').DeliveryProblem {
  return {
    tenantId: String(r.tenant_id),
    target: String(r.target),
    code: String(r.code),
    detail: String(r.detail),
    firstAt: date(r.first_at)!,
    lastAt: date(r.last_at)!,
    failures: Number(r.failures),
    resolvedAt: date(r.resolved_at),
  };
}

export { num };

/** WHERE clause pieces for ItemQuery; `p(i)` renders the i-th placeholder of the dialect. */
export function itemQuerySql(
  tenantId: string,
  q: import('./repository').ItemQuery,
  p: (i: number) => string,
): { where: string; values: unknown[]; limit: string; order: string } {
  const clauses = [`tenant_id = ${p(1)}`];
  const values: unknown[] = [tenantId];
  /** The placeholder of a new value. */
  const ph = (v: unknown): string => {
    values.push(v);
    return p(values.length);
  };
  if (q.kinds?.length) clauses.push(`kind IN (${q.kinds.map(ph).join(', ')})`);
  if (q.open === true) clauses.push('closed_at IS NULL');
  if (q.open === false) clauses.push('closed_at IS NOT NULL');
  if (q.ownerId) clauses.push(`owner_id = ${ph(q.ownerId)}`);
  if (q.unowned) clauses.push('owner_id IS NULL');
  if (q.createdSince) clauses.push(`created_at >= ${ph(q.createdSince.getTime())}`);
  if (q.closedSince) clauses.push(`closed_at >= ${ph(q.closedSince.getTime())}`);
  if (q.closedBefore) clauses.push(`closed_at < ${ph(q.closedBefore.getTime())}`);
  if (q.deadlineBefore) clauses.push(`deadline < ${ph(q.deadlineBefore.getTime())}`);
  if (q.deadlineFrom) clauses.push(`deadline >= ${ph(q.deadlineFrom.getTime())}`);
  if (q.createdBefore) clauses.push(`created_at < ${ph(q.createdBefore.getTime())}`);
  if (q.afterId !== undefined) clauses.push(`id > ${ph(q.afterId)}`);
  if (q.withoutCard) clauses.push('card_activity_id IS NULL');
  if (q.withoutClaim?.length) {
    // CAST keeps both databases on text (PostgreSQL cannot infer a parameter's type inside ||).
    const key = q.withoutClaim
      .map((part) => `CAST(${typeof part === 'string' ? ph(part) : `items.${part.item === 'id' ? 'id' : 'deadline'}`} AS TEXT)`)
      .join(' || ');
    clauses.push(`NOT EXISTS (SELECT 1 FROM once_claims c WHERE c.tenant_id = items.tenant_id AND c.key = ${key})`);
  }
  if (q.momentSuspects) {
    const m = q.momentSuspects;
    // SQLite orders text above every number, so an unreadable (text) deadline counts as beyond `to`.
    const any = [`(deadline IS NOT NULL AND (deadline < ${ph(m.from.getTime())} OR deadline > ${ph(m.to.getTime())}))`];
    // A JSON key as text; LIKE's wildcards (_) can only widen the match, never narrow it.
    for (const f of m.dataFields) any.push(`data LIKE ${ph(`%${JSON.stringify(f)}%`)}`);
    clauses.push(`(${any.join(' OR ')})`);
  }
  const limit = q.limit ? ` LIMIT ${Math.max(1, Math.floor(q.limit))}` : '';
  const order = q.order === 'id' ? 'id' : 'deadline IS NULL, deadline, created_at, id';
  return { where: clauses.join(' AND '), values, limit, order };
}
