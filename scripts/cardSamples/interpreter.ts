// Card samples for interpreter requests (tolk), one per step: step 1 (own interpreter?), the
// own-interpreter form and its record, step 2 (empty and with bad input), the booking card, the
// confirmed request, the callback owner view with the link, and the managers' monthly overview.
import type { CardSample } from '../cardRenderer';
import { interpreterMonthFigures } from '../../src/domain/items/interpreter';
import { callbackCards } from '../../src/teams/features/callbacks/cards';
import { loadOwnerView } from '../../src/app/itemView';
import { bookingFormCard, interpreterCards, overviewCard, ownFormCard, startCard } from '../../src/teams/features/interpreter/cards';
import { anna, bram, dirk, sampleApp, SAMPLE_TENANT } from './sampleApp';
import { renderOwner } from '../../src/teams/cards/itemViews';

export async function samples(): Promise<CardSample[]> {
  const { app, clock, cleanup } = await sampleApp('2026-11-26T09:15:00+01:00');
  const s = app.s;
  // The organisation's booking details, as they would come from configuration.
  Object.assign(s.config.interpreter, { serviceUrl: 'https://www.globaltalk.nl', phone: '088 255 52 22', customerNumber: 'WIJ-4711' });
  try {
    const cb = await s.items.create(
      'callback',
      SAMPLE_TENANT,
      { customerName: 'Mevrouw Haile', phone: '06 12345678', topic: 'Uitleg over de huurverhoging', sensitive: true },
      bram,
      'teams',
    );
    if (cb.status !== 'created') throw new Error('sample callback failed');
    const claimed = await s.items.act(SAMPLE_TENANT, cb.item.id, 'claim', {}, anna);
    if (claimed.status !== 'ok') throw new Error('claim failed');

    const own = await s.items.create(
      'interpreter',
      SAMPLE_TENANT,
      {
        path: 'own',
        relatedId: cb.item.id,
        related: { id: cb.item.id, kind: 'callback' },
        moment: '2026-12-02T10:00:00+01:00',
        ownBy: 'family',
      },
      anna,
      'teams',
    );
    if (own.status !== 'created') throw new Error('own failed');
    await s.items.act(
      SAMPLE_TENANT,
      cb.item.id,
      'interpreterLinked',
      { interpreterId: own.item.id, own: true, moment: own.item.data.moment },
      anna,
    );

    const badValues = { language: 'Tigrinya', mode: 'onSite', date: '2026-11-25', time: '14:00', duration: '0', address: '' };
    const bad = await s.items.create(
      'interpreter',
      SAMPLE_TENANT,
      { path: 'service', ...badValues, moment: '2026-11-25T14:00:00+01:00' },
      anna,
      'teams',
    );
    if (bad.status !== 'invalid') throw new Error('bad input was accepted');

    const booking = await s.items.create(
      'interpreter',
      SAMPLE_TENANT,
      {
        path: 'service',
        language: 'Tigrinya',
        mode: 'onSite',
        moment: '2026-12-03T14:00:00+01:00',
        duration: '45',
        address: 'Kerkstraat 12, Doesburg',
        relatedId: cb.item.id,
        related: { id: cb.item.id, kind: 'callback' },
      },
      anna,
      'teams',
    );
    if (booking.status !== 'created') throw new Error('booking failed');
    await s.items.act(
      SAMPLE_TENANT,
      cb.item.id,
      'interpreterLinked',
      { interpreterId: booking.item.id, own: false, moment: booking.item.data.moment },
      anna,
    );
    const bookingCard = await renderOwner(interpreterCards, s, booking.item, {
      text: `Tolkaanvraag ${booking.item.id} staat klaar. Boek nu via Globaltalk.`,
      style: 'good',
    });
    const refError = await s.items.act(SAMPLE_TENANT, booking.item.id, 'confirm', { reference: '' }, anna);
    if (refError.status !== 'refused') throw new Error('empty reference accepted');
    const refErrorCard = interpreterCards.ownerWithForm(
      await loadOwnerView(s, refError.item),
      { text: refError.refusal.message, style: 'attention' },
      { values: {}, errors: refError.refusal.fields },
    );
    clock.set('2026-11-26T11:40:00+01:00');
    const confirmed = await s.items.act(SAMPLE_TENANT, booking.item.id, 'confirm', { reference: 'GT-2026-0815' }, anna);
    if (confirmed.status !== 'ok') throw new Error('confirm failed');

    const video = await s.items.create(
      'interpreter',
      SAMPLE_TENANT,
      { path: 'service', language: 'Arabisch', mode: 'video', moment: '2026-12-04T11:00:00+01:00', duration: '30' },
      bram,
      'teams',
    );
    const phone = await s.items.create(
      'interpreter',
      SAMPLE_TENANT,
      { path: 'service', language: 'Arabisch', mode: 'phoneNow', duration: '15' },
      dirk,
      'teams',
    );
    if (video.status !== 'created' || phone.status !== 'created') throw new Error('overview samples failed');
    const all = await s.repo.queryItems(SAMPLE_TENANT, { kinds: ['interpreter'] });
    const figures = interpreterMonthFigures(all, '2026-11', s.calendar);

    const callbackNow = await s.items.get(SAMPLE_TENANT, cb.item.id);
    return [
      { name: 'interpreter-1-start', card: startCard(cb.item.id) },
      { name: 'interpreter-2a-own-form', card: ownFormCard({ values: { relatedId: cb.item.id } }) },
      {
        name: 'interpreter-2a-own-recorded',
        card: await renderOwner(interpreterCards, s, own.item, {
          text: `Vastgelegd als ${own.item.id}: de klant regelt zelf een tolk.`,
          style: 'good',
        }),
      },
      { name: 'interpreter-2b-form', card: bookingFormCard({ values: { relatedId: cb.item.id } }) },
      {
        name: 'interpreter-2b-form-errors',
        card: bookingFormCard({ values: badValues, errors: bad.refusal.fields, notice: { text: bad.refusal.message, style: 'attention' } }),
      },
      { name: 'interpreter-3-booking', card: bookingCard },
      { name: 'interpreter-3-reference-missing', card: refErrorCard },
      {
        name: 'interpreter-4-confirmed',
        card: await renderOwner(interpreterCards, s, confirmed.item, { text: confirmed.message ?? '', style: 'good' }),
        click: ['Geschiedenis'],
      },
      { name: 'interpreter-callback-owner-link', card: await renderOwner(callbackCards, s, callbackNow!) },
      { name: 'interpreter-overview', card: overviewCard(figures, false, '2026-10', '2026-12') },
    ];
  } finally {
    await cleanup();
  }
}
