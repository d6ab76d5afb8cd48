/**
 * A fake Microsoft Graph over real HTTP (node:http) for the calls the bot makes:
 *   GET    /v1.0/users/{id}                       ($select: id, mail, userPrincipalName, displayName)
 *   GET    /v1.0/users/{id}/manager               (404 Request_ResourceNotFound when none)
 *   POST   /v1.0/users/{id}/calendar/getSchedule  (busy blocks set by the test + the user's events)
 *   POST   /v1.0/users/{id}/events
 *   GET    /v1.0/users/{id}/events?$filter=singleValueExtendedProperties/Any(…)   (marker lookup)
 *   PATCH  /v1.0/users/{id}/events/{eventId}
 *   DELETE /v1.0/users/{id}/events/{eventId}
 * Every request needs `Authorization: Bearer <token>` (401 otherwise). Users come from the test
 * roster (aadObjectId, userPrincipalName, manager). Unknown routes and unsupported $filter answer
 * 400, so a wrong call fails loudly.
 *
 * It answers as Graph v1.0 documents, not as the bot expects (each rule cites its page):
 * - /users/{id} takes an object id (GUID) or a userPrincipalName only (user-get);
 * - getSchedule: window under 62 days, at most 20 schedules, availabilityViewInterval 5–1440, a
 *   real availabilityView, times in the zone asked with Prefer: outlook.timezone (else UTC), an
 *   unknown schedule is an error inside value[] (calendar-getschedule);
 * - a user without an Exchange Online mailbox: calendar requests fail whole, 404
 *   MailboxNotEnabledForRESTAPI (Exchange troubleshooting KB 4462988);
 * - POST/PATCH need Content-Type: application/json (errors: 415);
 * - transactionId deduplicates a repeated create (user-post-events);
 * - extended-property $filter: id compared case-sensitively, value case-insensitively
 *   (singlevaluelegacyextendedproperty-get);
 * - /manager returns @odata.type (user or orgContact) (user-list-manager);
 * - denyAccess(): 401 NoPermissionsInAccessToken (no admin consent, or not yet in the token),
 *   403 ErrorAccessDenied (application access policy), 403 Authorization_RequestDenied (directory
 *   permission missing) (errors; auth-limit-mailbox-access).
 *
 * Fault injection: failNext (e.g. one 429 with Retry-After), failFor (503 for a period), down/up
 * (connections are cut: Graph unreachable), dropResponseNext (the change is made but the
 * response is lost: the client sees a network error), a fault with `afterwards` (the change is
 * made, then the fault is the answer: a 504 after the event was created).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { defaultRoster, type Roster, type TestUser } from './roster';

export const FAKE_GRAPH_TOKEN = 'fake-graph-token-0123456789';

export interface FakeEvent {
  id: string;
  userId: string;
  subject: string;
  body: { contentType: string; content: string };
  start: { dateTime: string; timeZone: string };
  end: { dateTime: string; timeZone: string };
  showAs: string;
  categories: string[];
  isReminderOn: boolean;
  reminderMinutesBeforeStart: number;
  sensitivity?: string;
  transactionId?: string;
  singleValueExtendedProperties?: { id: string; value: string }[];
  createdAt: number;
}

export interface GraphRequestRecord {
  method: string;
  path: string;
  query: Record<string, string>;
  body: any;
  auth: string | undefined;
  status: number | 'dropped' | 'cut';
  /** Real time (ms) the request arrived. */
  at: number;
  /** Request headers (lower-case names). */
  headers: http.IncomingHttpHeaders;
}

export interface FaultSpec {
  status: number;
  /** Retry-After header value (seconds). */
  retryAfter?: number;
  code?: string;
  /** Which requests: default every request. */
  match?: (r: { method: string; path: string }) => boolean;
  /** Carry the request out first, then answer with the fault (Graph did it; the answer says otherwise). */
  afterwards?: boolean;
}

