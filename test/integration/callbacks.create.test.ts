// Creating callbacks over HTTP with the fake connector: the `terugbellen` form (Action.Execute
// callback.create), the message extension (fetchTask prefilled from the message, submitAction), and
// the intake API; each invalid field; a restart between create and claim.
import { expect } from 'chai';
import {
  aanmeldingenChannel,
  adaptiveCardAction,
  anna,
  bram,
  channelMessage,
  generalChannel,
  messageExtensionFetchTask,
  messageExtensionSubmit,
  personalConversationId,
  personalMessage,
  teamNoord,
  threadConversationId,
  TEST_TENANT,
} from '../harness/activities';
import { startFakeConnector, type FakeConnector, type JsonActivity } from '../harness/fakeConnector';
import { httpJson } from '../harness/http';
import { tempSqliteUrl, type BotUnderTest } from '../harness/bot';
import {
  bindChannel,
  channelCard,
  click,
  CUSTOMER,
  getItem,
  historyActions,
  inputOf,
  intake,
  INTAKE_KEY,
  introduce,
  PHONE_FORMS,
  startCallbackBot,
  textOf,
  verbsOf,
} from './callbacks.helpers';
import { nl } from '../../src/texts/nl';

const cardOf = (a: JsonActivity) =>
  a.attachments?.find((x: JsonActivity) => x.contentType === 'application/vnd.microsoft.card.adaptive')?.content;

/** Sends `terugbellen` in Anna's 1:1 chat and returns the form card the bot answered with. */
async function openForm(bot: BotUnderTest, connector: FakeConnector): Promise<JsonActivity> {
  const before = connector.allPosted().length;
  await bot.post(personalMessage({ text: 'terugbellen', from: anna }));
  const sent = await connector.waitFor((c) =>
    c
      .allPosted()
      .slice(before)
      .find((p) => cardOf(p.activity)),
  );
  return cardOf(sent.activity);
}

/** Submits the form as Teams does: Action.Execute with the action's data merged with the inputs. */
async function submitForm(bot: BotUnderTest, form: JsonActivity, values: Record<string, unknown>, from = anna) {
  const action = (form.actions as JsonActivity[]).find((a) => a.type === 'Action.Execute');
  expect(action?.verb).to.equal('callback.create');
  const res = await bot.post(
    adaptiveCardAction({
      from,
      conversation: personalConversationId(from),
      verb: action!.verb,
      data: { ...action!.data, ...values },
    }),
  );
  expect(res.status).to.equal(200);
  return res.body.value as JsonActivity;
}

