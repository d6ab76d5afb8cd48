// GraphService: the few Microsoft Graph calls the bot makes, in its own terms (Dates, plain
// objects). Nothing outside src/graph/ sees a Graph type. Every call has a time budget; failures
// come out as GraphFailure (errors.ts).
import { createHash } from 'node:crypto';
import type { Client } from '@microsoft/microsoft-graph-client';
import { RetryHandlerOptions } from '@microsoft/microsoft-graph-client';
import type { Clock } from '../domain/clock';
import { GraphFailure, toGraphFailure } from './errors';

export interface BusyBlock {
  start: Date;
  end: Date;
}

export interface EventDraft {
  subject: string;
  /** HTML; the caller escapes everything a person typed. */
  bodyHtml: string;
  start: Date;
  end: Date;
  reminderMinutes: number;
  categories: string[];
  /** Private: people who share the calendar see "busy", not the customer's details. */
  private: boolean;
  /**
   * Idempotency marker (unique per intended event). Stored on the event as an extended property
   * (findEvent looks for it) and as Graph's transactionId (Graph's own guard against repeated POSTs).
   */
  marker: string;
}

export interface DirectoryUser {
  id: string;
  displayName: string;
  mail?: string;
}

export interface CallOptions {
  /** Time budget for the whole call, retries included (ms). */
  timeoutMs?: number;
  /** No retries inside this call (a form refresh that Teams is waiting for: answer within the budget or say the agenda is slow). */
  noRetry?: boolean;
}

export interface GraphService {
  /** Busy, tentative and out-of-office blocks of a user between two instants. */
  getSchedule(userId: string, from: Date, to: Date, o?: CallOptions): Promise<BusyBlock[]>;
  /** Creates an event in the user's calendar (shown as busy); returns its id. */
  createEvent(userId: string, draft: EventDraft, o?: CallOptions): Promise<{ id: string }>;
  /** The event carrying this marker, if one exists (check before create). */
  findEvent(userId: string, marker: string, o?: CallOptions): Promise<{ id: string } | null>;
  /** Rewrites subject, body, start and end. Throws GraphFailure with status 404 when the event is gone. */
  updateEvent(userId: string, eventId: string, draft: EventDraft, o?: CallOptions): Promise<void>;
  /** Deletes the event; an event that is already gone counts as deleted. */
  deleteEvent(userId: string, eventId: string, o?: CallOptions): Promise<void>;
  /** The user's manager in Entra ID; null when none is set or the manager is not a user (an organisational contact). */
  getManager(userId: string, o?: CallOptions): Promise<DirectoryUser | null>;
  /**
   * One cheap request that needs the same access as the agenda ('calendar': the user's events,
   * Calendars.* and the mailbox access policy) or the manager lookup ('directory': User.Read.All).
   * Resolves when Graph allows it; throws GraphFailure otherwise.
   */
  checkAccess(userId: string, kind: 'calendar' | 'directory', o?: CallOptions): Promise<void>;
  /** Outlook automatic replies (MailboxSettings.Read): off, on until switched off, or on for a period. */
  automaticReplies(userId: string, o?: CallOptions): Promise<AutomaticReplies>;
}

export interface AutomaticReplies {
  status: 'disabled' | 'alwaysEnabled' | 'scheduled';
  start?: Date;
  end?: Date;
}

/** Extended property that carries the marker: a named property in our own GUID namespace. */
export const MARKER_PROPERTY = 'String {3a1e7b52-9c4d-4f8e-a2b6-5d0c8e1f4a73} Name TopContactMarker';
/** getSchedule statuses that make a moment unavailable ('free' and 'workingElsewhere' do not). */
const BLOCKING = new Set(['busy', 'tentative', 'oof']);
const DEFAULT_TIMEOUT_MS = 25_000;
/**
 * getSchedule refuses a window of 62 days or more (ErrorTimeIntervalTooBig;
 * https://learn.microsoft.com/en-us/graph/api/calendar-getschedule): longer windows are asked in
 * pieces of at most 61 days, and at most MAX_SCHEDULE_PIECES of them (callers clamp their search
 * window; a window of years is a mistake, not a question).
 */
