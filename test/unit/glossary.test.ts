// Every Dutch string in src/texts/nl follows the glossary: none of the avoided words appears.
import { expect } from 'chai';
import { nl } from '../../src/texts/nl';
import { avoidedWords, glossary } from '../../src/texts/nl/glossary';

/** Every string reachable from `value`; functions are called with sample arguments. */
function strings(value: unknown, path: string, out: { path: string; text: string }[]): void {
  if (typeof value === 'string') out.push({ path, text: value });
  else if (typeof value === 'function') {
    for (const args of [
      ['X', 'Y', 'Z', 'W', 'V'],
      [1, 2, 3, 4, 5],
      [2, 'Y', 'Z', 'W', 'V'],
    ]) {
      try {
        strings((value as (...a: unknown[]) => unknown)(...args), `${path}()`, out);
      } catch {
        // a function that needs structured arguments: its literal parts are checked through the others
      }
    }
  } else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) strings(v, `${path}.${k}`, out);
}

/** Keys whose strings are not read by users (CSV column names are data, the help's command words are commands). */
const NOT_PROSE = /\.csvHeader|\.command$/;

describe('glossary (texts/nl)', () => {
  const all: { path: string; text: string }[] = [];
  strings(nl, 'nl', all);

  it('finds the texts (the walk reaches hundreds of strings)', () => {
    expect(all.length).to.be.greaterThan(300);
  });

  it('no avoided word appears in any user text', () => {
    const offending = all
      .filter((s) => !NOT_PROSE.test(s.path))
      // "(ook: digest)" names the alias on purpose; a `code` span is a command to type.
      .map((s) => ({ ...s, text: s.text.replace(/\(ook: digest\)/g, '').replace(/`[^`]*`/g, '') }))
      .flatMap((s) =>
        avoidedWords
          .filter((w) => new RegExp(`(^|[^\\p{L}])${w}($|[^\\p{L}])`, 'iu').test(s.text))
          .map((w) => `${s.path}: "${w}" in ${s.text}`),
      );
    expect(offending).to.deep.equal([]);
  });

  it('every glossary word has a meaning, and no word is both used and avoided', () => {
    const used = glossary.map((g) => g.word.toLowerCase());
    for (const g of glossary) expect(g.meaning, g.word).to.not.equal('');
    for (const w of avoidedWords) expect(used, w).to.not.include(w.toLowerCase());
  });
});
