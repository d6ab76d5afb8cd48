// Card samples for the Outlook agenda: the answer to "terugbellen voor collega" with slots, with
// only a late slot, without Graph, when Graph is down, when Graph refuses the bot (no consent, the
// colleague's mailbox kept out), when Graph's sign-in is refused; and the owner's view with the planned moment.
import type { CardSample } from '../cardRenderer';
import type { Services } from '../../src/app/services';
import type { CallbackData } from '../../src/domain/items/callback';
import type { Item } from '../../src/domain/types';
import type { GraphService } from '../../src/graph';
import { callbackCards } from '../../src/teams/features/callbacks/cards';
import { offerCard } from '../../src/teams/features/agenda/cards';
import { anna, bram, sampleApp, SAMPLE_TENANT } from './sampleApp';
import { renderOwner } from '../../src/teams/cards/itemViews';

export async function samples(): Promise<CardSample[]> {
  const { app, cleanup } = await sampleApp('2026-11-26T10:00:00+01:00');
  const s = app.s;
  try {
    const input = {
      customerName: 'Mevrouw Jansen',
      phone: '06 12345678',
      topic: 'Lekkage in de badkamer',
      details: 'Water komt door het plafond.',
      assignee: bram,
      agendaMode: 'offer',
    };
    const made = await s.items.create('callback', SAMPLE_TENANT, input, anna, 'teams');
    if (made.status !== 'created') throw new Error('sample create failed');
    const item = made.item as unknown as Item<CallbackData>;
    const created = `Terugbelverzoek **${item.id}** is aangemaakt. Uiterlijk: morgen 17:00. Terugbelverzoek **${item.id}** staat klaar voor Bram Jansen.`;
    const at = (iso: string) => ({ start: new Date(iso), end: new Date(new Date(iso).getTime() + 15 * 60_000) });
    const slots = offerCard(s, item, created, {
      kind: 'slots',
      late: false,
      slots: [
        at('2026-11-26T12:00:00+01:00'),
        at('2026-11-26T13:30:00+01:00'),
        at('2026-11-26T14:30:00+01:00'),
        at('2026-11-27T08:30:00+01:00'),
      ],
    });
    const late = offerCard(s, item, created, { kind: 'slots', late: true, slots: [at('2026-11-30T08:30:00+01:00')] });
    const notConfigured = offerCard(s, item, created, { kind: 'notConfigured' });
    const willFollow = offerCard(s, item, created, { kind: 'willFollow' });
    const noConsent = offerCard(s, item, created, { kind: 'noAccess', cause: 'consent' });
    const mailboxOut = offerCard(s, item, created, { kind: 'noAccess', cause: 'mailbox' });
    const signInRefused = offerCard(s, item, created, { kind: 'signInRefused' });

    const planned = await s.items.act(SAMPLE_TENANT, item.id, 'planSlot', { start: '2026-11-26T13:30:00+01:00' }, anna);
    if (planned.status !== 'ok') throw new Error('planSlot failed');
    const p = planned.item as unknown as Item<CallbackData>;
    const synced: Item<CallbackData> = {
      ...p,
      data: {
        ...p.data,
        calendarEvent: {
          userId: bram.id,
          eventId: 'E1',
          start: p.data.agenda!.start!,
          end: p.data.agenda!.end!,
          marker: 'm',
          linked: true,
        },
      },
    };
    // The owner's view as it looks with Graph configured and the event in Outlook.
    const withGraph: Services = { ...s, graph: {} as GraphService };
    const owner = await renderOwner(callbackCards, withGraph, synced as unknown as Item);
    return [
      { name: 'agenda-offer-slots', card: slots },
      { name: 'agenda-offer-late', card: late },
      { name: 'agenda-not-configured', card: notConfigured },
      { name: 'agenda-will-follow', card: willFollow },
      { name: 'agenda-no-access-consent', card: noConsent },
      { name: 'agenda-no-access-mailbox', card: mailboxOut },
      { name: 'agenda-sign-in-refused', card: signInRefused },
      { name: 'agenda-owner-view', card: owner },
    ];
  } finally {
    await cleanup();
  }
}