export const SCHEDULE_PIECE_MS = 61 * 24 * 3600_000;
export const MAX_SCHEDULE_PIECES = 6;
/** /users/{id} takes the object id (a GUID) or the userPrincipalName (https://learn.microsoft.com/en-us/graph/api/user-get). */
const OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UPN = /^[^@\s/?#]+@[^@\s/?#]+\.[^@\s/?#]+$/;
const ADDRESS_TTL_MS = 60 * 60_000;

/** Graph's transactionId for a marker: a stable GUID-shaped string. */
export function transactionIdFor(marker: string): string {
  const h = createHash('sha256').update(marker).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Graph's dateTimeTimeZone in UTC: '2026-11-26T09:30:00.0000000'. */
function utc(d: Date): { dateTime: string; timeZone: string } {
  return { dateTime: d.toISOString().replace('Z', ''), timeZone: 'UTC' };
}

/** Reads a Graph dateTimeTimeZone we asked for in UTC. */
function fromUtc(v: { dateTime?: string; timeZone?: string } | undefined): Date {
  const s = v?.dateTime ?? '';
  return new Date(/[zZ]|[+-]\d\d:\d\d$/.test(s) ? s : `${s}Z`);
}

const seg = (s: string) => encodeURIComponent(s);

/** A permanent failure made here, before or after a request (never contains request content). */
const permanent = (status: number, code: string) => new GraphFailure(`graph ${status} ${code}`, status, code, false);

/** Refuses what Graph would not take as a user id (a Teams id '29:…', a name) without a request. */
function userSeg(userId: string): string {
  if (!OBJECT_ID.test(userId) && !UPN.test(userId)) throw permanent(400, 'InvalidUserId');
  return seg(userId);
}

/** The pieces [from, to) is asked in: each shorter than 62 days. */
export function schedulePieces(from: Date, to: Date): { start: Date; end: Date }[] {
  const out: { start: Date; end: Date }[] = [];
  for (let t = from.getTime(); t < to.getTime(); t += SCHEDULE_PIECE_MS)
    out.push({ start: new Date(t), end: new Date(Math.min(t + SCHEDULE_PIECE_MS, to.getTime())) });
  return out;
}

export class HttpGraphService implements GraphService {
  private readonly addresses = new Map<string, { address: string; at: number }>();

  constructor(
    private readonly client: Client,
    private readonly clock: Clock,
  ) {}

  private async call<T>(o: CallOptions | undefined, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    try {
      return await fn(AbortSignal.timeout(o?.timeoutMs ?? DEFAULT_TIMEOUT_MS));
    } catch (err) {
      throw toGraphFailure(err, this.clock.now().getTime());
    }
  }

  /** getSchedule wants SMTP addresses; the bot knows people by Entra object id. */
  private async addressOf(userId: string, o?: CallOptions): Promise<string> {
    if (userId.includes('@')) return userId;
    const now = this.clock.now().getTime();
    const known = this.addresses.get(userId);
    if (known && now - known.at < ADDRESS_TTL_MS) return known.address;
    const u = await this.call(
      o,
      (signal) =>
        this.client
          .api(`/users/${userSeg(userId)}`)
          .select(['id', 'mail', 'userPrincipalName'])
          .options({ signal })
          .get() as Promise<{ mail?: string | null; userPrincipalName?: string }>,
    );
    const address = u.mail || u.userPrincipalName || userId;
    this.addresses.set(userId, { address, at: now });
    return address;
  }

  async getSchedule(userId: string, from: Date, to: Date, o?: CallOptions): Promise<BusyBlock[]> {
    const pieces = schedulePieces(from, to);
    if (pieces.length > MAX_SCHEDULE_PIECES) throw permanent(400, 'WindowTooLong');
    const address = await this.addressOf(userId, o);
    const blocks: BusyBlock[] = [];
    for (const p of pieces) blocks.push(...(await this.schedulePiece(userId, address, p.start, p.end, o)));
    return blocks;
  }

  private async schedulePiece(userId: string, address: string, from: Date, to: Date, o?: CallOptions): Promise<BusyBlock[]> {
    const res = await this.call(
      o,
      (signal) =>
        this.client
          .api(`/users/${userSeg(userId)}/calendar/getSchedule`)
          .header('Prefer', 'outlook.timezone="UTC"')
          .middlewareOptions(o?.noRetry ? [new RetryHandlerOptions(0, 0)] : [])
          .options({ signal })
          .post({ schedules: [address], startTime: utc(from), endTime: utc(to), availabilityViewInterval: 15 }) as Promise<{
          value?: {
            scheduleId?: string;
            error?: { message?: string; responseCode?: string };
            scheduleItems?: {
              status?: string;
              start?: { dateTime?: string; timeZone?: string };
              end?: { dateTime?: string; timeZone?: string };
            }[];
          }[];
        }>,
    );
    const info = res.value?.[0];
    if (!info) throw toGraphFailure({ statusCode: 502, code: 'EmptySchedule' }, 0);
    if (info.error) {
      // An error for this one schedule (address unknown, no mailbox): asking again will not help.
      throw permanent(404, info.error.responseCode ?? 'ScheduleError');
    }
    const items = info.scheduleItems ?? [];
    // Times are read as UTC only when Graph says they are (it honours Prefer: outlook.timezone;
    // a proxy or a change that drops the header would otherwise shift every block by hours).
    const isUtc = (v: { timeZone?: string } | undefined) => (v?.timeZone ?? '').toUpperCase() === 'UTC';
    if (!items.every((i) => isUtc(i.start) && isUtc(i.end))) throw permanent(502, 'ScheduleNotInUtc');
    return items
      .filter((i) => BLOCKING.has(String(i.status ?? 'busy').toLowerCase()))
      .map((i) => ({ start: fromUtc(i.start), end: fromUtc(i.end) }))
      .filter((b) => !Number.isNaN(b.start.getTime()) && !Number.isNaN(b.end.getTime()));
  }

  private eventBody(d: EventDraft): Record<string, unknown> {
    return {
      subject: d.subject,
      body: { contentType: 'HTML', content: d.bodyHtml },
      start: utc(d.start),
      end: utc(d.end),
      isReminderOn: true,
      reminderMinutesBeforeStart: d.reminderMinutes,
      showAs: 'busy',
      categories: d.categories,
      sensitivity: d.private ? 'private' : 'normal',
    };
  }

  async createEvent(userId: string, d: EventDraft, o?: CallOptions): Promise<{ id: string }> {
    const created = await this.call(
      o,
      (signal) =>
        this.client
          .api(`/users/${userSeg(userId)}/events`)
          .options({ signal })
          .post({
            ...this.eventBody(d),
            transactionId: transactionIdFor(d.marker),
            singleValueExtendedProperties: [{ id: MARKER_PROPERTY, value: d.marker }],
          }) as Promise<{ id?: string }>,
    );
    if (!created?.id) throw toGraphFailure({ statusCode: 502, code: 'NoEventId' }, 0);
    return { id: created.id };
  }

  async findEvent(userId: string, marker: string, o?: CallOptions): Promise<{ id: string } | null> {
    const filter = `singleValueExtendedProperties/Any(ep: ep/id eq '${MARKER_PROPERTY}' and ep/value eq '${marker.replace(/'/g, "''")}')`;
    const res = await this.call(
      o,
      (signal) =>
        // The Graph client puts $filter into the URL as it is: encode it, or a marker with '&', '#'
        // or '+' would cut or change the query (https://learn.microsoft.com/en-us/graph/query-parameters).
        this.client
          .api(`/users/${userSeg(userId)}/events`)
          .filter(encodeURIComponent(filter))
          .select(['id'])
          .top(1)
          .options({ signal })
          .get() as Promise<{ value?: { id?: string }[] }>,
    );
    const id = res.value?.[0]?.id;
    return id ? { id } : null;
  }

  async updateEvent(userId: string, eventId: string, d: EventDraft, o?: CallOptions): Promise<void> {
    const { subject, body, start, end } = this.eventBody(d);
    await this.call(o, (signal) =>
      this.client
        .api(`/users/${userSeg(userId)}/events/${seg(eventId)}`)
        .options({ signal })
        .patch({ subject, body, start, end }),
    );
  }

  async deleteEvent(userId: string, eventId: string, o?: CallOptions): Promise<void> {
    try {
      await this.call(o, (signal) =>
        this.client
          .api(`/users/${userSeg(userId)}/events/${seg(eventId)}`)
          .options({ signal })
          .delete(),
      );
    } catch (err) {
      if (toGraphFailure(err, 0).notFound) return;
      throw err;
    }
  }

  async getManager(userId: string, o?: CallOptions): Promise<DirectoryUser | null> {
    try {
      const m = await this.call(
        o,
        (signal) =>
          this.client
            .api(`/users/${userSeg(userId)}/manager`)
            .select(['id', 'displayName', 'mail'])
            .options({ signal })
            .get() as Promise<{ '@odata.type'?: string; id?: string; displayName?: string; mail?: string | null }>,
      );
      // The manager is a directoryObject: a user, or an organisational contact (no mailbox of ours,
      // no Teams account) that cannot act as a manager here (https://learn.microsoft.com/en-us/graph/api/user-list-manager).
      if (m?.['@odata.type'] !== '#microsoft.graph.user') return null;
      return m.id ? { id: m.id, displayName: m.displayName || m.id, mail: m.mail ?? undefined } : null;
    } catch (err) {
      if (toGraphFailure(err, 0).notFound) return null;
      throw err;
    }
  }

  async checkAccess(userId: string, kind: 'calendar' | 'directory', o?: CallOptions): Promise<void> {
    const path = kind === 'calendar' ? `/users/${userSeg(userId)}/events` : `/users/${userSeg(userId)}`;
    await this.call(o, (signal) => {
      const req = this.client.api(path).select(['id']).options({ signal });
      return (kind === 'calendar' ? req.top(1) : req).get() as Promise<unknown>;
    });
  }

  async automaticReplies(userId: string, o?: CallOptions): Promise<AutomaticReplies> {
    const r = await this.call(
      o,
      (signal) =>
        this.client
          .api(`/users/${userSeg(userId)}/mailboxSettings/automaticRepliesSetting`)
          .header('Prefer', 'outlook.timezone="UTC"')
          .options({ signal })
          .get() as Promise<{
          status?: string;
          scheduledStartDateTime?: { dateTime?: string; timeZone?: string };
          scheduledEndDateTime?: { dateTime?: string; timeZone?: string };
        }>,
    );
    const status = r?.status === 'alwaysEnabled' || r?.status === 'scheduled' ? r.status : 'disabled';
    if (status !== 'scheduled') return { status };
    return { status, start: fromUtc(r.scheduledStartDateTime), end: fromUtc(r.scheduledEndDateTime) };
  }
}
