// Card samples for issue 13: a list and a digest with one item they cannot read (a deadline in the
// year 10000, written straight into storage), and the callback form refusing a moment beyond the horizon.
import type { Item } from '../../src/domain/types';
import { callbackForm } from '../../src/teams/features/callbacks/cards';
import { channelAudience, composeDigest } from '../../src/teams/features/digest/card';
import { listCard, TEAM_MAX_ROWS } from '../../src/teams/features/views/cards';
import { teamOpenItems } from '../../src/app/openItems';
import { nl } from '../../src/texts/nl';
import type { CardSample } from '../cardRenderer';
import { anna, bram, sampleApp, SAMPLE_TENANT } from './sampleApp';

export async function samples(): Promise<CardSample[]> {
  const { app, clock, cleanup } = await sampleApp('2026-11-26T09:15:00+01:00');
  const s = app.s;
  try {
    for (const [topic, owner] of [
      ['Vraag over de servicekosten', null],
      ['Sleutel kwijt, slot vervangen?', bram],
    ] as const) {
      const r = await s.items.create(
        'callback',
        SAMPLE_TENANT,
        { customerName: 'Meneer de Vries', phone: '06 87654321', topic },
        anna,
        'teams',
      );
      if (r.status === 'created' && owner) await s.items.act(SAMPLE_TENANT, r.item.id, 'claim', {}, owner);
    }
    const now = clock.now();
    const bad: Item = {
      tenantId: SAMPLE_TENANT,
      id: 'TB-9001',
      kind: 'callback',
      status: 'open',
      subject: 'Kapotte data',
      owner: null,
      createdBy: bram,
      createdAt: now,
      updatedAt: now,
      deadline: new Date('+010000-01-01T09:00:00Z'),
      closedAt: null,
      source: 'teams',
      version: 1,
      data: {},
      card: null,
    };
    await s.repo.commit({ item: bad, expectedVersion: null, history: [], outbox: [] });
    const open = await s.repo.queryItems(SAMPLE_TENANT, { open: true });
    const overview = listCard(s, {
      mode: 'team',
      list: await teamOpenItems(s, SAMPLE_TENANT, { actor: anna, personal: true, keep: TEAM_MAX_ROWS }),
      owners: [anna, bram],
      actions: (item) => [
        ...(item.owner ? [] : [{ title: nl.views.claim, verb: 'callback.claim', data: { id: item.id } }]),
        { title: nl.views.open, verb: 'views.open', data: { id: item.id } },
      ],
    });
    const digest = composeDigest(open, channelAudience, now, s.calendar, { digestTime: '08:30' });
    const values = {
      customerName: 'Mevrouw Jansen',
      phone: '06 12345678',
      topic: 'Lekkage',
      preferredDate: '2027-12-01',
      preferredTime: '10:00',
    };
    const form = await callbackForm(s, SAMPLE_TENANT, {
      values,
      errors: { preferredMoment: nl.integrity.beyondHorizon(12) },
      notice: { text: nl.common.formHasErrors, style: 'attention' },
    });
    return [
      { name: 'integrity-overzicht-bad-item', card: overview },
      { name: 'integrity-digest-bad-item', card: digest.card },
      { name: 'integrity-callback-form-horizon', card: form },
    ];
  } finally {
    await cleanup();
  }
}