/**
 * Access Graph refuses (https://learn.microsoft.com/en-us/graph/errors):
 * - 'consent': every request 401 NoPermissionsInAccessToken (application permissions not consented,
 *   or consented after the token was issued: tokens are cached up to an hour);
 * - { policyFor }: calendar requests for that mailbox 403 ErrorAccessDenied (an Exchange application
 *   access policy; https://learn.microsoft.com/en-us/graph/auth-limit-mailbox-access);
 * - 'directory': /users/{id} and /manager 403 Authorization_RequestDenied (User.Read.All missing).
 */
export type AccessDenial = 'consent' | 'directory' | { policyFor: TestUser | string };

export interface FakeGraph {
  readonly url: string;
  /** `${url}/v1.0`: what GRAPH_BASE_URL should be. */
  readonly baseUrl: string;
  readonly requests: GraphRequestRecord[];
  /** The env a bot needs to use this fake. */
  env(): Record<string, string>;
  /** Busy blocks of a user (aadObjectId or e-mail), besides their events. */
  setBusy(user: TestUser | string, blocks: { start: string | Date; end: string | Date; status?: string }[]): void;
  /** Events in a user's calendar (aadObjectId, e-mail or TestUser). */
  eventsOf(user: TestUser | string): FakeEvent[];
  allEvents(): FakeEvent[];
  /** Requests matching method and a path pattern. */
  requestsTo(method: string, path: RegExp): GraphRequestRecord[];
  failNext(n: number, spec: FaultSpec): void;
  failFor(ms: number, spec: FaultSpec): void;
  /** Graph unreachable: every connection is cut until up(). */
  down(): void;
  up(): void;
  /** The next n matching requests are carried out, but the response never arrives (connection cut). */
  dropResponseNext(n: number, match: (r: { method: string; path: string }) => boolean): void;
  /** The next n requests get no answer at all (the connection stays open): tests time budgets. */
  hangNext(n: number): void;
  /** Users without a mailbox: their calendar requests fail with 404 MailboxNotEnabledForRESTAPI. */
  setNoMailbox(user: TestUser | string): void;
  /** Graph refuses this access until allowAccess(). */
  denyAccess(d: AccessDenial): void;
  allowAccess(): void;
  /** The user's manager becomes an organisational contact (not a user). */
  setManagerContact(user: TestUser | string, contact: { id: string; displayName: string; mail?: string }): void;
  /** getSchedule answers in this time zone whatever Prefer asks (a proxy that drops the header). */
  ignoreTimeZonePreference(zone: string | null): void;
  /** Outlook automatic replies of a user (GET …/mailboxSettings/automaticRepliesSetting). */
  setAutomaticReplies(
    user: TestUser | string,
    setting: { status: 'disabled' | 'alwaysEnabled' | 'scheduled'; start?: string | Date; end?: string | Date },
  ): void;
  reset(): void;
  close(): Promise<void>;
}

/** A TokenCredential that returns a fixed token: the credential is swapped, the HTTP calls stay real. */
export function fixedTokenCredential(token = FAKE_GRAPH_TOKEN): TokenCredential & { calls: number } {
  const c = {
    calls: 0,
    async getToken(): Promise<AccessToken> {
      c.calls++;
      return { token, expiresOnTimestamp: Date.now() + 3600_000 };
    },
  };
  return c;
}

interface ActiveFault {
  spec: FaultSpec;
  remaining?: number;
  until?: number;
}

