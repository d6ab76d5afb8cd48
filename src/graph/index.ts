// Microsoft Graph access (Outlook agenda, manager lookup). See docs/graph.md.
import type { GraphConfig } from '../config/config';
import type { Clock } from '../domain/clock';
import type { GraphClientOptions } from './client';
import type { GraphService } from './service';

export { GraphFailure, deliveryResultFor, toGraphFailure } from './errors';
export type { AutomaticReplies, BusyBlock, CallOptions, DirectoryUser, EventDraft, GraphService } from './service';
export type { GraphClientOptions } from './client';

export function createGraphService(cfg: GraphConfig, clock: Clock, o: GraphClientOptions = {}): GraphService {
  // Loaded here, not at the top: the Graph client libraries are only needed when Graph is
  // configured, and a start without it then does not load them (docs/performance.md).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createGraphClient } = require('./client') as typeof import('./client');
  // The service too: it loads @microsoft/microsoft-graph-client (its retry options).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { HttpGraphService } = require('./service') as typeof import('./service');
  return new HttpGraphService(createGraphClient(cfg, o), clock);
}

/** Which credential credentialFor (client.ts) builds from this configuration. */
export function graphCredentialKind(cfg: GraphConfig): 'certificate' | 'secret' | 'managedIdentity' {
  if (cfg.certificatePath && cfg.clientId) return 'certificate';
  if (cfg.clientSecret && cfg.clientId) return 'secret';
  return 'managedIdentity';
}

/** Whether the configured Graph app serves this Teams tenant (a tenant given as a domain name serves every allowed tenant). */
export function graphServesTenant(cfg: GraphConfig | null, tenantId: string): boolean {
  if (!cfg) return false;
  const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  return !guid.test(cfg.tenantId) || cfg.tenantId.toLowerCase() === tenantId.toLowerCase();
}
