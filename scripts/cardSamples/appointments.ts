// Card samples for follow-up appointments and the views: the kind picker, the e-mail and walk-in
// forms (the walk-in one with its refusal), channel cards, the owner view, `mijn`, `overzicht`
// and the report. Items are made through the real ItemService.
import type { CardSample } from '../cardRenderer';
import { appointmentCards, appointmentChooser, appointmentForm } from '../../src/teams/features/appointments/cards';
import { anna, bram, dirk, sampleApp, SAMPLE_TENANT } from './sampleApp';
import { listCard, MINE_MAX_ROWS, TEAM_MAX_ROWS } from '../../src/teams/features/views/cards';
import { buildReport, ownOpenItems, teamOpenItems } from '../../src/app/openItems';
import { reportCard } from '../../src/teams/features/report';
import type { App } from '../../src/app/app';
import type { ManualClock } from '../../src/domain/clock';
import type { Person } from '../../src/domain/types';
import { renderChannel, renderOwner } from '../../src/teams/cards/itemViews';

const cb = (topic: string) => ({ customerName: 'Klant', phone: '06 12345678', topic });

/** Four weeks of work: made on different days, some kept, some late, one after a failed attempt. */
async function history(app: App, clock: ManualClock): Promise<void> {
  const s = app.s;
  const act = async (id: string, action: string, input: Record<string, unknown>, who: Person) => {
    const o = await s.items.act(SAMPLE_TENANT, id, action, input, who);
    if (o.status !== 'ok') throw new Error(`${action} ${id}: ${o.status === 'refused' ? o.refusal.message : o.status}`);
  };
  const make = async (kind: 'callback' | 'appointment', input: Record<string, unknown>, who: Person, source = 'teams') => {
    const o = await s.items.create(kind, SAMPLE_TENANT, input, who, source);
    if (o.status !== 'created') throw new Error('create failed');
    return o.item.id;
  };
  const note = { answer: 'ja', note: 'Klant gebeld en de vraag beantwoord.', confirmation: 'email' };
  for (const [week, day] of [
    ['2026-11-02', 0],
    ['2026-11-09', 1],
    ['2026-11-16', 2],
  ] as const) {
    void day;
    clock.set(`${week}T09:00:00+01:00`);
    const a = await make('callback', cb('Reparatieverzoek keuken'), bram, 'intake:website');
    const b = await make('callback', cb('Vraag over huurverhoging'), bram);
    const c = await make('appointment', { promiseKind: 'email', customerName: 'Klant', topic: 'Servicekosten' }, anna);
    const d = await make('appointment', { promiseKind: 'letter', customerName: 'Klant', topic: 'Bezwaar huurprijs' }, dirk, 'intake:post');
    clock.set(`${week}T10:30:00+01:00`);
    await act(a, 'claim', {}, anna);
    await act(b, 'claim', {}, bram);
    await act(c, 'acknowledge', {}, anna);
    await act(a, 'done', note, anna);
    await act(b, 'notReached', {}, bram);
    clock.set(`${week}T15:00:00+01:00`);
    await act(b, 'done', note, bram);
    if (week !== '2026-11-16') {
      clock.set(new Date(new Date(`${week}T16:00:00+01:00`).getTime() + 9 * 86_400_000).toISOString());
      await act(c, 'done', note, anna); // after the 5 working days: late
      await act(d, 'done', note, dirk);
    }
  }
}