const MARKER_FILTER = /^singleValueExtendedProperties\/Any\(ep: ep\/id eq '([^']+)' and ep\/value eq '((?:[^']|'')*)'\)$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Windows zone names Graph accepts in Prefer: outlook.timezone, mapped to IANA (the ones tests use). */
const ZONES: Record<string, string> = {
  UTC: 'UTC',
  'W. Europe Standard Time': 'Europe/Amsterdam',
  'Pacific Standard Time': 'America/Los_Angeles',
  'Europe/Amsterdam': 'Europe/Amsterdam',
};

function graphError(status: number, code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}

/** Graph dateTime in UTC ('2026-11-26T09:30:00.0000000') → ms. */
function ms(v: { dateTime: string; timeZone?: string } | undefined): number {
  if (!v) return NaN;
  if (v.timeZone && v.timeZone !== 'UTC') return NaN; // the bot always sends UTC
  return Date.parse(/Z$/.test(v.dateTime) ? v.dateTime : `${v.dateTime}Z`);
}

function graphTime(t: number, zone = 'UTC'): { dateTime: string; timeZone: string } {
  const iana = ZONES[zone] ?? 'UTC';
  if (iana === 'UTC') return { dateTime: new Date(t).toISOString().replace(/\.\d+Z$/, '.0000000'), timeZone: 'UTC' };
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: iana,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(t))
      .map((x) => [x.type, x.value]),
  );
  return { dateTime: `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}.0000000`, timeZone: zone };
}

/** Prefer: outlook.timezone="…" → the zone name, or undefined. */
function preferredZone(prefer: string | undefined): string | undefined {
  return /outlook\.timezone="([^"]+)"/i.exec(prefer ?? '')?.[1];
}

/** availabilityView digits (calendar-getschedule): 0 free, 1 tentative, 2 busy, 3 oof, 4 workingElsewhere; the strongest per interval. */
const VIEW_DIGIT: Record<string, number> = { free: 0, tentative: 1, busy: 2, oof: 3, workingelsewhere: 4 };
const VIEW_RANK = [0, 2, 3, 4, 1]; // digit → strength: workingElsewhere < tentative < busy < oof
function availabilityView(blocks: { start: number; end: number; status: string }[], from: number, to: number, intervalMin: number): string {
  let out = '';
  for (let t = from; t < to; t += intervalMin * 60_000) {
    let digit = 0;
    for (const b of blocks) {
      if (b.start < t + intervalMin * 60_000 && b.end > t) {
        const d = VIEW_DIGIT[b.status.toLowerCase()] ?? 2;
        if (VIEW_RANK[d] > VIEW_RANK[digit]) digit = d;
      }
    }
    out += String(digit);
  }
  return out;
}

