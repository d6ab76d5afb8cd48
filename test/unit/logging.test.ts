import { expect } from 'chai';
import { Writable } from 'node:stream';
import { createLogger, scrub } from '../../src/logging';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { lines, log: createLogger('info', stream as never) };
}

describe('logging without personal data', () => {
  it('masks phone numbers and e-mail addresses inside any string', () => {
    expect(scrub('bel 06 12345678 of +31 6 1234 5678, mail a.b@wij.nl')).to.equal('bel [nummer] of [nummer], mail [e-mail]');
    expect(scrub('om 2026-11-26T10:00 op 127.0.0.1:3978')).to.equal('om 2026-11-26T10:00 op 127.0.0.1:3978');
  });

  it('redacts known personal fields and scrubs messages, nested objects and errors', () => {
    const { lines, log } = capture();
    log.info(
      { customerName: 'Mevrouw Jansen', item: { phone: '0612345678', topic: 'bel 0612345678' }, err: new Error('mail jan@x.nl') },
      'nummer 0313-123456',
    );
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

describe('error logs keep their cause (issue 13)', () => {
  it('logs message, code and stack of an Error under err and error, with personal data masked', () => {
    const { lines, log } = capture();
    const err = Object.assign(new Error('klant jan@x.nl op 0612345678 niet bereikt'), { code: 'ECONNRESET', statusCode: 502 });
    log.error({ err }, 'send failed');
    log.warn({ error: new TypeError('kapot bij 06-87654321') }, 'render failed');
    const [first, second] = lines.map((l) => JSON.parse(l));
    expect(lines.join('')).not.to.contain('[object Object]');
    expect(first.err.message).to.equal('klant [e-mail] op [nummer] niet bereikt');
    expect(first.err.code).to.equal('ECONNRESET');
    expect(first.err.statusCode).to.equal(502);
    expect(first.err.type).to.equal('Error');
    expect(first.err.stack).to.contain('logging.test');
    expect(second.error.type).to.equal('TypeError');
    expect(second.error.message).to.equal('kapot bij [nummer]');
    expect(lines.join('')).not.to.match(/jan@x\.nl|0612345678|87654321/);
  });

  it('an error nested deeper and a thrown string are logged readably too', () => {
    const { lines, log } = capture();
    log.error({ job: { cause: new RangeError('Invalid time value') }, err: 'plain text 0612345678' }, 'job failed');
    const obj = JSON.parse(lines[0]);
    expect(obj.job.cause.message).to.equal('Invalid time value');
    expect(obj.job.cause.stack).to.be.a('string');
    expect(obj.err).to.equal('plain text [nummer]');
  });
});