describe('callbacks: create (form, message extension, intake API)', () => {
  let connector: FakeConnector;
  let bot: BotUnderTest;

  before(async () => {
    connector = await startFakeConnector();
  });
  after(async () => connector.close());
  beforeEach(async () => {
    connector.reset();
    bot = await startCallbackBot();
  });
  afterEach(async () => bot.stop());

  describe('the terugbellen form', () => {
    it('sends a Dutch form card with every field, a people picker and the callback.create verb', async () => {
      await introduce(bot, anna, bram);
      const form = await openForm(bot, connector);
      expect(form.version).to.equal('1.5');
      for (const id of [
        'customerName',
        'phone',
        'topic',
        'details',
        'sensitive',
        'preferredDate',
        'preferredTime',
        'assignee',
        'ageGroup',
        'digital',
        'attitude',
        'preferredChannel',
      ]) {
        expect(inputOf(form, id), id).to.not.equal(undefined);
      }
      const picker = inputOf(form, 'assignee')!;
      expect(picker.type).to.equal('Input.ChoiceSet');
      expect(picker['choices.data']).to.deep.include({ type: 'Data.Query' });
      // A typeahead on the bot's own dataset (application/search), which works where Graph's people picker does not.
      expect(picker['choices.data']).to.deep.include({ dataset: 'topcontact.colleagues', associatedInputs: 'auto' });
      expect(picker.choices.map((c: JsonActivity) => c.title)).to.include.members([anna.name, bram.name]);
      const text = textOf(form);
      expect(text)
        .to.contain(nl.callbacks.formTitle)
        .and.contain(nl.callbacks.fields.customerName)
        .and.contain(nl.callbacks.fields.phone)
        .and.contain('Gevoelig onderwerp');
      // The klantbeeld choices are worded for the customer to read (texts/nl/customers.ts).
      expect(text)
        .to.contain(nl.customers.profile.ageGroup['55-of-ouder'])
        .and.contain(nl.customers.profile.digital['liever-persoonlijk'])
        .and.contain(nl.customers.profile.attitude['hulp-bij-regelen'])
        .and.contain('Brief');
      // "Klant opzoeken" and "Vrije momenten tonen" refresh the form; the submit creates.
      expect(verbsOf(form)).to.deep.equal(['callback.lookupCustomer', 'callback.freeMoments', 'callback.create']);
      expect((form.actions as JsonActivity[])[0]!.data.formId).to.match(/^[0-9a-f-]{36}$/);
    });

    it('creates the callback, answers with its id and deadline, and posts the channel card', async () => {
      await bindChannel(bot, connector);
      const form = await openForm(bot, connector);
      const answer = await submitForm(bot, form, {
        ...CUSTOMER,
        sensitive: 'false',
        digital: 'liever-persoonlijk',
        ageGroup: '55-of-ouder',
      });
      expect(textOf(answer)).to.match(/Terugbelverzoek \*\*TB-1001\*\* is aangemaakt\. Uiterlijk: morgen 17:00\./);
      const item = await getItem(bot, 'TB-1001');
      expect(item).to.include({ status: 'open', source: 'teams', owner: null });
      expect(item!.deadline!.toISOString()).to.equal(new Date('2026-11-27T17:00:00+01:00').toISOString());
      expect(item!.data).to.deep.include({ customerName: 'Mevrouw Jansen', phone: '+31612345678', phoneDisplay: '06 12345678' });
      expect(item!.data.profile).to.deep.equal({ ageGroup: '55-of-ouder', digital: 'liever-persoonlijk' });
      expect(await historyActions(bot, 'TB-1001')).to.deep.equal(['created']);
      await bot.settle();
      const card = await channelCard(bot, connector, 'TB-1001');
      expect(textOf(card))
        .to.contain(nl.callbacks.card.title('TB-1001'))
        .and.contain('Lekkage in de badkamer')
        .and.contain('Mevrouw Jansen')
        .and.contain('morgen · uiterlijk vrijdag 27 november, 17:00')
        .and.contain(nl.callbacks.status.open)
        .and.contain(anna.name);
      expect(verbsOf(card)).to.deep.equal(['callback.claim']);
    });

    it('a double submit of one form makes one callback; a colleague filling the same channel form makes their own', async () => {
      await bindChannel(bot, connector);
      const form = await openForm(bot, connector);
      const [a, b] = await Promise.all([submitForm(bot, form, CUSTOMER), submitForm(bot, form, CUSTOMER)]);
      expect(textOf(a)).to.contain('TB-1001');
      expect(textOf(b)).to.contain('TB-1001');
      const other = await submitForm(bot, form, { ...CUSTOMER, topic: 'Andere vraag' }, bram);
      expect(textOf(other)).to.contain('TB-1002');
      const again = await submitForm(bot, form, { ...CUSTOMER, topic: 'Nog iets anders' });
      expect(textOf(again)).to.contain('al verstuurd').and.contain('TB-1001');
      expect(await bot.app.s.repo.queryItems(TEST_TENANT, {})).to.have.length(2);
      await bot.settle();
      expect(
        connector.messagesIn(generalChannel.id).filter((m) => m.card && /Terugbelverzoek TB-/.test(JSON.stringify(m.card))),
      ).to.have.length(2);
    });

    const invalid: [string, Record<string, unknown>, RegExp][] = [
      ['customerName', { customerName: '' }, /Vul dit veld in/],
      ['customerName', { customerName: 'x'.repeat(101) }, /Maximaal 100 tekens/],
      ['phone', { phone: '' }, /Vul dit veld in/],
      ['phone', { phone: '12345' }, /geen geldig telefoonnummer/],
      ['phone', { phone: '06 1234' }, /geen geldig telefoonnummer/],
      ['topic', { topic: '   ' }, /Vul dit veld in/],
      ['topic', { topic: 't'.repeat(121) }, /Maximaal 120 tekens/],
      ['details', { details: 'd'.repeat(2001) }, /Maximaal 2000 tekens/],
      ['preferredMoment', { preferredDate: '2026-11-25', preferredTime: '10:00' }, /in het verleden/],
      ['preferredMoment', { preferredDate: '26-11-2026' }, /geldige datum/],
      ['assignee', { assignee: '29:1NiemandBekend' }, /ken ik niet/],
    ];
    for (const [field, patch, message] of invalid) {
      it(`an invalid ${field} (${JSON.stringify(patch).slice(0, 50)}) comes back in the same form, values kept, with a Dutch message`, async () => {
        const form = await openForm(bot, connector);
        const values = { ...CUSTOMER, digital: 'digitaal', ...patch };
        const answer = await submitForm(bot, form, values);
        const text = textOf(answer);
        expect(text).to.contain('Niet alles is goed ingevuld');
        expect(text).to.match(message);
        // The message sits right under its field.
        const body = answer.body as JsonActivity[];
        const flat = JSON.stringify(body);
        expect(flat).to.match(message);
        // Values kept, the same form id (a retry stays idempotent).
        for (const [k, v] of Object.entries(values)) {
          if (typeof v === 'string' && inputOf(answer, k)) expect(inputOf(answer, k)!.value, k).to.equal(v.replace(/\$\{/g, '$\u200b{'));
        }
        expect((answer.actions as JsonActivity[])[0]!.data.formId).to.equal((form.actions as JsonActivity[])[0]!.data.formId);
        expect(await bot.app.s.repo.queryItems(TEST_TENANT, {})).to.have.length(0);
      });
    }

    it('names every invalid field at once', async () => {
      const form = await openForm(bot, connector);
      const answer = await submitForm(bot, form, { customerName: '', phone: 'abc', topic: '', preferredDate: '2020-01-01' });
      const flat = JSON.stringify(answer.body);
      expect(flat.match(/Vul dit veld in/g)).to.have.length(2 + /* required-input errorMessages */ 3);
      expect(flat).to.contain('geen geldig telefoonnummer').and.contain('in het verleden');
      expect(inputOf(answer, 'phone')!.value).to.equal('abc');
    });

    it('a callback made for a colleague starts with them as owner, who gets a 1:1 message with their view', async () => {
      await bindChannel(bot, connector);
      await introduce(bot, bram);
      const form = await openForm(bot, connector);
      const answer = await submitForm(bot, form, { ...CUSTOMER, assignee: bram.aadObjectId });
      expect(textOf(answer)).to.contain('staat klaar voor Bram Jansen');
      const item = await getItem(bot, 'TB-1001');
      expect(item).to.include({ status: 'claimed' });
      expect(item!.owner).to.deep.include({ id: bram.aadObjectId, name: bram.name, teamsId: bram.id });
      await bot.settle();
      const dm = connector.messagesIn(personalConversationId(bram)).find((m) => /voor jou aangemaakt/.test(String(m.activity.text)));
      expect(dm, 'a 1:1 message to Bram').to.not.equal(undefined);
      expect(String(dm!.activity.text)).to.contain('TB-1001').and.contain(anna.name);
      expect(JSON.stringify(dm!.card)).to.contain('tel:+31612345678');
      const card = await channelCard(bot, connector, 'TB-1001');
      expect(textOf(card)).to.contain('Opgepakt door Bram Jansen');
      expect(card.refresh.userIds).to.deep.equal([bram.id]);
    });

    it('a colleague picked who is not known yet is looked up in the team roster', async () => {
      await bindChannel(bot, connector);
      const form = await openForm(bot, connector);
      await submitForm(bot, form, { ...CUSTOMER, assignee: bram.aadObjectId });
      const item = await getItem(bot, 'TB-1001');
      expect(item!.owner).to.deep.include({ id: bram.aadObjectId, name: bram.name, teamsId: bram.id });
    });
  });

  describe('the message extension "Terugbelverzoek maken"', () => {
    const message = {
      from: bram,
      html: '<p>Mevrouw Pieters belde over de cv-ketel &amp; de thermostaat.</p><p>Ze is bereikbaar op 06-87654321 na 14:00.</p>',
    };

    it('opens the form prefilled from the message, submitting with Action.Submit (dialogs do not run Action.Execute)', async () => {
      const res = await bot.post(
        messageExtensionFetchTask({
          from: anna,
          conversation: threadConversationId(generalChannel.id, '1700000000001'),
          commandId: 'terugbelverzoekMaken',
          message,
        }),
      );
      expect(res.status).to.equal(200);
      expect(res.body.task.type).to.equal('continue');
      expect(res.body.task.value.title).to.equal(nl.callbacks.formTitle);
      const form = res.body.task.value.card.content;
      expect(inputOf(form, 'details')!.value).to.equal(
        'Mevrouw Pieters belde over de cv-ketel & de thermostaat.\nZe is bereikbaar op 06-87654321 na 14:00.',
      );
      expect(inputOf(form, 'phone')!.value).to.equal('06-87654321');
      expect(inputOf(form, 'topic')!.value).to.equal('Mevrouw Pieters belde over de cv-ketel & de thermostaat.');
      expect(inputOf(form, 'customerName')!.value ?? '').to.equal('');
      expect((form.actions as JsonActivity[]).map((a) => a.type)).to.deep.equal(['Action.Submit']);
    });

    it('creates the callback on submit and posts its card; invalid input keeps the dialog open with messages', async () => {
      await bindChannel(bot, connector);
      const conversation = threadConversationId(generalChannel.id, '1700000000002');
      const fetched = await bot.post(messageExtensionFetchTask({ from: anna, conversation, commandId: 'terugbelverzoekMaken', message }));
      const form = fetched.body.task.value.card.content;
      const formId = (form.actions as JsonActivity[])[0]!.data.formId;
      const prefilled = { details: inputOf(form, 'details')!.value, phone: inputOf(form, 'phone')!.value, topic: 'Cv-ketel' };

      const bad = await bot.post(
        messageExtensionSubmit({
          from: anna,
          conversation,
          commandId: 'terugbelverzoekMaken',
          message,
          data: { formId, ...prefilled, customerName: '' },
        }),
      );
      expect(bad.body.task.type).to.equal('continue');
      const again = bad.body.task.value.card.content;
      expect(textOf(again)).to.contain('Vul dit veld in').and.contain('Niet alles is goed ingevuld');
      expect(inputOf(again, 'phone')!.value).to.equal('06-87654321');

      const ok = await bot.post(
        messageExtensionSubmit({
          from: anna,
          conversation,
          commandId: 'terugbelverzoekMaken',
          message,
          data: { formId, ...prefilled, customerName: 'Mevrouw Pieters' },
        }),
      );
      expect(ok.body.task).to.deep.equal({ type: 'message', value: nl.callbacks.created('TB-1001', 'morgen 17:00').replace(/\*\*/g, '') });
      const item = await getItem(bot, 'TB-1001');
      expect(item).to.include({ source: 'messageExtension', subject: 'Cv-ketel' });
      expect(item!.data).to.include({ phone: '+31687654321', customerName: 'Mevrouw Pieters' });
      await bot.settle();
      expect(textOf(await channelCard(bot, connector, 'TB-1001'))).to.contain('Cv-ketel');
    });
  });

  describe('the intake API POST /api/callbacks', () => {
    it('answers 201 {id, deadline} and posts the channel card', async () => {
      await bindChannel(bot, connector);
      const res = await intake(bot, { ...CUSTOMER, source: 'website' });
      expect(res.status).to.equal(201);
      expect(res.body).to.deep.include({ id: 'TB-1001', deadline: '2026-11-27T16:00:00.000Z' });
      await bot.settle();
      const card = await channelCard(bot, connector, 'TB-1001');
      expect(textOf(card)).to.contain('Intake (website), donderdag 26 november, 10:00').and.contain('Lekkage in de badkamer');
      expect(textOf(card)).to.not.contain('(via website)');
      expect((await getItem(bot, 'TB-1001'))!.source).to.equal('intake:website');
    });

    it('answers 401 without a key or with a wrong one, and creates nothing', async () => {
      const none = await httpJson('POST', `${bot.url}/api/callbacks`, CUSTOMER);
      expect(none.status).to.equal(401);
      expect(none.headers['www-authenticate']).to.equal('Bearer');
      expect(none.body.error.code).to.equal('Unauthorized');
      const wrong = await intake(bot, CUSTOMER, { authorization: 'Bearer test-intake-key-0123456780' });
      expect(wrong.status).to.equal(401);
      const short = await intake(bot, CUSTOMER, { authorization: 'Bearer x' });
      expect(short.status).to.equal(401);
      const basic = await intake(bot, CUSTOMER, { authorization: `Basic ${INTAKE_KEY}` });
      expect(basic.status).to.equal(401);
      expect(await bot.app.s.repo.queryItems(TEST_TENANT, {})).to.have.length(0);
    });

    it('answers 400 naming each invalid field, in the message and in fields', async () => {
      const res = await intake(bot, { customerName: '', phone: '0612', topic: 'x'.repeat(121), details: 'ok' });
      expect(res.status).to.equal(400);
      expect(res.body.error.code).to.equal('InvalidField');
      expect(Object.keys(res.body.error.fields).sort()).to.deep.equal(['customerName', 'phone', 'topic']);
      for (const f of ['customerName', 'phone', 'topic']) expect(res.body.error.message).to.contain(f);
      expect(res.body.error.fields.phone).to.contain('geen geldig telefoonnummer');
    });

    const bad: [string, Record<string, unknown>, string][] = [
      ['customerName', { customerName: 42 }, 'must be a string'],
      ['phone', { phone: 'bel me' }, 'geen geldig telefoonnummer'],
      ['topic', { topic: null }, 'Vul dit veld in'],
      ['details', { details: 'd'.repeat(2001) }, 'Maximaal 2000'],
      ['sensitive', { sensitive: 'ja' }, 'true or false'],
      ['preferredMoment', { preferredMoment: 'morgen' }, 'ISO 8601'],
      ['preferredMoment', { preferredMoment: '2026-11-25T10:00:00+01:00' }, 'verleden'],
      ['assignee', { assignee: 'iemand-onbekend' }, 'ken ik niet'],
      ['source', { source: ['website'] }, 'must be a string'],
      ['extra', { extra: 1 }, 'unknown field'],
    ];
    for (const [field, patch, message] of bad) {
      it(`answers 400 for an invalid ${field} (${JSON.stringify(patch).slice(0, 40)})`, async () => {
        const res = await intake(bot, { ...CUSTOMER, ...patch });
        expect(res.status, JSON.stringify(res.body)).to.equal(400);
        expect(Object.keys(res.body.error.fields)).to.deep.equal([field]);
        expect(res.body.error.fields[field]).to.contain(message);
        expect(res.body.error.message).to.contain(field);
        expect(await bot.app.s.repo.queryItems(TEST_TENANT, {})).to.have.length(0);
      });
    }

    it('answers 400 for a body that is not a JSON object, or malformed JSON', async () => {
      const arr = await intake(bot, [CUSTOMER]);
      expect(arr.status).to.equal(400);
      const broken = await intake(bot, '{"customerName": ');
      expect(broken.status).to.equal(400);
      expect(broken.body.error).to.have.property('message');
    });

    it('answers 415 for a body that is not JSON', async () => {
      const res = await httpJson('POST', `${bot.url}/api/callbacks`, 'customerName=Jansen', {
        authorization: `Bearer ${INTAKE_KEY}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      });
      expect(res.status).to.equal(415);
      expect(await bot.app.s.repo.queryItems(TEST_TENANT, {})).to.have.length(0);
    });

    it('an Idempotency-Key retried gives the same id, one callback and one channel card; concurrent retries too', async () => {
      await bindChannel(bot, connector);
      const first = await intake(bot, CUSTOMER, { 'Idempotency-Key': 'website-form-81723' });
      expect(first.status).to.equal(201);
      const retry = await intake(bot, CUSTOMER, { 'Idempotency-Key': 'website-form-81723' });
      expect(retry.status).to.equal(201);
      expect(retry.body).to.deep.equal(first.body);
      expect(retry.headers['idempotent-replayed']).to.equal('true');
      const burst = await Promise.all(
        Array.from({ length: 8 }, () => intake(bot, { ...CUSTOMER, topic: 'Tweede' }, { 'Idempotency-Key': 'telefooncentrale-77' })),
      );
      expect(new Set(burst.map((r) => r.status))).to.deep.equal(new Set([201]));
      expect(new Set(burst.map((r) => r.body.id)).size).to.equal(1);
      expect(await bot.app.s.repo.queryItems(TEST_TENANT, {})).to.have.length(2);
      await bot.settle();
      const cards = connector.messagesIn(generalChannel.id).filter((m) => /Terugbelverzoek TB-/.test(JSON.stringify(m.card ?? {})));
      expect(cards).to.have.length(2);
      // The same key with another body is refused: it would otherwise silently drop a callback.
      const reused = await intake(bot, { ...CUSTOMER, topic: 'Iets anders' }, { 'Idempotency-Key': 'website-form-81723' });
      expect(reused.status).to.equal(422);
      expect(reused.body.error.code).to.equal('IdempotencyKeyReused');
      expect(await bot.app.s.repo.queryItems(TEST_TENANT, {})).to.have.length(2);
    });

    it('keeps a callback accepted while no channel is bound, and posts it when koppel happens', async () => {
      const res = await intake(bot, CUSTOMER);
      expect(res.status).to.equal(201);
      await bot.settle();
      expect(connector.allPosted()).to.have.length(0);
      expect((await getItem(bot, res.body.id))!.card).to.equal(null);
      await bot.post(channelMessage({ text: 'koppel', from: anna, team: teamNoord }));
      await bot.settle();
      const said = connector.allPosted().map((p) => String(p.activity.text ?? ''));
      expect(
        said.some((t) => /1 verzoek dat wachtte/.test(t)),
        said.join(' | '),
      ).to.equal(true);
      const card = await channelCard(bot, connector, res.body.id);
      expect(textOf(card)).to.contain('Lekkage in de badkamer');
      // koppel again posts nothing twice.
      await bot.post(channelMessage({ text: 'koppel', from: anna, team: teamNoord }));
      await bot.settle();
      expect(connector.messagesIn(generalChannel.id).filter((m) => m.card && /TB-1001/.test(JSON.stringify(m.card)))).to.have.length(1);
    });

    it('a card that could not be posted (bot removed from the channel) is posted when another channel is bound', async () => {
      await bindChannel(bot, connector);
      connector.block(generalChannel.id, 403, {
        error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' },
      });
      const res = await intake(bot, CUSTOMER);
      await bot.settle();
      expect((await getItem(bot, res.body.id))!.card).to.equal(null);
      expect((await bot.app.s.repo.listOutbox({ status: 'failed' })).map((m) => m.type)).to.deep.equal(['postCard']);
      await bot.post(channelMessage({ text: 'koppel', from: anna, team: teamNoord, channel: aanmeldingenChannel }));
      await bot.settle();
      const card = await channelCard(bot, connector, res.body.id);
      expect(textOf(card)).to.contain('Lekkage in de badkamer');
      expect((await getItem(bot, res.body.id))!.card!.conversationId).to.equal(aanmeldingenChannel.id);
    });

    it('a callback for a known colleague (assignee) starts with them as owner', async () => {
      await bindChannel(bot, connector);
      await introduce(bot, bram);
      const res = await intake(bot, { ...CUSTOMER, assignee: bram.aadObjectId });
      expect(res.status).to.equal(201);
      expect(res.body.status).to.equal('claimed');
      await bot.settle();
      expect(connector.messagesIn(personalConversationId(bram)).some((m) => /voor jou aangemaakt/.test(String(m.activity.text)))).to.equal(
        true,
      );
    });

    it('the channel card never carries the phone number, in any form', async () => {
      await bindChannel(bot, connector);
      await intake(bot, { ...CUSTOMER, phone: '+31 6 12345678' });
      await bot.settle();
      const json = JSON.stringify(await channelCard(bot, connector, 'TB-1001'));
      for (const p of PHONE_FORMS) expect(json).to.not.contain(p);
    });
  });

  it('a restart between create and claim loses nothing', async () => {
    const db = tempSqliteUrl();
    await bot.stop();
    bot = await startCallbackBot({ databaseUrl: db });
    await bindChannel(bot, connector);
    // The channel is unreachable when the callback comes in: the post waits in the outbox.
    connector.failNext(1, { status: 412 });
    const res = await intake(bot, CUSTOMER);
    expect(res.status).to.equal(201);
    await bot.settle();
    await bot.stop();
    const cardsOf = () => connector.messagesIn(generalChannel.id).filter((m) => /TB-1001/.test(JSON.stringify(m.card ?? {})));
    expect(cardsOf()).to.have.length(0);
    expect(connector.rejected).to.have.length(1);
    bot = await startCallbackBot({ databaseUrl: db });
    bot.clock.advance(60_000); // past the retry's backoff
    await bot.settle();
    expect(cardsOf()).to.have.length(1);
    const claimed = await click(bot, bram, 'callback.claim', { id: res.body.id, v: 1 });
    expect(textOf(claimed.card)).to.contain('Je hebt TB-1001 opgepakt').and.contain('Mevrouw Jansen');
    await bot.settle();
    const card = await channelCard(bot, connector, 'TB-1001');
    expect(textOf(card)).to.contain('Opgepakt door Bram Jansen');
    expect(await historyActions(bot, 'TB-1001')).to.deep.equal(['created', 'claimed']);
  });
});
