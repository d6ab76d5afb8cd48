// Card samples for the customer record (klant) and the safety pause, each at 500 px and at 320 px
// (Teams on a phone): the customer card with the pause form open, the paused card a manager sees,
// the pick list for a name, the callback owner view while paused, and the form after "Klant opzoeken".
import type { CardSample } from '../cardRenderer';
import { pauseCustomer } from '../../src/app/customers';
import { callbackCards, callbackForm } from '../../src/teams/features/callbacks/cards';
import { customerCard, pickCard } from '../../src/teams/features/customers/cards';
import { nl } from '../../src/texts/nl';
import { anna, bram, dirk, sampleApp, SAMPLE_TENANT } from './sampleApp';
import { renderOwner } from '../../src/teams/cards/itemViews';

export async function samples(): Promise<CardSample[]> {
  const { app, clock, cleanup } = await sampleApp('2026-11-24T09:10:00+01:00');
  const s = app.s;
  try {
    const make = async (input: Record<string, unknown>) => {
      const c = await s.items.create('callback', SAMPLE_TENANT, input, bram, 'teams');
      if (c.status !== 'created') throw new Error('sample callback failed');
      return c.item;
    };
    const first = await make({
      customerName: 'Mevrouw Ria Klaassen',
      phone: '06-24681357',
      topic: 'Kapotte cv-ketel',
      details: 'Geen warm water sinds gisteren.',
      digital: 'liever-persoonlijk',
      attitude: 'hulp-bij-regelen',
      ageGroup: '55-of-ouder',
      preferredChannel: 'brief',
    });
    await s.items.act(SAMPLE_TENANT, first.id, 'claim', {}, anna);
    await s.items.act(
      SAMPLE_TENANT,
      first.id,
      'done',
      { note: 'Monteur komt maandag om 9:00; mevrouw is thuis. Bevestigd per brief.', confirmation: 'brief' },
      anna,
    );
    clock.set('2026-11-26T14:32:00+01:00');
    const open = await make({ customerName: 'Dhr. Klaassen', phone: '0624681357', topic: 'Vraag over de servicekosten' });
    await s.items.act(SAMPLE_TENANT, open.id, 'claim', {}, bram);
    await make({ customerName: 'Mevrouw Klaassen-de Boer', phone: '06 13572468', topic: 'Huurtoeslag aanvragen' });
    const record = await s.customers.find(SAMPLE_TENANT, '06 24681357');
    if (record.status !== 'one') throw new Error('record not found');
    const card = await customerCard(s, record.record, anna);
    const many = await s.customers.find(SAMPLE_TENANT, 'klaassen');
    const pick = many.status === 'many' ? await pickCard(s, many.records, many.more) : {};
    const paused = await pauseCustomer(s, SAMPLE_TENANT, record.record.id, 'Dreigde aan de telefoon toen het antwoord nee was.', anna);
    if (paused.status !== 'ok') throw new Error('pause failed');
    const managerCard = await customerCard(s, paused.record, dirk);
    const ownerView = await renderOwner(callbackCards, s, (await s.items.get(SAMPLE_TENANT, open.id))!);
    const form = await callbackForm(s, SAMPLE_TENANT, {
      values: { customerName: 'Mevrouw Ria Klaassen', phone: '06 13572468', digital: 'regelt-digitaal', preferredChannel: 'email' },
      notice: { text: nl.customers.form.filled('KL-2'), style: 'accent' },
    });
    const both = (name: string, c: Record<string, unknown>, click?: string[]): CardSample[] => [
      { name, card: c, click, width: 500 },
      { name: `${name}-320`, card: c, click, width: 320 },
    ];
    return [
      ...both('customer-card', card, [nl.customers.card.pauseButton]),
      ...both('customer-card-paused-manager', managerCard),
      ...both('customer-pick', pick),
      ...both('customer-callback-owner-paused', ownerView),
      ...both('customer-form-lookup', form),
    ];
  } finally {
    await cleanup();
  }
}
