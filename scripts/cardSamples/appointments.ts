// Card samples for follow-up appointments and the views: the kind picker, the e-mail and walk-in
// forms (the walk-in one with its refusal), channel cards, the owner view, `mijn`, `overzicht`
// and the report. Items are made through the real ItemService.
import type { CardSample } from '../cardRenderer';
import { appointmentCards, appointmentChooser, appointmentForm } from '../../src/teams/features/appointments/cards';
import { anna, bram, dirk, sampleApp, SAMPLE_TENANT } from './sampleApp';

export async function samples(): Promise<CardSample[]> {
  const { app, clock, cleanup } = await sampleApp('2026-11-26T09:15:00+01:00');
  const s = app.s;
  try {
    const email = await s.items.create('appointment', SAMPLE_TENANT, {
      promiseKind: 'email', customerName: 'Mevrouw Jansen', contact: 'j.jansen@example.nl', topic: 'Vraag over de servicekosten 2026',
      details: 'Mevrouw wil weten waarom de servicekosten hoger zijn dan vorig jaar.',
    }, bram, 'teams');
    const walkin = await s.items.create('appointment', SAMPLE_TENANT, {
      promiseKind: 'walkin', customerName: 'Meneer El Amrani', contact: '06 12345678', topic: 'Schimmel in de slaapkamer',
      how: 'thuis', owner: anna, moment: '2026-11-30T10:00:00+01:00',
    }, bram, 'teams');
    if (email.status !== 'created' || walkin.status !== 'created') throw new Error('sample create failed');
    const walkinRefused = await s.items.create('appointment', SAMPLE_TENANT, { promiseKind: 'walkin', customerName: 'Meneer El Amrani', topic: 'Schimmel' }, bram, 'teams');
    const refusal = walkinRefused.status === 'invalid' ? walkinRefused.refusal : undefined;
    clock.set('2026-11-26T11:05:00+01:00');
    const emailCard = await appointmentCards.channel(email.item, s);
    const ack = await s.items.act(SAMPLE_TENANT, email.item.id, 'acknowledge', {}, bram);
    if (ack.status !== 'ok') throw new Error('acknowledge failed');
    const ownerCard = await appointmentCards.owner(ack.item, s, { text: ack.message ?? '', style: 'good' });
    return [
      { name: 'appointment-choose', card: appointmentChooser(s) },
      { name: 'appointment-form-email', card: await appointmentForm(s, SAMPLE_TENANT, 'email', bram) },
      {
        name: 'appointment-form-walkin-refused',
        card: await appointmentForm(s, SAMPLE_TENANT, 'walkin', bram, {
          values: { customerName: 'Meneer El Amrani', topic: 'Schimmel' }, errors: refusal?.fields, notice: refusal ? { text: refusal.message, style: 'attention' } : undefined,
        }),
      },
      { name: 'appointment-channel-email', card: emailCard },
      { name: 'appointment-channel-walkin', card: await appointmentCards.channel(walkin.item, s) },
      { name: 'appointment-owner-email', card: ownerCard },
    ];
  } finally {
    void dirk;
    await cleanup();
  }
}
