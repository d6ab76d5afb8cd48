// Card samples for callbacks: the channel card open, claimed, done and sensitive; the owner view; the form.
import type { CardSample } from '../cardRenderer';
import { callbackCards, callbackForm } from '../../src/teams/features/callbacks/cards';
import { SYSTEM } from '../../src/domain/types';
import { anna, bram, dirk, sampleApp, SAMPLE_TENANT } from './sampleApp';
import { renderChannel, renderOwner } from '../../src/teams/cards/itemViews';

export async function samples(): Promise<CardSample[]> {
  const { app, clock, cleanup } = await sampleApp('2026-11-26T09:15:00+01:00');
  const s = app.s;
  try {
    const input = {
      customerName: 'Mevrouw Jansen',
      phone: '06 12345678',
      topic: 'Lekkage in de badkamer',
      details: 'Water komt door het plafond van de benedenburen. Graag vandaag terugbellen.',
      digital: 'liever-persoonlijk',
      ageGroup: '55-of-ouder',
      attitude: 'hulp-bij-regelen',
      preferredChannel: 'telefoon',
    };
    const open = await s.items.create('callback', SAMPLE_TENANT, input, bram, 'teams');
    const sensitive = await s.items.create(
      'callback',
      SAMPLE_TENANT,
      {
        customerName: 'Dhr. de Groot',
        phone: '+32 470 12 34 56',
        topic: 'Huurachterstand',
        details: 'Wil een betalingsregeling bespreken.',
        sensitive: true,
      },
      { ...SYSTEM, name: 'Intake (website)' },
      'intake:website',
    );
    const late = await s.items.create(
      'callback',
      SAMPLE_TENANT,
      { customerName: 'Mevrouw Bakker', phone: '0313 123456', topic: 'Vraag over de servicekosten' },
      dirk,
      'teams',
    );
    if (open.status !== 'created' || sensitive.status !== 'created' || late.status !== 'created') throw new Error('sample create failed');
    const openCard = await renderChannel(callbackCards, s, open.item);
    clock.set('2026-11-26T14:32:00+01:00');
    const claimed = await s.items.act(SAMPLE_TENANT, open.item.id, 'claim', {}, anna);
    if (claimed.status !== 'ok') throw new Error('claim failed');
    const claimedCard = await renderChannel(callbackCards, s, claimed.item);
    const ownerCard = await renderOwner(callbackCards, s, claimed.item, { text: claimed.message ?? '', style: 'good' });
    await s.items.act(SAMPLE_TENANT, open.item.id, 'notReached', {}, anna);
    clock.set('2026-11-26T15:10:00+01:00');
    const done = await s.items.act(
      SAMPLE_TENANT,
      open.item.id,
      'done',
      { answer: 'ja', note: 'Loodgieter komt morgen om 10:00. Mevrouw is thuis.', confirmation: 'brief' },
      anna,
    );
    if (done.status !== 'ok') throw new Error('done failed');
    const sensitiveCard = await renderChannel(callbackCards, s, sensitive.item);
    const sensitiveClaimed = await s.items.act(SAMPLE_TENANT, sensitive.item.id, 'claim', {}, anna);
    if (sensitiveClaimed.status !== 'ok') throw new Error('claim failed');
    const sensitiveOwner = await renderOwner(callbackCards, s, sensitiveClaimed.item);
    clock.set('2026-11-30T09:05:00+01:00'); // Monday: the Thursday callbacks were due Friday 17:00
    const lateItem = await s.items.get(SAMPLE_TENANT, late.item.id);
    return [
      { name: 'callback-form', card: await callbackForm(s, SAMPLE_TENANT) },
      { name: 'callback-channel-open', card: openCard },
      { name: 'callback-channel-claimed', card: claimedCard },
      { name: 'callback-owner-view', card: ownerCard, click: ['Afronden'] },
      { name: 'callback-channel-done', card: await renderChannel(callbackCards, s, done.item), click: ['Geschiedenis'] },
      { name: 'callback-channel-sensitive', card: sensitiveCard },
      { name: 'callback-owner-view-sensitive', card: sensitiveOwner },
      { name: 'callback-channel-overdue', card: await renderChannel(callbackCards, s, lateItem!) },
    ];
  } finally {
    await cleanup();
  }
}
