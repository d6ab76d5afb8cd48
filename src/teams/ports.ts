// The narrow services the shared Teams helpers take, named once (issue 14): a key list per group
// (for a feature's NEEDS: [...LIFECYCLE_NEEDS, 'reports']) and its type. A feature that uses a
// helper declares at least these keys (teams/feature.ts defineFeature); the compiler checks it.
import type { PortsOf } from './feature';

/** Resolving a picked colleague (people.ts resolvePerson): known users, then the roster of the work channel's team. */
export const PEOPLE_NEEDS = ['users', 'bindings'] as const;
export type PeoplePorts = PortsOf<typeof PEOPLE_NEEDS>;

/** Reading a date and time typed in a card (people.ts momentFrom). */
export const MOMENT_NEEDS = ['calendar'] as const;
export type MomentPorts = PortsOf<typeof MOMENT_NEEDS>;

/** Acting on an item and answering with its card (features/itemActions.ts). */
export const ITEM_NEEDS = ['items', 'policy', 'itemViews'] as const;
export type ItemPorts = PortsOf<typeof ITEM_NEEDS>;

/** The shared owned-item life cycle (features/itemActions.ts lifecycleVerbs): handover resolves people, reschedule reads a moment. */
export const LIFECYCLE_NEEDS = [...ITEM_NEEDS, ...PEOPLE_NEEDS, ...MOMENT_NEEDS] as const;
export type LifecyclePorts = PortsOf<typeof LIFECYCLE_NEEDS>;

/** Dates and terms on cards and in answers. */
export const CARD_TIME_NEEDS = ['clock', 'calendar'] as const;
export type CardTimePorts = PortsOf<typeof CARD_TIME_NEEDS>;

/** The colleague's free moments in a form (features/shared/freeMoments.ts). */
export const FREE_MOMENTS_NEEDS = [...PEOPLE_NEEDS, 'graph', 'config', 'clock', 'calendar', 'log'] as const;
export type FreeMomentsPorts = PortsOf<typeof FREE_MOMENTS_NEEDS>;

/** The Outlook agenda of a callback (features/agenda): offering slots, planning, reporting refused access. */
export const AGENDA_NEEDS = ['clock', 'calendar', 'config', 'log', 'graph', 'credentials', 'items', 'graphAccess'] as const;
export type AgendaPorts = PortsOf<typeof AGENDA_NEEDS>;

/** Keeping the Outlook event in step (features/agenda/sync.ts): also the work channel, for the link back to the card. */
export const CALENDAR_SYNC_NEEDS = [...AGENDA_NEEDS, 'bindings'] as const;
export type CalendarSyncPorts = PortsOf<typeof CALENDAR_SYNC_NEEDS>;
