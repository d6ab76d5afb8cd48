// Interpreter requests (tolk) over HTTP with the fake connector: both steps of the charter, the
// tracking states with their authorisation, the reminders under the ManualClock, bad input per
// field, the managers' monthly overview, and — after every test — a scan of EVERYTHING the fake
// connector received for channel conversations (and every invoke answer given in a channel):
// no language, no customer name, no address, not even the word "tolk".
import { expect } from 'chai';
import { startFakeConnector, type FakeConnector } from '../harness/fakeConnector';
import {
  adaptiveCardAction,
  anna,
  bram,
  carla,
  channelMessage,
  dirk,
  generalChannel,
  personalConversationId,
  personalMessage,
  teamNoord,
  type TestUser,
  type WireConversation,
} from '../harness/activities';
import { httpJson } from '../harness/http';
import { startBot, type BotUnderTest } from '../harness/bot';
import { LANGUAGES } from '../../src/texts/nl/interpreter';
import { nl } from '../../src/texts/nl';

/** The first sentence of the own-interpreter check reminder (the rest names the moment and id). */
const CHECK_REMINDER = nl.interpreter.msg.ownCheckReminder('', '').split(':')[0];
import { TEST_TENANT } from '../harness/roster';

const CUSTOMER = 'Fatima El Amrani';
const CUSTOMER_PHONE = '06 41234567';
const ADDRESS = 'Kerkstraat 12, Doesburg';
const OTHER_LANGUAGE = 'Amhaars';
const LANGUAGE_WORDS: RegExp[] = [...LANGUAGES.map((l) => l.split(' (')[0]!), OTHER_LANGUAGE].map((l) => new RegExp(`\\b${l}\\b`, 'i'));
/** Words that must never reach a channel in this flow (what the connector received for channel conversations). */
const FORBIDDEN: RegExp[] = [...LANGUAGE_WORDS, /Fatima/i, /El Amrani/i, /41234567/, /Kerkstraat/i, /tolk/i];
/**
 * Answers to interpreter.* invokes made in a channel are shown only to the person who clicked; the
 * answer to "Tolk nodig" is their own private view of the callback (with its customer). Still: no language, no address.
 */
const FORBIDDEN_IN_ANSWERS: RegExp[] = [...LANGUAGE_WORDS, /Kerkstraat/i];

const ENV = {
  MANAGER_IDS: dirk.aadObjectId,
  INTERPRETER_SERVICE_URL: 'https://tolkapp.example.nl/boeken',
  INTERPRETER_PHONE: '088 255 52 22',
  INTERPRETER_CUSTOMER_NUMBER: 'WIJ-4711',
};

const json = (v: unknown) => JSON.stringify(v);
const isChannel = (id: string | undefined) => !!id && id.split(';')[0]!.endsWith('@thread.tacv2');

/** Every TextBlock/FactSet text of a card, flattened (for readable assertions). */
function texts(card: any): string {
  const out: string[] = [];
  const walk = (v: any) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      if (typeof v.text === 'string') out.push(v.text);
      if (typeof v.title === 'string') out.push(v.title);
      if (typeof v.value === 'string') out.push(v.value);
      if (typeof v.label === 'string') out.push(v.label);
      Object.values(v).forEach(walk);
    }
  };
  walk(card);
  return out.join(' | ');
}

function findInput(card: any, id: string): any {
  let found: any;
  const walk = (v: any) => {
    if (found) return;
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      if (typeof v.type === 'string' && v.type.startsWith('Input.') && v.id === id) found = v;
      else Object.values(v).forEach(walk);
    }
  };
  walk(card);
  return found;
}

function actions(card: any): any[] {
  const out: any[] = [];
  const walk = (v: any) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      if (typeof v.type === 'string' && v.type.startsWith('Action.')) out.push(v);
      Object.values(v).forEach(walk);
    }
  };
  walk(card);
  return out;
}

