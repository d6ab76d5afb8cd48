// Taking a twijfelgeval is exactly once also with two bot instances on one PostgreSQL database:
// 20 colleagues click "Ik denk mee" at once, their invokes spread over both instances.
// PostgreSQL: TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), a fresh schema,
// dropped afterwards; skipped when the default server is not reachable.
import { expect } from 'chai';
import { nl } from '../../src/texts/nl';
import { Pool } from 'pg';
import { createApp, type App } from '../../src/app/app';
import { loadConfig } from '../../src/config/config';
import { ManualClock } from '../../src/domain/clock';
import { PostgresRepository } from '../../src/storage/postgres';
import { startFakeConnector, type FakeConnector } from '../harness/fakeConnector';
import {
  adaptiveCardAction,
  anna,
  bram,
  channelMessage,
  generalChannel,
  teamNoord,
  TEST_TENANT,
  type TestUser,
} from '../harness/activities';
import { postActivity } from '../harness/http';
import { PG_URL, requirePostgres } from '../harness/pg';

const SCHEMA = `tc_exc_${Date.now().toString(36)}_${process.pid}`;

describe('exceptions on PostgreSQL: take exactly once across two instances', function () {
  let connector: FakeConnector;
  const apps: { app: App; url: string }[] = [];

  before(async function () {
    await requirePostgres(this, 'two-instance exception tests');
    connector = await startFakeConnector();
    const clock = new ManualClock('2026-11-26T10:00:00+01:00');
    for (let i = 0; i < 2; i++) {
      const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: PG_URL });
      const repo = new PostgresRepository(PG_URL, { schema: SCHEMA, poolSize: 10 });
      await repo.migrate();
      const app = await createApp(config, { clock, scheduler: false, repo });
      apps.push({ app, url: await app.listen(0, '127.0.0.1') });
    }
  });

  after(async () => {
    for (const a of apps) await a.app.stop();
    await connector?.close();
    const admin = new Pool({ connectionString: PG_URL, max: 1 });
    try {
      await admin.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
    } finally {
      await admin.end();
    }
  });

  it('20 concurrent takes over two instances: one taker, one history entry, 19 polite refusals', async () => {
    await postActivity(apps[0].url, channelMessage({ text: 'koppel', from: anna, team: teamNoord }));
    const s = apps[0].app.s;
    const created = await s.items.create(
      'exception',
      TEST_TENANT,
      {
        situation: 'Huurder vraagt een regeling van 18 maanden na een lange ziekte.',
        rule: 'Betalingsregeling hoogstens 12 maanden',
        proposal: 'Regeling van 18 maanden',
        leaning: 'Anders lukt het niet.',
        urgency: 'vandaag',
      },
      { id: anna.aadObjectId, name: anna.name, teamsId: anna.id },
      'teams',
    );
    if (created.status !== 'created') throw new Error(created.status);
    const id = created.item.id;
    const colleagues: TestUser[] = Array.from({ length: 20 }, (_, i) => ({
      ...bram,
      id: `29:1Pg${i}-x`,
      aadObjectId: `dddddddd-0000-4000-8000-${String(i).padStart(12, '0')}`,
      name: `Collega ${i}`,
    }));
    const answers = await Promise.all(
      colleagues.map((u, i) =>
        postActivity(
          apps[i % 2].url,
          adaptiveCardAction({ from: u, conversation: `${generalChannel.id};messageid=1`, verb: 'exception.take', data: { id } }),
        ),
      ),
    );
    const bodies = answers.map((a) => JSON.stringify(a.body));
    expect(answers.every((a) => a.status === 200)).to.equal(true);
    expect(bodies.filter((b) => b.includes(nl.exceptions.msg.taken(id)))).to.have.length(1);
    expect(bodies.filter((b) => b.includes('denkt al mee over deze vraag'))).to.have.length(19);
    const history = await s.repo.history(TEST_TENANT, id);
    expect(history.filter((h) => h.action === 'taken')).to.have.length(1);
    const item = await s.items.get(TEST_TENANT, id);
    expect(item?.version).to.equal(2);
    expect(item?.owner?.name).to.equal(history.find((h) => h.action === 'taken')?.actor.name);
  });
});