export async function startFakeGraph(opts: { roster?: Roster; token?: string } = {}): Promise<FakeGraph> {
  const roster = opts.roster ?? defaultRoster();
  const token = opts.token ?? FAKE_GRAPH_TOKEN;
  const requests: GraphRequestRecord[] = [];
  const events = new Map<string, FakeEvent[]>(); // aadObjectId → events
  const busy = new Map<string, { start: number; end: number; status: string }[]>();
  const noMailbox = new Set<string>();
  let denials: AccessDenial[] = [];
  const contacts = new Map<string, { id: string; displayName: string; mail?: string }>();
  let forcedZone: string | null = null;
  const autoReplies = new Map<string, { status: string; start: number; end: number }>();
  let faults: ActiveFault[] = [];
  let drops: { remaining: number; match: (r: { method: string; path: string }) => boolean }[] = [];
  let isDown = false;
  let hang = 0;
  let seq = 0;
  const sockets = new Set<import('node:net').Socket>();

  const userOf = (key: TestUser | string): TestUser | undefined => {
    const k = (typeof key === 'string' ? key : key.aadObjectId).toLowerCase();
    return roster.users.find(
      (u) => u.aadObjectId.toLowerCase() === k || u.email.toLowerCase() === k || u.userPrincipalName.toLowerCase() === k,
    );
  };
  const idOf = (key: TestUser | string): string => userOf(key)?.aadObjectId ?? (typeof key === 'string' ? key : key.aadObjectId);
  const userJson = (u: TestUser) => ({
    '@odata.type': '#microsoft.graph.user',
    id: u.aadObjectId,
    displayName: u.name,
    mail: u.email,
    userPrincipalName: u.userPrincipalName,
    jobTitle: u.jobTitle ?? null,
  });
  /** A user as /users/{id} finds them (https://learn.microsoft.com/en-us/graph/api/user-get): object id or userPrincipalName, nothing else. */
  const userByKey = (key: string): TestUser | undefined => {
    const k = key.toLowerCase();
    if (GUID.test(key)) return roster.users.find((u) => u.aadObjectId.toLowerCase() === k);
    return roster.users.find((u) => u.userPrincipalName.toLowerCase() === k);
  };
  /** A schedule address (SMTP) in getSchedule: the primary mail address (or the UPN, which Exchange also accepts as an address). */
  const userByAddress = (addr: string): TestUser | undefined =>
    addr.includes('@')
      ? roster.users.find((u) => u.email.toLowerCase() === addr.toLowerCase() || u.userPrincipalName.toLowerCase() === addr.toLowerCase())
      : undefined;
  const denied = (kind: 'consent' | 'directory') => denials.includes(kind);
  const policyDenies = (uid: string) => denials.some((d) => typeof d === 'object' && idOf(d.policyFor) === uid);

  function route(
    method: string,
    path: string,
    query: Record<string, string>,
    body: any,
    headers: http.IncomingHttpHeaders,
  ): { status: number; body?: unknown; headers?: Record<string, string> } {
    // https://learn.microsoft.com/en-us/graph/errors: 401 with NoPermissionsInAccessToken when the app's token carries no roles.
    if (denied('consent'))
      return {
        status: 401,
        body: graphError(401, 'NoPermissionsInAccessToken', 'The token contains no permissions, or permissions can not be understood.'),
      };
    // https://learn.microsoft.com/en-us/graph/errors: 415 for a body of a type the service does not take.
    if ((method === 'POST' || method === 'PATCH') && !/^application\/json\b/i.test(String(headers['content-type'] ?? ''))) {
      return { status: 415, body: graphError(415, 'UnsupportedMediaType', 'Content-Type application/json is required.') };
    }
    const m = /^\/v1\.0\/users\/([^/]+)(\/.*)?$/.exec(path);
    if (!m) return { status: 400, body: graphError(400, 'BadRequest', `unknown route ${method} ${path}`) };
    const key = decodeURIComponent(m[1]);
    const rest = m[2] ?? '';
    // https://learn.microsoft.com/en-us/graph/api/user-get: {id | userPrincipalName}; anything else is not an identifier.
    if (!GUID.test(key) && !key.includes('@'))
      return { status: 400, body: graphError(400, 'Request_BadRequest', `Invalid object identifier '${key}'.`) };
    const user = userByKey(key);
    if (!user)
      return {
        status: 404,
        body: graphError(
          404,
          'Request_ResourceNotFound',
          `Resource '${key}' does not exist or one of its queried reference-property objects are not present.`,
        ),
      };
    const uid = user.aadObjectId;
    const calendarCall = rest.startsWith('/calendar') || rest.startsWith('/events');
    if (calendarCall) {
      // https://learn.microsoft.com/en-us/graph/auth-limit-mailbox-access: a mailbox outside the app's access policy.
      if (policyDenies(uid))
        return {
          status: 403,
          body: graphError(
            403,
            'ErrorAccessDenied',
            'Access to OData is disabled: Blocked by tenant configured AppOnly AccessPolicy settings.',
          ),
        };
      // Exchange KB 4462988: no Exchange Online mailbox → the whole request fails.
      if (noMailbox.has(uid))
        return {
          status: 404,
          body: graphError(404, 'MailboxNotEnabledForRESTAPI', 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.'),
        };
    } else if (denied('directory')) {
      return { status: 403, body: graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.') };
    }

    if (method === 'GET' && rest === '') return { status: 200, body: userJson(user) };
    if (method === 'GET' && rest === '/manager') {
      // https://learn.microsoft.com/en-us/graph/api/user-list-manager: a directoryObject with its @odata.type.
      const contact = contacts.get(uid);
      if (contact) return { status: 200, body: { '@odata.type': '#microsoft.graph.orgContact', ...contact } };
      const mgr = user.managerAadObjectId ? userOf(user.managerAadObjectId) : undefined;
      return mgr
        ? { status: 200, body: userJson(mgr) }
        : { status: 404, body: graphError(404, 'Request_ResourceNotFound', 'Resource manager does not exist') };
    }
    if (method === 'GET' && rest === '/mailboxSettings/automaticRepliesSetting') {
      if (noMailbox.has(uid)) return { status: 404, body: graphError(404, 'ErrorMailboxNotFound', 'No mailbox.') };
      const a = autoReplies.get(uid) ?? { status: 'disabled', start: 0, end: 0 };
      return {
        status: 200,
        body: {
          status: a.status,
          externalAudience: 'all',
          internalReplyMessage: '',
          externalReplyMessage: '',
          scheduledStartDateTime: graphTime(a.start),
          scheduledEndDateTime: graphTime(a.end),
        },
      };
    }
    if (method === 'POST' && rest === '/calendar/getSchedule') {
      // https://learn.microsoft.com/en-us/graph/api/calendar-getschedule
      const from = ms(body?.startTime);
      const to = ms(body?.endTime);
      if (!Array.isArray(body?.schedules) || Number.isNaN(from) || Number.isNaN(to) || to <= from) {
        return { status: 400, body: graphError(400, 'ErrorInvalidRequest', 'schedules, startTime and endTime are required') };
      }
      if (body.schedules.length > 20)
        return { status: 400, body: graphError(400, 'ErrorInvalidParameter', 'At most 20 schedules can be requested.') };
      if (to - from >= 62 * 24 * 3600_000)
        return {
          status: 400,
          body: graphError(400, 'ErrorTimeIntervalTooBig', 'The requested time duration is too long (62 days or more).'),
        };
      const interval = body.availabilityViewInterval === undefined ? 30 : Number(body.availabilityViewInterval);
      if (!Number.isInteger(interval) || interval < 5 || interval > 1440)
        return { status: 400, body: graphError(400, 'ErrorInvalidParameter', 'availabilityViewInterval must be between 5 and 1440.') };
      // Prefer: outlook.timezone sets the zone of the answer's times; without it they are UTC.
      const zone = forcedZone ?? preferredZone(headers.prefer as string | undefined) ?? 'UTC';
      const value = (body.schedules as string[]).map((addr) => {
        const who = userByAddress(addr);
        if (!who)
          return {
            scheduleId: addr,
            error: { message: 'The SMTP address has no mailbox associated with it.', responseCode: 'ErrorInvalidSmtpAddress' },
          };
        if (noMailbox.has(who.aadObjectId))
          return {
            scheduleId: addr,
            error: {
              message: 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.',
              responseCode: 'ErrorMailboxNotFound',
            },
          };
        if (policyDenies(who.aadObjectId))
          return { scheduleId: addr, error: { message: 'Access is denied.', responseCode: 'ErrorAccessDenied' } };
        const blocks = [
          ...(busy.get(who.aadObjectId) ?? []),
          ...(events.get(who.aadObjectId) ?? [])
            .filter((e) => e.showAs !== 'free')
            .map((e) => ({ start: ms(e.start), end: ms(e.end), status: e.showAs })),
        ].filter((b) => b.start < to && b.end > from);
        return {
          scheduleId: addr,
          availabilityView: availabilityView(blocks, from, to, interval),
          scheduleItems: blocks.map((b) => ({
            isPrivate: false,
            status: b.status,
            start: graphTime(b.start, zone),
            end: graphTime(b.end, zone),
          })),
          workingHours: {
            daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
            startTime: '08:30:00.0000000',
            endTime: '17:00:00.0000000',
            timeZone: { name: 'W. Europe Standard Time' },
          },
        };
      });
      return { status: 200, body: { value } };
    }
    if (method === 'POST' && rest === '/events') {
      const start = ms(body?.start);
      const end = ms(body?.end);
      if (!body?.subject || Number.isNaN(start) || Number.isNaN(end) || end <= start) {
        return { status: 400, body: graphError(400, 'ErrorInvalidRequest', 'subject, start and end are required') };
      }
      // https://learn.microsoft.com/en-us/graph/api/user-post-events: transactionId "to avoid
      // redundant POST operations in case of client retries": the same id creates nothing new.
      const same = body.transactionId ? (events.get(uid) ?? []).find((e) => e.transactionId === body.transactionId) : undefined;
      if (same) return { status: 201, body: same };
      const ev: FakeEvent = {
        id: `AAMkAD-fake-${++seq}`,
        userId: uid,
        subject: body.subject,
        body: body.body ?? { contentType: 'text', content: '' },
        start: graphTime(start),
        end: graphTime(end),
        showAs: body.showAs ?? 'busy',
        categories: body.categories ?? [],
        isReminderOn: body.isReminderOn ?? true,
        reminderMinutesBeforeStart: body.reminderMinutesBeforeStart ?? 15,
        sensitivity: body.sensitivity,
        transactionId: body.transactionId,
        singleValueExtendedProperties: body.singleValueExtendedProperties,
        createdAt: Date.now(),
      };
      events.set(uid, [...(events.get(uid) ?? []), ev]);
      return { status: 201, body: ev };
    }
    if (method === 'GET' && rest === '/events') {
      const filter = query.$filter;
      const fm = filter ? MARKER_FILTER.exec(filter) : null;
      if (filter && !fm) return { status: 400, body: graphError(400, 'BadRequest', `unsupported $filter in fake: ${filter}`) };
      let list = events.get(uid) ?? [];
      if (fm) {
        const value = fm[2].replace(/''/g, "'");
        // https://learn.microsoft.com/en-us/graph/api/singlevaluelegacyextendedproperty-get: the id
        // (its Name) is compared case-sensitively, the value case-insensitively.
        list = list.filter((e) =>
          (e.singleValueExtendedProperties ?? []).some((p) => p.id === fm[1] && p.value.toLowerCase() === value.toLowerCase()),
        );
      }
      const top = query.$top ? Number(query.$top) : list.length;
      return {
        status: 200,
        body: {
          value: list
            .slice(0, top)
            .map((e) => (query.$select ? Object.fromEntries(query.$select.split(',').map((k) => [k, (e as any)[k]])) : e)),
        },
      };
    }
    const em = /^\/events\/([^/]+)$/.exec(rest);
    if (em) {
      const eid = decodeURIComponent(em[1]);
      const list = events.get(uid) ?? [];
      const ev = list.find((e) => e.id === eid);
      if (!ev) return { status: 404, body: graphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.') };
      if (method === 'PATCH') {
        for (const k of ['subject', 'body', 'showAs', 'categories', 'isReminderOn', 'reminderMinutesBeforeStart', 'sensitivity'] as const)
          if (body?.[k] !== undefined) (ev as any)[k] = body[k];
        if (body?.start) ev.start = graphTime(ms(body.start));
        if (body?.end) ev.end = graphTime(ms(body.end));
        return { status: 200, body: ev };
      }
      if (method === 'DELETE') {
        events.set(
          uid,
          list.filter((e) => e.id !== eid),
        );
        return { status: 204 };
      }
      if (method === 'GET') return { status: 200, body: ev };
    }
    return { status: 400, body: graphError(400, 'BadRequest', `unknown route ${method} ${path}`) };
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://fake');
      const query: Record<string, string> = {};
      u.searchParams.forEach((v, k) => (query[k] = v));
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: any;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = raw;
      }
      const method = req.method ?? 'GET';
      const path = u.pathname;
      const rec: GraphRequestRecord = {
        method,
        path,
        query,
        body,
        auth: req.headers.authorization,
        status: 0,
        at: Date.now(),
        headers: req.headers,
      };
      requests.push(rec);
      if (isDown) {
        rec.status = 'cut';
        req.socket.destroy();
        return;
      }
      if (hang > 0) {
        hang--;
        rec.status = 'cut';
        return; // never answered; close() or reset() cuts it
      }
      const send = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
        rec.status = status;
        res.writeHead(status, {
          ...(payload !== undefined ? { 'Content-Type': 'application/json' } : {}),
          'request-id': randomUUID(),
          ...headers,
        });
        res.end(payload !== undefined ? JSON.stringify(payload) : undefined);
      };
      if (req.headers.authorization !== `Bearer ${token}`) {
        send(401, graphError(401, 'InvalidAuthenticationToken', 'Access token is empty or invalid.'));
        return;
      }
      const now = Date.now();
      faults = faults.filter((f) => (f.remaining === undefined || f.remaining > 0) && (f.until === undefined || f.until > now));
      const fault = faults.find((f) => !f.spec.match || f.spec.match({ method, path }));
      if (fault) {
        if (fault.spec.afterwards) route(method, path, query, body, req.headers);
        if (fault.remaining !== undefined) fault.remaining--;
        const code =
          fault.spec.code ??
          (fault.spec.status === 429 ? 'TooManyRequests' : fault.spec.status === 503 ? 'ServiceNotAvailable' : 'GatewayTimeout');
        send(
          fault.spec.status,
          graphError(fault.spec.status, code, 'Injected fault'),
          fault.spec.retryAfter !== undefined ? { 'Retry-After': String(fault.spec.retryAfter) } : {},
        );
        return;
      }
      const out = route(method, path, query, body, req.headers);
      const drop = drops.find((d) => d.remaining > 0 && d.match({ method, path }));
      if (drop) {
        drop.remaining--;
        rec.status = 'dropped';
        req.socket.destroy();
        return;
      }
      send(out.status, out.body, out.headers);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    baseUrl: `${url}/v1.0`,
    requests,
    env: () => ({
      GRAPH_TENANT_ID: roster.tenantId,
      GRAPH_CLIENT_ID: '11111111-2222-4333-8444-555555555555',
      GRAPH_CLIENT_SECRET: 'not-used-the-credential-is-injected',
      GRAPH_BASE_URL: `${url}/v1.0`,
    }),
    setBusy(user, blocks) {
      busy.set(
        idOf(user),
        blocks.map((b) => ({ start: new Date(b.start).getTime(), end: new Date(b.end).getTime(), status: b.status ?? 'busy' })),
      );
    },
    eventsOf: (user) => [...(events.get(idOf(user)) ?? [])],
    allEvents: () => [...events.values()].flat(),
    requestsTo: (method, path) => requests.filter((r) => r.method === method && path.test(r.path)),
    failNext(n, spec) {
      faults.push({ spec, remaining: n });
    },
    failFor(msFor, spec) {
      faults.push({ spec, until: Date.now() + msFor });
    },
    down() {
      isDown = true;
      for (const s of sockets) s.destroy();
    },
    up() {
      isDown = false;
    },
    dropResponseNext(n, match) {
      drops.push({ remaining: n, match });
    },
    hangNext(n) {
      hang = n;
    },
    setNoMailbox(user) {
      noMailbox.add(idOf(user));
    },
    denyAccess(d) {
      denials.push(d);
    },
    allowAccess() {
      denials = [];
    },
    setManagerContact(user, contact) {
      contacts.set(idOf(user), contact);
    },
    ignoreTimeZonePreference(zone) {
      forcedZone = zone;
    },
    setAutomaticReplies(user, a) {
      autoReplies.set(idOf(user), {
        status: a.status,
        start: a.start ? new Date(a.start).getTime() : 0,
        end: a.end ? new Date(a.end).getTime() : 0,
      });
    },
    reset() {
      autoReplies.clear();
      requests.length = 0;
      events.clear();
      busy.clear();
      noMailbox.clear();
      denials = [];
      contacts.clear();
      forcedZone = null;
      faults = [];
      drops = [];
      isDown = false;
      hang = 0;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
