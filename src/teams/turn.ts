// What a feature handler gets for one Teams turn: who acts, in which tenant and scope, and the
// services its feature declared (`s`: the feature's ports, teams/feature.ts defineFeature).
import type { TurnContext } from 'botbuilder';
import type { Activity } from 'botbuilder';
import type { Person } from '../domain/types';

export type Scope = 'personal' | 'channel' | 'groupChat';

/** A turn before the bot has given it a feature's ports. */
export interface TurnBase {
  ctx: TurnContext;
  tenantId: string;
  actor: Person;
  scope: Scope;
  /** Whether the bot understands this command (for buttons that run one); set by the bot. */
  hasCommand?: (command: string) => boolean;
}

/** A turn with the services `P` (a Pick<Services, …>): every use says which it needs. */
export interface Turn<P> extends TurnBase {
  s: P;
}

export function actorOf(a: Partial<Activity>): Person {
  const from = a.from ?? { id: 'unknown', name: '' };
  return { id: from.aadObjectId || from.id, name: from.name || 'Onbekend', teamsId: from.id };
}

export function tenantOf(a: Partial<Activity>): string {
  const cd = a.channelData as { tenant?: { id?: string } } | undefined;
  return cd?.tenant?.id || a.conversation?.tenantId || '';
}

export function scopeOf(a: Partial<Activity>): Scope {
  const type = a.conversation?.conversationType;
  if (type === 'channel') return 'channel';
  if (type === 'groupChat' || a.conversation?.isGroup) return 'groupChat';
  return 'personal';
}

export function makeTurn(ctx: TurnContext): TurnBase {
  return { ctx, tenantId: tenantOf(ctx.activity), actor: actorOf(ctx.activity), scope: scopeOf(ctx.activity) };
}
