// Card samples for issue 17: geholpen, ervaring, the answer in the done fold, the ready texts for
// the customer, "niet bereikt", free moments in the form, and the report's "in één keer geholpen".
import type { CardSample } from '../cardRenderer';
import { callbackCards, callbackForm } from '../../src/teams/features/callbacks/cards';
import { appointmentForm } from '../../src/teams/features/appointments/cards';
import { contactForm } from '../../src/teams/features/contacts';
import { experienceForm } from '../../src/teams/features/experiences';
import { customerTextCard } from '../../src/teams/features/conversation/customerTextCard';
import { readyText } from '../../src/app/customerTexts';
import { logContact } from '../../src/app/contactLogs';
import { buildFirstContact } from '../../src/app/firstContactReport';
import { buildReport } from '../../src/app/openItems';
import { reportCard } from '../../src/teams/features/report';
import { nl } from '../../src/texts/nl';
import { anna, bram, sampleApp, SAMPLE_TENANT } from './sampleApp';
import { renderOwner } from '../../src/teams/cards/itemViews';
import { loadOwnerView } from '../../src/app/itemView';

export async function samples(): Promise<CardSample[]> {
  const { app, clock, cleanup } = await sampleApp('2026-11-26T10:15:00+01:00');
  const s = app.s;
  try {
    const input = {
      customerName: 'Mevrouw Jansen',
      phone: '06 12345678',
      topic: 'Tweede schuur in de tuin',
      details: 'Wil een tweede schuur plaatsen.',
      sensitive: true,
    };
    const made = await s.items.create('callback', SAMPLE_TENANT, input, bram, 'teams');
    if (made.status !== 'created') throw new Error('create failed');
    const claimed = await s.items.act(SAMPLE_TENANT, made.item.id, 'claim', {}, anna);
    if (claimed.status !== 'ok') throw new Error('claim failed');
    const refused = await s.items.act(
      SAMPLE_TENANT,
      made.item.id,
      'done',
      { answer: 'nee', note: 'Aanvraag afgewezen.', confirmation: 'email' },
      anna,
    );
    if (refused.status !== 'refused') throw new Error('expected a refusal');
    const doneForm = callbackCards.ownerWithForm(
      await loadOwnerView(s, refused.item),
      { text: refused.refusal.message, style: 'attention' },
      { values: { answer: 'nee', note: 'Aanvraag afgewezen.', confirmation: 'email' }, errors: refused.refusal.fields },
    );
    await s.repo.upsertUser({
      tenantId: SAMPLE_TENANT,
      userId: anna.id,
      teamsId: anna.teamsId,
      name: anna.name,
      settings: { directNumber: '0313 123 456' },
    });
    const done = await s.items.act(
      SAMPLE_TENANT,
      made.item.id,
      'done',
      {
        answer: 'nee',
        explanation: 'Een tweede schuur past niet binnen de regels voor deze woning. Een grotere schuur op dezelfde plek mag wel.',
        note: 'Aanvraag afgewezen, alternatief genoemd.',
        confirmation: 'email',
      },
      anna,
    );
    if (done.status !== 'ok') throw new Error('done failed');
    const confirmation = customerTextCard((await readyText(s, done.item, anna, 'confirmation'))!);

    const appt = await s.items.create(
      'appointment',
      SAMPLE_TENANT,
      { promiseKind: 'email', customerName: 'Meneer Smit', contact: 'smit@example.nl', topic: 'Huurverhoging', owner: bram },
      bram,
      'teams',
    );
    if (appt.status !== 'created') throw new Error('appointment failed');
    const apptDone = await s.items.act(
      SAMPLE_TENANT,
      appt.item.id,
      'done',
      { answer: 'info', note: 'Uitleg gegeven.', confirmation: 'email' },
      bram,
    );
    if (apptDone.status !== 'ok') throw new Error('appointment done failed');
    const mail = customerTextCard((await readyText(s, apptDone.item, bram, 'confirmation'))!);

    const nr = await s.items.create(
      'callback',
      SAMPLE_TENANT,
      { customerName: 'Meneer de Wit', phone: '0313 654321', topic: 'Sleutel kwijt', digital: 'nietDigitaal' },
      bram,
      'teams',
    );
    if (nr.status !== 'created') throw new Error('create failed');
    await s.items.act(SAMPLE_TENANT, nr.item.id, 'claim', {}, anna);
    const first = await s.items.act(SAMPLE_TENANT, nr.item.id, 'notReached', {}, anna);
    if (first.status !== 'ok') throw new Error('notReached failed');
    const afterFirst = await renderOwner(callbackCards, s, first.item, { text: first.message ?? '', style: 'good' });
    clock.set('2026-11-26T14:05:00+01:00');
    const last = await s.items.act(SAMPLE_TENANT, nr.item.id, 'notReached', {}, anna);
    if (last.status !== 'ok') throw new Error('notReached failed');
    const letter = customerTextCard((await readyText(s, last.item, anna, 'notReached'))!);

    for (const [how, topic] of [
      ['telefoon', 'Reparatie'],
      ['telefoon', 'Huur en betalen'],
      ['balie', 'Overlast'],
    ] as const) {
      await logContact(s, SAMPLE_TENANT, anna, { how, topic });
    }
    const report = reportCard(s, await buildReport(s, SAMPLE_TENANT), undefined, await buildFirstContact(s, SAMPLE_TENANT, 4));

    const fm = nl.conversation.freeMoments;
    const momentsForm = await callbackForm(s, SAMPLE_TENANT, {
      values: {
        customerName: 'Mevrouw Bakker',
        phone: '0313 123456',
        topic: 'Servicekosten',
        preferredDate: '2026-11-27',
        preferredTime: '10:00',
        assignee: bram.id,
      },
      moments: {
        notice: '',
        noticeColor: 'Default',
        label: fm.label(bram.name),
        value: 'none',
        choices: [
          { title: 'morgen 09:30', value: '2026-11-27T08:30:00.000Z' },
          { title: 'morgen 11:00', value: '2026-11-27T10:00:00.000Z' },
          { title: fm.lateChoice('maandag 30 november, 09:00'), value: '2026-11-30T08:00:00.000Z' },
          { title: fm.noMoment, value: 'none' },
        ],
      },
    });
    const appointmentMoments = await appointmentForm(s, SAMPLE_TENANT, 'homevisit', anna, {
      values: {
        customerName: 'Mevrouw Bakker',
        contact: '0313 123456',
        topic: 'Schimmel slaapkamer',
        date: '2026-11-27',
        time: '10:00',
        owner: bram.id,
      },
      moments: {
        notice: '',
        noticeColor: 'Default',
        label: fm.label(bram.name),
        value: 'none',
        choices: [
          { title: 'morgen 09:00', value: '2026-11-27T08:00:00.000Z' },
          { title: 'morgen 11:00', value: '2026-11-27T10:00:00.000Z' },
          { title: 'morgen 11:30', value: '2026-11-27T10:30:00.000Z' },
          { title: fm.lateChoice('donderdag 10 december, 09:00'), value: '2026-12-10T08:00:00.000Z' },
          { title: fm.noMomentAppointment, value: 'none' },
        ],
      },
    });
    return [
      { name: 'contact-form', card: contactForm(s) },
      { name: 'appointment-form-free-moments', card: appointmentMoments },
      { name: 'experience-form', card: experienceForm() },
      { name: 'callback-owner-done-refused', card: doneForm },
      { name: 'customer-text-confirmation', card: confirmation },
      { name: 'customer-text-email', card: mail },
      { name: 'callback-owner-not-reached', card: afterFirst },
      { name: 'customer-text-not-reached', card: letter },
      { name: 'callback-form-free-moments', card: momentsForm },
      { name: 'report-first-contact', card: report },
    ];
  } finally {
    await cleanup();
  }
}
