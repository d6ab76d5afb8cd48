// The customer record (issue 16) through /api/messages and the intake API, on SQLite and on
// PostgreSQL: a callback made through intake, claimed and finished by one colleague, is found by
// another with `klant` (any Dutch notation of the number, the e-mail address, the name) with its
// note; typed in a channel nothing of the customer appears there; lookups show in `inzage`;
// `vergeet` removes the record and its lookups. The safety pause: set by a colleague, managers
// told, a new intake callback held and not posted, a home visit refused, lifted by a manager only.
// PostgreSQL: TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test); its run is
// skipped when the default server cannot be reached, failing when TEST_DATABASE_URL is set.
import { expect } from 'chai';
import { Pool } from 'pg';
import {
  anna,
  bram,
  carla,
  channelMessage,
  dirk,
  generalChannel,
  personalConversationId,
  personalMessage,
  teamNoord,
  TEST_TENANT,
  type TestUser,
} from '../harness/activities';
import { startFakeConnector, type FakeConnector } from '../harness/fakeConnector';
import type { BotUnderTest } from '../harness/bot';
import { PostgresRepository } from '../../src/storage/postgres';
import { click as clickIn } from '../harness/scenario';
import { nl } from '../../src/texts/nl';
import { bindChannel, click, getItem, inputOf, intake, introduce, startCallbackBot, textOf, verbsOf } from './callbacks.helpers';

const PG_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = `tc_customers_${Date.now().toString(36)}_${process.pid}`;
const t = nl.customers;
const DAY = 24 * 60 * 60 * 1000;

const KLAASSEN = {
  customerName: 'Mevrouw Ria Klaassen',
  phone: '06-24681357',
  topic: 'Kapotte cv-ketel',
  details: 'Geen warm water sinds gisteren.',
  preferredChannel: 'brief',
  profile: { digital: 'liever-persoonlijk', attitude: 'hulp-bij-regelen', ageGroup: '55-of-ouder' },
};
const NOTE = 'Monteur komt maandag om 9:00; mevrouw is thuis.';
/** The same number in every common Dutch notation. */
const NOTATIONS = ['06-24681357', '+31 6 2468 1357', '0031624681357', '(06) 24 68 13 57', '0624681357'];

