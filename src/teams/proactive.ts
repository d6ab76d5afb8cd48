// Sends on the bot's own initiative through stored conversation references (channel posts,
// card updates, 1:1 chats created when needed), through the outbound adapter (no botbuilder
// retries, see outbound.ts). A post or a card update is one plain HTTP request (connectorRest.ts),
// the request botbuilder's proactive turn made, without the turn and the connector client's
// pipeline (which cost more CPU than the request itself); creating a 1:1 conversation still runs
// createConversationAsync.
// Errors are classified for the outbox: 429 (honouring Retry-After), 412, 5xx, timeouts and
// network errors are retried; 403 (MessageWritesBlocked) and 404 (conversation gone) are final
// and reported as a delivery problem; other 4xx are final.
import { randomUUID } from 'node:crypto';
import { TurnContext, type Activity, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { Outbound } from './outbound';
import type { DeliveryResult } from '../app/outbox';
import { failureText, isTransientFailure } from '../app/failures';
import type { Person } from '../domain/types';
import type { Repository } from '../storage/repository';

export class TeamsMessenger {
  private readonly adapter: CloudAdapter;

  constructor(
    private readonly outbound: Outbound,
    private readonly appId: string,
    private readonly repo: Repository,
  ) {
    this.adapter = outbound.adapter;
  }

  /**
   * Posts a new message (a new thread in a channel, or in the reference's thread); returns the
   * activity id. The request a proactive turn's `ctx.sendActivity` made (POST …/activities/{id}, a
   * reply to the turn's random continuation id, which Teams posts in the reference's conversation).
   */
  async post(ref: Partial<ConversationReference>, activity: Partial<Activity>): Promise<string> {
    const replyToId = randomUUID();
    const { id: _id, ...rest } = activity;
    const body = { ...rest, type: activity.type ?? 'message', ...addressedBy(ref, activity), replyToId };
    const res = (await this.outbound.send(ref.serviceUrl, 'POST', activityPath(ref, replyToId), JSON.stringify(body))) as
      { id?: unknown } | undefined;
    if (typeof res?.id !== 'string' || !res.id) throw new MissingIdError('the connector accepted the message but returned no activity id');
    return res.id;
  }

  /**
   * Replaces a message the bot sent. The request a proactive turn's `ctx.updateActivity` made
   * (PUT …/activities/{activityId}), less the turn's random replyToId, which an update ignores.
   */
  async update(ref: Partial<ConversationReference>, activityId: string, activity: Partial<Activity>): Promise<void> {
    const body = { ...activity, id: activityId, type: 'message', ...addressedBy(ref, activity) };
    await this.outbound.send(ref.serviceUrl, 'PUT', activityPath(ref, activityId), JSON.stringify(body));
  }

  /** The 1:1 conversation with a person: the stored one, or a new one created through the channel's service URL. */
  async personalRef(tenantId: string, person: Person): Promise<Partial<ConversationReference> | null> {
    const known = await this.repo.getUser(tenantId, person.id);
    if (known?.conversationRef) return known.conversationRef as Partial<ConversationReference>;
    const binding = await this.repo.getBinding(tenantId);
    const template = (binding?.conversationRef ?? null) as Partial<ConversationReference> | null;
    if (!template?.serviceUrl) return null;
    let created: Partial<ConversationReference> | null = null;
    let failed: { error: unknown } | null = null;
    await this.adapter.createConversationAsync(
      this.appId,
      'msteams',
      template.serviceUrl,
      '',
      {
        isGroup: false,
        bot: template.bot as ConversationReference['bot'],
        members: [{ id: known?.teamsId || person.teamsId || person.id, name: person.name }],
        tenantId,
        channelData: { tenant: { id: tenantId } },
      } as never,
      async (ctx) => {
        try {
          created = TurnContext.getConversationReference(ctx.activity) as Partial<ConversationReference>;
        } catch (error) {
          failed = { error };
        }
      },
    );
    if (failed) throw (failed as { error: unknown }).error;
    if (created) {
      await this.repo.upsertUser({
        tenantId,
        userId: person.id,
        teamsId: known?.teamsId || person.teamsId,
        name: known?.name || person.name,
        conversationRef: created,
      });
    }
    return created;
  }

  async sendToPerson(tenantId: string, person: Person, activity: Partial<Activity>): Promise<string> {
    const ref = await this.personalRef(tenantId, person);
    if (!ref) throw new NoConversationError(`no 1:1 conversation for user and no bound channel to create one`);
    return this.post(ref, activity);
  }
}

/** botframework-connector's path of an activity in a conversation (Conversations.replyToActivity, updateActivity). */
function activityPath(ref: Partial<ConversationReference>, activityId: string): string {
  return `/v3/conversations/${encodeURIComponent(conversationOf(ref).id)}/activities/${encodeURIComponent(activityId)}`;
}

function conversationOf(ref: Partial<ConversationReference>): ConversationReference['conversation'] {
  if (!ref.conversation) throw new Error('the conversation reference has no conversation');
  return ref.conversation;
}

/** What botbuilder's TurnContext.applyConversationReference puts on an outgoing activity. */
function addressedBy(ref: Partial<ConversationReference>, activity: Partial<Activity>): Partial<Activity> {
  return {
    channelId: ref.channelId,
    locale: activity.locale ?? ref.locale,
    serviceUrl: ref.serviceUrl,
    conversation: conversationOf(ref),
    from: ref.bot,
    recipient: ref.user,
  };
}

export class NoConversationError extends Error {}
/** The send may have succeeded but we cannot refer to the message: final, not retried (no double post). */
export class MissingIdError extends Error {}

/** Retry-After in milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** Maps a Bot Connector error to what the outbox should do with it. Error texts carry no message content. */
// `nowMs` is the real wall clock on purpose: a Retry-After HTTP date is set by the Bot Connector's
// clock, not by ours (which FAKE_NOW may move).
// eslint-disable-next-line no-restricted-syntax -- see above
export function classifySendError(err: unknown, nowMs: number = Date.now()): DeliveryResult {
  const e = (err ?? {}) as {
    statusCode?: number;
    status?: number;
    code?: string;
    name?: string;
    message?: string;
    response?: { headers?: { get?: (n: string) => string | null | undefined } };
  };
  const status = e.statusCode ?? e.status;
  const code = typeof e.code === 'string' && e.code ? e.code : undefined;
  const error = `${status ?? ''} ${code ?? ''} ${String(e.message ?? err).slice(0, 200)}`.replace(/\s+/g, ' ').trim();
  if (err instanceof NoConversationError) return { ok: false, retry: false, error, problem: { code: 'NoConversation' } };
  if (err instanceof MissingIdError) return { ok: false, retry: false, error };
  if (status === 429) {
    return { ok: false, retry: true, retryAfterMs: parseRetryAfter(e.response?.headers?.get?.('retry-after'), nowMs), error };
  }
  if (status === 412 || status === 408 || (status !== undefined && status >= 500)) {
    return { ok: false, retry: true, retryAfterMs: parseRetryAfter(e.response?.headers?.get?.('retry-after'), nowMs), error };
  }
  // 403 MessageWritesBlocked (bot removed or blocked), 404 conversation or message gone: retrying will not help.
  if (status === 403 || status === 404) return { ok: false, retry: false, error, problem: { code: code ?? String(status), status } };
  if (status !== undefined && status >= 400) return { ok: false, retry: false, error };
  // No status: a timeout, a refused or reset connection (outcome unknown: retry, see docs/reliability.md);
  // anything else (a render error, a bad stored value) is the message itself: final, a poison message.
  if (isTransientFailure(err)) return { ok: false, retry: true, error };
  return { ok: false, retry: false, error: failureText(err), poison: true };
}
