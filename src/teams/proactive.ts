// Sends on the bot's own initiative through stored conversation references (channel posts,
// card updates, 1:1 chats created when needed). Errors are classified for the outbox:
// 429 and 412/5xx are retried (honouring Retry-After), 403/404 are final.
import { TurnContext, type Activity, type CloudAdapter, type ConversationReference } from "botbuilder";
import type { DeliveryResult } from '../app/outbox';
import type { Person } from '../domain/types';
import type { Repository } from '../storage/repository';

export class TeamsMessenger {
  constructor(private readonly adapter: CloudAdapter, private readonly appId: string, private readonly repo: Repository) {}

  /**
   * Runs fn in a continued conversation and rethrows its error. Without the catch, the adapter's
   * onTurnError would swallow it and the outbox would count a refused send (429, 503, 403) as delivered.
   */
  private async withConversation<T>(ref: Partial<ConversationReference>, fn: (ctx: TurnContext) => Promise<T>): Promise<T> {
    let result: T | undefined;
    let failure: { err: unknown } | null = null;
    await this.adapter.continueConversationAsync(this.appId, ref, async (ctx) => {
      try {
        result = await fn(ctx);
      } catch (err) {
        failure = { err };
      }
    });
    if (failure) throw (failure as { err: unknown }).err;
    return result as T;
  }

  /** Posts a new message (a new thread in a channel); returns the activity id. */
  async post(ref: Partial<ConversationReference>, activity: Partial<Activity>): Promise<string> {
    return this.withConversation(ref, async (ctx) => {
      const res = await ctx.sendActivity(activity);
      if (!res?.id) throw new Error('the connector answered without an activity id');
      return res.id;
    });
  }

  async update(ref: Partial<ConversationReference>, activityId: string, activity: Partial<Activity>): Promise<void> {
    await this.withConversation(ref, async (ctx) => {
      await ctx.updateActivity({ ...activity, id: activityId, type: 'message', conversation: ref.conversation as Activity['conversation'] });
    });
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
      this.appId, 'msteams', template.serviceUrl, '',
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
      await this.repo.upsertUser({ tenantId, userId: person.id, teamsId: known?.teamsId || person.teamsId, name: known?.name || person.name, conversationRef: created });
    }
    return created;
  }

  async sendToPerson(tenantId: string, person: Person, activity: Partial<Activity>): Promise<string> {
    const ref = await this.personalRef(tenantId, person);
    if (!ref) throw new NoConversationError(`no 1:1 conversation for user and no bound channel to create one`);
    return this.post(ref, activity);
  }
}

export class NoConversationError extends Error {}

/** Maps a Bot Connector error to what the outbox should do with it. */
export function classifySendError(err: unknown): DeliveryResult {
  const e = err as { statusCode?: number; status?: number; code?: string; message?: string; response?: { headers?: { get?: (n: string) => string | undefined } }; body?: unknown };
  const status = e.statusCode ?? e.status;
  const message = `${status ?? ''} ${e.code ?? ''} ${e.message ?? String(err)}`.trim();
  if (err instanceof NoConversationError) return { ok: false, retry: false, error: message };
  if (status === 429) {
    const ra = Number(e.response?.headers?.get?.('retry-after'));
    return { ok: false, retry: true, retryAfterMs: Number.isFinite(ra) && ra > 0 ? ra * 1000 : 1000, error: message };
  }
  if (status === 412 || (status !== undefined && status >= 500)) return { ok: false, retry: true, error: message };
  if (status === 403 || status === 404 || status === 400 || status === 401) return { ok: false, retry: false, error: message };
  // Network errors (no status): retry.
  return { ok: false, retry: true, error: message };
}
