// Card samples for reliability and privacy: a callback card after its customer data was erased,
// the channel digest headed by a delivery-problem line, the help card with inzage/vergeet and its
// buttons, and the buttons under the welcome.
import { problemLines } from '../../src/app/deliveryProblems';
import { eraseItem } from '../../src/app/privacy';
import { callbackCards } from '../../src/teams/features/callbacks/cards';
import { channelAudience, composeDigest } from '../../src/teams/features/digest/card';
import { helpCard, welcomeCard } from '../../src/teams/cards/commandButtons';
import type { CardSample } from '../cardRenderer';
import { anna, bram, sampleApp, SAMPLE_TENANT } from './sampleApp';
import { renderChannel } from '../../src/teams/cards/itemViews';

export async function samples(): Promise<CardSample[]> {
  const { app, clock, cleanup } = await sampleApp('2026-08-20T09:15:00+02:00');
  const s = app.s;
  try {
    const made = await s.items.create(
      'callback',
      SAMPLE_TENANT,
      { customerName: 'Mevrouw Jansen', phone: '06 12345678', topic: 'Lekkage in de badkamer', details: 'Water door het plafond.' },
      bram,
      'intake:website',
    );
    if (made.status !== 'created') throw new Error('sample create failed');
    await s.items.act(SAMPLE_TENANT, made.item.id, 'claim', {}, anna);
    clock.set('2026-08-20T11:40:00+02:00');
    await s.items.act(
      SAMPLE_TENANT,
      made.item.id,
      'done',
      { answer: 'ja', note: 'Mevrouw Jansen gebeld, loodgieter komt vrijdag.', confirmation: 'email' },
      anna,
    );
    clock.set('2026-11-26T09:15:00+01:00');
    await eraseItem(s, SAMPLE_TENANT, made.item.id, 'retention');
    const erased = (await s.items.get(SAMPLE_TENANT, made.item.id))!;

    for (const [topic, owner] of [
      ['Vraag over de servicekosten', null],
      ['Sleutel kwijt, slot vervangen?', bram],
      ['Schimmel in de slaapkamer', null],
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
    await s.repo.saveBinding({
      tenantId: SAMPLE_TENANT,
      teamId: '19:team',
      teamName: 'WIJ Noord',
      channelId: '19:klantcontact@thread.tacv2',
      channelName: 'Klantcontact',
      conversationRef: {},
      boundBy: anna,
      boundAt: clock.now(),
    });
    clock.set('2026-11-26T07:55:00+01:00');
    await s.repo.recordDeliveryProblem(
      { tenantId: SAMPLE_TENANT, target: 'channel:19:klantcontact@thread.tacv2', code: 'MessageWritesBlocked', detail: '403' },
      clock.now(),
    );
    clock.set('2026-11-26T09:15:00+01:00');
    const open = await s.repo.queryItems(SAMPLE_TENANT, { open: true });
    const digest = composeDigest(open, channelAudience, clock.now(), s.calendar, {
      digestTime: '08:30',
      notices: await problemLines(s, SAMPLE_TENANT),
    });

    return [
      { name: 'privacy-callback-channel-erased', card: await renderChannel(callbackCards, s, erased), click: ['Geschiedenis'] },
      { name: 'reliability-digest-channel-blocked', card: digest.card },
      { name: 'help', card: helpCard(() => true) },
      { name: 'welcome-team', card: welcomeCard(() => true, 'welcomeTeam') },
    ];
  } finally {
    await cleanup();
  }
}
