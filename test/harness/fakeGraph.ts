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
 * roster (aadObjectId, e-mail, manager). Unknown routes and unsupported $filter answer 400, so a
 * wrong call fails loudly.
 *
 * Fault injection: failNext (e.g. one 429 with Retry-After), failFor (503 for a period), down/up
 * (connections are cut: Graph unreachable), dropResponseNext (the change is made but the
 * response is lost: the client sees a network error).
 * Like real Graph, a repeated transactionId is NOT relied on to deduplicate: the bot must check.
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
}

export interface FaultSpec {
  status: number;
  /** Retry-After header value (seconds). */
  retryAfter?: number;
  code?: string;
  /** Which requests: default every request. */
  match?: (r: { method: string; path: string }) => boolean;
}

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
  /** Users without a mailbox: getSchedule reports an error for them. */
  setNoMailbox(user: TestUser | string): void;
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

function graphError(status: number, code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}

/** Graph dateTime in UTC ('2026-11-26T09:30:00.0000000') → ms. */
function ms(v: { dateTime: string; timeZone?: string } | undefined): number {
  if (!v) return NaN;
  if (v.timeZone && v.timeZone !== 'UTC') return NaN; // the bot always sends UTC
  return Date.parse(/Z$/.test(v.dateTime) ? v.dateTime : `${v.dateTime}Z`);
}

function graphTime(t: number): { dateTime: string; timeZone: string } {
  return { dateTime: new Date(t).toISOString().replace(/\.\d+Z$/, '.0000000'), timeZone: 'UTC' };
}

