// Read at a glance (issue 18): the owner view shows at most four buttons (the rest in the "…"
// overflow menu, "mode": "secondary"), never two buttons with the same label; long text on the
// shared card is cut at about 300 characters with the rest behind "Meer tonen"; no text carries
// meaning in Teams' low-contrast colours (good, warning).
import { expect } from 'chai';
import { anna } from '../harness/activities';
import { useBot } from '../harness/suite';
import { bindChannel, channelCard, click, createCallback, introduce, startCallbackBot, textOf } from './callbacks.helpers';
import { clockTexts } from '../../src/texts/nl/clock';
import { nl } from '../../src/texts/nl';
import { LONG_TEXT_CHARS } from '../../src/teams/cards/longText';

type Json = Record<string, any>;

/** Buttons as Teams shows them: top-level actions of action sets and the card (not those inside a folded ShowCard). */
function buttons(card: Json): { title: string; secondary: boolean; inFold: boolean }[] {
  const out: { title: string; secondary: boolean; inFold: boolean }[] = [];
  const walk = (v: unknown, inFold: boolean): void => {
    if (Array.isArray(v)) return v.forEach((x) => walk(x, inFold));
    if (!v || typeof v !== 'object') return;
    const o = v as Json;
    if (typeof o.type === 'string' && o.type.startsWith('Action.')) {
      out.push({ title: String(o.title), secondary: o.mode === 'secondary', inFold });
      if (o.card) walk(o.card, true);
      return;
    }
    for (const x of Object.values(o)) walk(x, inFold);
  };
  walk(card.body, false);
  walk(card.actions, false);
  return out;
}

function colours(card: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v as Json)) {
      if (k === 'color' && typeof x === 'string') out.push(x.toLowerCase());
      else walk(x);
    }
  };
  walk(card);
  return out;
}

describe('read at a glance: owner buttons, long text, readable colours', () => {
  const suite = useBot(async (connector) => {
    const bot = await startCallbackBot();
    await bindChannel(bot, connector);
    await introduce(bot);
    return bot;
  });

  it('the owner view: at most four visible buttons (Afronden, Niet bereikt first), the rest under "…", no label twice', async () => {
    const { bot } = suite;
    const item = await createCallback(bot);
    const { card } = await click(bot, anna, 'callback.claim', { id: item.id, v: item.version });
    const all = buttons(card);
    const lifecycle = all.filter(
      (b) => !b.inFold && ![nl.callbacks.card.checklistTitle].includes(b.title) && !b.title.startsWith(nl.common.history),
    );
    const visible = lifecycle.filter((b) => !b.secondary).map((b) => b.title);
    expect(visible.slice(0, 2)).to.deep.equal([nl.callbacks.card.done, nl.callbacks.card.notReached]);
    expect(visible.length).to.be.at.most(4);
    expect(lifecycle.filter((b) => b.secondary).map((b) => b.title)).to.include.members([
      nl.callbacks.card.release,
      nl.callbacks.card.cancel,
    ]);
    const titles = all.map((b) => b.title);
    expect(
      titles.filter((t, i) => titles.indexOf(t) !== i),
      'labels used twice',
    ).to.deep.equal([]);
  });

  it('long details on the channel card: cut near 300 characters, the rest behind "Meer tonen"; short details stay whole', async () => {
    const { bot, connector } = suite;
    const long = `${'De buren horen elke nacht lawaai van de installatie op het dak. '.repeat(8)}EINDE`;
    const item = await createCallback(bot, { details: long });
    const card = await channelCard(bot, connector, item.id);
    const shortBlock = (card.body as Json[]).find((b) => String(b.id ?? '').startsWith('details-short-'));
    expect(shortBlock, 'a cut version').to.not.equal(undefined);
    expect(shortBlock!.text.length).to.be.within(LONG_TEXT_CHARS * 0.7, LONG_TEXT_CHARS + 5);
    expect(shortBlock!.text).not.to.contain('EINDE');
    const fullBlock = (card.body as Json[]).find((b) => String(b.id ?? '').startsWith('details-full-'));
    expect(fullBlock!.isVisible).to.equal(false);
    expect(fullBlock!.text).to.contain('EINDE');
    expect(buttons(card).map((b) => b.title)).to.include(clockTexts.showMore);

    const short = await createCallback(bot, { details: 'Kort.' });
    const shortCard = await channelCard(bot, connector, short.id);
    expect(textOf(shortCard)).to.contain('Kort.');
    expect(buttons(shortCard).map((b) => b.title)).not.to.include(clockTexts.showMore);
  });

  it('no text in the low-contrast colours good or warning (channel card, owner view)', async () => {
    const { bot, connector } = suite;
    const item = await createCallback(bot, { sensitive: true });
    const { card } = await click(bot, anna, 'callback.claim', { id: item.id, v: item.version });
    const used = [...colours(card), ...colours(await channelCard(bot, connector, item.id))];
    expect(used).to.not.include.members(['good']);
    expect(used).to.not.include('warning');
    expect(used).to.not.include('good');
  });
});
