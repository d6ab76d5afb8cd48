/**
 * A local fake of the Bot Connector service (v3 REST API) as Teams serves it, for integration
 * tests. Real HTTP on 127.0.0.1 with an ephemeral port; botbuilder's ConnectorClient talks to it
 * when an activity's serviceUrl is `connector.url`.
 *
 * Routes (from botframework-connector/lib/connectorApi/operations/conversations.js and
 * lib/teams/operations/teams.js; the client URL-encodes every path parameter):
 *   GET    /v3/conversations                                          list (empty)
 *   POST   /v3/conversations                                          createConversation
 *   POST   /v3/conversations/{conversationId}/activities              sendToConversation
 *   POST   /v3/conversations/{conversationId}/activities/history      sendConversationHistory
 *   POST   /v3/conversations/{conversationId}/activities/{activityId} replyToActivity
 *   PUT    /v3/conversations/{conversationId}/activities/{activityId} updateActivity
 *   DELETE /v3/conversations/{conversationId}/activities/{activityId} deleteActivity
 *   GET    /v3/conversations/{conversationId}/activities/{activityId}/members
 *   GET    /v3/conversations/{conversationId}/members                 getConversationMembers
 *   GET    /v3/conversations/{conversationId}/members/{memberId}      getConversationMember
 *   DELETE /v3/conversations/{conversationId}/members/{memberId}
 *   GET    /v3/conversations/{conversationId}/pagedmembers            ?pageSize&continuationToken
 *   POST   /v3/conversations/{conversationId}/attachments             uploadAttachment
 *   GET    /v3/teams/{teamId}                                         fetchTeamDetails
 *   GET    /v3/teams/{teamId}/conversations                           fetchChannelList
 * Anything else answers 404 and is listed in `connector.unhandled`.
 *
 * Authorization is not checked (the bot under test runs without credentials) unless `requireToken`
 * is given: then every request needs a bearer token that meets it (signature, issuer, audience
 * https://api.botframework.com, expiry; test/harness/jwt.ts) and gets 401 Unauthorized otherwise.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setDefaultServiceUrl, getDefaultServiceUrl } from './activities';
import { tokenProblem, type TokenExpectation } from './jwt';
import {
  type Roster,
  type TestUser,
  baseConversationId,
  defaultRoster,
  findTeam,
  findTeamByConversation,
  findUser,
  nextMessageId,
  personalConversationId,
  teamMembers,
  threadConversationId,
  toTeamsChannelAccount,
} from './roster';

// ---------------------------------------------------------------------------------------------
// Types

export type Route =
  | 'getConversations'
  | 'createConversation'
  | 'send'
  | 'history'
  | 'reply'
  | 'update'
  | 'delete'
  | 'activityMembers'
  | 'members'
  | 'member'
  | 'deleteMember'
  | 'pagedMembers'
  | 'attachment'
  | 'teamDetails'
  | 'teamChannels'
  | 'unknown';

/** Routes that write; faults and blocks apply to these unless a match says otherwise. */
export const WRITE_ROUTES: readonly Route[] = ['createConversation', 'send', 'history', 'reply', 'update', 'delete'];

/** A JSON activity as the connector received it. */
export type JsonActivity = Record<string, any>;

export interface RecordedRequest {
  seq: number;
  at: Date;
  method: string;
  /** Raw path + query as received. */
  url: string;
  route: Route;
  conversationId?: string;
  activityId?: string;
  memberId?: string;
  teamId?: string;
  /** Parsed JSON body, if any. */
  body?: unknown;
  /** Lower-cased request headers. */
  headers: Record<string, string | string[] | undefined>;
  status: number;
  /**
   * 1 for the first try of this call, 2 for the first retry, … A call is identified by route,
   * conversation, (activity id for update/delete) and body minus id/replyToId; a success ends it.
   */
  attempt: number;
  /** Why it failed, if the failure was injected. */
  injected?: 'failNext' | 'failFor' | 'block' | 'rateLimit';
  /** With requireToken: why the bearer token was refused (401). */
  authProblem?: string;
}

export interface SentEntry {
  conversationId: string;
  activity: JsonActivity;
  /** Id the connector assigned. */
  id: string;
  at: Date;
  /** How many HTTP attempts this call took (failed ones included). */
  attempts: number;
}

export interface ReplyEntry extends SentEntry {
  /** The {activityId} of the reply route. */
  replyToId: string;
}

