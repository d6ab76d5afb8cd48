// Bot Framework clients made once and reused by both adapters (inbound turns, outbox sends).
// botbuilder builds a ConnectorClient and a UserTokenClient, each with its own HTTP pipeline and
// credentials, for every turn (also every proactive turn of the outbox): that cost more CPU than the
// rest of a click's Bot Framework handling. Neither holds state of a turn.
import { AuthenticationConstants, type ClaimsIdentity } from 'botframework-connector';

/** The bot's app id as botbuilder takes it from a token (audience, else appid; none with authentication off). */
export function appIdOf(identity: ClaimsIdentity): string {
  return identity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? identity.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';
}

/** A cache of clients by key, bounded; a failed creation is not kept. */
export function reuse<T>(cache: Map<string, Promise<T>>, key: string, create: () => Promise<T>): Promise<T> {
  let client = cache.get(key);
  if (!client) {
    client = create();
    client.catch(() => cache.delete(key));
    if (cache.size >= 50) cache.clear();
    cache.set(key, client);
  }
  return client;
}
