// The SPEC: "A callback accepted while no channel is bound is kept and posted once one is" — also
// when no tenant is configured (no INTAKE_TENANT_ID, no ALLOWED_TENANT_IDS): the intake keeps it
// under a pending tenant and the first `koppel` adopts it into its team's tenant.
import { expect } from 'chai';
import { PENDING_TENANT } from '../../src/domain/types';
import { PostgresRepository } from '../../src/storage/postgres';
import { SqliteRepository } from '../../src/storage/sqlite';
import type { Repository } from '../../src/storage/repository';
import { anna, channelMessage, generalChannel, teamNoord, TEST_TENANT } from '../harness/activities';
import { startBot, tempSqliteUrl, type BotUnderTest } from '../harness/bot';
import { startFakeConnector, type FakeConnector } from '../harness/fakeConnector';
import { httpJson } from '../harness/http';
import { dropSchema, freshSchema, pgAvailable, PG_URL } from '../harness/pg';

const KEY = 'test-intake-key-0123456789';

describe('intake before the bot knows its tenant', () => {
  let connector: FakeConnector;
  let bot: BotUnderTest;
  before(async () => (connector = await startFakeConnector()));
  after(async () => connector.close());
  beforeEach(async () => {
    connector.reset();
    bot = await startBot({ env: { ALLOWED_TENANT_IDS: '', INTAKE_TENANT_ID: '' } });
  });
  afterEach(async () => bot.stop());

  const intake = (body: Record<string, unknown>) =>
    httpJson('POST', `${bot.url}/api/callbacks`, body, { authorization: `Bearer ${KEY}`, 'idempotency-key': String(body.topic) });

  it('accepts (201), keeps it, and posts it in the channel the first koppel binds; later intake goes straight to that tenant', async () => {
    const res = await intake({ customerName: 'Mevrouw Jansen', phone: '06 12345678', topic: 'Lekkage badkamer' });
    expect(res.status).to.equal(201);
    expect(res.body.id).to.match(/^TB-\d+$/);
    expect(await bot.app.s.repo.getItem(PENDING_TENANT, res.body.id)).to.not.equal(null);
    await bot.settle();
    expect(connector.allPosted()).to.have.length(0);

    await bot.post(channelMessage({ text: 'koppel', from: anna, team: teamNoord }));
    const card = await connector.waitFor((c) =>
      c.messagesIn(generalChannel.id).find((m) => JSON.stringify(m.card ?? {}).includes(res.body.id)),
    );
    expect(JSON.stringify(card.card)).to.contain('Lekkage badkamer');
    expect(await bot.app.s.repo.getItem(PENDING_TENANT, res.body.id)).to.equal(null);
    await bot.settle(); // the outbox records the card's id after the connector answered
    const adopted = await bot.app.s.repo.getItem(TEST_TENANT, res.body.id);
    expect(adopted?.card?.activityId).to.equal(card.id);
    // Linked to its customer record in the adopting tenant (docs/customers.md).
    expect(adopted?.data.customerId).to.match(/^KL-\d+$/);
    expect((await bot.app.s.customers.store.byKey(TEST_TENANT, '+31612345678'))?.itemIds).to.deep.equal([res.body.id]);
    expect((await bot.app.s.repo.history(TEST_TENANT, res.body.id)).map((h) => h.action)).to.deep.equal(['created']);

    // The retry of the first POST still answers with the same callback (the key moved along).
    const again = await intake({ customerName: 'Mevrouw Jansen', phone: '06 12345678', topic: 'Lekkage badkamer' });
    expect(again.status).to.equal(201);
    expect(again.body.id).to.equal(res.body.id);
    // A new one belongs to the bound tenant at once, with an id that cannot collide.
    const next = await intake({ customerName: 'Meneer de Groot', phone: '0313 123456', topic: 'Sleutel kwijt' });
    expect(next.body.id).to.not.equal(res.body.id);
    expect(await bot.app.s.repo.getItem(TEST_TENANT, next.body.id)).to.not.equal(null);
  });
});

describe('storage: adoptTenant', () => {
  const cases: [string, () => Promise<{ repo: Repository; done: () => Promise<void> }>][] = [
    [
      'SQLite',
      async () => {
        const repo = new SqliteRepository(tempSqliteUrl('adopt').slice('sqlite:'.length));
        return { repo, done: () => repo.close() };
      },
    ],
    [
      'PostgreSQL',
      async () => {
        const schema = freshSchema('tc_adopt');
        const repo = new PostgresRepository(PG_URL, { schema });
        return {
          repo,
          done: async () => {
            await repo.close();
            await dropSchema(schema);
          },
        };
      },
    ],
  ];
  for (const [name, make] of cases) {
    it(`${name}: moves items, history, idempotency keys and outbox of one tenant to another, nothing else`, async function () {
      if (name === 'PostgreSQL' && !(await pgAvailable())) this.skip();
      const { repo, done } = await make();
      try {
        await repo.migrate();
        const now = new Date('2026-11-26T09:00:00Z');
        const item = (tenantId: string, id: string) => ({
          tenantId,
          id,
          kind: 'callback' as const,
          status: 'open',
          subject: 'x',
          owner: null,
          createdBy: { id: 'system', name: 'T' },
          createdAt: now,
          updatedAt: now,
          deadline: null,
          closedAt: null,
          source: 'api',
          version: 1,
          data: {},
          card: null,
        });
        const h = (tenantId: string, itemId: string) => ({
          tenantId,
          itemId,
          at: now,
          actor: { id: 'system', name: 'T' },
          action: 'created',
        });
        expect(
          await repo.commit({
            item: item('pending', 'TB-1'),
            expectedVersion: null,
            history: [h('pending', 'TB-1')],
            outbox: [{ tenantId: 'pending', key: 'k1', type: 'postCard', lane: 'l', payload: {} }],
            idempotency: { key: 'i1', requestHash: 'x' },
          }),
        ).to.equal(true);
        expect(
          await repo.commit({ item: item('other', 'TB-2'), expectedVersion: null, history: [h('other', 'TB-2')], outbox: [] }),
        ).to.equal(true);
        expect(await repo.adoptTenant('pending', 'real')).to.equal(1);
        expect(await repo.getItem('pending', 'TB-1')).to.equal(null);
        expect((await repo.getItem('real', 'TB-1'))?.tenantId).to.equal('real');
        expect(await repo.history('real', 'TB-1')).to.have.length(1);
        expect(await repo.getIdempotent('real', 'i1')).to.deep.equal({ requestHash: 'x', itemId: 'TB-1' });
        expect((await repo.listOutbox({ tenantId: 'real' })).map((m) => m.key)).to.deep.equal(['k1']);
        expect((await repo.getItem('other', 'TB-2'))?.tenantId, 'other tenants untouched').to.equal('other');
        expect(await repo.adoptTenant('pending', 'real'), 'nothing left to move').to.equal(0);
      } finally {
        await done();
      }
    });
  }
});