export interface UpdateEntry {
  conversationId: string;
  activityId: string;
  activity: JsonActivity;
  at: Date;
  attempts: number;
}

export interface DeleteEntry {
  conversationId: string;
  activityId: string;
  at: Date;
  attempts: number;
}

export interface CreatedConversationEntry {
  /** The ConversationParameters body (members, tenantId, channelData, isGroup, bot, activity?). */
  params: JsonActivity;
  id: string;
  activityId?: string;
  serviceUrl: string;
  /** false when the same user+tenant already had this conversation (Teams returns the same id). */
  isNew: boolean;
  at: Date;
  attempts: number;
}

export interface MessageState {
  id: string;
  conversationId: string;
  /** The latest version of the activity (after updates). */
  activity: JsonActivity;
  /** The adaptive card content of the latest version, if it carries one. */
  card?: JsonActivity;
  replyToId?: string;
  createdAt: Date;
  updatedAt: Date;
  /** Number of updates applied. */
  updates: number;
  deleted: boolean;
}

export interface FaultMatch {
  /** Default: WRITE_ROUTES. Use 'all' for every route. */
  routes?: readonly Route[] | 'all';
  /** Matches the exact id or, for channel ids without ';messageid=', all threads in it. */
  conversationId?: string;
}

export interface FaultSpec {
  status: number;
  headers?: Record<string, string>;
  /** Default: { error: { code, message } } with a code derived from the status. */
  body?: unknown;
  match?: FaultMatch | ((req: RecordedRequest) => boolean);
  /** A 429 gets 'Retry-After: <defaultRetryAfterSeconds>' unless headers set it or this is true. */
  omitRetryAfter?: boolean;
}

export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

/** Teams' documented per-bot-per-thread limits for send/reply/update/delete. */
export const TEAMS_THREAD_LIMITS: readonly RateLimitRule[] = [
  { limit: 7, windowMs: 1_000 },
  { limit: 8, windowMs: 2_000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1_800, windowMs: 3_600_000 },
];

export interface FakeConnectorOptions {
  /** Users and teams behind the members/team APIs. Default: defaultRoster(). */
  roster?: Roster;
  /** Retry-After (seconds) put on injected 429s that specify none. Default 1. */
  defaultRetryAfterSeconds?: number;
  /** Delay before every response. Default 0. */
  latencyMs?: number;
  /** Emulate Teams' per-thread rate limits (true = TEAMS_THREAD_LIMITS). Default off. */
  rateLimits?: boolean | readonly RateLimitRule[];
  /** Register url as the activity builders' default serviceUrl. Default true. */
  setAsDefaultServiceUrl?: boolean;
  /** Log every request to stderr. */
  log?: boolean;
  /** Verify the bot's bearer token on every request, as the real Bot Connector does (production-mode tests). */
  requireToken?: TokenExpectation;
}

export interface FakeConnector {
  /** Base URL with a trailing slash, like Teams' 'https://smba.trafficmanager.net/emea/'. */
  readonly url: string;
  readonly port: number;
  readonly roster: Roster;

  /** Every request, in arrival order (failed ones included). */
  readonly requests: RecordedRequest[];
  /**
   * POST …/activities (sendToConversation). NOTE: botbuilder's ctx.sendActivity almost never
   * lands here: inbound activities and continueConversationAsync's continuation event (random
   * UUID id) and createConversationAsync's event (id = conversation id) all have an id, so it
   * uses the reply route. Assert on allPosted() or messagesIn() unless the route matters.
   */
  readonly sent: SentEntry[];
  /** POST …/activities/{activityId} (replyToActivity). */
  readonly replies: ReplyEntry[];
  readonly updates: UpdateEntry[];
  readonly deletes: DeleteEntry[];
  readonly createdConversations: CreatedConversationEntry[];
  /** Requests answered with status >= 400 (injected or not). */
  readonly rejected: RecordedRequest[];
  /** Requests for routes the fake does not know. */
  readonly unhandled: RecordedRequest[];

  /**
   * Current state of each bot message in a conversation, in creation order, deleted ones left out
   * (unless includeDeleted). A channel id without ';messageid=' covers all threads of the channel.
   */
  messagesIn(conversationId: string, opts?: { includeDeleted?: boolean }): MessageState[];
  /** Current state of one message by id. */
  message(activityId: string): MessageState | undefined;
  /** Sends and replies together, in order. */
  allPosted(): SentEntry[];

