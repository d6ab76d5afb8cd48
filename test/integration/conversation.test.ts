// Issue 17 through /api/messages on SQLite and PostgreSQL: `geholpen` logs and the report's
// "in één keer geholpen" figure; finishing with the answer (a "nee" needs an explanation); the
// ready confirmation text in the owner's 1:1 chat (answer, explanation, name, direct number; no
// internal notes); "Openen in e-mail" where the customer has an e-mail address.
import { expect } from 'chai';
import {
  adaptiveCardAction,
  anna,
  bram,
  carla,
  dirk,
  generalChannel,
  personalConversationId,
  personalMessage,
  searchInvoke,
  type TestUser,
} from '../harness/activities';
import { startFakeConnector, type FakeConnector } from '../harness/fakeConnector';
import type { BotUnderTest } from '../harness/bot';
import { tempSqliteUrl } from '../harness/bot';
import { dropSchema, freshSchema, pgAvailable, pgUrlWithSchema } from '../harness/pg';
import { nl } from '../../src/texts/nl';
import { bindChannel, click, createCallback, inputOf, introduce, startCallbackBot, textOf } from './callbacks.helpers';

const r = nl.report;
const fc = nl.report.firstContact;
const c = nl.conversation;

function actionsOf(card: unknown): Record<string, any>[] {
  return (card as { actions?: Record<string, any>[] })?.actions ?? [];
}