export async function startFakeGraph(opts: { roster?: Roster; token?: string } = {}): Promise<FakeGraph> {
  const roster = opts.roster ?? defaultRoster();
  const token = opts.token ?? FAKE_GRAPH_TOKEN;
  const requests: GraphRequestRecord[] = [];
  const events = new Map<string, FakeEvent[]>(); // aadObjectId → events
  const busy = new Map<string, { start: number; end: number; status: string }[]>();
  const noMailbox = new Set<string>();
  let faults: ActiveFault[] = [];
  let drops: { remaining: number; match: (r: { method: string; path: string }) => boolean }[] = [];
  let isDown = false;
  let hang = 0;
  let seq = 0;
  const sockets = new Set<import('node:net').Socket>();

  const userOf = (key: TestUser | string): TestUser | undefined => {
    const k = (typeof key === 'string' ? key : key.aadObjectId).toLowerCase();
    return roster.users.find((u) => u.aadObjectId.toLowerCase() === k || u.email.toLowerCase() === k || u.userPrincipalName.toLowerCase() === k);
  };
  const idOf = (key: TestUser | string): string => userOf(key)?.aadObjectId ?? (typeof key === 'string' ? key : key.aadObjectId);
  const userJson = (u: TestUser) => ({ id: u.aadObjectId, displayName: u.name, mail: u.email, userPrincipalName: u.userPrincipalName, jobTitle: u.jobTitle ?? null });

  function route(method: string, path: string, query: Record<string, string>, body: any): { status: number; body?: unknown; headers?: Record<string, string> } {
    const m = /^\/v1\.0\/users\/([^/]+)(\/.*)?$/.exec(path);
    if (!m) return { status: 400, body: graphError(400, 'BadRequest', `unknown route ${method} ${path}`) };
    const user = userOf(decodeURIComponent(m[1]));
    const rest = m[2] ?? '';
    if (!user) return { status: 404, body: graphError(404, 'Request_ResourceNotFound', 'Resource does not exist') };
    const uid = user.aadObjectId;

    if (method === 'GET' && rest === '') return { status: 200, body: userJson(user) };
    if (method === 'GET' && rest === '/manager') {
      const mgr = user.managerAadObjectId ? userOf(user.managerAadObjectId) : undefined;
      return mgr ? { status: 200, body: userJson(mgr) } : { status: 404, body: graphError(404, 'Request_ResourceNotFound', 'Resource manager does not exist') };
    }
    if (method === 'POST' && rest === '/calendar/getSchedule') {
      const from = ms(body?.startTime);
      const to = ms(body?.endTime);
      if (!Array.isArray(body?.schedules) || Number.isNaN(from) || Number.isNaN(to) || to <= from) {
        return { status: 400, body: graphError(400, 'ErrorInvalidRequest', 'schedules, startTime and endTime are required') };
      }
      const value = (body.schedules as string[]).map((addr) => {
        const who = userOf(addr);
        if (!who || !addr.includes('@')) return { scheduleId: addr, error: { message: 'The SMTP address has no mailbox associated with it.', responseCode: 'ErrorInvalidSmtpAddress' } };
        if (noMailbox.has(who.aadObjectId)) return { scheduleId: addr, error: { message: 'No mailbox.', responseCode: 'ErrorMailboxNotFound' } };
        const blocks = [
          ...(busy.get(who.aadObjectId) ?? []),
          ...(events.get(who.aadObjectId) ?? []).filter((e) => e.showAs !== 'free').map((e) => ({ start: ms(e.start), end: ms(e.end), status: e.showAs })),
        ].filter((b) => b.start < to && b.end > from);
        return {
          scheduleId: addr,
          availabilityView: '',
          scheduleItems: blocks.map((b) => ({ isPrivate: false, status: b.status, start: graphTime(b.start), end: graphTime(b.end) })),
          workingHours: { daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], startTime: '08:30:00.0000000', endTime: '17:00:00.0000000', timeZone: { name: 'W. Europe Standard Time' } },
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
        list = list.filter((e) => (e.singleValueExtendedProperties ?? []).some((p) => p.id.toLowerCase() === fm[1].toLowerCase() && p.value === value));
      }
      const top = query.$top ? Number(query.$top) : list.length;
      return { status: 200, body: { value: list.slice(0, top).map((e) => (query.$select ? Object.fromEntries(query.$select.split(',').map((k) => [k, (e as any)[k]])) : e)) } };
    }
    const em = /^\/events\/([^/]+)$/.exec(rest);
    if (em) {
      const eid = decodeURIComponent(em[1]);
      const list = events.get(uid) ?? [];
      const ev = list.find((e) => e.id === eid);
      if (!ev) return { status: 404, body: graphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.') };
      if (method === 'PATCH') {
        for (const k of ['subject', 'body', 'showAs', 'categories', 'isReminderOn', 'reminderMinutesBeforeStart', 'sensitivity'] as const) if (body?.[k] !== undefined) (ev as any)[k] = body[k];
        if (body?.start) ev.start = graphTime(ms(body.start));
        if (body?.end) ev.end = graphTime(ms(body.end));
        return { status: 200, body: ev };
      }
      if (method === 'DELETE') {
        events.set(uid, list.filter((e) => e.id !== eid));
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
      const rec: GraphRequestRecord = { method, path, query, body, auth: req.headers.authorization, status: 0, at: Date.now() };
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
        res.writeHead(status, { ...(payload !== undefined ? { 'Content-Type': 'application/json' } : {}), 'request-id': randomUUID(), ...headers });
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
        if (fault.remaining !== undefined) fault.remaining--;
        const code = fault.spec.code ?? (fault.spec.status === 429 ? 'TooManyRequests' : fault.spec.status === 503 ? 'ServiceNotAvailable' : 'GatewayTimeout');
        send(fault.spec.status, graphError(fault.spec.status, code, 'Injected fault'), fault.spec.retryAfter !== undefined ? { 'Retry-After': String(fault.spec.retryAfter) } : {});
        return;
      }
      const out = route(method, path, query, body);
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
      busy.set(idOf(user), blocks.map((b) => ({ start: new Date(b.start).getTime(), end: new Date(b.end).getTime(), status: b.status ?? 'busy' })));
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
    reset() {
      requests.length = 0;
      events.clear();
      busy.clear();
      noMailbox.clear();
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