describe('interpreter requests (tolk) over HTTP', () => {
  let connector: FakeConnector;
  let bot: BotUnderTest;
  /** Invoke answers given in channel conversations (Teams shows them in the channel). */
  let channelAnswers: unknown[];

  /** Everything the connector received for channel conversations (every request, failed ones too). */
  function channelTraffic(): string[] {
    const out: string[] = [];
    for (const r of connector.requests) {
      if (isChannel(r.conversationId)) out.push(json(r.body ?? ''));
      else if (r.route === 'createConversation' && (r.body as any)?.isGroup) out.push(json(r.body));
    }
    return out;
  }

  function leaks(traffic: string[], forbidden: RegExp[] = FORBIDDEN): string[] {
    const found: string[] = [];
    for (const body of traffic) for (const re of forbidden) if (re.test(body)) found.push(`${re} in ${body.slice(0, 300)}`);
    return found;
  }

  async function invoke(
    from: TestUser,
    verb: string,
    data: Record<string, unknown>,
    conversation: WireConversation | string = personalConversationId(from),
  ) {
    const res = await bot.post(adaptiveCardAction({ from, conversation, verb, data }));
    expect(res.status, `${verb} HTTP status`).to.equal(200);
    const card = res.body?.value;
    const convId = typeof conversation === 'string' ? conversation : conversation.id;
    if (isChannel(convId) && verb.startsWith('interpreter.')) channelAnswers.push(card);
    return card;
  }

  async function say(from: TestUser, text: string) {
    await bot.post(personalMessage({ text, from }));
  }

  async function bind() {
    await bot.post(channelMessage({ text: 'koppel', from: anna, team: teamNoord }));
    await connector.waitFor((c) => c.allPosted().find((p) => /werkkanaal/.test(String(p.activity.text ?? ''))));
  }

  /** A sensitive callback (name masked on the channel card), claimed by Anna in the channel. */
  async function claimedCallback(): Promise<{ id: string; conversationId: string }> {
    const res = await httpJson(
      'POST',
      `${bot.url}/api/callbacks`,
      { customerName: CUSTOMER, phone: CUSTOMER_PHONE, topic: 'Vraag over de huurverhoging', sensitive: true },
      {
        authorization: 'Bearer test-intake-key-0123456789',
      },
    );
    expect(res.status).to.equal(201);
    await bot.settle();
    const posted = await connector.waitFor((c) =>
      c.messagesIn(generalChannel.id).find((m) => m.card && json(m.card).includes(res.body.id)),
    );
    await invoke(anna, 'callback.claim', { id: res.body.id }, posted.conversationId);
    await bot.settle();
    return { id: res.body.id, conversationId: posted.conversationId };
  }

  function personalCards(u: TestUser): any[] {
    return connector
      .messagesIn(personalConversationId(u))
      .map((m) => m.card)
      .filter(Boolean);
  }

  /** Creates a booking through the form in Anna's 1:1 chat; returns the answer card and the item id. */
  async function book(from: TestUser, fields: Record<string, unknown>) {
    const card = await invoke(from, 'interpreter.create', { path: 'service', formId: `f-${Math.random()}`, ...fields });
    const id = /Tolk (TK-\d+)/.exec(texts(card))?.[1];
    return { card, id: id! };
  }

  before(async () => {
    connector = await startFakeConnector();
  });
  after(async () => connector.close());
  beforeEach(async () => {
    connector.reset();
    channelAnswers = [];
    bot = await startBot({ env: ENV });
  });
  afterEach(async function () {
    await bot.settle();
    const found = [...leaks(channelTraffic()), ...leaks(channelAnswers.map(json), FORBIDDEN_IN_ANSWERS)];
    await bot.stop();
    if (this.currentTest?.state !== 'failed')
      expect(found, 'channel traffic names a language, a customer or an interpreter').to.deep.equal([]);
  });

  it('`tolk` typed in a channel: a neutral line there, step 1 in the 1:1 chat', async () => {
    await bind();
    await bot.post(channelMessage({ text: 'tolk', from: anna, team: teamNoord }));
    const step1 = await connector.waitFor(() => personalCards(anna).find((c) => texts(c).includes(nl.interpreter.start.question)));
    expect(texts(step1)).to.contain('stap 1 van 2');
    const line = await connector.waitFor((c) =>
      c.messagesIn(generalChannel.id).find((m) => /persoonlijk bericht/.test(String(m.activity.text ?? ''))),
    );
    expect(line.activity.text).to.equal(nl.interpreter.sentPersonal);
    expect(line.card).to.equal(undefined);
    // The channel got exactly the binding line and the neutral line: no card.
    expect(connector.messagesIn(generalChannel.id).filter((m) => m.card)).to.have.length(0);
  });

  it('`tolk` in a channel before any channel is bound still reaches the 1:1 chat', async () => {
    await bot.post(channelMessage({ text: 'tolk', from: bram, team: teamNoord }));
    await connector.waitFor(() => personalCards(bram).find((c) => texts(c).includes(nl.interpreter.start.question)));
    expect(connector.createdConversations.map((c) => c.id)).to.include(personalConversationId(bram));
  });

  it('step 1 yes: "Tolk nodig" on the callback → own interpreter recorded on the callback, checked the working day before', async () => {
    await bind();
    const cb = await claimedCallback();
    // "Tolk nodig" on Anna's private view of the callback, in the channel.
    const answer = await invoke(anna, 'interpreter.start', { relatedId: cb.id }, cb.conversationId);
    expect(texts(answer)).to.contain(nl.interpreter.sentPersonal);
    expect(texts(answer)).to.contain(nl.callbacks.card.title(cb.id));
    const step1 = await connector.waitFor(() => personalCards(anna).find((c) => texts(c).includes(nl.interpreter.start.question)));
    expect(texts(step1)).to.contain(nl.interpreter.start.related(cb.id));
    const yes = actions(step1).find((a) => a.verb === 'interpreter.answer' && a.data.answer === 'own');
    expect(yes.data.relatedId).to.equal(cb.id);

    const form = await invoke(anna, 'interpreter.answer', yes.data);
    expect(texts(form)).to.contain(nl.interpreter.status.own);
    expect(findInput(form, 'relatedId').value).to.equal(cb.id);
    const submit = actions(form).find((a) => a.verb === 'interpreter.create');

    // Bad input first: a moment in the past, kept in the card with a Dutch message.
    const bad = await invoke(anna, 'interpreter.create', {
      ...submit.data,
      relatedId: cb.id,
      date: '2026-11-25',
      time: '10:00',
      ownBy: 'family',
    });
    expect(texts(bad)).to.contain(nl.common.momentInPast);
    expect(findInput(bad, 'date').value).to.equal('2026-11-25');
    expect(findInput(bad, 'ownBy').value).to.equal('family');

    // Wednesday 2 December 10:00: the check is on Tuesday 1 December.
    const done = await invoke(anna, 'interpreter.create', {
      ...submit.data,
      relatedId: cb.id,
      date: '2026-12-02',
      time: '10:00',
      ownBy: 'family',
    });
    const id = /Tolk (TK-\d+)/.exec(texts(done))![1]!;
    expect(texts(done)).to.contain(nl.interpreter.status.own);
    expect(texts(done)).to.contain('woensdag 2 december, 10:00');
    expect(texts(done)).to.contain('dinsdag 1 december');
    const item = await bot.app.s.items.get(TEST_TENANT, id);
    expect(item).to.deep.include({ kind: 'interpreter', status: 'own' });
    expect(item!.card).to.equal(null);

    // Recorded on the callback: data + a history line with the moment, and in the owner's private view.
    const callback = await bot.app.s.items.get(TEST_TENANT, cb.id);
    expect((callback!.data as any).interpreters).to.deep.equal([{ id, own: true, moment: '2026-12-02T09:00:00.000Z' }]);
    const history = await bot.app.s.repo.history(TEST_TENANT, cb.id);
    expect(history.at(-1)).to.deep.include({ action: 'interpreterLinked' });
    expect(history.at(-1)!.note).to.contain('woensdag 2 december, 10:00');
    const view = await invoke(anna, 'callback.view', { id: cb.id });
    expect(texts(view)).to.contain(`**Tolk**\n${id}: Klant regelt zelf een tolk, woensdag 2 december, 10:00`);
    await bot.settle();
    // The callback's channel card was updated in place and shows nothing of it.
    const channelCard = connector.messagesIn(generalChannel.id).find((m) => m.card && json(m.card).includes(cb.id))!;
    expect(channelCard.updates).to.be.greaterThan(0);
    expect(json(channelCard.card)).not.to.match(/tolk/i);

    // The check reminder: not before the working day before, not before office hours, exactly once.
    const before = () =>
      connector.messagesIn(personalConversationId(anna)).filter((m) => String(m.activity.text ?? '').startsWith(CHECK_REMINDER)).length;
    bot.clock.set('2026-11-30T10:00:00+01:00');
    await bot.tick();
    expect(before()).to.equal(0);
    bot.clock.set('2026-12-01T08:00:00+01:00');
    await bot.tick();
    expect(before()).to.equal(0);
    bot.clock.set('2026-12-01T09:00:00+01:00');
    await bot.tick();
    await bot.tick();
    bot.clock.set('2026-12-01T15:00:00+01:00');
    await bot.tick();
    expect(before()).to.equal(1);
    expect(await bot.app.s.repo.hasClaim(TEST_TENANT, `interpreter-owncheck:${id}`)).to.equal(true);
    const reminder = connector
      .messagesIn(personalConversationId(anna))
      .find((m) => String(m.activity.text ?? '').startsWith(CHECK_REMINDER))!;
    expect(reminder.activity.text).to.contain(id);
    expect(texts(reminder.card)).to.contain(nl.interpreter.card.fallback);

    // It falls through after all: step 2 opens with what we know, the own arrangement is not counted.
    const fb = await invoke(anna, 'interpreter.fallback', { id });
    expect(texts(fb)).to.contain('stap 2 van 2');
    expect(findInput(fb, 'relatedId').value).to.equal(cb.id);
    expect(findInput(fb, 'date').value).to.equal('2026-12-02');
    expect(findInput(fb, 'time').value).to.equal('10:00');
    expect((await bot.app.s.items.get(TEST_TENANT, id))!.status).to.equal('cancelled');
  });

  it('"Tolk nodig" on an appointment: the booking links to its AF- id as to a callback; owner view yes, channel card no', async () => {
    await bind();
    // A sensitive walk-in follow-up for Anna, made by Bram at the desk.
    const made = await invoke(bram, 'appointment.create', {
      promiseKind: 'walkin',
      customerName: CUSTOMER,
      contact: CUSTOMER_PHONE,
      topic: 'Vraag over de huurverhoging',
      sensitive: 'true',
      date: '2026-12-02',
      time: '10:00',
      how: 'kantoor',
      owner: anna.aadObjectId,
    });
    const afId = /AF-\d+/.exec(json(made))![0];
    await bot.settle();
    const posted = await connector.waitFor((c) => c.messagesIn(generalChannel.id).find((m) => m.card && json(m.card).includes(afId)));
    const updatesBefore = posted.updates;

    // "Tolk nodig" on Anna's private view of the appointment, in the channel.
    const view = await invoke(anna, 'appointment.view', { id: afId }, posted.conversationId);
    const button = actions(view).find((a) => a.verb === 'interpreter.start');
    expect(button.data.relatedId).to.equal(afId);
    const answer = await invoke(anna, 'interpreter.start', button.data, posted.conversationId);
    expect(texts(answer)).to.contain(nl.interpreter.sentPersonal).and.contain(`Afspraak ${afId}`);
    const step1 = await connector.waitFor(() => personalCards(anna).find((c) => texts(c).includes(nl.interpreter.start.related(afId))));
    const no = actions(step1).find((a) => a.verb === 'interpreter.answer' && a.data.answer === 'service');
    const form = await invoke(anna, 'interpreter.answer', no.data);
    expect(findInput(form, 'relatedId').value).to.equal(afId);
    const { id } = await book(anna, {
      language: 'Arabisch',
      mode: 'video',
      date: '2026-12-02',
      time: '10:00',
      duration: '30',
      relatedId: afId,
    });
    expect(id).to.match(/^TK-\d+$/);

    // Recorded on the appointment: data + a private history line, and in the owner's view.
    const appointment = await bot.app.s.items.get(TEST_TENANT, afId);
    expect((appointment!.data as any).interpreters).to.deep.equal([{ id, own: false, moment: '2026-12-02T09:00:00.000Z' }]);
    const history = await bot.app.s.repo.history(TEST_TENANT, afId);
    expect(history.at(-1)).to.deep.include({ action: 'interpreterLinked', details: { interpreterId: id, own: false } });
    const after = await invoke(anna, 'appointment.view', { id: afId });
    expect(texts(after)).to.contain(`**Tolk**\n${id}: Aangevraagd, woensdag 2 december, 10:00`);
    // The appointment's channel card was updated in place and shows nothing of it (not even in the history count).
    await bot.settle();
    const channelCard = connector.messagesIn(generalChannel.id).find((m) => m.card && json(m.card).includes(afId))!;
    expect(channelCard.updates).to.be.greaterThan(updatesBefore);
    expect(json(channelCard.card)).not.to.match(/tolk/i);
    expect(texts(channelCard.card)).to.contain(`Geschiedenis (${history.length - 1})`);
  });

  it('step 2: bad input gets a Dutch message per field with the values kept; then the booking card', async () => {
    await say(anna, 'tolk');
    const step1 = await connector.waitFor(() => personalCards(anna)[0]);
    const no = actions(step1).find((a) => a.verb === 'interpreter.answer' && a.data.answer === 'service');
    const form = await invoke(anna, 'interpreter.answer', no.data);
    expect(texts(form)).to.contain('stap 2 van 2');
    const language = findInput(form, 'language');
    expect(language.style).to.equal('filtered');
    const offered = language.choices.map((c: any) => c.title);
    for (const l of ['Arabisch', 'Tigrinya', 'Turks', 'Pools', 'Oekraïens', 'Engels', 'Dari', 'Farsi', 'Somalisch', 'Koerdisch'])
      expect(offered).to.include(l);
    expect(language.choices.at(-1).value).to.equal('other');
    expect(findInput(form, 'mode').choices.map((c: any) => c.title)).to.deep.equal([
      nl.interpreter.modes.phoneNow,
      nl.interpreter.modes.phonePlanned,
      'Video',
      nl.interpreter.modes.onSite,
    ]);
    const formId = actions(form).find((a) => a.verb === 'interpreter.create').data.formId;

    // On site, in the past, zero minutes, no address.
    const bad = await invoke(anna, 'interpreter.create', {
      path: 'service',
      formId,
      language: 'Tigrinya',
      mode: 'onSite',
      date: '2026-11-25',
      time: '14:00',
      duration: '0',
      address: '  ',
    });
    const t1 = texts(bad);
    expect(t1).to.contain('Niet alles is goed ingevuld');
    expect(t1).to.contain(nl.common.momentInPast);
    expect(t1).to.contain(nl.interpreter.errors.durationZero);
    expect(t1).to.contain('Vul het adres in.');
    expect(findInput(bad, 'language').value).to.equal('Tigrinya');
    expect(findInput(bad, 'mode').value).to.equal('onSite');
    expect(findInput(bad, 'date').value).to.equal('2026-11-25');
    expect(findInput(bad, 'time').value).to.equal('14:00');
    expect(findInput(bad, 'duration').value).to.equal(0);

    // No language, no kind, no moment, an unknown related id.
    const bad2 = await invoke(anna, 'interpreter.create', { path: 'service', formId, duration: '30', relatedId: 'TB-9999' });
    const t2 = texts(bad2);
    for (const m of [
      nl.interpreter.errors.languageRequired,
      nl.interpreter.errors.modeRequired,
      nl.interpreter.errors.momentRequired,
      'Ik kan TB-9999 niet vinden.',
    ])
      expect(t2).to.contain(m);
    expect(findInput(bad2, 'relatedId').value).to.equal('TB-9999');
    // "Andere taal" chosen but not typed.
    const bad3 = await invoke(anna, 'interpreter.create', {
      path: 'service',
      formId,
      language: 'other',
      mode: 'video',
      date: '2026-12-03',
      time: '14:00',
      duration: '30',
    });
    expect(texts(bad3)).to.contain(nl.interpreter.errors.languageOtherRequired);
    expect(await bot.app.s.repo.queryItems(TEST_TENANT, { kinds: ['interpreter'] })).to.have.length(0);

    const ok = await invoke(anna, 'interpreter.create', {
      path: 'service',
      formId,
      language: 'Tigrinya',
      mode: 'onSite',
      date: '2026-12-03',
      time: '14:00',
      duration: '45',
      address: ADDRESS,
    });
    const id = /Tolk (TK-\d+)/.exec(texts(ok))![1]!;
    expect(texts(ok)).to.contain(nl.interpreter.status.requested);
    const open = actions(ok).find((a) => a.type === 'Action.OpenUrl');
    expect(open.url).to.equal('https://tolkapp.example.nl/boeken');
    const copy = findInput(ok, 'bookingText').value as string;
    expect(copy.split('\n')).to.deep.equal([
      'Klantnummer: WIJ-4711',
      'Taal: Tigrinya',
      'Soort: Op locatie',
      'Datum en tijd: donderdag 3 december, 14:00',
      'Duur: 45 minuten',
      `Adres: ${ADDRESS}`,
    ]);
    expect(texts(ok)).to.contain('(tel:0882555222)');
    expect(texts(ok)).to.contain('morgen 17:00'); // confirm by the end of the next working day

    // A double click on the same form makes no second request.
    const again = await invoke(anna, 'interpreter.create', {
      path: 'service',
      formId,
      language: 'Tigrinya',
      mode: 'onSite',
      date: '2026-12-03',
      time: '14:00',
      duration: '45',
      address: ADDRESS,
    });
    expect(texts(again)).to.contain(`Tolk ${id}`);
    expect(await bot.app.s.repo.queryItems(TEST_TENANT, { kinds: ['interpreter'] })).to.have.length(1);

    // A free-text language, telephone now (no moment needed).
    const other = await book(anna, { language: 'other', languageOther: 'amhaars', mode: 'phoneNow', duration: '20' });
    expect(findInput(other.card, 'bookingText').value).to.contain('Taal: Amhaars');
    expect(texts(other.card)).to.contain('Nu (donderdag 26 november, 10:00)');
  });

  it('tracking: confirm (reference required) → done, or cancel (reason); owner or manager only', async () => {
    const { id } = await book(anna, { language: 'Arabisch', mode: 'video', date: '2026-12-04', time: '11:00', duration: '30' });

    const notYours = await invoke(bram, 'interpreter.confirm', { id, reference: 'X-1' });
    expect(texts(notYours)).to.contain(nl.common.notAllowed);
    expect(json(notYours)).not.to.contain('Arabisch');
    expect(json(await invoke(bram, 'interpreter.view', { id }))).not.to.contain('Arabisch');

    const tooEarly = await invoke(anna, 'interpreter.done', { id });
    expect(texts(tooEarly)).to.contain('Vul eerst het referentienummer in');

    const noRef = await invoke(anna, 'interpreter.confirm', { id, reference: ' ' });
    expect(texts(noRef)).to.contain(nl.interpreter.errors.referenceRequired);
    expect(findInput(noRef, 'reference')).to.not.equal(undefined);

    // Not in a channel, whoever asks.
    const inChannel = await invoke(anna, 'interpreter.confirm', { id, reference: 'GT-1' }, generalChannel.id);
    expect(texts(inChannel)).to.contain('alleen in de persoonlijke chat');
    expect((await bot.app.s.items.get(TEST_TENANT, id))!.status).to.equal('requested');

    const confirmed = await invoke(anna, 'interpreter.confirm', { id, reference: 'GT-2026-0815' });
    expect(texts(confirmed)).to.contain(nl.interpreter.status.confirmed);
    expect(texts(confirmed)).to.contain('GT-2026-0815');
    expect(findInput(confirmed, 'reference')).to.equal(undefined);
    expect(texts(await invoke(anna, 'interpreter.confirm', { id, reference: 'again' }))).to.contain('al bevestigd');

    expect(texts(await invoke(bram, 'interpreter.done', { id }))).to.contain('Dat mag alleen');
    const byManager = await invoke(dirk, 'interpreter.done', { id });
    expect(texts(byManager)).to.contain(nl.interpreter.status.done);
    const item = await bot.app.s.items.get(TEST_TENANT, id);
    expect(item!.status).to.equal('done');
    expect(item!.closedAt).to.not.equal(null);
    const told = await connector.waitFor(() =>
      connector.messagesIn(personalConversationId(anna)).find((m) => /Dirk Bakker: .* is afgerond/.test(String(m.activity.text ?? ''))),
    );
    expect(told.activity.text).to.contain(id);
    expect(texts(await invoke(anna, 'interpreter.cancel', { id, reason: 'te laat' }))).to.contain('al afgerond');

    // Cancel: Carla's request, a reason is required, Bram may not.
    const second = await book(carla, { language: 'Pools', mode: 'phonePlanned', date: '2026-12-07', time: '09:30', duration: '15' });
    expect(texts(await invoke(bram, 'interpreter.cancel', { id: second.id, reason: 'weg' }))).to.contain('Dat mag alleen');
    const noReason = await invoke(carla, 'interpreter.cancel', { id: second.id, reason: '' });
    expect(texts(noReason)).to.contain(nl.interpreter.errors.reasonRequired);
    const reasonInput = findInput(noReason, 'reason');
    expect(reasonInput).to.not.equal(undefined);
    const cancelled = await invoke(carla, 'interpreter.cancel', { id: second.id, reason: 'Klant heeft de afspraak afgezegd' });
    expect(texts(cancelled)).to.contain(nl.interpreter.status.cancelled);
    expect(texts(cancelled)).to.contain('Klant heeft de afspraak afgezegd');
    expect(actions(cancelled).filter((a) => a.type === 'Action.Execute')).to.have.length(0);
    const h = await bot.app.s.repo.history(TEST_TENANT, second.id);
    expect(h.map((x) => x.action)).to.deep.equal(['created', 'cancelled']);
  });

  it('a booking not confirmed by the end of the next working day reminds its owner once', async () => {
    // Thursday 26 November 10:00: confirm by Friday 27 November 17:00.
    const late = await book(anna, { language: 'Somalisch', mode: 'phonePlanned', date: '2026-12-07', time: '10:00', duration: '30' });
    const confirmedInTime = await book(anna, { language: 'Dari', mode: 'video', date: '2026-12-08', time: '10:00', duration: '30' });
    await invoke(anna, 'interpreter.confirm', { id: confirmedInTime.id, reference: 'GT-1' });
    const reminders = () =>
      connector.messagesIn(personalConversationId(anna)).filter((m) => /is nog niet bevestigd/.test(String(m.activity.text ?? '')));

    bot.clock.set('2026-11-27T16:59:00+01:00');
    await bot.tick();
    expect(reminders()).to.have.length(0);
    bot.clock.set('2026-11-28T10:00:00+01:00'); // Saturday
    await bot.tick();
    expect(reminders()).to.have.length(0);
    bot.clock.set('2026-11-30T08:45:00+01:00'); // Monday, office open
    await bot.tick();
    await bot.tick();
    bot.clock.set('2026-11-30T14:00:00+01:00');
    await bot.tick();
    expect(reminders()).to.have.length(1);
    // Claimed once in the database (several instances tick too), not just deduplicated in the outbox.
    expect(await bot.app.s.repo.hasClaim(TEST_TENANT, `interpreter-confirm:${late.id}`)).to.equal(true);
    expect(await bot.app.s.repo.hasClaim(TEST_TENANT, `interpreter-confirm:${confirmedInTime.id}`)).to.equal(false);
    const r = reminders()[0]!;
    expect(r.activity.text).to.contain(late.id);
    expect(r.activity.text).not.to.contain(confirmedInTime.id);
    // The owner's card comes with it, ready to fill in the reference.
    expect(findInput(r.card, 'reference')).to.not.equal(undefined);
    expect(texts(r.card)).to.contain(`Tolk ${late.id}`);

    // A restart on the same database does not remind again.
    await bot.stop();
    bot = await startBot({ env: ENV, databaseUrl: bot.databaseUrl, clock: bot.clock });
    bot.clock.set('2026-12-01T10:00:00+01:00');
    await bot.tick();
    expect(reminders()).to.have.length(1);
  });

  it('`tolk overzicht`: managers only, sent to the 1:1 chat, per language and kind, own counted, no customer data', async () => {
    await bind();
    const cb = await claimedCallback();
    // An own interpreter, one that fell through, and bookings.
    const form = await invoke(anna, 'interpreter.answer', { answer: 'own', relatedId: cb.id });
    const formId = actions(form).find((a) => a.verb === 'interpreter.create').data.formId;
    await invoke(anna, 'interpreter.create', { path: 'own', formId, relatedId: cb.id, date: '2026-12-02', time: '10:00' });
    const own2 = await invoke(anna, 'interpreter.create', { path: 'own', formId: 'own-2', date: '2026-12-03', time: '10:00' });
    await invoke(anna, 'interpreter.fallback', { id: /Tolk (TK-\d+)/.exec(texts(own2))![1] });
    await book(anna, { language: 'Arabisch', mode: 'video', date: '2026-12-04', time: '11:00', duration: '30', relatedId: cb.id });
    await book(bram, { language: 'arabisch', mode: 'phoneNow', duration: '15' });
    await book(carla, { language: 'Tigrinya', mode: 'onSite', date: '2026-12-04', time: '11:00', duration: '60', address: ADDRESS });
    const cancelled = await book(carla, { language: 'Turks', mode: 'video', date: '2026-12-04', time: '11:00', duration: '30' });
    await invoke(carla, 'interpreter.cancel', { id: cancelled.id, reason: 'niet meer nodig' });

    await bot.post(channelMessage({ text: 'tolk overzicht', from: bram, team: teamNoord }));
    await connector.waitFor((c) => c.messagesIn(generalChannel.id).find((m) => /leidinggevenden/.test(String(m.activity.text ?? ''))));
    expect(personalCards(bram).filter((c) => texts(c).includes('Tolken in'))).to.have.length(0);

    await bot.post(channelMessage({ text: 'tolk overzicht', from: dirk, team: teamNoord }));
    const card = await connector.waitFor(() =>
      personalCards(dirk).find((c) => texts(c).includes(nl.interpreter.overview.title('november 2026'))),
    );
    await connector.waitFor((c) => c.messagesIn(generalChannel.id).find((m) => m.activity.text === nl.interpreter.sentPersonal));
    const facts = (card.body as any[])
      .filter((b) => b.type === 'FactSet')
      .map((f) => Object.fromEntries(f.facts.map((x: any) => [x.title, x.value])));
    expect(facts[0]).to.deep.equal({
      [nl.interpreter.overview.total]: '4',
      [nl.interpreter.overview.own]: '1',
      [nl.interpreter.overview.service]: '3',
      [nl.interpreter.overview.done]: '0',
      [nl.interpreter.overview.minutes]: '105',
      [nl.interpreter.overview.cancelled]: '1',
    });
    expect(facts[1]).to.deep.equal({ Arabisch: '2', Tigrinya: '1' });
    expect(facts[2]).to.deep.equal({ [nl.interpreter.modes.phoneNow]: '1', Video: '1', [nl.interpreter.modes.onSite]: '1' });
    const whole = json(card);
    for (const personal of [CUSTOMER, 'Kerkstraat', cb.id, anna.givenName, bram.givenName, carla.givenName])
      expect(whole).not.to.contain(personal);

    // The previous month, from the card's own button, in Dirk's 1:1 chat.
    const prev = actions(card).find((a) => a.verb === 'interpreter.overview');
    const october = await invoke(dirk, 'interpreter.overview', prev.data);
    expect(texts(october)).to.contain(nl.interpreter.overview.title('oktober 2026'));
    expect(texts(october)).to.contain(nl.interpreter.overview.none);
    expect(texts(await invoke(bram, 'interpreter.overview', prev.data))).to.contain('alleen voor leidinggevenden');
    await say(dirk, 'tolk overzicht 2026-13');
    await connector.waitFor(() =>
      connector.messagesIn(personalConversationId(dirk)).find((m) => /Gebruik: \*\*tolk overzicht\*\*/.test(String(m.activity.text ?? ''))),
    );
  });

  it('the privacy scan finds a language when one is there (it can fail)', async () => {
    await bind();
    await book(anna, { language: 'Farsi', mode: 'video', date: '2026-12-04', time: '11:00', duration: '30' });
    await bot.post(channelMessage({ text: 'tolk', from: anna, team: teamNoord }));
    await connector.waitFor((c) => c.messagesIn(generalChannel.id).find((m) => /persoonlijk bericht/.test(String(m.activity.text ?? ''))));
    expect(channelTraffic().length).to.be.greaterThan(1);
    // The same scan over Anna's 1:1 chat does see the language (so it would see it in a channel).
    const personalTraffic = connector.requests.filter((r) => r.conversationId?.startsWith('a:')).map((r) => json(r.body ?? ''));
    const invokeAnswer = await invoke(anna, 'interpreter.view', {
      id: (await bot.app.s.repo.queryItems(TEST_TENANT, { kinds: ['interpreter'] }))[0]!.id,
    });
    expect(leaks([...personalTraffic, json(invokeAnswer)]).some((l) => l.includes('Farsi'))).to.equal(true);
  });
});
