// What /healthz reports: storage reachable (else 503), and when it is, the outbox, delivery
// problems, Graph access and the last outcome of each token request. The HTTP edge only writes it.
import { problemSummary } from './deliveryProblems';
import { graphAccessSummary } from './graphAccess';
import type { Services } from './services';

export interface Health {
  storage: { kind: string; ok: boolean };
  botFrameworkAuth: 'on' | 'off';
  details: Record<string, unknown>;
}

export async function healthOf(s: Services): Promise<Health> {
  const ok = await s.repo.ping();
  let details: Record<string, unknown> = {};
  if (ok) {
    try {
      const [outbox, problems, graphAccess] = await Promise.all([s.repo.outboxStats(), problemSummary(s), graphAccessSummary(s)]);
      details = { outbox, deliveryProblems: problems, graphAccess };
    } catch {
      details = {};
    }
  }
  // Token requests (bot sign-in, Graph): a refused one shows here with the setting to check; not a reason for 503.
  if (s.credentials?.bot) details.botAuth = s.credentials.bot.current;
  if (s.credentials?.graph) details.graphAuth = s.credentials.graph.current;
  // 'off': no MicrosoftAppId, anyone may post activities; only local service URLs are served.
  return { storage: { kind: s.repo.kind, ok }, botFrameworkAuth: s.config.bot.appId ? 'on' : 'off', details };
}
