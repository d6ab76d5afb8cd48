// Unknown input: near misses and plain sentences map to the command that works (pure).
import { expect } from 'chai';
import { editDistance, suggestCommand } from '../../src/domain/commands/suggest';

const COMMANDS = [
  'help',
  'hulp',
  'terugbellen',
  'afspraak',
  'tolk',
  'tolk overzicht',
  'twijfel',
  'oefenen',
  'mijn',
  'overzicht',
  'koppel',
  'digest',
  'dagoverzicht',
  'afwegingen',
  'instellingen',
  'rapport',
];

describe('suggestCommand (near miss and intent)', () => {
  it('edit distance counts a swap of two neighbours as one', () => {
    expect(editDistance('terugbellen', 'terugbellen')).to.equal(0);
    expect(editDistance('terugbelen', 'terugbellen')).to.equal(1);
    expect(editDistance('terugblelen', 'terugbellen')).to.equal(1);
    expect(editDistance('kitten', 'sitting')).to.equal(3);
  });

  for (const [typed, command] of [
    ['terugbelen', 'terugbellen'],
    ['Terugbellne', 'terugbellen'],
    ['afsrpaak', 'afspraak'],
    ['overzich', 'overzicht'],
    ['dagoverzict', 'dagoverzicht'],
    ['instelingen', 'instellingen'],
    ['twijfle', 'twijfel'],
    ['koppell', 'koppel'],
  ] as const) {
    it(`"${typed}" is a near miss of ${command}`, () => {
      expect(suggestCommand(typed, COMMANDS)).to.deep.equal({ command, why: 'nearMiss' });
    });
  }

  for (const [typed, command] of [
    ['ik wil een terugbelverzoek maken', 'terugbellen'],
    ['Kan iemand mevrouw terugbellen?', 'terugbellen'],
    ['ik moet een vervolgafspraak plannen', 'afspraak'],
    ['we hebben een tolk nodig voor morgen', 'tolk'],
    ['ik twijfel over een uitzondering op de regel', 'twijfel'],
    ['wat kun je allemaal', 'hulp'],
    ['laat mijn werk zien', 'mijn'],
  ] as const) {
    it(`"${typed}" → ${command} (intent in a sentence)`, () => {
      expect(suggestCommand(typed, COMMANDS)).to.deep.equal({ command, why: 'intent' });
    });
  }

  it('suggests nothing for unrelated text, very short words or an equal tie', () => {
    expect(suggestCommand('wat is het weer vandaag', COMMANDS)).to.equal(null);
    expect(suggestCommand('xyz', COMMANDS)).to.equal(null);
    expect(suggestCommand('bord', ['bard', 'bird'])).to.equal(null);
    expect(suggestCommand('', COMMANDS)).to.equal(null);
  });

  it('only suggests commands the bot has (a feature not on this branch is never offered)', () => {
    expect(suggestCommand('ik wil een terugbelverzoek maken', ['hulp', 'afspraak'])).to.equal(null);
    expect(suggestCommand('geholpn', ['hulp', 'geholpen'])).to.deep.equal({ command: 'geholpen', why: 'nearMiss' });
    expect(suggestCommand('geholpn', ['hulp'])).to.equal(null);
  });
});
