// The bot's Bot Framework sign-in, for both adapters (inbound /api/messages and the outbox):
// the SDK's setting names (with the endpoints of config/botEndpoints.ts when set) and ONE
// credentials factory built from @azure/identity, used in the public cloud and in tests alike:
//   - SingleTenant / MultiTenant: ClientSecretCredential against <login host>/<tenant>. For a
//     login host other than the public one, instance discovery is off (botbuilder's own password
//     credentials would first ask login.microsoftonline.com which hosts exist, and fail offline).
//   - UserAssignedMSI: ManagedIdentityCredential with MicrosoftAppId as the identity's client id
//     (botbuilder's own factory uses DefaultAzureCredential, a chain that also tries environment
//     secrets, a developer's Azure CLI login and more: not what a production bot should do).
// Tokens are cached by botbuilder's AppCredentials (shared by both adapters) and renewed five
// minutes before they expire.
import { ClientSecretCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import type { ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { AppCredentials, ServiceClientCredentialsFactory, type AuthenticatorResult } from 'botframework-connector';
import type { Config } from '../config/config';
import { PUBLIC_BOT_SCOPE, PUBLIC_LOGIN_HOST } from '../config/botEndpoints';
import { CredentialHealth } from '../auth/credentialHealth';
import { BOT_SETTINGS } from '../auth/tokenFailure';
import type { Logger } from '../logging';

/** botbuilder AppCredentials whose token comes from an @azure/identity credential. */
class TokenCredentialAppCredentials extends AppCredentials {
  constructor(
    appId: string,
    scope: string,
    private readonly credential: TokenCredential,
  ) {
    super(appId, undefined, scope);
  }
  protected async refreshToken(): Promise<AuthenticatorResult> {
    const scope = this.oAuthScope.endsWith('/.default') ? this.oAuthScope : `${this.oAuthScope}/.default`;
    const t = await this.credential.getToken(scope);
    if (!t) throw new Error('Bot Framework token: the credential returned none');
    return { accessToken: t.token, expiresOn: new Date(t.expiresOnTimestamp) };
  }
}

export class TokenCredentialFactory extends ServiceClientCredentialsFactory {
  constructor(
    private readonly appId: string,
    private readonly scope: string,
    private readonly credential: TokenCredential,
  ) {
    super();
  }
  async isValidAppId(appId: string): Promise<boolean> {
    return appId === this.appId;
  }
  async isAuthenticationDisabled(): Promise<boolean> {
    return false;
  }
  async createCredentials(appId: string, audience: string | undefined): Promise<AppCredentials> {
    if (appId !== this.appId) throw new Error('Invalid appId.');
    return new TokenCredentialAppCredentials(appId, audience || this.scope, this.credential);
  }
}

/** '<host>[/<path>]/<tenant>' → where to sign in and to which tenant. */
export function splitLoginUrl(url: string): { authorityHost: string; tenant: string } {
  const u = new URL(url);
  const parts = u.pathname.split('/').filter(Boolean);
  const tenant = parts.pop() ?? '';
  return { authorityHost: `${u.origin}${parts.length ? `/${parts.join('/')}` : ''}`, tenant };
}

export interface BotAuth {
  /** For ConfigurationBotFrameworkAuthentication (both adapters). */
  options: ConfigurationBotFrameworkAuthenticationOptions;
  /** Undefined without an app id: the SDK then runs unauthenticated (local trial, tests). */
  credentialsFactory?: ServiceClientCredentialsFactory;
  /** The bot's token requests, for /healthz and the log. */
  health: CredentialHealth | null;
}

export function botAuth(config: Config, log: Logger): BotAuth {
  const { bot, botEndpoints: ep } = config;
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: bot.appId,
    MicrosoftAppPassword: bot.appPassword,
    // Without an app id the adapter runs unauthenticated (local trial, tests); SingleTenant would refuse that.
    MicrosoftAppType: bot.appId ? bot.appType : 'MultiTenant',
    MicrosoftAppTenantId: bot.tenantId,
  };
  if (ep) {
    Object.assign(options, {
      ToBotFromChannelOpenIdMetadataUrl: ep.toBotFromChannelOpenIdMetadataUrl,
      ToBotFromChannelTokenIssuer: ep.toBotFromChannelTokenIssuer,
      ToBotFromEmulatorOpenIdMetadataUrl: ep.toBotFromEmulatorOpenIdMetadataUrl,
      ToChannelFromBotLoginUrl: ep.toChannelFromBotLoginUrl,
      ToChannelFromBotOAuthScope: ep.toChannelFromBotOAuthScope,
      OAuthUrl: ep.oAuthUrl,
      CallerId: ep.callerId,
      ValidateAuthority: ep.validateAuthority,
    });
  }
  if (!bot.appId) return { options, health: null };

  const scope = ep?.toChannelFromBotOAuthScope ?? PUBLIC_BOT_SCOPE;
  const msi = bot.appType === 'UserAssignedMSI';
  const health = new CredentialHealth('Bot Framework', BOT_SETTINGS(msi ? 'managedIdentity' : 'secret'), log);
  let credential: TokenCredential;
  if (msi) {
    credential = new ManagedIdentityCredential({ clientId: bot.appId });
  } else {
    const login = ep
      ? splitLoginUrl(ep.toChannelFromBotLoginUrl)
      : { authorityHost: PUBLIC_LOGIN_HOST, tenant: bot.appType === 'SingleTenant' ? bot.tenantId : 'botframework.com' };
    credential = new ClientSecretCredential(login.tenant, bot.appId, bot.appPassword, {
      authorityHost: login.authorityHost,
      disableInstanceDiscovery: login.authorityHost !== PUBLIC_LOGIN_HOST,
    });
  }
  return { options, credentialsFactory: new TokenCredentialFactory(bot.appId, scope, health.wrap(credential)), health };
}
