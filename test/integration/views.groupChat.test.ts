// Issue 13: `overzicht` (and `mijn`) in a group chat, where others (guests perhaps) read along, shows
// a sensitive item without its topic, and "Openen" there points to the 1:1 chat. In the 1:1 chat
// and the channel nothing changes.
import { expect } from 'chai';
import {
  adaptiveCardAction,
  anna,
  channelMessage,
  generalChannel,
  groupChatMessage,
  personalConversationId,
  personalMessage,
  teamNoord,
} from '../harness/activities';
import { startFakeConnector, type FakeConnector } from '../harness/fakeConnector';
import type { BotUnderTest } from '../harness/bot';
import { startTeamBot } from '../harness/team';
import { claimInvoke, intake, phoneFor } from '../harness/scenario';
import { nl } from '../../src/texts/nl';

const CHAT = '19:groupchat-views@thread.v2';
const SECRET_TOPIC = 'Schuldhulp en huisuitzetting';

describe('overzicht in a group chat: sensitive items without their topic (issue 13)', () => {
  let connector: FakeConnector;
  let bot: BotUnderTest;
  let sensitive: string;
  let ordinary: string;
  before(async () => {
    connector = await startFakeConnector();
    bot = await startTeamBot(connector);
    sensitive = (await intake(bot.url, { customerName: 'Mevrouw Gevoelig', phone: phoneFor(61), topic: SECRET_TOPIC, sensitive: true }))
      .body.id;
    ordinary = (await intake(bot.url, { customerName: 'Meneer Gewoon', phone: phoneFor(62), topic: 'Lekkende kraan' })).body.id;
    await bot.post(claimInvoke(anna, sensitive));
    await bot.settle();
    connector.reset();
  });
  after(async () => {
    await bot.stop();
    await connector.close();
  });

  const lastCard = async (conversationId: string) =>
    JSON.stringify(
      (
        await connector.waitFor((c) =>
          c
            .messagesIn(conversationId)
            .filter((m) => m.card)
            .at(-1),
        )
      ).card,
    );

  for (const command of ['overzicht', 'mijn']) {
    it(`${command} in a group chat: the sensitive row has no topic, the ordinary one keeps it`, async () => {
      connector.reset();
      await bot.post(groupChatMessage({ text: command, from: anna, chatId: CHAT }));
      const card = await lastCard(CHAT);
      expect(card).to.contain(sensitive);
      expect(card).not.to.contain(SECRET_TOPIC);
      expect(card).to.contain(nl.views.sensitiveSubject);
      if (command === 'overzicht') expect(card).to.contain('Lekkende kraan').and.contain(ordinary);
    });
  }

  it('in the 1:1 chat and in the channel the topic shows as before', async () => {
    connector.reset();
    await bot.post(personalMessage({ text: 'overzicht', from: anna }));
    expect(await lastCard(personalConversationId(anna))).to.contain(SECRET_TOPIC);
    await bot.post(channelMessage({ text: 'overzicht', from: anna, team: teamNoord, channel: generalChannel }));
    expect(await lastCard(generalChannel.id)).to.contain(SECRET_TOPIC);
  });

  it('"Openen" on the sensitive row in a group chat points to the 1:1 chat instead of showing it', async () => {
    const res = await bot.post(
      adaptiveCardAction({ from: anna, conversation: CHAT, verb: 'views.open', data: { id: sensitive, back: 'team' } }),
    );
    const body = JSON.stringify(res.body);
    expect(body).to.contain(nl.views.sensitiveOnlyPersonal);
    expect(body).not.to.contain(SECRET_TOPIC);
    expect(body).not.to.contain('Gevoelig');
  });
});
