// Issue 13: neutralise removes bidi overrides and zero-width characters before it works, and breaks
// bare URLs visibly so Teams does not make them links.
import { expect } from 'chai';
import { neutralise } from '../../src/domain/neutralise';

describe('neutralise: invisible characters and bare URLs (issue 13)', () => {
  it('removes bidi overrides, isolates, marks and zero-width characters', () => {
    const hidden = 'TB-10\u202e24\u202c \u2066x\u2069 a\u200bb\u200cc\u200dd\u2060e\ufeff f\u200e\u200f\u061c';
    expect(neutralise(hidden)).to.equal('TB-1024 x abcde f');
  });

  it('keeps its own zero-width space in ${ (added after the clean-up)', () => {
    expect(neutralise('$\u200b{x} ${y}')).to.equal('$\u200b{x} $\u200b{y}');
  });

  it('breaks bare URLs visibly: scheme and www forms, also inside a markdown link', () => {
    expect(neutralise('zie https://evil.example/login?x=1 nu')).to.equal('zie https\\[:\\]//evil\\[.\\]example/login?x=1 nu');
    expect(neutralise('of www.evil.example')).to.equal('of www\\[.\\]evil\\[.\\]example');
    expect(neutralise('[klik](http://e.x/)')).to.equal('\\[klik\\](http\\[:\\]//e\\[.\\]x/)');
    expect(neutralise('ftp://a.b')).to.equal('ftp\\[:\\]//a\\[.\\]b');
    const out = neutralise('HTTPS://Wij.NL/pad en gewoon 3.5 uur');
    expect(out).not.to.match(/https?:\/\//i);
    expect(out).to.contain('3.5 uur');
  });

  it('leaves ordinary text and amounts alone', () => {
    expect(neutralise('Bel mevrouw om 10.30 uur, € 1.250,00.')).to.equal('Bel mevrouw om 10.30 uur, € 1.250,00.');
  });
});
