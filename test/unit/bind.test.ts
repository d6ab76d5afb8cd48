// bind() tells user text from our text by type (issue 14): plain strings are neutralised inside
// bind(), Trusted texts pass as they are, and the arguments of a Dutch text are user text.
import { expect } from 'chai';
import { bind, md, say, sayText, trusted, trustedFields, trustedTexts } from '../../src/teams/cards/render';
import { neutralise } from '../../src/domain/neutralise';
import { nl } from '../../src/texts/nl';

const template = {
  type: 'AdaptiveCard',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: '${text}' },
    { type: 'TextBlock', text: '${t.nobody}' },
  ],
};
const EVIL = '[klik](https://evil.example) **vet** <b>${x}</b>';

function texts(card: Record<string, unknown>): string[] {
  return (card.body as { text: string }[]).map((b) => b.text);
}

describe('bind: user text and our text', () => {
  it('neutralises a plain string, passes a Trusted text and a trusted text object as they are', () => {
    const card = bind(template, { text: EVIL, t: trustedTexts(nl.callbacks.card) });
    expect(texts(card)).to.deep.equal([neutralise(EVIL), nl.callbacks.card.nobody]);
    const ours = bind(template, { text: trusted(nl.callbacks.card.sensitiveHint), t: {} });
    expect(texts(ours)[0]).to.equal(nl.callbacks.card.sensitiveHint);
  });

  it('a Dutch text with a name in it neutralises the name (its arguments are user text)', () => {
    const card = bind(template, { text: say(nl.callbacks.card.claimedBy, EVIL, trusted('14:32')), t: {} });
    expect(texts(card)[0]).to.equal(nl.callbacks.card.claimedBy(neutralise(EVIL), '14:32'));
    expect(sayText(nl.callbacks.card.claimedBy, 'Anna *de* Vries', '14:32')).to.equal(
      nl.callbacks.card.claimedBy(neutralise('Anna *de* Vries'), '14:32'),
    );
  });

  it('composed markdown keeps its own parts and neutralises the values', () => {
    const card = bind(template, { text: md`**${'TB-1'}** · ${EVIL} · ${trusted('*ons*')}`, t: {} });
    expect(texts(card)[0]).to.equal(`**TB-1** · ${neutralise(EVIL)} · *ons*`);
  });

  it('neutralises user text deep in lists and objects, and leaves numbers and booleans alone', () => {
    const list = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'Container', $data: '${rows}', items: [{ type: 'TextBlock', text: '${name} ${label} ${n}', isVisible: '${shown}' }] }],
    };
    const card = bind(list, { rows: [{ name: EVIL, n: 3, shown: true, ...trustedFields({ label: '**ja**' }) }] });
    const row = (card.body as { items: { text: string; isVisible: unknown }[] }[])[0]!.items[0]!;
    expect(row.text).to.equal(`${neutralise(EVIL)} **ja** 3`);
    expect(row.isVisible).to.equal(true);
  });
});
