// Privacy (AVG): the retention job erases customer data of items finished more than
// RETENTION_DAYS ago (anonymous figures stay), and managers can see (inzage) or erase (vergeet)
// everything about one customer from their 1:1 chat. Checked against the whole database file.
import { expect } from 'chai';
import { nl } from '../../src/texts/nl';
import Database from 'better-sqlite3';
import { type FakeConnector } from '../harness/fakeConnector';
import { startBot, type BotUnderTest } from '../harness/bot';
import {
  anna,
  bram,
  channelMessage,
  dirk,
  generalChannel,
  personalConversationId,
  personalMessage,
  teamNoord,
  TEST_TENANT,
} from '../harness/activities';
import { postActivity } from '../harness/http';
import { bindChannel, click, intake } from '../harness/scenario';
import { useBot } from '../harness/suite';

const DAY = 24 * 60 * 60 * 1000;

/** Every value in every table of the SQLite file, as one string. */
function dump(databaseUrl: string): string {
  const db = new Database(databaseUrl.slice('sqlite:'.length), { readonly: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    return tables.map((t) => JSON.stringify(db.prepare(`SELECT * FROM "${t}"`).all())).join('\n');
  } finally {
    db.close();
  }
}

describe('privacy: retention, inzage and vergeet', function () {
  this.timeout(30_000);
  let connector: FakeConnector;
  let bot: BotUnderTest;
  const suite = useBot(async (connector) => {
    const bot = await startBot({ env: { MANAGER_IDS: dirk.aadObjectId, RETENTION_DAYS: '90' } });
    await bindChannel(bot.url, connector);
    await postActivity(bot.url, personalMessage({ text: 'hulp', from: dirk }));
    return bot;
  });
  beforeEach(() => ({ connector, bot } = suite));

  async function callback(name: string, phone: string, topic: string, details = `Toelichting over ${name}`) {
    const res = await intake(bot.url, { customerName: name, phone, topic, details });
    expect(res.status, res.text).to.equal(201);
    return res.body.id as string;
  }
  async function finish(id: string, note: string) {
    expect((await click(bot.url, bram, 'callback.claim', { id })).status).to.equal(200);
    await click(bot.url, bram, 'callback.reschedule', { id, date: '2026-11-30', time: '10:00', reason: `Klant vroeg later, ${note}` });
    const done = await click(bot.url, bram, 'callback.done', { id, answer: 'ja', note, confirmation: 'none' });
    expect(JSON.stringify(done.body)).to.contain('afgerond');
  }
  const cardOf = (id: string) =>
    JSON.stringify(
      connector.messagesIn(generalChannel.id).find((m) => JSON.stringify(m.card ?? {}).includes(nl.callbacks.card.title(id)))?.card ?? {},
    );
  const said = (who = dirk) =>
    connector
      .messagesIn(personalConversationId(who))
      .map((m) => String(m.activity.text ?? ''))
      .join('\n');

  it(`retention: ${90} days after closing, customer data is erased; subject, kind, status, times and history actions stay`, async () => {
    const old = await callback('Mevrouw Oudjaar', '06 11110001', 'Lekkage keuken');
    await finish(old, 'Mevrouw Oudjaar teruggebeld, loodgieter komt dinsdag.');
    const cancelled = await callback('Meneer Schrapper', '06 11110002', 'Huurachterstand');
    await click(bot.url, bram, 'callback.claim', { id: cancelled });
    await click(bot.url, dirk, 'callback.cancel', { id: cancelled, reason: 'Meneer Schrapper belde zelf al' });
    const open = await callback('Mevrouw Openstaand', '06 11110003', 'Sleutel kwijt');
    await bot.settle();
    const before = await bot.app.s.repo.getItem(TEST_TENANT, old);
    const historyBefore = await bot.app.s.repo.history(TEST_TENANT, old);

    // 80 days later: one more finishes; nothing is old enough yet.
    bot.clock.advance(80 * DAY);
    const recent = await callback('Meneer Recent', '06 11110004', 'Tuin');
    await finish(recent, 'Meneer Recent gebeld.');
    await bot.tick();
    expect(dump(bot.databaseUrl)).to.contain('Oudjaar');

    // 91 days after the first ones closed.
    bot.clock.advance(11 * DAY);
    await bot.tick();
    const text = dump(bot.databaseUrl);
    for (const gone of ['Oudjaar', '06 11110001', '+31611110001', 'Schrapper', '+31611110002', 'loodgieter'])
      expect(text, gone).not.to.contain(gone);
    for (const kept of ['Openstaand', '+31611110003', 'Recent', '+31611110004']) expect(text, kept).to.contain(kept);

    const after = (await bot.app.s.repo.getItem(TEST_TENANT, old))!;
    expect(after).to.deep.include({ kind: 'callback', subject: 'Lekkage keuken', status: 'done', source: before!.source });
    expect(after.createdAt).to.deep.equal(before!.createdAt);
    expect(after.closedAt).to.deep.equal(before!.closedAt);
    expect(after.deadline).to.deep.equal(before!.deadline);
    expect(after.owner?.name).to.equal(bram.name);
    expect(after.data).to.deep.include({
      erased: true,
      customerName: '',
      phone: '',
      phoneDisplay: '',
      details: '',
      doneNote: '',
      topic: 'Lekkage keuken',
    });
    const historyAfter = await bot.app.s.repo.history(TEST_TENANT, old);
    expect(historyAfter.map((h) => h.action)).to.deep.equal([...historyBefore.map((h) => h.action), 'erased']);
    expect(historyAfter.map((h) => h.at)).to.deep.equal([...historyBefore.map((h) => h.at), historyAfter.at(-1)!.at]);
    expect(historyAfter.every((h) => h.note === undefined)).to.equal(true);
    expect((await bot.app.s.repo.getItem(TEST_TENANT, open))!.data.customerName).to.equal('Mevrouw Openstaand');

    // The channel cards no longer name them either.
    expect(cardOf(old)).not.to.contain('Oudjaar');
    expect(cardOf(old)).to.contain(nl.privacy.erasedCustomer);
    expect(cardOf(cancelled)).not.to.contain('Schrapper');

    // Once a day: another tick the same day changes nothing; the next day takes the next batch.
    const snapshot = dump(bot.databaseUrl);
    await bot.tick();
    expect(dump(bot.databaseUrl)).to.equal(snapshot);
    bot.clock.advance(80 * DAY);
    await bot.tick();
    expect(dump(bot.databaseUrl)).not.to.contain('Meneer Recent');
  });

  it('inzage: a manager sees everything about one customer (by phone or name), in the 1:1 chat only', async () => {
    const a = await callback('Mevrouw Jansen', '06 22220001', 'Lekkage badkamer');
    await finish(a, 'Mevrouw Jansen gebeld: monteur komt vrijdag.');
    const b = await callback('mevrouw  JANSEN', '+31 6 22220001', 'Tweede vraag');
    const other = await callback('Meneer Pietersen', '06 22220002', 'Iets anders');

    await postActivity(bot.url, personalMessage({ text: 'inzage 06-22220001', from: dirk }));
    const byPhone = said();
    for (const s of [
      a,
      b,
      'Mevrouw Jansen',
      '06 22220001',
      'Lekkage badkamer',
      'Toelichting over Mevrouw Jansen',
      'monteur komt vrijdag',
      'Klant vroeg later',
      bram.name,
    ])
      expect(byPhone, s).to.contain(s);
    expect(byPhone).not.to.contain(other);
    expect(byPhone).not.to.contain('Pietersen');

    connector.reset();
    await postActivity(bot.url, personalMessage({ text: 'inzage Jansen', from: dirk }));
    const byName = said();
    expect(byName).to.contain(a); // "Mevrouw Jansen" and "mevrouw  JANSEN": the same name without salutation
    expect(byName).to.contain(b);

    // Not for colleagues, not in a channel, and nothing found is said plainly.
    connector.reset();
    await postActivity(bot.url, personalMessage({ text: 'inzage 06 22220001', from: anna }));
    expect(said(anna)).to.contain('mag alleen een leidinggevende');
    expect(said(anna)).not.to.contain('Jansen');
    await postActivity(bot.url, channelMessage({ text: 'inzage 06 22220001', from: dirk, team: teamNoord }));
    const inChannel = connector
      .messagesIn(generalChannel.id)
      .map((m) => String(m.activity.text ?? ''))
      .join('\n');
    expect(inChannel).to.contain('alleen in de persoonlijke chat');
    expect(inChannel).not.to.contain('Lekkage badkamer');
    await postActivity(bot.url, personalMessage({ text: 'inzage 06 99999999', from: dirk }));
    expect(said()).to.contain('Ik vind geen gegevens over deze klant');
  });

  it('vergeet: refuses while something is open, asks to confirm, then erases everything about the customer', async () => {
    const a = await callback('Meneer De Vergeter', '06 33330001', 'Overlast buren');
    const b = await callback('Meneer De Vergeter', '06 33330001', 'Nog een vraag');
    const keep = await callback('Mevrouw Blijft', '06 33330002', 'Andere klant');
    const untouched = () => bot.app.s.repo.getItem(TEST_TENANT, keep);
    await finish(a, 'Meneer De Vergeter wil niet meer gebeld worden.');

    await postActivity(bot.url, personalMessage({ text: 'vergeet 06 33330001', from: dirk }));
    expect(said()).to.contain(`nog open verzoeken: ${b}`);
    await click(bot.url, dirk, 'callback.cancel', { id: b, reason: 'Klant wil geen contact' });

    connector.reset();
    await postActivity(bot.url, personalMessage({ text: 'vergeet 06 33330001', from: dirk }));
    expect(said()).to.contain('bevestig');
    expect(dump(bot.databaseUrl)).to.contain('De Vergeter'); // asking erases nothing

    await postActivity(bot.url, personalMessage({ text: 'vergeet 06 33330001 bevestig', from: dirk }));
    expect(said()).to.contain('Gewist: de klantgegevens in 2 verzoeken');
    await bot.settle();
    const text = dump(bot.databaseUrl);
    for (const gone of ['De Vergeter', '+31633330001', '06 33330001', 'niet meer gebeld']) expect(text, gone).not.to.contain(gone);
    expect(text).to.contain('Mevrouw Blijft');
    expect((await untouched())!.data.customerName).to.equal('Mevrouw Blijft');
    const history = await bot.app.s.repo.history(TEST_TENANT, a);
    expect(history.at(-1)).to.deep.include({ action: 'erased', details: { reason: 'request' } });
    expect(history.at(-1)!.actor.id).to.equal(dirk.aadObjectId);
    expect(cardOf(a)).not.to.contain('De Vergeter');

    connector.reset();
    await postActivity(bot.url, personalMessage({ text: 'inzage 06 33330001', from: dirk }));
    expect(said()).to.contain('Ik vind geen gegevens');
  });
});
