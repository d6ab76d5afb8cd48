// Reminders under the ManualClock: one nudge in the channel REMINDER_BEFORE_MINUTES working time
// before the deadline of an unclaimed callback; an overdue one notifies its owner (or the channel
// when it has none) once per working day; nothing at night or in the weekend.
import { expect } from 'chai';
import { nl } from '../../src/texts/nl';
import { anna, generalChannel, personalConversationId, threadConversationId } from '../harness/activities';
import { startFakeConnector, type FakeConnector, type MessageState } from '../harness/fakeConnector';
import type { BotUnderTest } from '../harness/bot';
import { tempSqliteUrl } from '../harness/bot';
import { bindChannel, click, createCallback, getItem, introduce, PHONE_FORMS, startCallbackBot } from './callbacks.helpers';

const NUDGE = /nog door niemand opgepakt/;
const OVERDUE_CHANNEL = /te laat en heeft geen behandelaar/;
const OVERDUE_OWNER = /Bel de klant vandaag, of neem contact op en maak een nieuwe afspraak/;

describe('callbacks: reminders (ManualClock)', () => {
  let connector: FakeConnector;
  let bot: BotUnderTest;

  before(async () => {
    connector = await startFakeConnector();
  });
  after(async () => connector.close());
  afterEach(async () => bot.stop());

  async function start(env: Record<string, string> = {}, databaseUrl?: string): Promise<void> {
    connector.reset();
    bot = await startCallbackBot({ env, databaseUrl });
    await bindChannel(bot, connector);
    await introduce(bot, anna);
  }

  const inChannel = (re: RegExp): MessageState[] =>
    connector.messagesIn(generalChannel.id).filter((m) => re.test(String(m.activity.text ?? '')));
  const toAnna = (re: RegExp): MessageState[] =>
    connector.messagesIn(personalConversationId(anna)).filter((m) => re.test(String(m.activity.text ?? '')));

  /** Moves the clock and runs the scheduler once (jobs + outbox). */
  async function at(iso: string): Promise<void> {
    bot.clock.set(iso);
    await bot.tick();
  }

  it('an unclaimed callback: one nudge 2 working hours before the deadline, then one overdue note per working day in the channel', async () => {
    await start();
    // Thursday 26 November 10:00: due Friday 27 November 17:00.
    const item = await createCallback(bot);
    expect(item.deadline!.toISOString()).to.equal('2026-11-27T16:00:00.000Z');

    for (const t of ['2026-11-26T10:05:00+01:00', '2026-11-26T16:59:00+01:00', '2026-11-27T08:30:00+01:00', '2026-11-27T14:59:00+01:00']) {
      await at(t);
      expect(inChannel(NUDGE), t).to.have.length(0);
    }
    await at('2026-11-27T15:00:00+01:00');
    const nudges = inChannel(NUDGE);
    expect(nudges).to.have.length(1);
    expect(String(nudges[0]!.activity.text)).to.equal(nl.callbacks.msg.nudgeUnclaimed(item.id, 'Lekkage in de badkamer', '2 werkuren'));
    // In the card's thread.
    expect(nudges[0]!.conversationId).to.equal(threadConversationId(generalChannel.id, item.card!.activityId));
    for (const t of ['2026-11-27T15:00:30+01:00', '2026-11-27T16:30:00+01:00', '2026-11-27T17:00:00+01:00']) await at(t);
    expect(inChannel(NUDGE)).to.have.length(1);

    // Overdue after 17:00 on Friday: nobody hears about it at night or in the weekend.
    for (const t of [
      '2026-11-27T17:01:00+01:00',
      '2026-11-27T23:00:00+01:00',
      '2026-11-28T10:00:00+01:00',
      '2026-11-29T12:00:00+01:00',
      '2026-11-30T08:29:00+01:00',
    ]) {
      await at(t);
      expect(inChannel(OVERDUE_CHANNEL), t).to.have.length(0);
    }
    // Monday 30 November at opening time: once.
    await at('2026-11-30T08:30:00+01:00');
    expect(inChannel(OVERDUE_CHANNEL)).to.have.length(1);
    expect(String(inChannel(OVERDUE_CHANNEL)[0]!.activity.text)).to.equal(
      nl.callbacks.msg.overdueChannel(item.id, 'Lekkage in de badkamer', '1 werkdag te laat'),
    );
    for (const t of ['2026-11-30T12:00:00+01:00', '2026-11-30T16:59:00+01:00']) await at(t);
    expect(inChannel(OVERDUE_CHANNEL)).to.have.length(1);
    // Tuesday: the next one.
    await at('2026-12-01T09:00:00+01:00');
    expect(inChannel(OVERDUE_CHANNEL)).to.have.length(2);
    expect(String(inChannel(OVERDUE_CHANNEL)[1]!.activity.text)).to.contain('2 werkdagen te laat');
    expect(inChannel(NUDGE)).to.have.length(1);
  });

  it('an overdue callback with an owner: one 1:1 note per working day to the owner, with their view; none once done', async () => {
    await start();
    const item = await createCallback(bot);
    bot.clock.set('2026-11-26T11:00:00+01:00');
    await click(bot, anna, 'callback.claim', { id: item.id });
    await bot.settle();
    // Claimed: no nudge before the deadline.
    await at('2026-11-27T15:30:00+01:00');
    expect(inChannel(NUDGE)).to.have.length(0);
    await at('2026-11-28T11:00:00+01:00'); // Saturday
    expect(toAnna(OVERDUE_OWNER)).to.have.length(0);
    await at('2026-11-30T09:00:00+01:00');
    await at('2026-11-30T14:00:00+01:00');
    const notes = toAnna(OVERDUE_OWNER);
    expect(notes).to.have.length(1);
    expect(String(notes[0]!.activity.text)).to.equal(nl.callbacks.msg.overdueOwner(item.id, 'Lekkage in de badkamer', '1 werkdag te laat'));
    expect(JSON.stringify(notes[0]!.card)).to.contain('tel:+31612345678');
    expect(inChannel(OVERDUE_CHANNEL)).to.have.length(0);
    await at('2026-12-01T08:45:00+01:00');
    expect(toAnna(OVERDUE_OWNER)).to.have.length(2);
    bot.clock.set('2026-12-01T10:00:00+01:00');
    await click(bot, anna, 'callback.done', { id: item.id, answer: 'ja', note: 'Klant alsnog gebeld, geregeld.', confirmation: 'none' });
    await at('2026-12-02T09:00:00+01:00');
    expect(toAnna(OVERDUE_OWNER)).to.have.length(2);
  });

  it('REMINDER_BEFORE_MINUTES moves the nudge; a new appointment gets its own nudge', async () => {
    await start({ REMINDER_BEFORE_MINUTES: '60' });
    const item = await createCallback(bot);
    await at('2026-11-27T15:00:00+01:00');
    expect(inChannel(NUDGE)).to.have.length(0);
    await at('2026-11-27T16:00:00+01:00');
    expect(inChannel(NUDGE)).to.have.length(1);
    expect(String(inChannel(NUDGE)[0]!.activity.text)).to.contain('Nog 1 werkuur.');
    // Claimed, rescheduled to Monday and released again: it nears a new deadline and may be nudged again.
    await click(bot, anna, 'callback.claim', { id: item.id });
    await click(bot, anna, 'callback.reschedule', { id: item.id, date: '2026-11-30', time: '11:00', reason: 'Klant belt maandag' });
    await click(bot, anna, 'callback.release', { id: item.id });
    await at('2026-11-30T09:59:00+01:00');
    expect(inChannel(NUDGE)).to.have.length(1);
    await at('2026-11-30T10:00:00+01:00');
    expect(inChannel(NUDGE)).to.have.length(2);
  });

  it('reminders are not repeated after a restart, and never carry customer details', async () => {
    const db = tempSqliteUrl();
    await start({}, db);
    await createCallback(bot, { customerName: 'Mevrouw Geheim', sensitive: true, details: 'Privé-omstandigheden' });
    await at('2026-11-27T15:00:00+01:00');
    expect(inChannel(NUDGE)).to.have.length(1);
    await bot.stop();
    bot = await startCallbackBot({ databaseUrl: db });
    await at('2026-11-27T15:30:00+01:00');
    expect(inChannel(NUDGE)).to.have.length(1);
    await at('2026-11-30T09:00:00+01:00');
    expect(inChannel(OVERDUE_CHANNEL)).to.have.length(1);
    const all = JSON.stringify(connector.messagesIn(generalChannel.id).map((m) => m.activity));
    expect(all).to.not.contain('Geheim').and.not.contain('Privé');
    for (const p of PHONE_FORMS) expect(all).to.not.contain(p);
    expect((await getItem(bot, 'TB-1001'))!.status).to.equal('open');
  });
});