for (const db of ['sqlite', 'postgres'] as const) {
  describe(`issue 17: geholpen, the answer and the confirmation (${db})`, function () {
    let connector: FakeConnector;
    let bot: BotUnderTest;
    let schema: string | undefined;

    before(async function () {
      if (db === 'postgres' && !(await pgAvailable())) this.skip();
      connector = await startFakeConnector();
    });
    after(async () => connector?.close());
    beforeEach(async () => {
      connector.reset();
      schema = db === 'postgres' ? freshSchema('tc_h17') : undefined;
      bot = await startCallbackBot({ databaseUrl: schema ? pgUrlWithSchema(schema) : tempSqliteUrl('h17') });
      await bindChannel(bot, connector);
      await introduce(bot, anna, bram, dirk);
    });
    afterEach(async () => {
      await bot?.stop();
      if (schema) await dropSchema(schema);
    });

    const invoke = (from: TestUser, verb: string, data: Record<string, unknown>) =>
      bot.post(adaptiveCardAction({ from, conversation: personalConversationId(from), verb, data }));

    async function reportCardOf(user: TestUser): Promise<unknown> {
      connector.reset();
      await bot.post(personalMessage({ text: 'rapport', from: user }));
      const m = await connector.waitFor((x) =>
        x.messagesIn(personalConversationId(user)).find((msg) => textOf(msg.card).includes(r.title)),
      );
      return m.card;
    }

    it('three geholpen logs and one callback give "3 van 4" in the report, per week and per channel; the CSV has the same figures', async () => {
      await bot.post(personalMessage({ text: 'geholpen', from: anna }));
      const form = (
        await connector.waitFor((x) =>
          x.messagesIn(personalConversationId(anna)).find((m) => textOf(m.card).includes(nl.contacts.formTitle)),
        )
      ).card;
      // Telefoon is chosen already: one choice (the topic) and one click.
      expect(inputOf(form, 'how')!.value).to.equal('telefoon');
      const formId = String((actionsOf(form)[0]!.data as Record<string, unknown>).formId);
      const first = await invoke(anna, 'contact.create', { formId, how: 'telefoon', topic: 'Reparatie' });
      expect(textOf(first.body.value)).to.contain(nl.contacts.saved('Reparatie', nl.contacts.how.telefoon!));
      // A double submit of the same form stores one log.
      expect(textOf((await invoke(anna, 'contact.create', { formId, how: 'telefoon', topic: 'Reparatie' })).body.value)).to.contain(
        nl.contacts.savedAlready,
      );
      // A wrong phone: a field error, nothing stored, and the reply does not echo what was typed elsewhere.
      const bad = await invoke(anna, 'contact.create', { formId: 'f-bad', how: 'balie', topic: 'Overlast', customer: '12' });
      expect(textOf(bad.body.value)).to.contain(nl.contacts.errors.customerInvalid);
      const unknownTopic = await invoke(anna, 'contact.create', { formId: 'f-topic', how: 'balie', topic: 'Iets anders' });
      expect(textOf(unknownTopic.body.value)).to.contain(nl.contacts.errors.topicUnknown);
      await invoke(bram, 'contact.create', { formId: 'f-2', how: 'balie', topic: 'Overlast', customer: '06 12345678' });
      const linked = await invoke(bram, 'contact.create', {
        formId: 'f-3',
        how: 'telefoon',
        topic: 'Huur en betalen',
        customer: 'J.Jansen@Example.NL',
      });
      expect(JSON.stringify(linked.body.value)).to.not.contain('Jansen@').and.not.contain('jansen@');
      const logs = await bot.app.s.repo.records.list(anna.tenantId, 'contact', new Date(0), new Date('2100-01-01'));
      expect(logs).to.have.length(3);
      expect(logs.map((l) => l.customerKey).sort()).to.deep.equal(['+31612345678', 'j.jansen@example.nl', null].sort() as never);
      // Linked to the customer: found by inzage's key, unlinked by vergeet and retention (the figures stay).
      const records = bot.app.s.repo.records;
      expect(await records.forCustomer(anna.tenantId, '+31612345678')).to.have.length(1);
      expect(await records.unlinkCustomer(anna.tenantId, { customerKey: '+31612345678' })).to.equal(1);
      expect(await records.forCustomer(anna.tenantId, '+31612345678')).to.have.length(0);
      expect(await records.unlinkCustomer(anna.tenantId, { before: new Date('2026-01-01') }), 'nothing older than that').to.equal(0);
      expect(await records.list(anna.tenantId, 'contact', new Date(0), new Date('2100-01-01'))).to.have.length(3);
      // A contact log is not an item: nothing in mijn, overzicht or the digest.
      expect(await bot.app.s.repo.queryItems(anna.tenantId, {})).to.have.length(0);

      await createCallback(bot, { source: 'website' });
      const card = await reportCardOf(dirk);
      const text = textOf(card);
      const week = r.weekLabel(48);
      expect(text).to.contain(fc.line(`${week} (${r.running})`, 3, 4, 75));
      expect(text).to.contain(fc.line(r.total, 3, 4, 75));
      expect(text).to.contain(fc.channelLine(fc.channels.telefoon!, 2, 3, 67));
      expect(text).to.contain(fc.channelLine(fc.channels.balie!, 1, 1, 100));
      // Not a manager: no report.
      connector.reset();
      await bot.post(personalMessage({ text: 'rapport', from: anna }));
      await connector.waitFor((x) =>
        x.messagesIn(personalConversationId(anna)).find((m) => String(m.activity.text ?? '').includes(nl.common.managersOnly)),
      );

      connector.reset();
      await bot.post(personalMessage({ text: 'rapport csv', from: dirk }));
      const csv = await connector.waitFor((x) =>
        x.messagesIn(personalConversationId(dirk)).find((m) => String(m.activity.text ?? '').includes('in_een_keer_geholpen')),
      );
      const csvText = String(csv.activity.text);
      expect(csvText).to.contain(fc.csvHeader.join(';'));
      expect(csvText).to.contain('week 48;2026-11-23;totaal;3;4;75');
      expect(csvText).to.contain('4 weken;2026-11-02;totaal;3;4;75');
    });

    it('a "nee" without explanation is refused with a field error; the confirmation text has the answer, the explanation and the owner\'s name, no internal notes', async () => {
      // Anna's direct number, for sensitive topics.
      const saved = await invoke(anna, 'settings.save', { personalDigest: 'false', directNumber: '0313 123456' });
      expect(inputOf(saved.body.value, 'directNumber')!.value).to.equal('0313 123 456');
      const wrong = await invoke(anna, 'settings.save', { personalDigest: 'false', directNumber: '12' });
      expect(textOf(wrong.body.value)).to.contain(c.settings.directNumberInvalid);
      expect((await bot.app.s.repo.getUser(anna.tenantId, anna.aadObjectId))!.settings.directNumber).to.equal('0313 123 456');

      const item = await createCallback(bot, { sensitive: true, details: 'Intern: buren klagen al maanden.' });
      await click(bot, anna, 'callback.claim', { id: item.id });
      const note = 'Dossier: tweede schuur aangevraagd, afgewezen.';
      const refused = await click(
        bot,
        anna,
        'callback.done',
        { id: item.id, answer: 'nee', note, confirmation: 'email' },
        { where: 'personal' },
      );
      expect(textOf(refused.card)).to.contain(c.errors.explanationRequired);
      expect(inputOf(refused.card, 'note')!.value, 'typed values stay').to.equal(note);
      // The "Afronden" part stays open (not folded behind its button again), with the message at the field.
      const folds: string[] = [];
      JSON.stringify(refused.card, (_k, v) => {
        if (v && v.type === 'Action.ShowCard') folds.push(v.title);
        return v;
      });
      expect(folds).to.not.include(nl.callbacks.card.done);
      expect(folds).to.include(nl.callbacks.card.reschedule);
      const open = (refused.card.body as Record<string, any>[]).find(
        (e) => e.type === 'Container' && e.style === 'emphasis' && JSON.stringify(e).includes('"id":"explanation"'),
      );
      expect(open, 'the open part in the card body').to.not.equal(undefined);
      expect(JSON.stringify(open))
        .to.contain(JSON.stringify(c.errors.explanationRequired).slice(1, -1))
        .and.contain('"verb":"callback.done"');
      expect((await bot.app.s.repo.getItem(anna.tenantId, item.id))!.status).to.equal('claimed');

      const explanation = 'Een tweede schuur past niet binnen de regels voor deze woning.';
      connector.reset();
      const done = await click(
        bot,
        anna,
        'callback.done',
        { id: item.id, answer: 'nee', explanation, note, confirmation: 'email' },
        { where: 'personal' },
      );
      expect(textOf(done.card)).to.contain(nl.callbacks.msg.done(item.id)).and.contain(explanation);
      await bot.settle();
      const dm = connector.messagesIn(personalConversationId(anna)).find((m) => textOf(m.card).includes(c.confirmationCard.title(item.id)));
      expect(dm, "the confirmation card in Anna's 1:1 chat").to.not.equal(undefined);
      const body = String(inputOf(dm!.card, 'customerText')!.value);
      expect(body).to.contain(c.confirmation.answer.nee!).and.contain(explanation).and.contain(c.confirmation.helpedBy(anna.name));
      expect(body).to.contain(c.confirmation.reach('0313 123 456'));
      expect(body).to.contain('Beste Mevrouw Jansen,');
      // No internal notes: not the dossier note, not the details, not the history.
      expect(body).to.not.contain('Dossier').and.not.contain('Intern').and.not.contain('buren');
      // A callback has no e-mail address: no "Openen in e-mail".
      expect(actionsOf(dm!.card)).to.have.length(0);

      const report = textOf(await reportCardOf(dirk));
      expect(report).to.contain(fc.no(1, 1));
    });

    it("ervaring is shared in the work channel without customer identifiers; ervaringen lists this month's", async () => {
      const withPhone = await invoke(anna, 'experience.create', {
        formId: 'e-1',
        kind: 'goed',
        text: 'Mevrouw belde op 06 12345678 en was heel blij met de snelle hulp.',
      });
      expect(textOf(withPhone.body.value)).to.contain(nl.exceptions.errors.identifier(nl.exceptions.identifierKinds.phone!));
      expect(inputOf(withPhone.body.value, 'text')!.value, 'typed text stays').to.contain('heel blij');
      const noKind = await invoke(anna, 'experience.create', { formId: 'e-1', text: 'Iets wat goed ging met een klant vandaag.' });
      expect(textOf(noKind.body.value)).to.contain(nl.experiences.errors.kindRequired);
      connector.reset();
      const ok = await invoke(anna, 'experience.create', {
        formId: 'e-1',
        kind: 'minderGoed',
        text: 'Een klant werd drie keer doorverbonden voordat iemand hielp.',
        lesson: 'Eerst zelf de vraag helder maken.',
      });
      expect(textOf(ok.body.value)).to.contain(nl.experiences.shared);
      expect(
        textOf(
          (
            await invoke(anna, 'experience.create', {
              formId: 'e-1',
              kind: 'minderGoed',
              text: 'Een klant werd drie keer doorverbonden voordat iemand hielp.',
            })
          ).body.value,
        ),
      ).to.contain(nl.experiences.sharedAlready);
      await bot.settle();
      const posts = connector.allPosted().filter((p) => String(p.activity.text ?? '').includes('drie keer doorverbonden'));
      expect(posts, 'one post in the work channel').to.have.length(1);
      expect(String(posts[0]!.activity.conversation?.id)).to.contain(generalChannel.id);
      expect(String(posts[0]!.activity.text))
        .to.contain(nl.experiences.kinds.minderGoed!)
        .and.contain(anna.name)
        .and.contain('Eerst zelf de vraag helder maken.');
      connector.reset();
      await bot.post(personalMessage({ text: 'ervaringen', from: bram }));
      const list = await connector.waitFor((x) =>
        x
          .messagesIn(personalConversationId(bram))
          .find((m) => String(m.activity.text ?? '').includes(nl.experiences.listTitle('november 2026'))),
      );
      expect(String(list.activity.text)).to.contain('drie keer doorverbonden').and.not.contain('heel blij');
    });

    it('the colleague typeahead (Data.Query topcontact.colleagues) is answered through application/search, also in the 1:1 chat', async () => {
      const form = (await invoke(bram, 'appointment.form', { promiseKind: 'walkin' })).body.value;
      // "Het goede gesprek", all nine points, folded in the form too.
      expect(nl.appointments.card.checklist).to.have.length(9);
      for (const point of nl.appointments.card.checklist) expect(textOf(form)).to.contain(point);
      const owner = inputOf(form, 'owner')!;
      expect(owner['choices.data']).to.deep.include({ type: 'Data.Query', dataset: 'topcontact.colleagues' });
      const search = (from: TestUser, queryText: string, dataset = 'topcontact.colleagues') =>
        bot.post(searchInvoke({ from, conversation: personalConversationId(from), queryText, dataset }));
      const res = await search(bram, 'an');
      expect(res.status).to.equal(200);
      expect(res.body.type).to.equal('application/vnd.microsoft.search.searchResponse');
      expect(res.body.value.results).to.deep.include({ title: anna.name, value: anna.aadObjectId });
      expect(res.body.value.results.map((r: { title: string }) => r.title)).to.not.include(dirk.name);
      const all = await search(bram, 'a');
      expect(all.body.value.results.map((r: { title: string }) => r.title)).to.include.members([anna.name, bram.name, dirk.name]);
      // Carla never talked to the bot: she is offered because `koppel` read the bound team's members.
      expect(all.body.value.results).to.deep.include({ title: carla.name, value: carla.aadObjectId });
      expect((await search(bram, 'an', 'graph.microsoft.com/users')).body.value.results).to.deep.equal([]);
    });

    it("an appointment with the customer's e-mail address: the confirmation opens in e-mail with subject and body", async () => {
      const res = await invoke(bram, 'appointment.create', {
        promiseKind: 'email',
        customerName: 'Meneer Smit',
        contact: 'smit@example.nl',
        topic: 'Huurverhoging',
        owner: bram.aadObjectId,
      });
      const id = /AF-\d+/.exec(JSON.stringify(res.body.value))?.[0];
      expect(id, JSON.stringify(res.body.value)).to.be.a('string');
      await bot.settle();
      connector.reset();
      const done = await invoke(bram, 'appointment.done', {
        id,
        answer: 'info',
        note: 'Uitleg gegeven over de huurverhoging.',
        confirmation: 'email',
      });
      expect(done.status).to.equal(200);
      await bot.settle();
      const dm = connector.messagesIn(personalConversationId(bram)).find((m) => textOf(m.card).includes(c.confirmationCard.title(id!)));
      const open = actionsOf(dm!.card).find((a) => a.type === 'Action.OpenUrl');
      expect(open?.title).to.equal(c.confirmationCard.openInEmail);
      const url = String(open!.url);
      expect(url.startsWith('mailto:smit@example.nl?subject=')).to.equal(true);
      expect(decodeURIComponent(url.split('body=')[1]!))
        .to.contain(c.confirmation.answer.info!)
        .and.contain(c.confirmation.helpedBy(bram.name));
    });

    it('a customer known only from a geholpen log: the log is linked to a customer record; inzage finds it, vergeet erases its identifiers', async () => {
      const said = async (user: TestUser, text: string, expected: string) => {
        connector.reset();
        await bot.post(personalMessage({ text, from: user }));
        return connector.waitFor(
          (x) => x.messagesIn(personalConversationId(user)).find((m) => String(m.activity.text ?? '').includes(expected)),
          5000,
          expected,
        );
      };
      await invoke(bram, 'contact.create', { formId: 'f-only', how: 'balie', topic: 'Overlast', customer: '06 44440001' });
      await invoke(bram, 'contact.create', { formId: 'f-other', how: 'telefoon', topic: 'Reparatie', customer: 'p.devries@example.nl' });
      const record = await bot.app.s.customers.store.byKey(anna.tenantId, '+31644440001');
      expect(record, 'the log made a customer record').to.not.equal(null);
      const all = () => bot.app.s.repo.records.list(anna.tenantId, 'contact', new Date(0), new Date('2100-01-01'));
      const mine = (await all()).find((l) => l.customerKey === '+31644440001')!;
      expect(mine.customerId).to.equal(record!.id);
      expect(await bot.app.s.customers.items(record!), 'a log is not an item of the record').to.have.length(0);

      // inzage reaches the log by number and by the record's id.
      await said(dirk, 'inzage 06-44 44 00 01', nl.contacts.privacyLine(1));
      await said(dirk, `inzage ${record!.id}`, nl.contacts.privacyLine(1));
      // vergeet finds it (no items, only the log and the record), asks to confirm, then erases.
      await said(dirk, 'vergeet 06 44440001', nl.contacts.privacyConfirmOnly(1));
      expect((await all()).find((l) => l.id === mine.id)!.customerKey, 'nothing erased before the confirmation').to.equal('+31644440001');
      await said(dirk, 'vergeet 06 44440001 bevestig', nl.contacts.privacyErased(1));
      const after = await all();
      expect(after, 'the figures stay').to.have.length(2);
      const erased = after.find((l) => l.id === mine.id)!;
      expect([erased.customerKey, erased.customerId], "the log's identifiers are gone").to.deep.equal([null, null]);
      expect(after.find((l) => l.id !== mine.id)!.customerKey, "another customer's log keeps its link").to.equal('p.devries@example.nl');
      expect(await bot.app.s.customers.store.byKey(anna.tenantId, '+31644440001'), 'the record is gone').to.equal(null);
      await said(dirk, 'inzage 06 44440001', nl.privacy.nothingFound);
      // A log from before the link (no record id) is still found by its number.
      await bot.app.s.repo.records.add({
        tenantId: anna.tenantId,
        kind: 'contact',
        id: 'GH-OLD',
        at: new Date('2026-11-20T10:00:00Z'),
        by: { id: bram.aadObjectId, name: bram.name },
        customerKey: '+31655550001',
        data: { how: 'balie', topic: 'Overlast' },
      });
      await said(dirk, 'inzage 06 55550001', nl.contacts.privacyLine(1));
      await said(dirk, 'vergeet 06 55550001 bevestig', nl.contacts.privacyErased(1));
      expect((await all()).find((l) => l.id === 'GH-OLD')!.customerKey).to.equal(null);
    });
  });
}
