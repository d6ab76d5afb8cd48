// The adapter for what the bot sends on its own (the outbox): botbuilder's ConnectorClient retries
// by itself (up to 3 times, honouring Retry-After without a cap, and re-POSTing on 5xx, which can
// post a message twice). For outbox sends the outbox owns retry, order and idempotency, so this
// adapter's connector clients have that retry policy removed and a per-request timeout instead:
// one outbox attempt = exactly one HTTP request, and it never outlives the outbox lock.
// Replies inside a user's turn keep using the main adapter (and botbuilder's retries).
// Posts and card updates need no turn and no client pipeline: `send` makes one plain HTTP request,
// signed by the same client's credentials (connectorRest.ts).
import { isLocalServiceUrl, notLocalError } from './localOnly';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import {
  AuthenticationConstants,
  ClaimsIdentity,
  type ConnectorClient,
  type ConnectorFactory,
  type ServiceClientCredentialsFactory,
  type UserTokenClient,
} from 'botframework-connector';
import { appIdOf, reuse } from './clientCache';
import { connectorRest } from './connectorRest';

/** The bits of @azure/core-rest-pipeline's Pipeline we use (not a direct dependency). */
interface PipelineLike {
  getOrderedPolicies(): { name: string }[];
  removePolicy(options: { name?: string }): unknown[];
  addPolicy(policy: {
    name: string;
    sendRequest: (req: { timeout: number }, next: (req: unknown) => Promise<unknown>) => Promise<unknown>;
  }): void;
}

export const BOTBUILDER_RETRY_POLICY = 'defaultRetryPolicy';

/**
 * Removes botbuilder's retry policy from a connector client and bounds each request. Throws when
 * the client has no such policy (a botbuilder upgrade changed its internals): better to stop than
 * to send with hidden retries.
 */
export function withoutRetries(client: ConnectorClient, timeoutMs: number): ConnectorClient {
  const pipeline = (client as unknown as { client?: { pipeline?: PipelineLike } }).client?.pipeline;
  if (!pipeline) throw new Error('botbuilder ConnectorClient has no pipeline: cannot turn its retries off');
  const names = pipeline.getOrderedPolicies().map((p) => p.name);
  if (names.includes('topContactTimeout')) return client;
  if (!names.includes(BOTBUILDER_RETRY_POLICY))
    throw new Error(`botbuilder ConnectorClient has no ${BOTBUILDER_RETRY_POLICY}: its internals changed`);
  pipeline.removePolicy({ name: BOTBUILDER_RETRY_POLICY });
  pipeline.addPolicy({
    name: 'topContactTimeout',
    sendRequest: (req, next) => {
      req.timeout = timeoutMs;
      return next(req);
    },
  });
  return client;
}

/** What the outbox sends through (teams/proactive.ts). */
export interface Outbound {
  /** For the one send that still runs a proactive turn: creating a 1:1 conversation. */
  adapter: CloudAdapter;
  /**
   * The connector client a proactive turn of the bot's own app id gets for `serviceUrl` (no
   * audience: the configured Bot Framework scope), the same cached, retry-less one, without the turn.
   */
  connector(serviceUrl: string | undefined): Promise<ConnectorClient>;
  /**
   * One request to the Bot Connector at `serviceUrl` (path below it, JSON body), signed as that
   * connector client signs, with the same local-only guard and timeout; the parsed JSON answer.
   */
  send(serviceUrl: string | undefined, method: 'POST' | 'PUT', path: string, body: string): Promise<unknown>;
  /** Closes the kept-alive connections of `send` (shutdown). */
  close(): void;
}

/** The identity botbuilder gives a proactive turn of the bot (CloudAdapterBase.createClaimsIdentity). */
function ownIdentity(appId: string): ClaimsIdentity {
  return new ClaimsIdentity([
    { type: AuthenticationConstants.AudienceClaim, value: appId },
    { type: AuthenticationConstants.AppIdClaim, value: appId },
  ]);
}

/** An adapter and connector clients that never retry and time out after `timeoutMs` (credentials: teams/botAuth.ts). */
export function outbound(
  auth: ConfigurationBotFrameworkAuthenticationOptions,
  timeoutMs: number,
  credentials?: ServiceClientCredentialsFactory,
): Outbound {
  const bfa = new ConfigurationBotFrameworkAuthentication(auth, credentials);
  const create = bfa.createConnectorFactory.bind(bfa);
  // One client per service URL and audience, and one user token client per app id, reused
  // (teams/clientCache.ts): all outbox sends act as the same bot.
  const clients = new Map<string, Promise<ConnectorClient>>();
  bfa.createConnectorFactory = (claimsIdentity) => {
    const factory = create(claimsIdentity);
    return {
      create: (serviceUrl: string, audience?: string) => {
        if (!auth.MicrosoftAppId && !isLocalServiceUrl(serviceUrl)) return Promise.reject(notLocalError());
        return reuse(clients, `${serviceUrl}|${audience ?? ''}`, () =>
          factory.create(serviceUrl, audience).then((c) => withoutRetries(c, timeoutMs)),
        );
      },
    } as ConnectorFactory;
  };
  const createUserTokenClient = bfa.createUserTokenClient.bind(bfa);
  const userTokenClients = new Map<string, Promise<UserTokenClient>>();
  bfa.createUserTokenClient = (identity) => reuse(userTokenClients, appIdOf(identity), () => createUserTokenClient(identity));
  // No onTurnError: a failed send must reach the outbox as an error, not be logged and swallowed.
  const adapter = new CloudAdapter(bfa);
  // The factory a proactive turn makes (CloudAdapterBase.processProactive), made once: the same
  // credentials, local-only guard, cache and timeout as the adapter's sends.
  let own: ConnectorFactory | undefined;
  const connector = (serviceUrl: string | undefined): Promise<ConnectorClient> => {
    own ??= bfa.createConnectorFactory(ownIdentity(String(auth.MicrosoftAppId ?? '')));
    return own.create(serviceUrl as string, undefined);
  };
  const rest = connectorRest(timeoutMs);
  const send = async (serviceUrl: string | undefined, method: 'POST' | 'PUT', path: string, body: string): Promise<unknown> => {
    const client = await connector(serviceUrl);
    return rest.send(serviceUrl as string, client.credentials, method, path, body);
  };
  return { adapter, connector, send, close: () => rest.close() };
}
