// "Voorleggen" with Microsoft Graph over HTTP: the real bot (startBot) against the fake Bot
// Connector and the fake Graph server. The manager a case is escalated to comes from Entra ID
// (GET /users/{id}/manager), not from the configured fallback; when Graph is down the escalation
// does not wait and goes to the fallback. Nobody is a manager by configuration (no MANAGER_IDS):
// the manager may decide because the case was put to them.
import { expect } from 'chai';
import { nl } from '../../src/texts/nl';
import type { FakeConnector } from '../harness/fakeConnector';
import { useConnectorAndGraph } from '../harness/suite';
import {
  adaptiveCardAction,
  anna,
  bram,
  carla,
  channelMessage,
  dirk,
  generalChannel,
  personalConversationId,
  personalMessage,
  teamNoord,
  TEST_TENANT,
  type TestUser,
} from '../harness/activities';
import { startBot, type BotUnderTest } from '../harness/bot';
import { fixedTokenCredential, type FakeGraph } from '../harness/fakeGraph';
import type { ExceptionData } from '../../src/domain/items/exception';
import type { Item } from '../../src/domain/types';
import { FORM } from './exceptions.helpers';

const text = (a: Record<string, any>) => String(a.text ?? '');
const json = (v: unknown) => JSON.stringify(v);

describe('exceptions: voorleggen reaches the manager from Microsoft Graph (fake Graph over HTTP)', function () {
  this.timeout(30_000);
  let connector: FakeConnector;
  let fake: FakeGraph;
  let bot: BotUnderTest;
  let formSeq = 0;

  useConnectorAndGraph((c, g) => {
    connector = c;
    fake = g;
  });
  beforeEach(async () => {
    // Carla is the configured fallback; in Entra ID (the fake Graph's roster) Anna's manager is Dirk.
    bot = await startBot({
      env: { ...fake.env(), MANAGER_FALLBACK_ID: carla.aadObjectId },
      app: { graph: { credential: fixedTokenCredential() } },
    });
    for (const u of [anna, bram, carla, dirk]) await bot.post(personalMessage({ text: 'hulp', from: u }));
    await bot.post(channelMessage({ text: 'koppel', from: anna, team: teamNoord }));
    await connector.waitFor((c) => c.allPosted().find((p) => /werkkanaal/.test(text(p.activity))));
    connector.reset();
  });
  afterEach(async () => {
    fake.up();
    await bot.stop();
  });

  async function invoke(from: TestUser, verb: string, data: Record<string, unknown>, conversation = personalConversationId(from)) {
    const res = await bot.post(adaptiveCardAction({ from, conversation, verb, data }));
    expect(res.status, json(res.body)).to.equal(200);
    return res.body.value as Record<string, any>;
  }

  async function item(id: string): Promise<Item<ExceptionData>> {
    return (await bot.app.s.items.get(TEST_TENANT, id)) as unknown as Item<ExceptionData>;
  }

  function channelCard(id: string) {
    const m = connector.messagesIn(generalChannel.id).find((x) => x.card && json(x.card).includes(nl.exceptions.card.title(id)));
    if (!m) throw new Error(`no channel card for ${id}\n${connector.summary()}`);
    return m;
  }

  /** Invoked from the card in the channel thread. */
  async function onCard(from: TestUser, verb: string, id: string, inputs: Record<string, unknown> = {}) {
    return invoke(from, verb, { id, v: (await item(id)).version, ...inputs }, `${generalChannel.id};messageid=${channelCard(id).id}`);
  }

  /** Anna files a case, Bram gives an opinion, Anna puts it to her manager. */
  async function escalate(): Promise<{ id: string; answer: Record<string, any> }> {
    const created = await invoke(anna, 'exception.create', { formId: `g-${++formSeq}`, confirmed: 'true', ...FORM });
    const id = /TW-\d+/.exec(json(created))![0];
    await bot.settle();
    await onCard(bram, 'exception.opinion', id, { stance: 'eens', opinionReasoning: 'Ziekte is een goede reden om af te wijken.' });
    const answer = await onCard(anna, 'exception.decide', id, {
      outcome: 'voorleggen',
      decisionReasoning: 'We twijfelen; graag een besluit.',
    });
    await bot.settle();
    return { id, answer };
  }

  const personal = (u: TestUser) => connector.messagesIn(personalConversationId(u));

  it("goes to the requester's manager in Entra ID, who gets the case in a 1:1 chat and decides it", async () => {
    const { id, answer } = await escalate();
    expect(json(answer)).to.contain(nl.exceptions.msg.escalated(id, dirk.name));
    // Asked Graph for Anna's manager.
    expect(fake.requestsTo('GET', /\/manager$/).map((r) => r.path)).to.deep.equal([`/v1.0/users/${anna.aadObjectId}/manager`]);
    const escalated = await item(id);
    expect(escalated.status).to.equal('escalated');
    expect(escalated.data.escalation?.manager).to.deep.equal({ id: dirk.aadObjectId, name: dirk.name, teamsId: dirk.id });
    expect(escalated.owner?.id).to.equal(dirk.aadObjectId);
    expect(json(channelCard(id).card)).to.contain('voor aan Dirk Bakker');

    // Dirk's 1:1 chat: the notice with the case card; the fallback (Carla) hears nothing about it.
    const toDirk = personal(dirk).find((m) => text(m.activity).includes(id));
    expect(toDirk, connector.summary()).to.not.equal(undefined);
    expect(text(toDirk!.activity)).to.contain(nl.exceptions.msg.escalationNotice(id, anna.name, '').split(' (')[0]!);
    expect(json(toDirk!.card)).to.contain(FORM.situation).and.contain('exception.managerDecide');
    expect(personal(carla).filter((m) => json(m.activity).includes(id))).to.have.length(0);

    // Not a manager by configuration, but the case was put to him: Dirk decides; Carla may not.
    expect(
      json(await invoke(carla, 'exception.managerDecide', { id, managerOutcome: 'afwijken', managerReasoning: 'Akkoord.' })),
    ).to.contain(nl.common.managersOnly);
    const decided = await invoke(dirk, 'exception.managerDecide', {
      id,
      managerOutcome: 'afwijken',
      managerReasoning: 'Ziekte en schuldhulp: bijzonder genoeg.',
    });
    expect(json(decided)).to.contain('Besluit: afwijken');
    expect((await item(id)).data.decision).to.deep.include({ outcome: 'afwijken', byManager: true });
  });

  it('Graph down: the escalation does not wait for it and goes to the configured fallback', async () => {
    fake.down();
    const { id, answer } = await escalate();
    expect(json(answer)).to.contain(nl.exceptions.msg.escalated(id, carla.name));
    expect((await item(id)).data.escalation?.manager).to.deep.equal({ id: carla.aadObjectId, name: carla.name, teamsId: carla.id });
    expect(personal(carla).find((m) => text(m.activity).includes(`legt twijfelgeval **${id}** aan je voor`))).to.not.equal(undefined);
    expect(personal(dirk).filter((m) => json(m.activity).includes(id))).to.have.length(0);
  });
});