  /** Poll until predicate returns a truthy value (resolved); reject after timeoutMs with a dump. */
  waitFor<T>(predicate: (c: FakeConnector) => T | Promise<T>, timeoutMs?: number, what?: string): Promise<NonNullable<T>>;
  /** Human-readable dump of everything recorded. */
  summary(): string;

  /** Next n matching requests fail with spec (default match: write routes). */
  failNext(n: number, spec: FaultSpec): void;
  /** Matching requests fail with spec for the next ms milliseconds. */
  failFor(ms: number, spec: FaultSpec): void;
  /** Ends every injected fault now (an outage that a test ends when it has seen enough, not by the clock). */
  recover(): void;
  /** Writes to this conversation (and createConversation resolving to it) fail until unblock. */
  block(conversationId: string, status?: number, body?: unknown): void;
  unblock(conversationId: string): void;
  setLatency(ms: number): void;
  setRateLimits(rules: boolean | readonly RateLimitRule[]): void;

  /** Clear records, faults, blocks and rate-limit history (roster and latency stay). */
  reset(): void;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Helpers

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

function errorCodeFor(status: number): string {
  switch (status) {
    case 400:
      return 'BadArgument';
    case 401:
      return 'Unauthorized';
    case 403:
      return 'Forbidden';
    case 404:
      return 'NotFound';
    case 412:
      return 'PreconditionFailed';
    case 413:
      return 'MessageSizeTooBig';
    case 429:
      return 'TooManyRequests';
    default:
      return status >= 500 ? 'ServiceError' : 'BadRequest';
  }
}

function errorBody(status: number, message: string, code = errorCodeFor(status)): unknown {
  return { error: { code, message } };
}

function cardOf(activity: JsonActivity): JsonActivity | undefined {
  const atts = Array.isArray(activity['attachments']) ? (activity['attachments'] as JsonActivity[]) : [];
  return atts.find((a) => a && a['contentType'] === ADAPTIVE_CARD)?.['content'] as JsonActivity | undefined;
}

/** One line describing an activity: type, text, card title. */
export function describeActivity(activity: JsonActivity | undefined): string {
  if (!activity) return '(no activity)';
  const parts: string[] = [String(activity['type'] ?? '?')];
  if (typeof activity['text'] === 'string' && activity['text']) parts.push(JSON.stringify(truncate(activity['text'], 80)));
  const card = cardOf(activity);
  if (card) {
    const firstText = findFirstText(card);
    parts.push(`[card${firstText ? ` ${JSON.stringify(truncate(firstText, 60))}` : ''}]`);
  } else if (Array.isArray(activity['attachments']) && activity['attachments'].length) {
    parts.push(`[${(activity['attachments'] as JsonActivity[]).map((a) => a['contentType']).join(', ')}]`);
  }
  return parts.join(' ');
}

function findFirstText(node: unknown): string | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const n = node as JsonActivity;
  if (n['type'] === 'TextBlock' && typeof n['text'] === 'string') return n['text'];
  for (const key of ['body', 'items', 'columns', 'inlines']) {
    const arr = n[key];
    if (Array.isArray(arr)) {
      for (const child of arr) {
        const t = findFirstText(child);
        if (t) return t;
      }
    }
  }
  return undefined;
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

function conversationMatches(filter: string, actual: string | undefined): boolean {
  if (!actual) return false;
  if (filter === actual) return true;
  // A filter without ';messageid=' matches every thread of that channel.
  return !filter.includes(';messageid=') && baseConversationId(actual) === filter;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Identity of "the same call" for attempt counting: botbuilder's own retries resend the exact
 * request, but a retry through a new turn (an outbox) replies to a fresh random replyToId, so for
 * send/reply the key is conversation + body without id/replyToId.
 */
function attemptKey(method: string, rawUrl: string, p: ParsedRoute, body: JsonActivity | undefined, text: string): string {
  if (p.route === 'send' || p.route === 'reply') {
    const { id: _id, replyToId: _replyToId, ...rest } = body ?? {};
    return `post ${p.conversationId} ${JSON.stringify(rest)}`;
  }
  if (p.route === 'update' || p.route === 'delete') {
    const { replyToId: _replyToId, ...rest } = body ?? {};
    return `${p.route} ${p.conversationId} ${p.activityId} ${JSON.stringify(rest)}`;
  }
  return `${method} ${rawUrl} ${text}`;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface ParsedRoute {
  route: Route;
  conversationId?: string;
  activityId?: string;
  memberId?: string;
  teamId?: string;
}

function parseRoute(method: string, pathname: string): ParsedRoute {
  const raw = pathname.split('/').filter((s, i) => i > 0 || s !== '');
  // Expect ['', 'v3', …] → after filtering the leading '', ['v3', …]. Empty inner segments stay
  // (so '//v3' does not silently work).
  let seg: string[];
  try {
    seg = raw.map((s) => decodeURIComponent(s));
  } catch {
    return { route: 'unknown' };
  }
  if (seg[0] !== 'v3') return { route: 'unknown' };
  if (seg[1] === 'conversations') {
    if (seg.length === 2) {
      if (method === 'GET') return { route: 'getConversations' };
      if (method === 'POST') return { route: 'createConversation' };
      return { route: 'unknown' };
    }
    const conversationId = seg[2]!;
    const rest = seg.slice(3);
    if (rest[0] === 'activities') {
      if (rest.length === 1 && method === 'POST') return { route: 'send', conversationId };
      if (rest.length === 2 && rest[1] === 'history' && method === 'POST') return { route: 'history', conversationId };
      if (rest.length === 2) {
        const activityId = rest[1]!;
        if (method === 'POST') return { route: 'reply', conversationId, activityId };
        if (method === 'PUT') return { route: 'update', conversationId, activityId };
        if (method === 'DELETE') return { route: 'delete', conversationId, activityId };
      }
      if (rest.length === 3 && rest[2] === 'members' && method === 'GET') {
        return { route: 'activityMembers', conversationId, activityId: rest[1]! };
      }
    }
    if (rest[0] === 'members') {
      if (rest.length === 1 && method === 'GET') return { route: 'members', conversationId };
      if (rest.length === 2 && method === 'GET') return { route: 'member', conversationId, memberId: rest[1]! };
      if (rest.length === 2 && method === 'DELETE') return { route: 'deleteMember', conversationId, memberId: rest[1]! };
    }
    if (rest[0] === 'pagedmembers' && rest.length === 1 && method === 'GET') return { route: 'pagedMembers', conversationId };
    if (rest[0] === 'attachments' && rest.length === 1 && method === 'POST') return { route: 'attachment', conversationId };
    return { route: 'unknown', conversationId };
  }
  if (seg[1] === 'teams' && seg.length >= 3 && method === 'GET') {
    const teamId = seg[2]!;
    if (seg.length === 3) return { route: 'teamDetails', teamId };
    if (seg.length === 4 && seg[3] === 'conversations') return { route: 'teamChannels', teamId };
  }
  return { route: 'unknown' };
}

// ---------------------------------------------------------------------------------------------
// Implementation

interface ActiveFault {
  spec: FaultSpec;
  remaining?: number;
  until?: number;
  kind: 'failNext' | 'failFor';
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  injected?: RecordedRequest['injected'];
}

export async function startFakeConnector(opts: FakeConnectorOptions = {}): Promise<FakeConnector> {
  const roster = opts.roster ?? defaultRoster();
  const defaultRetryAfter = opts.defaultRetryAfterSeconds ?? 1;
  let latencyMs = opts.latencyMs ?? 0;
  let rateRules: readonly RateLimitRule[] = normalizeRules(opts.rateLimits ?? false);

  const requests: RecordedRequest[] = [];
  const sent: SentEntry[] = [];
  const replies: ReplyEntry[] = [];
  const updates: UpdateEntry[] = [];
  const deletes: DeleteEntry[] = [];
  const createdConversations: CreatedConversationEntry[] = [];
  const rejected: RecordedRequest[] = [];
  const unhandled: RecordedRequest[] = [];
  const messages = new Map<string, MessageState>(); // key: id (ids are unique across conversations)
  const posted: SentEntry[] = [];
  let faults: ActiveFault[] = [];
  const blocks = new Map<string, { status: number; body: unknown }>();
  /** Failed attempts so far per identical request (method + url + body). */
  const pendingAttempts = new Map<string, number>();
  /** Successful write timestamps per base conversation id. */
  const writeTimes = new Map<string, number[]>();
  /** Conversations created via createConversation, by id, with their member keys. */
  const knownConversations = new Map<string, { members: TestUser[] }>();
  let seq = 0;

  function normalizeRules(r: boolean | readonly RateLimitRule[]): readonly RateLimitRule[] {
    if (r === true) return TEAMS_THREAD_LIMITS;
    if (r === false) return [];
    return r;
  }

  function faultMatches(spec: FaultSpec, rec: RecordedRequest): boolean {
    const m = spec.match;
    if (typeof m === 'function') return m(rec);
    const routes = m?.routes ?? WRITE_ROUTES;
    if (routes !== 'all' && !routes.includes(rec.route)) return false;
    if (m?.conversationId && !conversationMatches(m.conversationId, rec.conversationId)) return false;
    return true;
  }

  function faultReply(spec: FaultSpec): Reply {
    const headers: Record<string, string> = { ...(spec.headers ?? {}) };
    const hasRetryAfter = Object.keys(headers).some((k) => k.toLowerCase() === 'retry-after');
    if (spec.status === 429 && !hasRetryAfter && !spec.omitRetryAfter) headers['Retry-After'] = String(defaultRetryAfter);
    return { status: spec.status, headers, body: spec.body ?? errorBody(spec.status, 'Injected by the fake connector') };
  }

  function blockFor(conversationId: string | undefined): { status: number; body: unknown } | undefined {
    if (!conversationId) return undefined;
    for (const [filter, b] of blocks) if (conversationMatches(filter, conversationId)) return b;
    return undefined;
  }

  function checkRateLimit(conversationId: string, now: number): Reply | undefined {
    if (!rateRules.length) return undefined;
    const key = baseConversationId(conversationId);
    const times = writeTimes.get(key) ?? [];
    let waitMs = 0;
    for (const rule of rateRules) {
      const inWindow = times.filter((t) => t > now - rule.windowMs);
      if (inWindow.length >= rule.limit) {
        const oldest = inWindow[inWindow.length - rule.limit]!;
        waitMs = Math.max(waitMs, oldest + rule.windowMs - now);
      }
    }
    if (waitMs <= 0) return undefined;
    return {
      status: 429,
      headers: { 'Retry-After': String(Math.max(1, Math.ceil(waitMs / 1000))) },
      body: errorBody(429, 'Rate limit exceeded for this conversation (fake connector)'),
    };
  }

  function noteWrite(conversationId: string, now: number): void {
    if (!rateRules.length) return;
    const key = baseConversationId(conversationId);
    const maxWindow = Math.max(...rateRules.map((r) => r.windowMs));
    const times = (writeTimes.get(key) ?? []).filter((t) => t > now - maxWindow);
    times.push(now);
    writeTimes.set(key, times);
  }

  function membersOf(conversationId: string): TestUser[] {
    const known = knownConversations.get(conversationId) ?? knownConversations.get(baseConversationId(conversationId));
    if (known) return known.members;
    const team = findTeamByConversation(roster, conversationId);
    if (team) return teamMembers(roster, team.team);
    const personal = roster.users.find((u) => personalConversationId(u, u.tenantId) === conversationId);
    if (personal) return [personal];
    // Unknown conversation (e.g. a group chat built by a test): everyone in the tenant.
    return roster.users.filter((u) => u.tenantId === roster.tenantId);
  }

  function recordMessage(conversationId: string, id: string, activity: JsonActivity, at: Date, replyToId?: string): void {
    messages.set(id, {
      id,
      conversationId,
      activity: { ...activity, id },
      card: cardOf(activity),
      ...(replyToId ? { replyToId } : {}),
      createdAt: at,
      updatedAt: at,
      updates: 0,
      deleted: false,
    });
  }

  /** The successful handling of a request. */
  function handle(p: ParsedRoute, body: JsonActivity | undefined, query: URLSearchParams, attempts: number, at: Date): Reply {
    switch (p.route) {
      case 'getConversations':
        return { status: 200, body: { conversations: [], continuationToken: null } };

      case 'createConversation': {
        const params = body ?? {};
        const members = Array.isArray(params['members']) ? (params['members'] as JsonActivity[]) : [];
        const tenantId: string = params['tenantId'] ?? params['channelData']?.['tenant']?.['id'] ?? roster.tenantId;
        const channelId: string | undefined = params['channelData']?.['channel']?.['id'];
        let id: string;
        let activityId: string | undefined;
        let memberUsers: TestUser[];
        if (params['isGroup'] && channelId) {
          // New thread in a channel: Teams answers '<channel>;messageid=<root id>' + activityId.
          activityId = nextMessageId();
          id = threadConversationId(channelId, activityId);
          memberUsers = membersOf(channelId);
        } else {
          if (members.length !== 1) {
            return { status: 400, body: errorBody(400, 'Exactly one member is required for a 1:1 conversation') };
          }
          const memberKey = String(members[0]!['id'] ?? members[0]!['aadObjectId'] ?? '');
          const u = findUser(roster, memberKey);
          id = personalConversationId(u ?? memberKey, u?.tenantId ?? tenantId);
          memberUsers = u ? [u] : [];
        }
        const blocked = blockFor(id);
        if (blocked) return { status: blocked.status, body: blocked.body, injected: 'block' };
        const isNew = !createdConversations.some((c) => c.id === id) && !knownConversations.has(id);
        knownConversations.set(id, { members: memberUsers });
        if (params['activity'] && typeof params['activity'] === 'object') {
          activityId = activityId ?? nextMessageId();
          const entry: SentEntry = { conversationId: id, activity: params['activity'], id: activityId, at, attempts };
          sent.push(entry);
          posted.push(entry);
          recordMessage(id, activityId, params['activity'], at);
        }
        createdConversations.push({
          params,
          id,
          ...(activityId ? { activityId } : {}),
          serviceUrl: url,
          isNew,
          at,
          attempts,
        });
        return { status: 200, body: { id, ...(activityId ? { activityId } : {}), serviceUrl: url } };
      }

      case 'send':
      case 'reply': {
        if (!body || typeof body !== 'object') return { status: 400, body: errorBody(400, 'Activity body required') };
        const conversationId = p.conversationId!;
        const id = nextMessageId();
        if (p.route === 'send') {
          const entry: SentEntry = { conversationId, activity: body, id, at, attempts };
          sent.push(entry);
          posted.push(entry);
          recordMessage(conversationId, id, body, at);
        } else {
          const entry: ReplyEntry = { conversationId, activity: body, id, at, attempts, replyToId: p.activityId! };
          replies.push(entry);
          posted.push(entry);
          recordMessage(conversationId, id, body, at, p.activityId);
        }
        noteWrite(conversationId, at.getTime());
        return { status: 200, body: { id } };
      }

      case 'history':
        return { status: 200, body: { id: nextMessageId() } };

      case 'update': {
        if (!body || typeof body !== 'object') return { status: 400, body: errorBody(400, 'Activity body required') };
        const conversationId = p.conversationId!;
        const activityId = p.activityId!;
        updates.push({ conversationId, activityId, activity: body, at, attempts });
        const existing = messages.get(activityId);
        if (existing) {
          existing.activity = { ...body, id: activityId };
          existing.card = cardOf(body);
          existing.updatedAt = at;
          existing.updates += 1;
        } else {
          // Unknown id (e.g. a card message a test invented): accept and start tracking it.
          recordMessage(conversationId, activityId, body, at);
          messages.get(activityId)!.updates = 1;
        }
        noteWrite(conversationId, at.getTime());
        return { status: 200, body: { id: activityId } };
      }

      case 'delete': {
        const conversationId = p.conversationId!;
        const activityId = p.activityId!;
        deletes.push({ conversationId, activityId, at, attempts });
        const existing = messages.get(activityId);
        if (existing) {
          existing.deleted = true;
          existing.updatedAt = at;
        }
        noteWrite(conversationId, at.getTime());
        return { status: 200 };
      }

      case 'members':
      case 'activityMembers':
        return { status: 200, body: membersOf(p.conversationId!).map(toTeamsChannelAccount) };

      case 'member': {
        const key = p.memberId!;
        const lower = key.toLowerCase();
        const u = membersOf(p.conversationId!).find(
          (m) => m.id === key || m.aadObjectId.toLowerCase() === lower || m.userPrincipalName.toLowerCase() === lower,
        );
        if (!u) {
          return {
            status: 404,
            body: errorBody(404, 'The specified member is not found in the conversation', 'MemberNotFoundInConversation'),
          };
        }
        return { status: 200, body: toTeamsChannelAccount(u) };
      }

      case 'deleteMember':
        return { status: 200 };

      case 'pagedMembers': {
        const all = membersOf(p.conversationId!);
        const pageSize = Math.max(1, Number(query.get('pageSize') ?? 200) || 200);
        const token = query.get('continuationToken');
        const start = token ? Number(Buffer.from(token, 'base64url').toString('utf8')) || 0 : 0;
        const page = all.slice(start, start + pageSize);
        const next = start + pageSize < all.length ? Buffer.from(String(start + pageSize)).toString('base64url') : undefined;
        return {
          status: 200,
          body: { members: page.map(toTeamsChannelAccount), ...(next ? { continuationToken: next } : {}) },
        };
      }

      case 'attachment':
        return { status: 200, body: { id: `att-${nextMessageId()}` } };

      case 'teamDetails': {
        const team = findTeam(roster, p.teamId!);
        if (!team) return { status: 404, body: errorBody(404, `Team ${p.teamId} not found`) };
        return {
          status: 200,
          body: {
            id: team.id,
            name: team.name,
            aadGroupId: team.aadGroupId,
            channelCount: team.channels.length,
            memberCount: teamMembers(roster, team).length,
            type: 'standard',
          },
        };
      }

      case 'teamChannels': {
        const team = findTeam(roster, p.teamId!);
        if (!team) return { status: 404, body: errorBody(404, `Team ${p.teamId} not found`) };
        return {
          status: 200,
          body: { conversations: team.channels.map((c) => (c.isGeneral ? { id: c.id } : { id: c.id, name: c.name })) },
        };
      }

      case 'unknown':
        return { status: 404, body: errorBody(404, 'Route not implemented by the fake connector') };
    }
  }

  async function onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const at = new Date();
    const method = (req.method ?? 'GET').toUpperCase();
    const rawUrl = req.url ?? '/';
    const parsedUrl = new URL(rawUrl, 'http://127.0.0.1');
    const text = await readBody(req);
    let body: JsonActivity | undefined;
    let badJson = false;
    if (text) {
      try {
        body = JSON.parse(text) as JsonActivity;
      } catch {
        badJson = true;
      }
    }
    const p = parseRoute(method, parsedUrl.pathname);
    const key = attemptKey(method, rawUrl, p, body, text);
    const attempt = (pendingAttempts.get(key) ?? 0) + 1;
    const rec: RecordedRequest = {
      seq: ++seq,
      at,
      method,
      url: rawUrl,
      route: p.route,
      ...(p.conversationId !== undefined ? { conversationId: p.conversationId } : {}),
      ...(p.activityId !== undefined ? { activityId: p.activityId } : {}),
      ...(p.memberId !== undefined ? { memberId: p.memberId } : {}),
      ...(p.teamId !== undefined ? { teamId: p.teamId } : {}),
      ...(body !== undefined ? { body } : {}),
      headers: { ...req.headers },
      status: 0,
      attempt,
    };
    requests.push(rec);

    let reply: Reply | undefined;
    if (opts.requireToken) {
      const auth = String(req.headers.authorization ?? '');
      const problem = /^Bearer [^\s]+$/.test(auth) ? tokenProblem(auth.slice(7), opts.requireToken) : 'no bearer token';
      if (problem) {
        rec.authProblem = problem;
        reply = { status: 401, body: errorBody(401, `Authorization has been denied for this request (${problem}).`) };
      }
    }
    if (!reply && badJson) {
      reply = { status: 400, body: errorBody(400, 'Body is not valid JSON') };
    }
    // Injected faults first: failNext, then failFor, then blocks, then rate limits.
    if (!reply) {
      const now = Date.now();
      faults = faults.filter((f) => (f.remaining === undefined || f.remaining > 0) && (f.until === undefined || f.until > now));
      const fault = faults.find((f) => faultMatches(f.spec, rec));
      if (fault) {
        if (fault.remaining !== undefined) fault.remaining -= 1;
        reply = faultReply(fault.spec);
        rec.injected = fault.kind;
      }
    }
    if (!reply && ['send', 'reply', 'update', 'delete', 'history'].includes(p.route)) {
      const b = blockFor(p.conversationId);
      if (b) {
        reply = { status: b.status, body: b.body };
        rec.injected = 'block';
      }
    }
    if (!reply && ['send', 'reply', 'update', 'delete'].includes(p.route)) {
      const limited = checkRateLimit(p.conversationId!, Date.now());
      if (limited) {
        reply = limited;
        rec.injected = 'rateLimit';
      }
    }
    if (!reply) {
      reply = handle(p, body, parsedUrl.searchParams, attempt, at);
      if (reply.injected) rec.injected = reply.injected;
    }

    rec.status = reply.status;
    if (reply.status >= 400) {
      rejected.push(rec);
      pendingAttempts.set(key, attempt);
      if (p.route === 'unknown') unhandled.push(rec);
    } else {
      pendingAttempts.delete(key);
    }
    if (opts.log) {
      process.stderr.write(`[fake-connector] ${method} ${rawUrl} → ${reply.status}${rec.injected ? ` (${rec.injected})` : ''}\n`);
    }

    if (latencyMs > 0) await sleep(latencyMs);
    const payload = reply.body === undefined ? '' : JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      ...(payload ? { 'Content-Type': 'application/json; charset=utf-8' } : {}),
      'Content-Length': Buffer.byteLength(payload),
      ...(reply.headers ?? {}),
    });
    res.end(payload);
  }

