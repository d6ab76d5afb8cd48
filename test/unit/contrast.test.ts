// No meaning in low-contrast colours (issue 18): with Teams' own light-theme host config
// (adaptivecards-designer 2.4.4), every text colour the cards use reaches 4.5:1 (WCAG AA) on every
// container style they use; 'good' and 'warning' text do not, which is why bind() maps them away.
import { expect } from 'chai';
import fs from 'node:fs';
import { READABLE_COLOR, bind } from '../../src/teams/cards/render';

const hc = JSON.parse(fs.readFileSync(require.resolve('adaptivecards-designer/lib/hostConfigs/microsoft-teams-light.json'), 'utf8'));

/** '#rrggbb' or '#aarrggbb' (alpha first, as in host configs) over a background → rgb. */
function rgb(hex: string, over: [number, number, number] = [255, 255, 255]): [number, number, number] {
  const h = hex.replace('#', '');
  const a = h.length === 8 ? parseInt(h.slice(0, 2), 16) / 255 : 1;
  const c = (h.length === 8 ? h.slice(2) : h).match(/../g)!.map((x) => parseInt(x, 16));
  return c.map((v, i) => Math.round(v * a + over[i]! * (1 - a))) as [number, number, number];
}
function luminance([r, g, b]: [number, number, number]): number {
  const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
}
export function contrast(fg: string, bg: string): number {
  const b = rgb(bg);
  const [l1, l2] = [luminance(rgb(fg, b)), luminance(b)].sort((x, y) => y - x);
  return (l1! + 0.05) / (l2! + 0.05);
}

/**
 * Container styles our cards put coloured text on, and the text colours they use after bind().
 * Not 'attention': red or accent text on its background reaches only 3.6:1, so item headers no
 * longer use it (the state is said in words).
 */
const STYLES = ['default', 'emphasis', 'good'];
const TEXT = ['default', 'accent', 'attention'];

describe('contrast on Teams light theme (host config of adaptivecards-designer 2.4.4)', () => {
  for (const style of STYLES) {
    for (const colour of TEXT) {
      it(`${colour} text on ${style}: at least 4.5:1`, () => {
        const cs = hc.containerStyles[style];
        const ratio = contrast(cs.foregroundColors[colour].default, cs.backgroundColor);
        expect(ratio, `${colour} on ${style}: ${ratio.toFixed(2)}:1`).to.be.at.least(4.5);
      });
    }
  }

  it('red or accent text on the attention background is below 4.5:1 (why headers do not use it)', () => {
    const cs = hc.containerStyles.attention;
    expect(contrast(cs.foregroundColors.attention.default, cs.backgroundColor)).to.be.below(4.5);
  });

  it('good and warning text on white are far below 4.5:1, so bind() turns them into readable colours', () => {
    const white = hc.containerStyles.default;
    expect(contrast(white.foregroundColors.good.default, white.backgroundColor)).to.be.below(2.5);
    expect(contrast(white.foregroundColors.warning.default, white.backgroundColor)).to.be.below(2);
    const card = bind(
      {
        type: 'AdaptiveCard',
        body: [
          { type: 'TextBlock', text: 'x', color: '${c}' },
          { type: 'TextBlock', text: 'y', color: 'Warning' },
        ],
      },
      { c: 'Good' },
    );
    const used = (card.body as { color: string }[]).map((b) => b.color);
    expect(used).to.deep.equal([READABLE_COLOR.good, READABLE_COLOR.warning]);
    for (const c of used) expect(TEXT).to.include(c.toLowerCase());
  });
});
