// Card samples for issue 18: one callback's channel card as the clock moves (Thursday "morgen",
// Friday "vandaag", Monday "te laat"), finished on time, a long toelichting behind "Meer tonen",
// the owner view with four buttons and the rest under "…", and an absent owner with "Overnemen".
import type { CardSample } from '../cardRenderer';
import { callbackCards } from '../../src/teams/features/callbacks/cards';
import { SYSTEM } from '../../src/domain/types';
import { anna, bram, sampleApp, SAMPLE_TENANT } from './sampleApp';
import { renderChannel, renderOwner } from '../../src/teams/cards/itemViews';

const LONG =
  'Mevrouw belt voor de derde keer over lawaai van de installatie op het dak. Het geluid is er vooral ' +
  '’s nachts, tussen 23:00 en 06:00. Zij slaapt slecht en heeft een briefje van de huisarts. De monteur is in ' +
  'oktober geweest, maar volgens mevrouw is het daarna erger geworden. Zij wil weten wanneer het wordt opgelost ' +
  'en of zij tot die tijd ergens anders kan slapen. Bel haar liefst na 10:00, dan is zij thuis.';

export async function samples(): Promise<CardSample[]> {
  const { app, clock, cleanup } = await sampleApp('2026-11-26T10:00:00+01:00');
  const s = app.s;
  try {
    const made = await s.items.create(
      'callback',
      SAMPLE_TENANT,
      { customerName: 'Mevrouw Jansen', phone: '06 12345678', topic: 'Geluidsoverlast installatie', details: LONG },
      bram,
      'teams',
    );
    if (made.status !== 'created') throw new Error('sample create failed');
    const id = made.item.id;
    const at = async () => renderChannel(callbackCards, s, (await s.items.get(SAMPLE_TENANT, id))!);
    const thursday = await at();
    clock.set('2026-11-27T07:00:00+01:00');
    const friday = await at();
    clock.set('2026-11-30T09:00:00+01:00');
    const monday = await at();

    clock.set('2026-11-26T14:32:00+01:00');
    const claimed = await s.items.act(SAMPLE_TENANT, id, 'claim', {}, anna);
    if (claimed.status !== 'ok') throw new Error('claim failed');
    const owner = await renderOwner(callbackCards, s, claimed.item);
    const absent = await s.items.act(SAMPLE_TENANT, id, 'ownerAbsent', { until: '2026-11-30T08:00:00.000Z' }, SYSTEM);
    if (absent.status !== 'ok') throw new Error('absent failed');
    const absentCard = await renderChannel(callbackCards, s, absent.item);
    clock.set('2026-11-27T11:15:00+01:00');
    const done = await s.items.act(
      SAMPLE_TENANT,
      id,
      'done',
      { note: 'Monteur komt maandag. Mevrouw slaapt tot dan bij haar dochter.', confirmation: 'brief' },
      anna,
    );
    if (done.status !== 'refused' && done.status !== 'ok') throw new Error('done failed');
    return [
      { name: 'clock-1-thursday-morgen', card: thursday },
      { name: 'clock-2-friday-vandaag', card: friday },
      { name: 'clock-3-monday-te-laat', card: monday },
      { name: 'clock-4-done-on-time', card: await at() },
      { name: 'long-details-cut', card: thursday },
      { name: 'long-details-open', card: thursday, click: ['Meer tonen'] },
      { name: 'owner-view-overflow', card: owner },
      { name: 'owner-absent-take-over', card: absentCard },
    ];
  } finally {
    await cleanup();
  }
}