export async function samples(): Promise<CardSample[]> {
  const { app, clock, cleanup } = await sampleApp('2026-11-26T09:15:00+01:00');
  const s = app.s;
  try {
    await history(app, clock);
    clock.set('2026-11-26T09:15:00+01:00');
    const email = await s.items.create(
      'appointment',
      SAMPLE_TENANT,
      {
        promiseKind: 'email',
        customerName: 'Mevrouw Jansen',
        contact: 'j.jansen@example.nl',
        topic: 'Vraag over de servicekosten 2026',
        details: 'Mevrouw wil weten waarom de servicekosten hoger zijn dan vorig jaar.',
      },
      bram,
      'teams',
    );
    const walkin = await s.items.create(
      'appointment',
      SAMPLE_TENANT,
      {
        promiseKind: 'walkin',
        customerName: 'Meneer El Amrani',
        contact: '06 12345678',
        topic: 'Schimmel in de slaapkamer',
        how: 'thuis',
        owner: anna,
        moment: '2026-11-30T10:00:00+01:00',
      },
      bram,
      'teams',
    );
    if (email.status !== 'created' || walkin.status !== 'created') throw new Error('sample create failed');
    const walkinRefused = await s.items.create(
      'appointment',
      SAMPLE_TENANT,
      { promiseKind: 'walkin', customerName: 'Meneer El Amrani', topic: 'Schimmel' },
      bram,
      'teams',
    );
    const refusal = walkinRefused.status === 'invalid' ? walkinRefused.refusal : undefined;
    clock.set('2026-11-26T11:05:00+01:00');
    const emailCard = await renderChannel(appointmentCards, s, email.item);
    const beforeAck = await renderOwner(appointmentCards, s, email.item);
    const walkinOwner = await renderOwner(appointmentCards, s, walkin.item);
    const ack = await s.items.act(SAMPLE_TENANT, email.item.id, 'acknowledge', {}, bram);
    if (ack.status !== 'ok') throw new Error('acknowledge failed');
    const ownerCard = await renderOwner(appointmentCards, s, ack.item, { text: ack.message ?? '', style: 'good' });
    // "Tolk nodig" on the walk-in: the booking is linked to the appointment (owner view only).
    const tolk = await s.items.create(
      'interpreter',
      SAMPLE_TENANT,
      {
        path: 'service',
        language: 'Arabisch',
        mode: 'video',
        moment: '2026-11-30T10:00:00+01:00',
        duration: '30',
        relatedId: walkin.item.id,
        related: { id: walkin.item.id, kind: 'appointment' },
      },
      anna,
      'teams',
    );
    if (tolk.status !== 'created') throw new Error('interpreter sample failed');
    const linked = await s.items.act(
      SAMPLE_TENANT,
      walkin.item.id,
      'interpreterLinked',
      { interpreterId: tolk.item.id, own: false, moment: tolk.item.data.moment },
      anna,
    );
    if (linked.status !== 'ok') throw new Error('interpreter link failed');
    const walkinLinked = await renderOwner(appointmentCards, s, linked.item);
    // Open work for the views: yesterday's callback is overdue, one is due today, some later.
    clock.set('2026-11-24T09:00:00+01:00');
    const late = await s.items.create('callback', SAMPLE_TENANT, cb('Sleutel kwijt, nieuwe aanvragen'), bram, 'teams');
    if (late.status === 'created') await s.items.act(SAMPLE_TENANT, late.item.id, 'claim', {}, anna);
    clock.set('2026-11-25T14:00:00+01:00');
    const today = await s.items.create('callback', SAMPLE_TENANT, { ...cb('Overlast buren'), assignee: anna }, bram, 'teams');
    await s.items.create('callback', SAMPLE_TENANT, cb('Vraag over de woonruimteverdeling'), dirk, 'intake:website');
    void today;
    clock.set('2026-11-26T11:05:00+01:00');
    const open = (item: { id: string }) => [{ title: 'Openen', verb: 'views.open', data: { id: item.id } }];
    const mine = listCard(s, {
      mode: 'mine',
      list: await ownOpenItems(s, SAMPLE_TENANT, { actor: anna, personal: true, keep: MINE_MAX_ROWS }),
      actions: open,
    });
    const owners = [anna, bram, dirk].map((p) => ({ id: p.id, name: p.name }));
    const team = listCard(s, {
      mode: 'team',
      list: await teamOpenItems(s, SAMPLE_TENANT, { actor: anna, personal: true, keep: TEAM_MAX_ROWS }),
      owners,
      actions: (item) =>
        item.owner ? open(item) : [{ title: "Ik pak 'm op", verb: `${item.kind}.claim`, data: { id: item.id } }, ...open(item)],
    });
    const teamFiltered = listCard(s, {
      mode: 'team',
      list: await teamOpenItems(s, SAMPLE_TENANT, { actor: anna, personal: true, filter: { kind: 'appointment' }, keep: TEAM_MAX_ROWS }),
      owners,
      filter: { kind: 'appointment' },
      actions: open,
    });
    const report = reportCard(s, await buildReport(s, SAMPLE_TENANT));
    return [
      { name: 'views-mine', card: mine },
      { name: 'views-team', card: team },
      { name: 'views-team-filtered', card: teamFiltered },
      { name: 'report', card: report, click: ['Wat betekenen de cijfers?'] },
      { name: 'appointment-choose', card: appointmentChooser(s) },
      { name: 'appointment-form-email', card: await appointmentForm(s, SAMPLE_TENANT, 'email', bram) },
      {
        name: 'appointment-form-walkin-refused',
        card: await appointmentForm(s, SAMPLE_TENANT, 'walkin', bram, {
          values: { customerName: 'Meneer El Amrani', topic: 'Schimmel' },
          errors: refusal?.fields,
          notice: refusal ? { text: refusal.message, style: 'attention' } : undefined,
        }),
      },
      { name: 'appointment-channel-email', card: emailCard },
      { name: 'appointment-channel-walkin', card: await renderChannel(appointmentCards, s, walkin.item) },
      { name: 'appointment-owner-email', card: ownerCard },
      { name: 'appointment-owner-email-acknowledge', card: beforeAck, click: ['Eerste reactie verstuurd'] },
      { name: 'appointment-owner-walkin-reschedule', card: walkinOwner, click: ['Nieuwe afspraak'] },
      { name: 'appointment-owner-walkin-interpreter-cancel', card: walkinLinked, click: ['Annuleren'] },
    ];
  } finally {
    void dirk;
    await cleanup();
  }
}