  const server = http.createServer((req, res) => {
    onRequest(req, res).catch((err: unknown) => {
      process.stderr.write(`[fake-connector] internal error: ${String(err)}\n`);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(errorBody(500, 'Fake connector internal error')));
    });
  });
  server.keepAliveTimeout = 1000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  if (opts.setAsDefaultServiceUrl !== false) setDefaultServiceUrl(url);

  function summary(): string {
    const lines: string[] = [];
    const section = (title: string, items: string[]) => {
      lines.push(`${title} (${items.length})${items.length ? ':' : ''}`);
      for (const i of items) lines.push(`  ${i}`);
    };
    const att = (n: number) => (n > 1 ? ` (attempts ${n})` : '');
    section(
      'sent',
      sent.map((s) => `[${s.conversationId}] #${s.id} ${describeActivity(s.activity)}${att(s.attempts)}`),
    );
    section(
      'replies',
      replies.map((s) => `[${s.conversationId}] #${s.id} → ${s.replyToId}: ${describeActivity(s.activity)}${att(s.attempts)}`),
    );
    section(
      'updates',
      updates.map((u) => `[${u.conversationId}] #${u.activityId} ${describeActivity(u.activity)}${att(u.attempts)}`),
    );
    section(
      'deletes',
      deletes.map((d) => `[${d.conversationId}] #${d.activityId}`),
    );
    section(
      'createdConversations',
      createdConversations.map(
        (c) => `${c.id}${c.isNew ? '' : ' (existing)'} members=${JSON.stringify((c.params['members'] as unknown[] | undefined) ?? [])}`,
      ),
    );
    section(
      'rejected requests',
      rejected.map((r) => `${r.method} ${r.url} → ${r.status}${r.injected ? ` (${r.injected})` : ''}`),
    );
    return lines.join('\n');
  }

  const connector: FakeConnector = {
    url,
    port,
    roster,
    requests,
    sent,
    replies,
    updates,
    deletes,
    createdConversations,
    rejected,
    unhandled,

    messagesIn(conversationId, o = {}) {
      // Map order is creation order.
      return [...messages.values()].filter(
        (m) => conversationMatches(conversationId, m.conversationId) && (o.includeDeleted || !m.deleted),
      );
    },
    message(activityId) {
      return messages.get(activityId);
    },
    allPosted() {
      return [...posted];
    },

    async waitFor(predicate, timeoutMs = 15_000, what) {
      const deadline = Date.now() + timeoutMs;
      let lastError: unknown;
      for (;;) {
        try {
          const v = await predicate(connector);
          if (v) return v as NonNullable<typeof v>;
          lastError = undefined;
        } catch (err) {
          lastError = err;
        }
        if (Date.now() >= deadline) {
          const label = what ? ` for ${what}` : '';
          const cause = lastError ? `\nLast predicate error: ${String((lastError as Error)?.message ?? lastError)}` : '';
          throw new Error(`waitFor${label} timed out after ${timeoutMs} ms.${cause}\nThe fake connector recorded:\n${summary()}`);
        }
        await sleep(10);
      }
    },
    summary,

    failNext(n, spec) {
      if (n > 0) faults.push({ spec, remaining: n, kind: 'failNext' });
    },
    failFor(ms, spec) {
      faults.push({ spec, until: Date.now() + ms, kind: 'failFor' });
    },
    recover() {
      faults = [];
    },
    block(conversationId, status = 403, body) {
      blocks.set(conversationId, {
        status,
        body: body ?? errorBody(status, 'Message writes are blocked for this conversation (fake connector)', 'MessageWritesBlocked'),
      });
    },
    unblock(conversationId) {
      blocks.delete(conversationId);
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    setRateLimits(rules) {
      rateRules = normalizeRules(rules);
    },

    reset() {
      for (const arr of [requests, sent, replies, updates, deletes, createdConversations, rejected, unhandled, posted]) {
        arr.length = 0;
      }
      messages.clear();
      faults = [];
      blocks.clear();
      pendingAttempts.clear();
      writeTimes.clear();
      knownConversations.clear();
    },

    close() {
      if (getDefaultServiceUrl() === url) setDefaultServiceUrl(undefined);
      return new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
    },
  };
  return connector;
}
