// Found by the end-to-end run in the Agents Playground: Teams announces one installation twice
// (installationUpdate + conversationUpdate) and leaves the channel name out of message activities.
// The bot welcomes once, and `koppel` names the channel it bound.
import { expect } from 'chai';
import { type FakeConnector } from '../harness/fakeConnector';
import {
  aanmeldingenChannel,
  anna,
  channelMessage,
  generalChannel,
  installationUpdate,
  installInTeam,
  installPersonal,
  personalConversationId,
  teamNoord,
} from '../harness/activities';
import { startBot, tempSqliteUrl, type BotUnderTest } from '../harness/bot';
import { useBot } from '../harness/suite';

const textOf = (a: Record<string, unknown>) => String(a.text ?? '');

describe('installation and koppel (HTTP, fake connector)', () => {
  let connector: FakeConnector;
  let bot: BotUnderTest;
  const suite = useBot(async () => {
    const bot = await startBot({ databaseUrl: tempSqliteUrl() });
    return bot;
  });
  beforeEach(() => ({ connector, bot } = suite));

  it('welcomes a team once although Teams announces the installation twice, at the same moment', async () => {
    const results = await Promise.all([
      bot.post(installInTeam({ team: teamNoord, from: anna })),
      bot.post(installationUpdate({ team: teamNoord, from: anna, action: 'add' })),
    ]);
    expect(results.map((r) => r.status)).to.deep.equal([200, 200]);
    await bot.settle();
    const welcomes = connector
      .messagesIn(teamNoord.id)
      .filter((m) => /Typ in het kanaal waar jullie het werk willen zien/.test(textOf(m.activity)));
    expect(welcomes).to.have.length(1);
  });

  it('welcomes a person once in the personal chat, and again in another conversation', async () => {
    await bot.post(installationUpdate({ from: anna, action: 'add' }));
    await bot.post(installPersonal({ from: anna }));
    await bot.post(installInTeam({ team: teamNoord, from: anna }));
    await bot.settle();
    const personal = connector.messagesIn(personalConversationId(anna)).filter((m) => /persoonlijke chat/.test(textOf(m.activity)));
    expect(personal).to.have.length(1);
    expect(connector.messagesIn(teamNoord.id).filter((m) => /koppel/.test(textOf(m.activity)))).to.have.length(1);
  });

  it("names the channel from the team's channel list when the message does not carry the name", async () => {
    const msg = channelMessage({ text: 'koppel', from: anna, team: teamNoord, channel: aanmeldingenChannel });
    const channel = (msg.channelData as { channel: { id: string; name?: string } }).channel;
    delete channel.name; // as Teams sends it
    expect(channel.id).to.equal(aanmeldingenChannel.id);
    await bot.post(msg);
    const reply = await connector.waitFor((c) => c.allPosted().find((p) => /werkkanaal/.test(textOf(p.activity))));
    expect(textOf(reply.activity)).to.contain(`Dit kanaal (${aanmeldingenChannel.name}) is nu het werkkanaal`);
    expect((await bot.app.s.repo.getBinding(anna.tenantId))?.channelName).to.equal(aanmeldingenChannel.name);
  });

  it('calls the General channel "Algemeen"', async () => {
    await bot.post(channelMessage({ text: 'koppel', from: anna, team: teamNoord, channel: generalChannel }));
    const reply = await connector.waitFor((c) => c.allPosted().find((p) => /werkkanaal/.test(textOf(p.activity))));
    expect(textOf(reply.activity)).to.contain('Dit kanaal (Algemeen) is nu het werkkanaal');
  });
});