for (const db of ['sqlite', 'postgres'] as const) {
  describe(`customers: klant, inzage, vergeet and the safety pause (${db})`, function () {
    this.timeout(60_000);
    let connector: FakeConnector;
    let bot: BotUnderTest;
    let admin: Pool | undefined;
    let schemaNo = 0;

    before(async function () {
      if (db === 'postgres') {
        const probe = new PostgresRepository(PG_URL);
        const ok = await probe.ping();
        await probe.close();
        if (!ok) {
          if (process.env.TEST_DATABASE_URL) throw new Error('PostgreSQL at TEST_DATABASE_URL is not reachable');
          console.warn(`    (PostgreSQL not reachable at ${PG_URL}: customer tests on PostgreSQL skipped)`);
          this.skip();
        }
        admin = new Pool({ connectionString: PG_URL, max: 1 });
      }
      connector = await startFakeConnector();
    });
    after(async () => {
      if (admin) {
        for (let i = 1; i <= schemaNo; i++) await admin.query(`DROP SCHEMA IF EXISTS "${SCHEMA}_${i}" CASCADE`);
        await admin.end();
      }
      await connector?.close();
    });
    beforeEach(async () => {
      connector.reset();
      const databaseUrl = db === 'postgres' ? `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}schema=${SCHEMA}_${++schemaNo}` : undefined;
      bot = await startCallbackBot({ databaseUrl, env: { RETENTION_DAYS: '90' } });
      await bindChannel(bot, connector);
      await introduce(bot, anna, bram, carla, dirk);
    });
    afterEach(async () => bot?.stop());

    const personal = (u: TestUser) => connector.messagesIn(personalConversationId(u));
    const personalText = (u: TestUser) =>
      personal(u)
        .map((m) => `${String(m.activity.text ?? '')}\n${textOf(m.card ?? {})}`)
        .join('\n');
    const channelText = () =>
      connector
        .messagesIn(generalChannel.id)
        .map((m) => `${String(m.activity.text ?? '')}\n${textOf(m.card ?? {})}`)
        .join('\n');
    /** `text` in u's 1:1 chat; the bot's answer (text and card) as one string. */
    async function say(u: TestUser, text: string): Promise<string> {
      const before = personal(u).length;
      const res = await bot.post(personalMessage({ text, from: u }));
      expect(res.status).to.equal(200);
      await bot.settle();
      return personal(u)
        .slice(before)
        .map((m) => `${String(m.activity.text ?? '')}\n${textOf(m.card ?? {})}`)
        .join('\n');
    }
    /** The latest card the bot sent u in the 1:1 chat. */
    const lastCard = (u: TestUser) => [...personal(u)].reverse().find((m) => m.card)?.card;

    async function finishedCallback(): Promise<string> {
      const res = await intake(bot, KLAASSEN);
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      const id = res.body.id as string;
      await bot.settle();
      await click(bot, bram, 'callback.claim', { id });
      await click(bot, bram, 'callback.done', { id, answer: 'ja', note: NOTE, confirmation: 'brief' }, { where: 'personal' });
      expect((await getItem(bot, id))!.status).to.equal('done');
      return id;
    }

    it('a callback finished by one colleague is found by another by number (any notation), e-mail and name, with its note', async () => {
      const id = await finishedCallback();
      for (const n of NOTATIONS) {
        const text = await say(carla, `klant ${n}`);
        expect(text, n).to.contain(id).and.to.contain(NOTE).and.to.contain('Mevrouw Ria Klaassen');
        expect(text).to.contain(t.profile.digital['liever-persoonlijk']).and.to.contain(t.preferredChannel.brief);
        expect(text).to.contain(t.needs.letter).and.to.contain(t.needs.help);
        expect(text).to.contain(t.confirmation.brief);
        expect(text).to.contain('06 24681357'); // the stored contact details, in the colleague's own chat
      }
      // An appointment by e-mail for the same family: its own record, found by the address in any case.
      const appt = await click(
        bot,
        carla,
        'appointment.create',
        {
          promiseKind: 'email',
          customerName: 'Dhr. Klaassen',
          contact: 'H.Klaassen@Voorbeeld.nl',
          topic: 'Vraag over de huurprijs',
          formId: 'f-appt-1',
        },
        { where: 'personal' },
      );
      expect(textOf(appt.card)).to.match(/VA-\d+|afspraak/i);
      const byEmail = await say(anna, 'klant h.klaassen@VOORBEELD.nl');
      expect(byEmail).to.contain('Vraag over de huurprijs').and.to.contain('h.klaassen@voorbeeld.nl');
      // By name: two records hold the name Klaassen → a pick list told apart by last four digits and the latest topic.
      const pick = await say(anna, 'klant klaassen');
      expect(pick)
        .to.contain(t.pickTitle)
        .and.to.contain('1357')
        .and.to.contain('Kapotte cv-ketel')
        .and.to.contain('Vraag over de huurprijs');
      const pickCard = lastCard(anna)!;
      const recordId = /KL-\d+/.exec(
        textOf(pickCard)
          .split('\n')
          .find((l) => l.includes('Mevrouw Ria Klaassen')) ?? '',
      )?.[0];
      expect(recordId).to.be.a('string');
      const chosen = await click(bot, anna, 'customer.show', { id: recordId }, { where: 'personal' });
      expect(textOf(chosen.card)).to.contain(NOTE);
      // A name with one match opens the card at once.
      expect(await say(bram, 'klant ria klaassen')).to.contain(NOTE);
      // Not found: the reply never repeats what was typed.
      const none = await say(carla, 'klant 06 99887766');
      expect(none).to.contain(t.notFound).and.not.to.contain('99887766').and.not.to.contain('06 99');
      const noneEmail = await say(carla, 'klant onbekend@voorbeeld.nl');
      expect(noneEmail).to.contain(t.notFound).and.not.to.contain('onbekend@');
    });

    it('typed in a channel: the answer goes to the 1:1 chat, the channel gets one line without customer data; lookups in inzage; vergeet removes record and lookups', async () => {
      const id = await finishedCallback();
      const channelBefore = connector.messagesIn(generalChannel.id).length;
      const res = await bot.post(channelMessage({ text: 'klant 06 24681357', from: carla, team: teamNoord }));
      expect(res.status).to.equal(200);
      await bot.settle();
      const added = connector
        .messagesIn(generalChannel.id)
        .slice(channelBefore)
        .map((m) => `${String(m.activity.text ?? '')}${JSON.stringify(m.card ?? {})}`)
        .join('\n');
      expect(added).to.contain(t.sentToChat);
      for (const leak of ['Klaassen', '24681357', '1357', NOTE, 'cv-ketel', 'KL-']) expect(added, leak).not.to.contain(leak);
      const card = await connector.waitFor(
        () => personal(carla).find((m) => textOf(m.card ?? {}).includes(NOTE)),
        5000,
        'customer card in the 1:1 chat',
      );
      expect(textOf(card.card)).to.contain(id);

      await say(anna, 'klant klaassen');
      const inzage = await say(dirk, 'inzage 0624681357');
      expect(inzage).to.contain(t.privacy.lookups).and.to.contain('Carla').and.to.contain('Anna').and.to.contain(NOTE);
      expect(inzage).to.match(/Klantkaart KL-\d+/);

      expect(await say(dirk, 'vergeet 0624681357')).to.contain('bevestig');
      await say(dirk, 'vergeet 0624681357 bevestig');
      const after = await say(carla, 'klant 06 24681357');
      expect(after).to.contain(t.notFound);
      const s = bot.app.s;
      expect(await s.customers.store.list(TEST_TENANT)).to.have.length(0);
      expect(await say(dirk, 'inzage 0624681357')).to.contain(nl.privacy.nothingFound);
    });

    it('safety pause: set by a colleague, managers told, a new intake callback held and not posted, a home visit refused, lifted by a manager only', async () => {
      const open = await intake(bot, KLAASSEN);
      const openId = open.body.id as string;
      await bot.settle();
      await click(bot, bram, 'callback.claim', { id: openId });
      await say(anna, 'klant 06 24681357');
      const card = lastCard(anna)!;
      expect(verbsOf(card)).to.include('customer.pause').and.not.to.include('customer.lift');
      const recordId = String(JSON.stringify(card).match(/"id":"(KL-\d+)"/)![1]);

      // In a channel the pause button is refused.
      const inChannel = await clickIn(
        bot.url,
        anna,
        'customer.pause',
        { id: recordId, reason: 'Dreigde aan de telefoon' },
        generalChannel.id,
      );
      expect(JSON.stringify(inChannel.body)).to.contain(t.pause.personalOnly);
      expect((await bot.app.s.customers.store.get(TEST_TENANT, recordId))!.pause).to.equal(null);
      // Without a reason: refused at the field.
      const empty = await click(bot, anna, 'customer.pause', { id: recordId, reason: ' ' }, { where: 'personal' });
      expect(textOf(empty.card)).to.contain(t.pause.reasonRequired);

      const set = await click(bot, anna, 'customer.pause', { id: recordId, reason: 'Dreigde aan de telefoon' }, { where: 'personal' });
      expect(textOf(set.card)).to.contain(t.pause.set);
      expect(verbsOf(set.card)).not.to.include('customer.pause').and.not.to.include('customer.lift'); // Anna is no manager
      await bot.settle();
      // The manager is told in the 1:1 chat; the owner of the open callback once, and its owner view shows it.
      expect(personalText(dirk)).to.contain(recordId).and.to.contain('Dreigde aan de telefoon');
      expect(personalText(bram)).to.contain(t.pause.ownerNotice(openId, 'Kapotte cv-ketel'));
      const ownerView = await click(bot, bram, 'callback.refresh', { id: openId }, { where: 'personal' });
      expect(textOf(ownerView.card)).to.contain(t.pause.ownerView('Dreigde aan de telefoon'));
      expect((await bot.app.s.repo.history(TEST_TENANT, openId)).map((h) => h.action)).to.include('customerPaused');
      // Nothing about it in the channel.
      expect(channelText()).not.to.contain('Dreigde').and.not.to.contain('gepauzeerd');

      // A new intake callback for that number (another notation): created, held, not posted.
      const cardsBefore = connector.messagesIn(generalChannel.id).length;
      const held = await intake(bot, { ...KLAASSEN, phone: '+31 6 2468 1357', topic: 'Nog steeds geen warm water' });
      expect(held.status).to.equal(201);
      const heldId = held.body.id as string;
      await bot.settle();
      bot.clock.advance(3 * DAY); // overdue by now: still no reminder, no overdue notice
      await bot.tick();
      await bot.post(channelMessage({ text: 'digest', from: anna, team: teamNoord }));
      await bot.settle();
      const channelNow = connector
        .messagesIn(generalChannel.id)
        .slice(cardsBefore)
        .map((m) => `${String(m.activity.text ?? '')}${JSON.stringify(m.card ?? {})}`)
        .join('\n');
      expect(channelNow).not.to.contain(heldId).and.not.to.contain('Nog steeds geen warm water');
      expect((await getItem(bot, heldId))!.card).to.equal(null);
      // Binding again (posting pending items) skips it too.
      await bot.post(channelMessage({ text: 'koppel', from: anna, team: teamNoord }));
      await bot.settle();
      expect((await getItem(bot, heldId))!.card).to.equal(null);
      // Managers see it in overzicht; a colleague does not.
      expect(await say(dirk, 'overzicht')).to.contain(heldId);
      expect(await say(carla, 'overzicht')).not.to.contain(heldId);

      // No new home visit.
      const visit = await click(
        bot,
        carla,
        'appointment.create',
        {
          promiseKind: 'homevisit',
          customerName: 'Mevrouw Ria Klaassen',
          contact: '06 24681357',
          topic: 'Ketel bekijken',
          date: '2026-12-04',
          time: '10:00',
          moment: '2026-12-04T10:00:00+01:00',
          owner: carla.aadObjectId,
          formId: 'f-visit-1',
        },
        { where: 'personal' },
      );
      expect(textOf(visit.card)).to.contain(t.pause.homeVisitRefused);

      // Only a manager lifts it.
      const byColleague = await click(bot, anna, 'customer.lift', { id: recordId }, { where: 'personal' });
      expect(textOf(byColleague.card)).to.contain(t.pause.managersOnly);
      expect((await bot.app.s.customers.store.get(TEST_TENANT, recordId))!.pause).not.to.equal(null);
      const liftedAt = bot.clock.now();
      const managerCard = await click(bot, dirk, 'customer.show', { id: recordId }, { where: 'personal' });
      expect(verbsOf(managerCard.card)).to.include('customer.lift');
      const lifted = await click(bot, dirk, 'customer.lift', { id: recordId }, { where: 'personal' });
      expect(textOf(lifted.card)).to.contain(t.pause.lifted(1));
      await bot.settle();
      const released = (await getItem(bot, heldId))!;
      expect(released.card).not.to.equal(null);
      expect(released.data.held).to.equal(undefined);
      expect(released.deadline!.getTime()).to.be.greaterThan(liftedAt.getTime()); // the term counts from the lifting
      expect((await bot.app.s.repo.history(TEST_TENANT, heldId)).map((h) => h.action)).to.include('heldReleased');
      expect((await bot.app.s.repo.history(TEST_TENANT, openId)).map((h) => h.action)).to.include('customerPauseLifted');
      const record = (await bot.app.s.customers.store.get(TEST_TENANT, recordId))!;
      expect(record.pauseHistory.map((p) => p.action)).to.deep.equal(['paused', 'lifted']);
    });

    it('"Klant opzoeken" on the callback form fills in the known klantbeeld for the typed number; what was typed stays', async () => {
      await finishedCallback();
      const filled = await click(
        bot,
        carla,
        'callback.lookupCustomer',
        { formId: 'f-look-1', phone: '(06) 24 68 13 57', topic: 'Rooster', attitude: 'denkt-mee' },
        { where: 'personal' },
      );
      expect(textOf(filled.card)).to.match(/Bekende klant \(KL-\d+\)/);
      expect(inputOf(filled.card, 'digital')!.value).to.equal('liever-persoonlijk');
      expect(inputOf(filled.card, 'preferredChannel')!.value).to.equal('brief');
      expect(inputOf(filled.card, 'attitude')!.value).to.equal('denkt-mee'); // typed: kept
      expect(inputOf(filled.card, 'customerName')!.value).to.equal('Mevrouw Ria Klaassen');
      expect(inputOf(filled.card, 'topic')!.value).to.equal('Rooster');
      expect(JSON.stringify(filled.card)).to.contain('"isVisible":true');
      const unknown = await click(
        bot,
        carla,
        'callback.lookupCustomer',
        { formId: 'f-look-2', phone: '06 11223344' },
        { where: 'personal' },
      );
      expect(textOf(unknown.card)).to.contain(t.form.none);
      expect(inputOf(unknown.card, 'digital')!.value ?? '').to.equal('');
      // A submitted number that matches links the new callback to the record; its owner view shows the profile.
      const id = /\*\*(TB-\d+)\*\*/.exec(
        textOf(
          (
            await click(
              bot,
              carla,
              'callback.create',
              { formId: 'f-look-1', customerName: 'Mevrouw Ria Klaassen', phone: '0624681357', topic: 'Rooster' },
              { where: 'personal' },
            )
          ).card,
        ),
      )![1]!;
      const item = (await getItem(bot, id))!;
      expect(item.data.customerId).to.match(/^KL-\d+$/);
      const view = await click(bot, bram, 'callback.claim', { id });
      expect(textOf(view.card)).to.contain(String(item.data.customerId)).and.to.contain(t.needs.help);
    });

    it('retention: the record and its lookups go once no item is within RETENTION_DAYS and no pause is active; two intakes at once make one record', async () => {
      const [a, b] = await Promise.all([
        intake(bot, { ...KLAASSEN, phone: '06 55550001' }),
        intake(bot, { ...KLAASSEN, phone: '+31655550001', topic: 'Tuin' }),
      ]);
      expect([a.status, b.status]).to.deep.equal([201, 201]);
      const s = bot.app.s;
      const records = await s.customers.store.list(TEST_TENANT);
      expect(records).to.have.length(1);
      expect(records[0]!.itemIds).to.have.members([a.body.id, b.body.id]);
      const other = await intake(bot, { ...KLAASSEN, customerName: 'Meneer Pauze', phone: '06 55550002' });
      await bot.settle();
      for (const id of [a.body.id, b.body.id, other.body.id]) {
        await click(bot, bram, 'callback.claim', { id });
        await click(
          bot,
          bram,
          'callback.done',
          { id, answer: 'ja', note: 'Gebeld, alles is geregeld.', confirmation: 'none' },
          { where: 'personal' },
        );
        expect((await getItem(bot, id))!.status).to.equal('done');
      }
      await say(carla, 'klant 06 55550001');
      await say(carla, 'klant 06 55550002');
      const paused = await s.customers.find(TEST_TENANT, '06 55550002');
      expect(paused.status).to.equal('one');
      const pausedId = paused.status === 'one' ? paused.record.id : '';
      await click(bot, anna, 'customer.pause', { id: pausedId, reason: 'Schold een collega uit' }, { where: 'personal' });
      bot.clock.advance(80 * DAY);
      await bot.tick();
      expect(await s.customers.store.list(TEST_TENANT)).to.have.length(2); // within retention: kept
      bot.clock.advance(12 * DAY);
      await bot.tick();
      const left = await s.customers.store.list(TEST_TENANT);
      expect(left.map((r) => r.id)).to.deep.equal([pausedId]); // a paused record stays
      expect(await s.customers.store.lookups(TEST_TENANT, records[0]!.id)).to.have.length(0);
      expect(await s.customers.store.lookups(TEST_TENANT, pausedId)).to.have.length.greaterThan(0);
      expect(await say(carla, 'klant 06 55550001')).to.contain(t.notFound);
    });

    it('"Klant opzoeken" on the appointment form: the name filled in, the klantbeeld and what it asks in the notice', async () => {
      await finishedCallback();
      const found = await click(
        bot,
        carla,
        'appointment.lookupCustomer',
        { formId: 'f-al-1', promiseKind: 'letter', contact: '0031624681357' },
        { where: 'personal' },
      );
      const text = textOf(found.card);
      expect(text).to.match(/Bekende klant \(KL-\d+\)/);
      expect(text).to.contain(t.profile.attitude['hulp-bij-regelen']).and.to.contain(t.needs.help);
      expect(inputOf(found.card, 'customerName')!.value).to.equal('Mevrouw Ria Klaassen');
      const none = await click(
        bot,
        carla,
        'appointment.lookupCustomer',
        { formId: 'f-al-2', promiseKind: 'letter', contact: 'niemand@voorbeeld.nl' },
        { where: 'personal' },
      );
      expect(textOf(none.card)).to.contain(t.form.none).and.not.to.contain('Bekende klant');
    });

    it('intake: preferredChannel and profile are checked and named in a 400; old labels still accepted', async () => {
      const bad = await intake(bot, { ...KLAASSEN, preferredChannel: 'duif' });
      expect(bad.status).to.equal(400);
      expect(bad.body.error.fields).to.have.property('preferredChannel');
      const badProfile = await intake(bot, { ...KLAASSEN, profile: { digital: 'soms', mood: 'boos' } });
      expect(badProfile.status).to.equal(400);
      expect(badProfile.body.error.fields).to.have.keys('profile.digital', 'profile.mood');
      const old = await intake(bot, { ...KLAASSEN, profile: { ageGroup: 'senior', digital: 'nietDigitaal' }, preferredChannel: 'balie' });
      expect(old.status).to.equal(201);
      const item = (await getItem(bot, old.body.id))!;
      expect(item.data.profile).to.deep.equal({ ageGroup: '55-of-ouder', digital: 'liever-persoonlijk' });
      expect(item.data.customerId).to.match(/^KL-\d+$/);
    });
  });
}
