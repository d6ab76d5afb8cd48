// The moment horizon (issue 13) at every entry point, over HTTP (fake Bot Connector, SQLite,
// clock at Thursday 26 November 2026, 10:00 Amsterdam; MOMENT_HORIZON_MONTHS default 12): the intake
// API answers 400 naming the field; the callback form, the message-extension dialog, the
// appointment form and the reschedule forms come back with a Dutch field error and the typed values.
import { expect } from 'chai';
import {
  adaptiveCardAction,
  anna,
  bram,
  generalChannel,
  messageExtensionSubmit,
  personalConversationId,
  TEST_TENANT,
  threadConversationId,
} from '../harness/activities';
import type { BotUnderTest } from '../harness/bot';
import { startTeamBot } from '../harness/team';
import { useBot } from '../harness/suite';
import { nl } from '../../src/texts/nl';
import { click, createCallback, CUSTOMER, inputOf, intake, textOf } from './callbacks.helpers';

const BEYOND = nl.integrity.beyondHorizon(12);

describe('moment horizon: every given moment lies within MOMENT_HORIZON_MONTHS (HTTP)', () => {
  let bot: BotUnderTest;
  const suite = useBot((connector) => startTeamBot(connector));
  beforeEach(() => ({ bot } = suite));

  const act = (from: typeof anna, verb: string, data: Record<string, unknown>) =>
    bot.post(adaptiveCardAction({ from, conversation: personalConversationId(from), verb, data }));
  const count = async () => (await bot.app.s.repo.queryItems(TEST_TENANT, {})).length;

  it('intake: a preferredMoment beyond the horizon is 400 naming the field; the last moment inside is accepted', async () => {
    for (const preferredMoment of ['2027-11-26T10:00:01+01:00', '9999-12-31T23:00:00Z']) {
      const res = await intake(bot, { ...CUSTOMER, preferredMoment });
      expect(res.status, JSON.stringify(res.body)).to.equal(400);
      expect(res.body.error.code).to.equal('InvalidField');
      expect(res.body.error.fields).to.deep.equal({ preferredMoment: BEYOND });
      expect(res.body.error.message).to.contain('preferredMoment');
    }
    expect(await count()).to.equal(0);
    const ok = await intake(bot, { ...CUSTOMER, preferredMoment: '2027-11-26T10:00:00+01:00' });
    expect(ok.status, JSON.stringify(ok.body)).to.equal(201);
  });

  it('the terugbellen form: a preferred date beyond the horizon comes back in the form with the Dutch error, values kept', async () => {
    const values = { formId: 'f-horizon', ...CUSTOMER, preferredDate: '2027-12-01', preferredTime: '10:00' };
    const res = await act(anna, 'callback.create', values);
    const form = res.body.value;
    expect(textOf(form)).to.contain(nl.common.formHasErrors).and.contain(BEYOND);
    expect(inputOf(form, 'preferredDate')!.value).to.equal('2027-12-01');
    expect(inputOf(form, 'customerName')!.value).to.equal(CUSTOMER.customerName);
    // A year with five digits is not a date at all.
    const silly = await act(anna, 'callback.create', { ...values, formId: 'f-silly', preferredDate: '10000-01-01' });
    expect(textOf(silly.body.value)).to.contain(nl.common.invalidMoment);
    expect(await count()).to.equal(0);
  });

  it('the message-extension dialog stays open with the Dutch error', async () => {
    const message = { from: bram, html: '<p>Mevrouw Pieters belde.</p>' };
    const conversation = threadConversationId(generalChannel.id, '1700000000009');
    const res = await bot.post(
      messageExtensionSubmit({
        from: anna,
        conversation,
        commandId: 'terugbelverzoekMaken',
        message,
        data: { formId: 'me-horizon', ...CUSTOMER, preferredDate: '2028-02-01', preferredTime: '09:00' },
      }),
    );
    expect(res.body.task.type).to.equal('continue');
    const again = res.body.task.value.card.content;
    expect(textOf(again)).to.contain(BEYOND);
    expect(inputOf(again, 'preferredDate')!.value).to.equal('2028-02-01');
    expect(await count()).to.equal(0);
  });

  it('an appointment beyond the horizon, or in the past, is refused on its field', async () => {
    const base = {
      promiseKind: 'walkin',
      customerName: 'Meneer El Amrani',
      contact: '06 12345678',
      topic: 'Schimmel',
      how: 'thuis',
      owner: anna.aadObjectId,
    };
    const far = await act(bram, 'appointment.create', { ...base, date: '2028-01-10', time: '10:00' });
    expect(JSON.stringify(far.body.value)).to.contain(BEYOND);
    const past = await act(bram, 'appointment.create', { ...base, date: '2026-11-20', time: '10:00' });
    expect(JSON.stringify(past.body.value)).to.contain(nl.common.momentInPast);
    expect(await count()).to.equal(0);
  });

  it('a reschedule (new appointment) beyond the horizon or in the past is refused; nothing changes', async () => {
    const item = await createCallback(bot);
    await click(bot, anna, 'callback.claim', { id: item.id, v: item.version });
    const far = await click(bot, anna, 'callback.reschedule', {
      id: item.id,
      date: '2027-12-24',
      time: '10:00',
      reason: 'Klant is lang weg',
    });
    expect(textOf(far.card)).to.contain(BEYOND);
    expect(inputOf(far.card, 'reason')!.value).to.equal('Klant is lang weg');
    const past = await click(bot, anna, 'callback.reschedule', { id: item.id, date: '2026-11-25', time: '10:00', reason: 'Te laat' });
    expect(textOf(past.card)).to.contain(nl.common.momentInPast);
    const after = await bot.app.s.repo.getItem(TEST_TENANT, item.id);
    expect(after!.deadline!.toISOString()).to.equal(item.deadline!.toISOString());
    const inside = await click(bot, anna, 'callback.reschedule', {
      id: item.id,
      date: '2027-11-25',
      time: '10:00',
      reason: 'Klant is lang weg',
    });
    expect(textOf(inside.card)).to.not.contain(BEYOND);
    expect((await bot.app.s.repo.getItem(TEST_TENANT, item.id))!.deadline!.toISOString()).to.equal('2027-11-25T09:00:00.000Z');
  });
});

describe('moment horizon: MOMENT_HORIZON_MONTHS=3 (HTTP)', () => {
  let bot: BotUnderTest;
  const suite = useBot((connector) => startTeamBot(connector, { MOMENT_HORIZON_MONTHS: '3' }));
  beforeEach(() => ({ bot } = suite));

  it('the intake uses the configured months', async () => {
    const res = await intake(bot, { ...CUSTOMER, preferredMoment: '2027-03-01T10:00:00+01:00' });
    expect(res.status).to.equal(400);
    expect(res.body.error.fields).to.deep.equal({ preferredMoment: nl.integrity.beyondHorizon(3) });
    expect((await intake(bot, { ...CUSTOMER, preferredMoment: '2027-02-01T10:00:00+01:00' })).status).to.equal(201);
  });
});
