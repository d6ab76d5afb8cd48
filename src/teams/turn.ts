// What a feature handler gets for one Teams turn: who acts, in which tenant and scope.
import type { TurnContext } from 'botbuilder';
import type { Activity } from 'botbuilder';
import type { Services } from '../app/services';
import type { Person } from '../domain/types';

export type Scope = 'personal' | 'channel' | 'groupChat';

export interface Turn {
  ctx: TurnContext;
  s: Services;
  tenantId: string;
  actor: Person;
  scope: Scope;
  /** Whether the bot understands this command (for buttons that run one); set by the bot. */
  hasCommand?: (command: string) => boolean;
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

export function makeTurn(ctx: TurnContext, s: Services): Turn {
  return { ctx, s, tenantId: tenantOf(ctx.activity), actor: actorOf(ctx.activity), scope: scopeOf(ctx.activity) };
}
