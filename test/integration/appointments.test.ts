// Follow-up appointments over real HTTP (fake Bot Connector, SQLite, ManualClock at Thursday
// 26 November 2026, 10:00): the kind picker and prefilled form, the walk-in rule, the life cycle,
// the channel card's privacy, and authorisation.
import { expect } from 'chai';
import { nl } from '../../src/texts/nl';
import { type FakeConnector } from '../harness/fakeConnector';
import {
  adaptiveCardAction,
  anna,
  bram,
  carla,
  dirk,
  generalChannel,
  personalConversationId,
  personalMessage,
  TEST_TENANT,
} from '../harness/activities';
import type { BotUnderTest } from '../harness/bot';
import { startTeamBot } from '../harness/team';
import { findAll } from '../harness/cards';
import { useBot } from '../harness/suite';

const json = (v: unknown) => JSON.stringify(v);
const personal = (u: typeof anna) => personalConversationId(u);

describe('follow-up appointments (HTTP)', () => {
  let connector: FakeConnector;
  let bot: BotUnderTest;
  const suite = useBot((connector) => startTeamBot(connector));
  beforeEach(() => ({ connector, bot } = suite));

  const act = (from: typeof anna, verb: string, data: Record<string, unknown>, conversation = personal(from)) =>
    bot.post(adaptiveCardAction({ from, conversation, verb, data }));

  async function createWalkin(): Promise<string> {
    const res = await act(bram, 'appointment.create', {
      promiseKind: 'walkin',
      customerName: 'Meneer El Amrani',
      contact: '06 12345678',
      topic: 'Schimmel in de slaapkamer',
      date: '2026-11-30',
      time: '10:00',
      how: 'thuis',
      owner: anna.aadObjectId,
    });
    expect(res.status).to.equal(200);
    const text = json(res.body.value);
    const id = /AF-\d+/.exec(text)?.[0];
    expect(id, text).to.be.a('string');
    return id!;
  }

  it('afspraak shows the kinds with their terms; a kind opens its form prefilled from the working-time rules', async () => {
    await bot.post(personalMessage({ text: 'afspraak', from: bram }));
    const msg = await connector.waitFor((c) => c.messagesIn(personal(bram)).find((m) => m.card));
    const chooser = json(msg.card);
    expect(chooser).to.contain(nl.appointments.kindButtons.email).and.contain(nl.appointments.kindButtons.walkin);
    // Thursday 26 Nov: e-mail reply by Friday 27 Nov 17:00, the answer within 5 working days = Thursday 3 Dec 17:00.
    expect(chooser).to.contain('morgen 17:00').and.contain('donderdag 3 december, 17:00');

    const form = (await act(bram, 'appointment.form', { promiseKind: 'email' })).body.value;
    const inputs = findAll(form, (e) => typeof e.id === 'string' && String(e.type).startsWith('Input.'));
    const byId = Object.fromEntries(inputs.map((i) => [i.id, i]));
    expect(byId.date.value).to.equal('2026-12-03');
    expect(byId.time.value).to.equal('17:00');
    expect(byId.owner.value, 'owner defaults to the creator').to.equal(bram.aadObjectId);
    expect(json(form)).to.contain('Eerste reactie: morgen 17:00 (vaste termijn)');

    const letter = (await act(bram, 'appointment.form', { promiseKind: 'letter' })).body.value;
    expect(Object.fromEntries(findAll(letter, (e) => e.id === 'date').map((i) => [i.id, i.value])).date).to.equal('2026-12-03');
    // `afspraak balie` goes straight to the walk-in form, which insists: no prefilled moment or owner.
    connector.reset();
    await bot.post(personalMessage({ text: 'afspraak balie', from: bram }));
    const walkin = (await connector.waitFor((c) => c.messagesIn(personal(bram)).find((m) => m.card))).card!;
    expect(json(walkin)).to.contain('Zorg dat de klant niet vertrekt zonder afspraak');
    const w = Object.fromEntries(
      findAll(walkin, (e) => typeof e.id === 'string' && String(e.type).startsWith('Input.')).map((i) => [i.id, i]),
    );
    expect(w.date.isRequired).to.equal(true);
    expect(w.owner.isRequired).to.equal(true);
    expect(w.owner.value ?? '').to.equal('');
  });

  it('the walk-in rule: no appointment without a moment, a colleague, how and a contact; values are kept', async () => {
    const res = await act(bram, 'appointment.create', { promiseKind: 'walkin', customerName: 'Meneer El Amrani', topic: 'Schimmel' });
    const card = res.body.value;
    const text = json(card);
    expect(text).to.contain(nl.appointments.errors.walkinMoment);
    expect(text).to.contain(nl.appointments.errors.walkinOwner);
    expect(text).to.contain(nl.appointments.errors.howRequired);
    expect(text).to.contain(nl.appointments.errors.contactRequired);
    expect(findAll(card, (e) => e.id === 'customerName')[0]!.value).to.equal('Meneer El Amrani');
    expect(await bot.app.s.repo.queryItems(TEST_TENANT, { kinds: ['appointment'] })).to.have.length(0);
    // A moment in the past is refused too.
    const past = await act(bram, 'appointment.create', {
      promiseKind: 'walkin',
      customerName: 'X',
      contact: '06 12345678',
      topic: 'Y',
      how: 'telefoon',
      owner: anna.aadObjectId,
      date: '2026-11-25',
      time: '10:00',
    });
    expect(json(past.body.value)).to.contain(nl.common.momentInPast);
  });

  it('a walk-in appointment is made for the right colleague, who is told; the channel card shows no contact details', async () => {
    const id = await createWalkin();
    await bot.settle();
    const item = await bot.app.s.items.get(TEST_TENANT, id);
    expect(item!.owner!.id).to.equal(anna.aadObjectId);
    expect(item!.deadline!.toISOString()).to.equal('2026-11-30T09:00:00.000Z');
    const posted = await connector.waitFor((c) => c.messagesIn(generalChannel.id).find((m) => json(m.card).includes(id)));
    const channelText = json(posted.card);
    expect(channelText)
      .to.contain('Schimmel in de slaapkamer')
      .and.contain('maandag 30 november, 10:00')
      .and.contain(nl.appointments.choices.how.thuis);
    expect(channelText).to.not.contain('12345678');
    expect(channelText).to.not.contain('+316');
    const notice = await connector.waitFor((c) => c.messagesIn(personal(anna)).find((m) => String(m.activity.text ?? '').includes(id)));
    expect(String(notice.activity.text)).to.contain('Bram Jansen heeft afspraak');
    expect(json(notice.card), 'the owner gets her private view with the contact').to.contain('tel:+31612345678');
  });

  it('life cycle: claim once, handover, new appointment with a reason keeps both moments, done with a dossier note', async () => {
    const res = await act(carla, 'appointment.create', {
      promiseKind: 'other',
      customerName: 'Mevrouw Jansen',
      topic: 'Vraag over de tuin',
      owner: '',
      date: '',
      time: '',
    });
    const id = /AF-\d+/.exec(json(res.body.value))![0];
    const fresh = await bot.app.s.items.get(TEST_TENANT, id);
    expect(fresh!.owner, 'empty owner: for the team').to.equal(null);
    expect(fresh!.deadline!.toISOString(), 'other: end of the next working day').to.equal('2026-11-27T16:00:00.000Z');

    const [a, b] = await Promise.all([act(anna, 'appointment.claim', { id }), act(bram, 'appointment.claim', { id })]);
    const texts = [json(a.body.value), json(b.body.value)];
    expect(texts.filter((t) => t.includes('heeft deze afspraak al opgepakt'))).to.have.length(1);
    const owner = (await bot.app.s.items.get(TEST_TENANT, id))!.owner!;
    const other = owner.id === anna.aadObjectId ? bram : anna;
    const ownerUser = owner.id === anna.aadObjectId ? anna : bram;

    expect(
      json((await act(other, 'appointment.done', { id, answer: 'ja', note: 'Geregeld met de klant.', confirmation: 'email' })).body.value),
    ).to.contain('alleen de behandelaar');
    expect(json((await act(ownerUser, 'appointment.reschedule', { id, date: '2026-12-01', time: '14:00' })).body.value)).to.contain(
      nl.appointments.errors.reasonRequired,
    );
    const moved = await act(ownerUser, 'appointment.reschedule', {
      id,
      date: '2026-12-01',
      time: '14:00',
      reason: 'Klant is ziek, gebeld en nieuwe afspraak gemaakt',
    });
    expect(json(moved.body.value)).to.contain('nieuw moment: dinsdag 1 december, 14:00');
    const handed = await act(ownerUser, 'appointment.handover', { id, to: carla.aadObjectId });
    expect(json(handed.body.value)).to.contain('overgedragen aan Carla Smit');
    const tooShort = await act(carla, 'appointment.done', { id, answer: 'ja', note: 'ok', confirmation: 'email' });
    expect(json(tooShort.body.value)).to.contain('Schrijf iets meer');
    const done = await act(carla, 'appointment.done', { id, answer: 'ja', note: 'Hovenier komt volgende week.', confirmation: 'brief' });
    expect(json(done.body.value)).to.contain('is afgerond');
    const history = await bot.app.s.repo.history(TEST_TENANT, id);
    expect(history.map((h) => h.action)).to.deep.equal(['created', 'claimed', 'rescheduled', 'handedOver', 'done']);
    expect(history[2]!.details).to.deep.equal({ from: '2026-11-27T16:00:00.000Z', to: '2026-12-01T13:00:00.000Z' });
    expect(history[2]!.note).to.contain('Klant is ziek');
    expect(history[4]!.note).to.equal('Hovenier komt volgende week.');
    // Finished: every further action is refused.
    expect(json((await act(carla, 'appointment.release', { id })).body.value)).to.contain('al afgerond');
  });

  it('an e-mail has two terms: the reply by the next working day, then the answer; release and cancel', async () => {
    const res = await act(anna, 'appointment.create', {
      promiseKind: 'email',
      customerName: 'Mevrouw Jansen',
      contact: 'jansen@example.nl',
      topic: 'Servicekosten',
      date: '2026-12-03',
      time: '17:00',
      owner: anna.aadObjectId,
    });
    const id = /AF-\d+/.exec(json(res.body.value))![0];
    let item = await bot.app.s.items.get(TEST_TENANT, id);
    expect(item!.deadline!.toISOString(), 'first the reply').to.equal('2026-11-27T16:00:00.000Z');
    const view = json((await act(anna, 'appointment.view', { id })).body.value);
    expect(view)
      .to.contain(nl.appointments.termLabels.emailReply)
      .and.contain(nl.appointments.termLabels.emailAnswer)
      .and.contain('mailto:jansen@example.nl');
    const ack = await act(anna, 'appointment.acknowledge', { id });
    expect(json(ack.body.value)).to.contain('Het antwoord komt uiterlijk donderdag 3 december, 17:00');
    item = await bot.app.s.items.get(TEST_TENANT, id);
    expect(item!.deadline!.toISOString(), 'then the answer').to.equal('2026-12-03T16:00:00.000Z');
    expect(json((await act(anna, 'appointment.acknowledge', { id })).body.value)).to.contain('geen eerste reactie meer');
    await act(anna, 'appointment.release', { id });
    expect((await bot.app.s.items.get(TEST_TENANT, id))!.owner).to.equal(null);
    expect(json((await act(bram, 'appointment.cancel', { id, reason: 'dubbel' })).body.value)).to.contain('alleen de behandelaar');
    await act(dirk, 'appointment.cancel', { id, reason: 'Dubbel vastgelegd' });
    expect((await bot.app.s.items.get(TEST_TENANT, id))!.status).to.equal('cancelled');
  });

  it('the shared life cycle as callbacks have it: an owner first, the cancel fold, named handover errors, a capped history', async () => {
    const res = await act(carla, 'appointment.create', {
      promiseKind: 'other',
      customerName: 'Mevrouw Jansen',
      topic: 'Vraag over de tuin',
      owner: '',
      date: '',
      time: '',
    });
    const id = /AF-\d+/.exec(json(res.body.value))![0];
    // Nobody picked it up: even a manager cannot finish it; a manager's handover assigns it.
    expect(
      json(
        (await act(dirk, 'appointment.done', { id, answer: 'ja', note: 'Afgehandeld door de teamleider.', confirmation: 'none' })).body
          .value,
      ),
    ).to.contain('Niemand heeft deze afspraak opgepakt.');
    expect(json((await act(dirk, 'appointment.handover', { id, to: 'f0f0f0f0-0000-4000-8000-0000000000ff' })).body.value)).to.contain(
      'Deze collega ken ik niet.',
    );
    expect(json((await act(dirk, 'appointment.handover', { id, to: anna.aadObjectId })).body.value)).to.contain(
      'overgedragen aan Anna de Vries',
    );
    expect(json((await act(dirk, 'appointment.handover', { id, to: anna.aadObjectId })).body.value)).to.contain(
      nl.appointments.errors.assigneeIsOwner(anna.name),
    );
    expect(json((await act(anna, 'appointment.handover', { id, to: anna.aadObjectId })).body.value)).to.contain(
      nl.appointments.errors.assigneeSelf,
    );

    // A long history: the card shows the last lines, the count the whole history.
    for (let i = 0; i < 25; i++) {
      bot.clock.advance(60_000);
      await bot.app.s.items.act(TEST_TENANT, id, 'notReached', {}, { id: anna.aadObjectId, name: anna.name, teamsId: anna.id });
    }
    const view = (await act(anna, 'appointment.view', { id })).body.value;
    expect(json(view)).to.contain(`${nl.common.history} (27)`).and.contain(nl.appointments.card.earlierHistory(8));
    // The owner view has the cancel fold with its own reason input; a refusal keeps the value and names the field.
    const cancel = findAll(view, (e) => e.verb === 'appointment.cancel');
    expect(cancel).to.have.length(1);
    expect(findAll(view, (e) => e.id === 'cancelReason')).to.have.length(1);
    const empty = (await act(anna, 'appointment.cancel', { id, cancelReason: ' ' })).body.value;
    expect(json(empty)).to.contain(nl.appointments.errors.reasonRequired);
    const long = (await act(anna, 'appointment.cancel', { id, cancelReason: 'r'.repeat(501) })).body.value;
    expect(json(long)).to.contain(nl.common.tooLong(500));
    expect(findAll(long, (e) => e.id === 'cancelReason')[0]!.value).to.equal('r'.repeat(501));
    expect(json((await act(anna, 'appointment.cancel', { id, cancelReason: 'Klant heeft de vraag ingetrokken' })).body.value)).to.contain(
      nl.appointments.msg.cancelled(id),
    );
    expect(json((await act(anna, 'appointment.notReached', { id })).body.value)).to.contain(nl.appointments.msg.cancelledAlready);
    expect((await bot.app.s.repo.history(TEST_TENANT, id)).at(-1)).to.deep.include({
      action: 'cancelled',
      note: 'Klant heeft de vraag ingetrokken',
    });
  });

  it('a colleague who is not the owner sees the channel card, not the owner view with the contact', async () => {
    const id = await createWalkin();
    const asBram = json((await act(bram, 'appointment.view', { id })).body.value);
    expect(asBram).to.not.contain('tel:');
    expect(asBram).to.contain(nl.appointments.card.openOwnerView);
    const asManager = json((await act(dirk, 'appointment.view', { id })).body.value);
    expect(asManager).to.contain('tel:+31612345678');
  });
});
