// Watches a credential: the outcome of its last token request, for /healthz, and ONE log line
// when it starts failing (or fails differently) and one when it works again, not one per call.
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';
import type { Logger } from '../logging';
import { describeTokenFailure, type CredentialSettings, type TokenFailure } from './tokenFailure';

export interface CredentialState {
  status: 'untested' | 'ok' | 'failing';
  /** When the status last changed (ISO). */
  since?: string;
  /** Failing: what was refused and which setting to check. */
  error?: string;
  check?: string;
  code?: string;
}

export class CredentialHealth {
  private state: CredentialState = { status: 'untested' };

  constructor(
    private readonly who: 'Bot Framework' | 'Microsoft Graph',
    private readonly settings: CredentialSettings,
    private readonly log: Logger,
  ) {}

  get current(): CredentialState {
    return { ...this.state };
  }

  /** Whether the last token request was refused (the user is told so, not "try again later"). */
  get failing(): boolean {
    return this.state.status === 'failing';
  }

  ok(): void {
    if (this.state.status === 'ok') return;
    if (this.state.status === 'failing') this.log.info({ credential: this.who }, `${this.who} token obtained again`);
    // eslint-disable-next-line no-restricted-syntax -- a timestamp for /healthz, not a decision
    this.state = { status: 'ok', since: new Date().toISOString() };
  }

  failed(err: unknown): TokenFailure {
    const f = describeTokenFailure(err, this.who, this.settings);
    if (this.state.status !== 'failing' || this.state.error !== f.message) {
      this.log.error({ credential: this.who, code: f.code, check: f.check }, f.message);
      // eslint-disable-next-line no-restricted-syntax -- a timestamp for /healthz, not a decision
      this.state = { status: 'failing', since: new Date().toISOString(), error: f.message, check: f.check, code: f.code };
    }
    return f;
  }

  /** The same credential, reporting every outcome here. */
  wrap(credential: TokenCredential): TokenCredential {
    return {
      getToken: async (scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> => {
        try {
          const t = await credential.getToken(scopes, options);
          if (t) this.ok();
          return t;
        } catch (err) {
          this.failed(err);
          throw err;
        }
      },
    };
  }
}
