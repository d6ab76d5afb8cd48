// Walking skeleton over real HTTP: install in a team, bind a channel, help, unknown text,
// tenant refusal, and a proactive post after a restart on the same database.
import { expect } from 'chai';
import { startFakeConnector, type FakeConnector } from '../harness/fakeConnector';
import {
  anna,
  channelMessage,
  installInTeam,
  personalMessage,
  teamNoord,
  generalChannel,
  aanmeldingenChannel,
  TEST_TENANT,
} from '../harness/activities';
import { httpJson } from '../harness/http';
import { nl } from '../../src/texts/nl';
import { echoOf, ECHO_MAX } from '../../src/domain/validation/mask';
import { startBot, tempSqliteUrl, type BotUnderTest } from '../harness/bot';

const textOf = (a: Record<string, any>) => String(a.text ?? '');

describe('walking skeleton (HTTP, fake connector, SQLite)', () => {
  let connector: FakeConnector;
  let bot: BotUnderTest;
  let db: string;

  before(async () => {
    connector = await startFakeConnector();
  });
  after(async () => connector.close());
  beforeEach(async () => {
    connector.reset();
    db = tempSqliteUrl();
    bot = await startBot({ databaseUrl: db });
  });
  afterEach(async () => bot.stop());

  it('answers /healthz with version and storage status', async () => {
    const res = await httpJson('GET', `${bot.url}/healthz`);
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.include({ status: 'ok' });
    expect(res.body.storage).to.deep.equal({ kind: 'sqlite', ok: true });
    expect(res.body.version).to.match(/^\d+\.\d+\.\d+/);
  });

  it('welcomes the team on install and explains koppel', async () => {
    const res = await bot.post(installInTeam({ team: teamNoord, from: anna }));
    expect(res.status).to.equal(200);
    const msg = await connector.waitFor((c) => c.allPosted().find((p) => /koppel/.test(textOf(p.activity))));
    expect(textOf(msg.activity)).to.contain('Top Contact');
  });

  it('binds the channel with koppel, moves the binding, and says so', async () => {
    await bot.post(channelMessage({ text: 'koppel', from: anna, team: teamNoord, channel: aanmeldingenChannel }));
    const first = await connector.waitFor((c) => c.allPosted().find((p) => /werkkanaal/.test(textOf(p.activity))));
    expect(textOf(first.activity)).to.contain('is nu het werkkanaal');
    const binding = await bot.app.s.repo.getBinding(TEST_TENANT);
    expect(binding?.channelId).to.equal(aanmeldingenChannel.id);

    // Anna bound it, so she may move it (issue 13: others may not, see koppel.move.test.ts).
    await bot.post(channelMessage({ text: 'KOPPEL', from: anna, team: teamNoord, channel: generalChannel }));
    const moved = await connector.waitFor((c) => c.allPosted().find((p) => /was eerst/.test(textOf(p.activity))));
    expect(textOf(moved.activity)).to.contain(aanmeldingenChannel.name);
    expect((await bot.app.s.repo.getBinding(TEST_TENANT))?.channelId).to.equal(generalChannel.id);
  });

  it('refuses koppel outside a channel', async () => {
    await bot.post(personalMessage({ text: 'koppel', from: anna }));
    const msg = await connector.waitFor((c) => c.allPosted()[0]);
    expect(textOf(msg.activity)).to.contain('alleen in een kanaal');
  });

  it('answers help and hulp with the Dutch help card listing every command, with or without mention', async () => {
    // Both words, each in the 1:1 chat and in the channel (with mention), one after the other.
    const asked = [
      personalMessage({ text: 'Hulp', from: anna }),
      channelMessage({ text: 'help', from: anna, team: teamNoord }),
      personalMessage({ text: 'help', from: anna }),
      channelMessage({ text: 'hulp', from: anna, team: teamNoord }),
    ];
    const cards = [];
    for (const [i, activity] of asked.entries()) {
      await bot.post(activity);
      cards.push(
        await connector.waitFor(
          (c) => c.allPosted().filter((p) => p.activity.attachments?.[0]?.content?.body)[i],
          undefined,
          `help card ${i + 1}`,
        ),
      );
    }
    // Every one of them got the help card, where it was asked.
    expect(cards.map((c) => (c.conversationId.startsWith('19:') ? 'channel' : 'personal'))).to.deep.equal([
      'personal',
      'channel',
      'personal',
      'channel',
    ]);
    for (const card of cards) {
      const text = JSON.stringify(card.activity.attachments[0].content);
      for (const cmd of ['terugbellen', 'afspraak', 'tolk', 'twijfel', 'mijn', 'overzicht', 'koppel', 'digest', 'afwegingen']) {
        expect(text, cmd).to.contain(cmd);
      }
      for (const { command } of nl.help.commands) expect(text, command).to.contain(command);
    }
  });

  it('gives a friendly Dutch hint for unknown text', async () => {
    await bot.post(personalMessage({ text: 'wat is het weer', from: anna }));
    const msg = await connector.waitFor((c) => c.allPosted()[0]);
    expect(textOf(msg.activity)).to.match(/ken ik niet.*hulp/s);
    expect(textOf(msg.activity)).to.equal(nl.common.unknownCommand('wat is het weer'));
  });

  it('a near miss and a plain sentence get "Bedoel je …?" with the command that works', async () => {
    await bot.post(personalMessage({ text: 'terugbelen', from: anna }));
    const near = await connector.waitFor((c) => c.allPosted()[0]);
    expect(textOf(near.activity)).to.equal(nl.common.didYouMean('terugbellen', 'terugbelen'));
    expect(textOf(near.activity)).to.contain('Bedoel je **terugbellen**?');
    await bot.post(channelMessage({ text: 'ik wil een terugbelverzoek maken', from: anna, team: teamNoord }));
    const intent = await connector.waitFor((c) => c.allPosted()[1]);
    expect(textOf(intent.activity)).to.equal(nl.common.didYouMean('terugbellen', echoOf('ik wil een terugbelverzoek maken')));
  });

  it('never echoes a typed phone number or e-mail address; the echo is short and visibly cut', async () => {
    const typed = [
      'graag bellen 06-12345678 mevrouw Jansen',
      'terugbelen 0612345678',
      'stuur naar j.jansen@example.nl',
      'ik wil een terugbelverzoek maken voor +31 6 1234 5678 en mail devries@example.nl ook even over de reparatie van de cv-ketel',
    ];
    for (const text of typed) await bot.post(personalMessage({ text, from: anna }));
    const replies = await connector.waitFor((c) => (c.allPosted().length >= typed.length ? c.allPosted() : undefined));
    for (const r of replies) {
      const reply = textOf(r.activity);
      expect(reply).to.not.match(/\d{3}|@|1234|5678/);
      const echo = /\("([^"]*)"\)/.exec(reply)?.[1] ?? '';
      expect([...echo].length, reply).to.be.at.most(ECHO_MAX + 1);
    }
    expect(textOf(replies[1].activity)).to.contain('Bedoel je **terugbellen**?');
    expect(textOf(replies[3].activity)).to.match(/…"\)/);
  });

  it('refuses activities from a tenant that is not allowed, before any handler runs', async () => {
    const a = personalMessage({ text: 'help', from: anna });
    (a.channelData as any).tenant.id = '00000000-0000-4000-8000-000000000000';
    (a.conversation as any).tenantId = '00000000-0000-4000-8000-000000000000';
    const res = await bot.post(a);
    expect(res.status).to.equal(403);
    expect(res.body.error.code).to.equal('TenantNotAllowed');
    await new Promise((r) => setTimeout(r, 100));
    expect(connector.allPosted()).to.have.length(0);
    expect(await bot.app.s.repo.getUser('00000000-0000-4000-8000-000000000000', anna.aadObjectId)).to.equal(null);
  });

  it('after a restart on the same database, a proactive post still reaches the bound channel', async () => {
    await bot.post(channelMessage({ text: 'koppel', from: anna, team: teamNoord }));
    await connector.waitFor((c) => c.allPosted().find((p) => /werkkanaal/.test(textOf(p.activity))));
    await bot.stop();
    connector.reset();
    bot = await startBot({ databaseUrl: db });
    const res = await httpJson(
      'POST',
      `${bot.url}/api/callbacks`,
      { customerName: 'Mevrouw Jansen', phone: '06 12345678', topic: 'Lekkage badkamer' },
      {
        authorization: 'Bearer test-intake-key-0123456789',
      },
    );
    expect(res.status).to.equal(201);
    await bot.settle();
    const posted = await connector.waitFor((c) => c.messagesIn(generalChannel.id).find((m) => m.card));
    expect(JSON.stringify(posted.card)).to.contain('Lekkage badkamer');
    expect(posted.conversationId.split(';')[0]).to.equal(generalChannel.id);
  });
});
