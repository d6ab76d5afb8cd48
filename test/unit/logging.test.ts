import { expect } from 'chai';
import { Writable } from 'node:stream';
import { createLogger, scrub } from '../../src/logging';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb(); } });
  return { lines, log: createLogger('info', stream as never) };
}

describe('logging without personal data', () => {
  it('masks phone numbers and e-mail addresses inside any string', () => {
    expect(scrub('bel 06 12345678 of +31 6 1234 5678, mail a.b@wij.nl')).to.equal('bel [nummer] of [nummer], mail [e-mail]');
    expect(scrub('om 2026-11-26T10:00 op 127.0.0.1:3978')).to.equal('om 2026-11-26T10:00 op 127.0.0.1:3978');
  });

  it('redacts known personal fields and scrubs messages, nested objects and errors', () => {
    const { lines, log } = capture();
    log.info({ customerName: 'Mevrouw Jansen', item: { phone: '0612345678', topic: 'bel 0612345678' }, err: new Error('mail jan@x.nl') }, 'nummer 0313-123456');
    const out = lines.join('');
    expect(out).not.to.contain('Jansen');
    expect(out).not.to.contain('0612345678');
    expect(out).not.to.contain('jan@x.nl');
    expect(out).not.to.contain('0313-123456');
    const obj = JSON.parse(lines[0]);
    expect(obj.customerName).to.equal('[weg]');
    expect(obj.item.topic).to.equal('bel [nummer]');
  });
});
