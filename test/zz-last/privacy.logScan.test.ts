// The logs of the whole test run hold no customer data: every in-process bot logs at debug level
// into the run's capture and every child-process bot's stdout is captured too (harness/logCapture).
// This file sorts last ("zz-last"), so it scans what all earlier tests logged. It first runs a
// scenario of its own that logs along every path where personal data could slip in (intake with
// invalid fields, connector errors and retries, a blocked channel, inzage and vergeet, a refused
// tenant), so it has something to find also when run alone.
import { expect } from 'chai';
import { startFakeConnector } from '../harness/fakeConnector';
import { startBot } from '../harness/bot';
import { dirk, bram, generalChannel, personalMessage, TEST_TENANT } from '../harness/activities';
import { postActivity } from '../harness/http';
import { bindChannel, click, intake, sleep } from '../harness/scenario';
import { capturedLines, customerEmails, customerNames, customerPhones, noteCustomer } from '../harness/logCapture';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
/** Dutch numbers in the usual notations: 06 12345678, 06-1234 5678, +31 6 12345678, 0031612345678, 020-1234567. */
const PHONE = /(?:\+31|0031|(?<![\d.:])0)[\s-]?\(?[1-9](?:[\s()-]?\d){8}(?!\d)/;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One regex for all customer names; names that differ only in a trailing number become one family. */
function namePattern(names: Iterable<string>): RegExp | null {
  const families = new Set<string>();
  for (const n of names) {
    const m = /^(.*?)(\d+)$/.exec(n);
    families.add(m ? `${escape(m[1]!)}\\d+` : escape(n));
  }
  if (families.size === 0) return null;
  return new RegExp(`(?:${[...families].sort((a, b) => b.length - a.length).join('|')})`, 'i');
}

export function findPersonalData(lines: string[]): { line: string; what: string }[] {
  const names = namePattern(customerNames);
  const phones = [...customerPhones];
  const emails = [...customerEmails].map((e) => e.toLowerCase());
  const hits: { line: string; what: string }[] = [];
  for (const line of lines) {
    if (EMAIL.test(line)) hits.push({ line, what: 'e-mail address' });
    else if (PHONE.test(line)) hits.push({ line, what: 'phone number' });
    else if (phones.some((p) => line.includes(p))) hits.push({ line, what: 'a customer phone number' });
    else if (names?.test(line)) hits.push({ line, what: 'a customer name' });
    else if (emails.some((e) => line.toLowerCase().includes(e))) hits.push({ line, what: 'a customer e-mail' });
  }
  return hits;
}

describe('privacy: the logs of the whole test run hold no customer data', function () {
  this.timeout(60_000);

  it('the scanner finds names, phone numbers and e-mail addresses when they are there', () => {
    noteCustomer({ name: 'Mevrouw Scannertest', phone: '06 98765432' });
    const planted = [
      '{"msg":"x","v":"Mevrouw Scannertest"}',
      '{"msg":"call 06-98765432"}',
      '{"a":"+31 6 9876 5432"}',
      '{"a":"0031698765432"}',
      '{"a":"020-1234567"}',
      '{"mail":"k.jansen@example.nl"}',
      '{"name":"MEVROUW SCANNERTEST"}',
    ];
    expect(findPersonalData(planted).map((h) => h.line)).to.deep.equal(planted);
    const clean = [
      '{"level":20,"time":"2026-11-26T10:00:00.000Z","msg":"request","path":"/api/messages","status":200,"ms":3.412345}',
      '{"outboxId":1795706101388,"type":"postCard","attempts":2,"error":"503 ServiceError Injected"}',
      '{"itemId":"TB-1001","version":12}',
    ];
    expect(findPersonalData(clean)).to.deep.equal([]);
  });

  it('a scenario along the risky paths, then every captured line of the run is clean', async () => {
    const connector = await startFakeConnector();
    const bot = await startBot({ realTime: true, outbox: { baseBackoffMs: 20 }, env: { MANAGER_IDS: dirk.aadObjectId } });
    try {
      await bindChannel(bot.url, connector);
      await postActivity(bot.url, personalMessage({ text: 'hulp', from: dirk }));
      const customer = {
        customerName: 'Mevrouw Logvrij',
        phone: '06 55512345',
        topic: 'Lekkage bij mevrouw Logvrij',
        details: 'Bel 06 55512345 of mail logvrij@example.nl',
      };
      noteCustomer({ name: customer.customerName, phone: customer.phone, email: 'logvrij@example.nl' });
      expect((await intake(bot.url, { ...customer, phone: 'nummer 06 5551234x' })).status).to.equal(400); // a refused field
      expect((await intake(bot.url, { ...customer, unknownField: 'Mevrouw Logvrij' })).status).to.equal(400);
      connector.failNext(2, { status: 503, body: { error: { code: 'ServiceError', message: 'busy' } }, match: { routes: ['reply'] } });
      const created = await intake(bot.url, customer);
      expect(created.status).to.equal(201);
      const id = created.body.id as string;
      await click(bot.url, bram, 'callback.claim', { id });
      connector.block(generalChannel.id);
      await click(bot.url, bram, 'callback.done', {
        id,
        answer: 'ja',
        note: 'Mevrouw Logvrij gebeld op 06 55512345',
        confirmation: 'email',
      });
      for (let i = 0; i < 40 && (await bot.app.s.repo.outboxStats()).pending > 0; i++) await sleep(50);
      await postActivity(bot.url, personalMessage({ text: 'inzage 06 55512345', from: dirk }));
      await postActivity(bot.url, personalMessage({ text: 'vergeet Mevrouw Logvrij bevestig', from: dirk }));
      const foreign = personalMessage({ text: 'Mevrouw Logvrij 06 55512345', from: dirk });
      (foreign.channelData as { tenant: { id: string } }).tenant.id = '00000000-0000-4000-8000-00000000beef';
      foreign.conversation.tenantId = '00000000-0000-4000-8000-00000000beef';
      expect((await postActivity(bot.url, foreign)).status).to.equal(403);
      expect((await bot.app.s.repo.listDeliveryProblems({ tenantId: TEST_TENANT })).length).to.equal(1);
    } finally {
      await bot.stop();
      await connector.close();
    }

    // The capture really holds the run's logs (not an empty or silenced logger).
    const text = capturedLines.join('\n');
    for (const expected of [
      '"msg":"request"',
      'outbox message will be retried',
      'conversation cannot be written to',
      'privacy: inzage given',
    ]) {
      expect(text, expected).to.contain(expected);
    }
    expect(capturedLines.length).to.be.greaterThan(20);

    const hits = findPersonalData(capturedLines);
    const sample = hits
      .slice(0, 5)
      .map((h) => `${h.what}: ${h.line.slice(0, 300)}`)
      .join('\n');
    console.log(
      `      scanned ${capturedLines.length} log lines for ${customerNames.size} customer names, ${customerPhones.size} phone numbers and any e-mail address`,
    );
    expect(hits, `personal data in ${hits.length} log lines, e.g.\n${sample}`).to.deep.equal([]);
  });
});
