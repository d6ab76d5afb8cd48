// What a reply may echo of typed text: no phone number, e-mail address or long number, short and visibly cut.
import { expect } from 'chai';
import { echoOf, ECHO_MAX, MASK, maskContactDetails } from '../../src/domain/validation/mask';

describe('maskContactDetails / echoOf', () => {
  for (const contact of [
    '0612345678',
    '06-12345678',
    '06 1234 5678',
    '+31 6 12345678',
    '+31(0)6-1234 5678',
    '0031612345678',
    '020-1234567',
    '038 456 7890',
    'jan.jansen@example.nl',
    'a.b+c@wij-ijsselland.nl',
    '123456789',
  ]) {
    it(`masks ${contact}`, () => {
      const out = maskContactDetails(`bel ${contact} even terug`);
      expect(out).to.equal(`bel ${MASK} even terug`);
      expect(out).to.not.match(/\d{3}|@/);
    });
  }

  it('leaves ordinary text, short numbers, times and dates alone', () => {
    expect(maskContactDetails('afspraak om 14:30 op 3 december, huisnummer 12')).to.equal('afspraak om 14:30 op 3 december, huisnummer 12');
  });

  it('an echo is at most ECHO_MAX characters plus a visible cut mark, masked before the cut', () => {
    const long = 'ik wil graag dat iemand mevrouw de Vries belt op 06-12345678 of mailt naar devries@example.nl';
    const echo = echoOf(long);
    expect([...echo].length).to.be.at.most(ECHO_MAX + 1);
    expect(echo.endsWith('…')).to.equal(true);
    expect(echoOf('terugbelen')).to.equal('terugbelen');
    // A number right at the cut: never a partial number left over.
    const atCut = `${'x'.repeat(ECHO_MAX - 5)} 0612345678`;
    expect(echoOf(atCut)).to.not.match(/\d/);
  });
});
