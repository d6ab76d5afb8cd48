// Card samples for the daily digest: the channel digest, a personal digest, a cut-off digest with
// many items, an empty one, and the settings card. Callbacks go through the real ItemService;
// appointments, interpreter requests and exception cases are written as plain items of those kinds
// (the digest reads only the shared Item fields) until their own rules exist.
import type { App } from '../../src/app/app';
import type { Item, ItemKind, Person } from '../../src/domain/types';
import { channelAudience, composeDigest, personalAudience } from '../../src/teams/features/digest/card';
import { settingsCard } from '../../src/teams/features/digest/settings';
import type { CardSample } from '../cardRenderer';
import { anna, bram, dirk, sampleApp, SAMPLE_TENANT } from './sampleApp';

const carla: Person = { id: 'c3c3c3c3-0000-4000-8000-00000000000c', name: 'Carla Smit', teamsId: '29:carla' };

async function plainItem(
  app: App,
  id: string,
  kind: ItemKind,
  subject: string,
  owner: Person | null,
  deadline: string | null,
): Promise<void> {
  const now = app.s.clock.now();
  const item: Item = {
    tenantId: SAMPLE_TENANT,
    id,
    kind,
    status: owner ? 'claimed' : 'open',
    subject,
    owner,
    createdBy: bram,
    createdAt: now,
    updatedAt: now,
    deadline: deadline ? new Date(deadline) : null,
    closedAt: null,
    source: 'teams',
    version: 1,
    data: {},
    card: null,
  };
  await app.s.repo.commit({ item, expectedVersion: null, history: [], outbox: [] });
}

export async function samples(): Promise<CardSample[]> {
  const { app, clock, cleanup } = await sampleApp('2026-11-24T10:00:00+01:00');
  const s = app.s;
  const callback = async (at: string, topic: string, owner?: Person) => {
    clock.set(at);
    const out = await s.items.create(
      'callback',
      SAMPLE_TENANT,
      { customerName: 'Mevrouw Jansen', phone: '06 12345678', topic },
      bram,
      'teams',
    );
    if (out.status !== 'created') throw new Error('sample create failed');
    if (owner) await s.items.act(SAMPLE_TENANT, out.item.id, 'claim', {}, owner);
    return out.item;
  };
  try {
    await callback('2026-11-24T10:00:00+01:00', 'Lekkage in de badkamer', anna);
    await callback('2026-11-24T15:20:00+01:00', 'Vraag over de servicekosten');
    await callback('2026-11-25T09:10:00+01:00', 'Sleutel kwijt, slot vervangen?', bram);
    await callback('2026-11-25T11:45:00+01:00', 'Vraag over huurverhoging');
    await callback('2026-11-25T13:30:00+01:00', 'Schimmel in de slaapkamer', carla);
    await callback('2026-11-26T08:05:00+01:00', 'Geluidsoverlast van de buren');
    await callback('2026-11-26T08:20:00+01:00', 'Terugbellen over inschrijving woningzoekende', anna);
    await plainItem(app, 'AF-2001', 'appointment', 'E-mail over parkeerplaats beantwoorden', anna, '2026-11-26T17:00:00+01:00');
    await plainItem(app, 'AF-2002', 'appointment', 'Huisbezoek Dorpsstraat 12 (woningcontrole)', bram, '2026-11-27T14:00:00+01:00');
    await plainItem(app, 'AF-2003', 'appointment', 'Brief over woningruil beantwoorden', null, '2026-12-02T17:00:00+01:00');
    await plainItem(app, 'TK-3001', 'interpreter', 'Tolk Arabisch: huurcontract doornemen', anna, '2026-11-27T11:00:00+01:00');
    await plainItem(app, 'TK-3002', 'interpreter', 'Tolk Tigrinya: gesprek over betalingsregeling', bram, '2026-11-25T14:00:00+01:00');
    await plainItem(app, 'TW-4001', 'exception', 'Afwijken van de wachttijd bij urgentie?', null, null);

    const now = new Date('2026-11-26T08:30:00+01:00');
    clock.set(now);
    const open = await s.repo.queryItems(SAMPLE_TENANT, { open: true });
    const o = { digestTime: s.config.digestTime };
    const channel = composeDigest(open, channelAudience, now, s.calendar, o);
    const personal = composeDigest(open, personalAudience(anna), now, s.calendar, o);

    // Many items: the longest sections are cut ("en nog N…") with a pointer to `overzicht`.
    const people = [anna, bram, carla, dirk];
    const many: Item[] = [...open];
    for (let i = 0; i < 400; i++) {
      const base = open[i % open.length]!;
      many.push({
        ...base,
        id: `TB-${5000 + i}`,
        kind: 'callback',
        subject: `Terugbelverzoek ${i + 1}`,
        owner: i % 3 === 0 ? null : people[i % 4]!,
        deadline: new Date(new Date('2026-11-24T17:00:00+01:00').getTime() + (i % 4) * 24 * 3_600_000),
      });
    }
    const cut = composeDigest(many, channelAudience, now, s.calendar, o);
    const empty = composeDigest([], channelAudience, now, s.calendar, o);
    console.log(
      `digest samples: channel ${channel.bytes} B, personal ${personal.bytes} B, cut ${cut.bytes} B (${cut.digest.shownLines} lines of ${cut.digest.counts.open})`,
    );
    return [
      { name: 'digest-channel', card: channel.card },
      { name: 'digest-personal', card: personal.card },
      { name: 'digest-channel-cut', card: cut.card },
      { name: 'digest-channel-empty', card: empty.card },
      {
        name: 'digest-settings',
        card: settingsCard(
          s,
          { personalDigest: true },
          { text: 'Opgeslagen. Je krijgt elke werkdag om 08:30 je eigen dagoverzicht.', style: 'good' },
        ),
      },
    ];
  } finally {
    await cleanup();
  }
}
