// Issue 13: the identifier check on text shared in the channel (exception cases) also catches
// "+31 (0)6 …", "06/…", "[at]" e-mail obfuscation and names after a salutation, and stays quiet
// on ordinary case text.
import { expect } from 'chai';
import { findIdentifier } from '../../src/domain/validation/identifiers';

describe('identifier check (issue 13)', () => {
  it('finds phone numbers in the new ways of writing them', () => {
    for (const s of [
      '+31 (0)6 1234 5678',
      '+31(0)612345678',
      '06/12345678',
      '06/1234 5678',
      '0313/123456',
      '(0313) 123 456',
      '(06) 12 34 56 78',
      '06-12 34 56 78',
    ])
      expect(findIdentifier(`bel ${s} terug`), s).to.equal('phone');
  });

  it('finds e-mail addresses written with [at], (at) or {at}', () => {
    for (const s of [
      'jan[at]wij.nl',
      'jan [at] wij.nl',
      'jan(at)wij.nl',
      'jan{at}wij.nl',
      'j.jansen [ at ] wij.example.nl',
      'jan[at]wij[dot]nl',
      'jan at wij.nl'.replace(' at ', '@'),
    ])
      expect(findIdentifier(`mail naar ${s} graag`), s).to.equal('email');
  });

  it('finds a name after mevrouw, meneer, dhr., mw., familie (tussenvoegsels too)', () => {
    for (const s of [
      'mevrouw Jansen',
      'Mevrouw de Vries',
      'meneer Kaya',
      'Dhr. Bakker',
      'dhr. van der Berg',
      'mw. Öztürk',
      'Mw Smit',
      'familie El Amrani',
      'de familie Yılmaz',
      'de heer Pietersen',
      'mevr. Ten Cate',
    ])
      expect(findIdentifier(`Gesprek met ${s} over de huur.`), s).to.equal('name');
  });

  it('leaves ordinary case text alone (no capitalised name, dates with a slash, amounts)', () => {
    for (const s of [
      'Meneer belde over de achterstand; mevrouw wil een regeling.',
      'De familie heeft 3 kinderen en woont er sinds 2019.',
      'Afspraak op 01/12/2026 09:00 op kantoor.',
      'Sinds 26-11-2026 in de woning; huurverhoging per 1 juli 2026 van 4,5%.',
      'Regeling van 12 maanden, € 1.250 per maand (at) most.',
      'Huurder vraagt uitstel; de mevrouwen van het loket twijfelen.',
      'Zie artikel [at] de regeling, punt 3.',
    ])
      expect(findIdentifier(s), s).to.equal(null);
  });

  it('still finds what it found before', () => {
    for (const [s, k] of [
      ['0612345678', 'phone'],
      ['+31 6 12345678', 'phone'],
      ['0031 313 123 456', 'phone'],
      ['jan@wij.nl', 'email'],
      ['NL91 ABNA 0417 1643 00', 'iban'],
      ['7411 AB', 'postcode'],
      ['klantnr 12345678', 'number'],
      ['123.456.789', 'number'],
    ] as const)
      expect(findIdentifier(`x ${s} y`), s).to.equal(k);
  });
});
