// Help and welcome cards carry buttons for the main actions; a button does what typing the
// command does (same form, same answer), and the clicked card stays.
import { expect } from 'chai';
import { adaptiveCardAction, anna, installPersonal, personalConversationId, personalMessage } from '../harness/activities';
import { startBot, tempSqliteUrl, type BotUnderTest } from '../harness/bot';
import { type FakeConnector } from '../harness/fakeConnector';
import { useBot } from '../harness/suite';
import { nl } from '../../src/texts/nl';
import { COMMAND_VERB } from '../../src/teams/cards/commandButtons';

type Card = { body?: unknown[] };

/** Every Action.Execute on a card, in order (the buttons sit in ActionSets, two per row). */
function buttonsOf(card: unknown): { type: string; title: string; verb: string; data: Record<string, unknown> }[] {
  const out: { type: string; title: string; verb: string; data: Record<string, unknown> }[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, any>;
      if (o.type === 'Action.Execute') out.push(o as any);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

/** The card without per-render ids (a form carries a fresh formId each time). */
const shape = (card: unknown) => JSON.stringify(card).replace(/"formId":"[^"]*"/g, '"formId":"…"');

describe('help and welcome buttons (HTTP, fake connector)', () => {
  let connector: FakeConnector;
  let bot: BotUnderTest;
  const suite = useBot(async () => startBot({ databaseUrl: tempSqliteUrl() }));
  beforeEach(() => ({ connector, bot } = suite));

  const cardsIn = () =>
    connector
      .messagesIn(personalConversationId(anna))
      .map((m) => m.card as Card | undefined)
      .filter((c): c is Card => !!c);

  it('the help card has a button per main action the bot has, each running its command', async () => {
    await bot.post(personalMessage({ text: 'hulp', from: anna }));
    await bot.settle();
    const help = cardsIn()[0];
    const buttons = buttonsOf(help);
    expect(buttons.length).to.be.at.least(4);
    expect(buttons.map((b) => b.title)).to.include.members([
      nl.help.buttons.terugbellen,
      nl.help.buttons.afspraak,
      nl.help.buttons.mijn,
      nl.help.buttons.overzicht,
    ]);
    for (const b of buttons) {
      expect(b.type).to.equal('Action.Execute');
      expect(b.verb).to.equal(COMMAND_VERB);
      expect(Object.entries(nl.help.buttons).find(([, label]) => label === b.title)?.[0]).to.equal(b.data.command);
    }
  });

  for (const command of ['terugbellen', 'afspraak', 'mijn', 'overzicht']) {
    it(`the "${command}" button sends what typing ${command} sends; the help card stays`, async () => {
      await bot.post(personalMessage({ text: command, from: anna }));
      await bot.settle();
      const typed = cardsIn().at(-1);
      const before = cardsIn().length;
      const res = await bot.post(
        adaptiveCardAction({ from: anna, conversation: personalConversationId(anna), verb: COMMAND_VERB, data: { command, card: 'help' } }),
      );
      expect(res.status).to.equal(200);
      expect(JSON.stringify(res.body.value)).to.contain(nl.help.title);
      await bot.settle();
      expect(cardsIn()).to.have.length(before + 1);
      expect(shape(cardsIn().at(-1))).to.equal(shape(typed));
    });
  }

  it('a button with a command that is not a main action runs nothing (no koppel or vergeet by a crafted click)', async () => {
    const res = await bot.post(
      adaptiveCardAction({
        from: anna,
        conversation: personalConversationId(anna),
        verb: COMMAND_VERB,
        data: { command: 'vergeet', card: 'help' },
      }),
    );
    expect(res.status).to.equal(200);
    await bot.settle();
    expect(connector.messagesIn(personalConversationId(anna))).to.have.length(0);
  });

  it('the welcome in the personal chat is the usual text plus the same buttons', async () => {
    await bot.post(installPersonal({ from: anna }));
    await bot.settle();
    const [welcome] = connector.messagesIn(personalConversationId(anna));
    expect(String(welcome.activity.text)).to.equal(nl.common.welcomePersonal);
    const card = welcome.card as Card;
    expect(JSON.stringify(card.body)).to.contain(nl.help.startHere);
    expect(buttonsOf(card).map((a) => a.data.command)).to.include.members(['terugbellen', 'afspraak', 'mijn', 'overzicht']);
    expect(buttonsOf(card).every((a) => a.data.card === 'welcomePersonal')).to.equal(true);
  });
});
