// The adapter for what Teams sends to /api/messages. CloudAdapter.process answers an auth failure
// it cannot classify (key metadata unreachable, a token it cannot parse in some ways) with 500 and
// the error text, and a few malformed activities with 500 as well. This adapter authenticates first
// and answers in our own terms: 401 for anything that is not a valid Bot Framework token, 400 for a
// malformed activity, 500 (without details) only for a failure of the bot itself.
import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import {
  AuthenticationError,
  type AuthenticateRequestResult,
  type BotFrameworkAuthentication,
  type ConnectorClient,
  type ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';
import type { Logger } from '../logging';
import { appIdOf, reuse } from './clientCache';

export type InboundOutcome =
  { status: 'ok'; invokeResponse?: InvokeResponse } | { status: 'unauthorized'; reason: string } | { status: 'failed' };

/** The activity fields the adapter and our handler rely on; anything else is a 400. */
export function activityProblem(body: unknown): string | null {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'not a JSON object';
  const a = body as Record<string, unknown>;
  if (typeof a.type !== 'string' || a.type === '') return 'type';
  if (typeof a.serviceUrl !== 'string' || !/^https?:\/\/[^\s]+$/i.test(a.serviceUrl)) return 'serviceUrl';
  const conv = a.conversation as Record<string, unknown> | undefined;
  if (!conv || typeof conv !== 'object' || typeof conv.id !== 'string' || conv.id === '') return 'conversation.id';
  const from = a.from as Record<string, unknown> | undefined;
  if (a.from !== undefined && (!from || typeof from !== 'object' || (from.id !== undefined && typeof from.id !== 'string'))) return 'from';
  const recipient = a.recipient as Record<string, unknown> | undefined;
  if (a.recipient !== undefined && (!recipient || typeof recipient !== 'object')) return 'recipient';
  for (const f of ['id', 'channelId', 'text', 'name', 'replyToId', 'locale'])
    if (a[f] !== undefined && a[f] !== null && typeof a[f] !== 'string') return f;
  for (const f of ['timestamp', 'localTimestamp', 'expiration']) {
    if (a[f] !== undefined && a[f] !== null && (typeof a[f] !== 'string' || Number.isNaN(Date.parse(a[f] as string)))) return f;
  }
  for (const f of ['attachments', 'entities', 'membersAdded', 'membersRemoved'])
    if (a[f] !== undefined && a[f] !== null && !Array.isArray(a[f])) return f;
  if (a.channelData !== undefined && a.channelData !== null && (typeof a.channelData !== 'object' || Array.isArray(a.channelData)))
    return 'channelData';
  return null;
}

export class InboundAdapter extends CloudAdapter {
  /** Clients made once per app id, service URL and audience and reused (teams/clientCache.ts). */
  private readonly connectors = new Map<string, Promise<ConnectorClient>>();

  constructor(auth: BotFrameworkAuthentication) {
    super(auth);
    const createUserTokenClient = auth.createUserTokenClient.bind(auth);
    const userTokenClients = new Map<string, Promise<UserTokenClient>>();
    auth.createUserTokenClient = (identity) => reuse(userTokenClients, appIdOf(identity), () => createUserTokenClient(identity));
  }

  /** The request's connector factory, handing out the clients made before for the same app id, service URL and audience. */
  private sharedConnectors(auth: AuthenticateRequestResult): ConnectorFactory | undefined {
    const factory = auth.connectorFactory;
    if (!factory) return factory;
    const appId = appIdOf(auth.claimsIdentity);
    return {
      create: (serviceUrl: string, audience?: string) =>
        reuse(this.connectors, `${appId}|${serviceUrl}|${audience ?? ''}`, () => factory.create(serviceUrl, audience)),
    } as ConnectorFactory;
  }

  /** Authenticates, then runs the turn. Never throws. */
  async handle(
    authHeader: string,
    body: Record<string, unknown>,
    logic: (ctx: TurnContext) => Promise<void>,
    log: Logger,
  ): Promise<InboundOutcome> {
    const activity = { ...body } as unknown as Activity & Record<string, unknown>;
    for (const f of ['timestamp', 'localTimestamp', 'expiration'] as const) {
      const v = activity[f] as unknown;
      if (typeof v === 'string') {
        activity[`raw${f[0]!.toUpperCase()}${f.slice(1)}`] = v;
        (activity as Record<string, unknown>)[f] = new Date(v);
      }
    }
    let auth: AuthenticateRequestResult;
    try {
      auth = await this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
    } catch (err) {
      // jsonwebtoken's own errors (bad signature, malformed) reach us unwrapped: a verdict on the token too.
      if (err instanceof AuthenticationError || /^(JsonWebTokenError|TokenExpiredError|NotBeforeError)$/.test((err as Error)?.name ?? '')) {
        return { status: 'unauthorized', reason: 'invalid token' };
      }
      // Not a verdict on the token but a failure to check it (e.g. the signing keys cannot be fetched):
      // still not a valid token, so 401; logged as an error so an outage is seen.
      log.error({ err }, 'could not verify the Bot Framework token');
      return { status: 'unauthorized', reason: 'token could not be verified' };
    }
    try {
      const invokeResponse = await this.processActivity({ ...auth, connectorFactory: this.sharedConnectors(auth) }, activity, logic);
      return { status: 'ok', invokeResponse };
    } catch (err) {
      log.error({ err, activityType: activity.type }, 'activity processing failed');
      return { status: 'failed' };
    }
  }
}
