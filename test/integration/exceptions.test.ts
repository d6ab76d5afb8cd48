// "Oefen met een collega" over real HTTP against the fake Bot Connector: the form, earlier decisions
// before posting, the discussion card updated in place, take exactly once, opinions, the decision,
// escalation to the manager with notices, the library search and export, and the one nudge.
import { expect } from 'chai';
import { nl } from '../../src/texts/nl';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type FakeConnector } from '../harness/fakeConnector';
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
  TEST_TENANT,
  type TestUser,
} from '../harness/activities';
import { startBot, type BotUnderTest } from '../harness/bot';
import type { ExceptionData } from '../../src/domain/items/exception';
import type { Item } from '../../src/domain/types';
import { FORM } from './exceptions.helpers';
import { useBot } from '../harness/suite';

const text = (a: Record<string, any>) => String(a.text ?? '');
const json = (v: unknown) => JSON.stringify(v);
let formSeq = 0;

describe('exceptions: oefen met een collega (HTTP, fake connector)', function () {
  let connector: FakeConnector;
  let bot: BotUnderTest;
  const suite = useBot(async (connector) => {
    const bot = await startBot({ env: { MANAGER_IDS: dirk.aadObjectId, MANAGER_FALLBACK_ID: dirk.aadObjectId } });
    // Everyone talks to the bot once in their personal chat (so the bot knows names and 1:1 chats); the channel is bound.
    for (const u of [anna, bram, carla, dirk]) await bot.post(personalMessage({ text: 'hulp', from: u }));
    await bot.post(channelMessage({ text: 'koppel', from: anna, team: teamNoord }));
    await connector.waitFor((c) => c.allPosted().find((p) => /werkkanaal/.test(text(p.activity))));
    connector.reset();
    return bot;
  });
  beforeEach(() => ({ connector, bot } = suite));

  async function invoke(from: TestUser, verb: string, data: Record<string, unknown>, conversation = personalConversationId(from)) {
    const res = await bot.post(adaptiveCardAction({ from, conversation, verb, data }));
    expect(res.status, json(res.body)).to.equal(200);
    return res.body.value as Record<string, any>;
  }

  /** The channel card of a case, as everyone sees it now. */
  function channelCard(id: string) {
    const m = connector.messagesIn(generalChannel.id).find((x) => x.card && json(x.card).includes(nl.exceptions.card.title(id)));
    if (!m) throw new Error(`no channel card for ${id}\n${connector.summary()}`);
    return m;
  }

  /** Invoked from the card in the channel thread. */
  async function onCard(from: TestUser, verb: string, id: string, inputs: Record<string, unknown> = {}) {
    const card = channelCard(id);
    return invoke(from, verb, { id, v: (await item(id)).version, ...inputs }, `${generalChannel.id};messageid=${card.id}`);
  }

  async function item(id: string): Promise<Item<ExceptionData>> {
    const i = await bot.app.s.items.get(TEST_TENANT, id);
    if (!i) throw new Error(`no item ${id}`);
    return i as unknown as Item<ExceptionData>;
  }

  /** Files a case through the form (confirmed, so no earlier decisions are shown) and waits for its card. */
  async function fileCase(from: TestUser = anna, values: Record<string, unknown> = FORM): Promise<string> {
    const res = await invoke(from, 'exception.create', { formId: `f-${++formSeq}`, confirmed: 'true', ...values });
    const id = /TW-\d+/.exec(json(res))?.[0];
    if (!id) throw new Error(`not created: ${json(res)}`);
    await bot.settle();
    channelCard(id);
    return id;
  }

  const personal = (u: TestUser) =>
    connector
      .messagesIn(personalConversationId(u))
      .map((m) => text(m.activity))
      .join('\n');

  it('twijfel and oefenen open the form; the form refuses a phone number and keeps what was typed', async () => {
    await bot.post(personalMessage({ text: 'twijfel', from: anna }));
    await bot.post(channelMessage({ text: 'Oefenen', from: bram, team: teamNoord }));
    const forms = await connector.waitFor((c) => {
      const f = c.allPosted().filter((p) => json(p.activity.attachments?.[0]?.content).includes('exception.create'));
      return f.length === 2 ? f : undefined;
    });
    expect(json(forms[0].activity.attachments[0].content)).to.contain('Schrijf geen naam, adres, telefoonnummer of klantnummer op');
    const res = await invoke(anna, 'exception.create', { formId: 'f-phone', ...FORM, situation: `${FORM.situation} Bel 06 12345678.` });
    expect(json(res)).to.contain(nl.exceptions.errors.identifier(nl.exceptions.identifierKinds.phone!));
    expect(json(res)).to.contain('Met 12 maanden lukt het niet'); // values kept
    expect(await bot.app.s.repo.queryItems(TEST_TENANT, { kinds: ['exception'] })).to.have.length(0);
  });

  it('form → card in the channel → a colleague takes it → opinions → the requester decides; one card, updated in place', async () => {
    // No earlier decisions yet: the form posts at once.
    const created = await invoke(anna, 'exception.create', { formId: 'f-walk', ...FORM });
    expect(json(created)).to.match(/Je vraag \*\*TW-1001\*\* staat in het kanaal/);
    await bot.settle();
    const posted = channelCard('TW-1001');
    for (const s of [
      nl.exceptions.card.questions[0]!,
      nl.exceptions.card.questions[1]!,
      'gelijke behandeling, precedent',
      "Wat zijn de risico's of kosten?",
      'Hoe leggen we een \\"nee\\" uit aan de klant?',
      'Een betalingsregeling duurt hoogstens 12 maanden',
      nl.exceptions.status.open,
      'exception.take',
    ]) {
      expect(json(posted.card), s).to.contain(s);
    }
    expect((await item('TW-1001')).deadline?.toISOString()).to.equal(new Date('2026-11-26T17:00:00+01:00').toISOString());

    bot.clock.set('2026-11-26T10:12:00+01:00');
    const taken = await onCard(bram, 'exception.take', 'TW-1001');
    expect(json(taken)).to.contain(nl.exceptions.msg.taken('TW-1001'));
    await bot.settle();
    expect(json(channelCard('TW-1001').card))
      .to.contain(nl.exceptions.card.takenByText(bram.name, '10:12'))
      .and.not.contain('exception.take');
    expect(personal(anna)).to.contain(nl.exceptions.msg.takenNotice('TW-1001', bram.name, '').split(' (')[0]);

    await onCard(bram, 'exception.opinion', 'TW-1001', {
      stance: 'eens',
      opinionReasoning: 'Ziekte is een goede reden; met schuldhulp is het haalbaar.',
    });
    const second = await onCard(carla, 'exception.opinion', 'TW-1001', {
      stance: 'twijfel',
      opinionReasoning: 'Dan moeten anderen dit ook kunnen krijgen.',
    });
    expect(json(second)).to.contain(nl.exceptions.msg.opinionSaved('TW-1001').split('. ')[0]);
    await bot.settle();
    const withOpinions = json(channelCard('TW-1001').card);
    expect(withOpinions)
      .to.contain(nl.exceptions.card.opinionsTitle(2))
      .and.contain('**Bram Jansen**: Eens')
      .and.contain('**Carla Smit**: Twijfel')
      .and.contain('Dan moeten anderen dit ook kunnen krijgen.');
    expect(personal(anna)).to.contain(nl.exceptions.msg.opinionNotice('TW-1001', carla.name, 'twijfel').split('. ')[0]);

    bot.clock.set('2026-11-26T11:00:00+01:00');
    const decided = await onCard(anna, 'exception.decide', 'TW-1001', {
      outcome: 'afwijken',
      decisionReasoning: 'Ziekte is bijzonder; regeling met schuldhulp.',
    });
    expect(json(decided)).to.contain(nl.exceptions.msg.decided('TW-1001', nl.exceptions.outcome.afwijken));
    await bot.settle();
    const final = channelCard('TW-1001');
    expect(json(final.card))
      .to.contain('Besluit: afwijken')
      .and.contain('Ziekte is bijzonder; regeling met schuldhulp.')
      .and.not.contain('exception.decide');
    expect(final.updates).to.be.greaterThan(0);
    // One card for this case in the channel, updated in place; the history tells who said what and when.
    expect(
      connector.messagesIn(generalChannel.id).filter((m) => m.card && json(m.card).includes(nl.exceptions.card.title('TW-1001'))),
    ).to.have.length(1);
    expect(json(final.card)).to.contain(`${nl.common.history} (5)`).and.contain('Carla Smit · mening: twijfel');
    for (const u of [bram, carla])
      expect(personal(u), u.name).to.contain(
        nl.exceptions.msg.decidedNotice('TW-1001', anna.name, nl.exceptions.outcomeLower.afwijken!, '').split('. Onderbouwing')[0],
      );
    const history = await bot.app.s.repo.history(TEST_TENANT, 'TW-1001');
    expect(history.map((h) => [h.action, h.actor.name])).to.deep.equal([
      ['created', anna.name],
      ['taken', bram.name],
      ['opinion', bram.name],
      ['opinion', carla.name],
      ['decided', anna.name],
    ]);
  });

  it('voorleggen: the manager gets the whole case in a 1:1 chat, decides there, and everyone involved is told', async () => {
    const id = await fileCase();
    await onCard(bram, 'exception.take', id);
    await onCard(bram, 'exception.opinion', id, { stance: 'eens', opinionReasoning: 'Ziekte is een goede reden om af te wijken.' });
    await onCard(carla, 'exception.opinion', id, { stance: 'nietEens', opinionReasoning: 'Dan moeten we het iedereen geven; precedent.' });
    const escalated = await onCard(anna, 'exception.decide', id, {
      outcome: 'voorleggen',
      decisionReasoning: 'We zijn het niet eens; graag een besluit.',
    });
    expect(json(escalated)).to.contain(nl.exceptions.msg.escalated(id, dirk.name));
    await bot.settle();
    expect(json(channelCard(id).card))
      .to.contain(nl.exceptions.status.escalated)
      .and.contain('voor aan Dirk Bakker')
      .and.contain('exception.managerDecide');

    // Dirk's 1:1 chat: the notice with the whole case card (situation, rule, opinions, the decision form).
    const toDirk = connector.messagesIn(personalConversationId(dirk)).find((m) => text(m.activity).includes(id));
    expect(toDirk, connector.summary()).to.not.equal(undefined);
    expect(text(toDirk!.activity)).to.contain(nl.exceptions.msg.escalationNotice(id, anna.name, '').split(' (')[0]!);
    const caseCard = json(toDirk!.card);
    for (const s of [
      FORM.situation,
      FORM.rule,
      FORM.proposal,
      'Ziekte is een goede reden om af te wijken.',
      'precedent',
      'exception.managerDecide',
    ])
      expect(caseCard, s).to.contain(s);

    // Only the manager decides now.
    expect(json(await onCard(anna, 'exception.decide', id, { outcome: 'afwijken', decisionReasoning: 'Dan toch maar zelf.' }))).to.contain(
      'ligt bij de leidinggevende',
    );
    expect(
      json(await onCard(bram, 'exception.managerDecide', id, { managerOutcome: 'afwijken', managerReasoning: 'Ik beslis het wel.' })),
    ).to.contain(nl.common.managersOnly);
    const noExplanation = await invoke(dirk, 'exception.managerDecide', {
      id,
      managerOutcome: 'nietAfwijken',
      managerReasoning: 'Precedent weegt zwaarder.',
    });
    expect(json(noExplanation)).to.contain('Schrijf de uitleg die de klant krijgt.');
    expect((await item(id)).status).to.equal('escalated');

    bot.clock.set('2026-11-26T14:00:00+01:00');
    const decided = await invoke(dirk, 'exception.managerDecide', {
      id,
      managerOutcome: 'nietAfwijken',
      managerReasoning: 'Precedent weegt zwaarder; schuldhulp kan binnen 12 maanden.',
      managerExplanation: 'We spreken een regeling van 12 maanden af, net als met andere huurders. Schuldhulp helpt u daarbij.',
    });
    expect(json(decided)).to.contain('Besluit: niet afwijken');
    await bot.settle();
    const card = json(channelCard(id).card);
    expect(card).to.contain('Dirk Bakker (leidinggevende)').and.contain('We spreken een regeling van 12 maanden af');
    for (const u of [anna, bram, carla]) {
      expect(personal(u), u.name).to.contain(
        nl.exceptions.msg.managerDecidedNotice(id, dirk.name, nl.exceptions.outcomeLower.nietAfwijken!, '').split('. Onderbouwing')[0],
      );
    }
    const it = await item(id);
    expect(it.data.decision).to.deep.include({ outcome: 'nietAfwijken', byManager: true });
    expect(it.owner?.name).to.equal(dirk.name);
  });

  it('take is exactly once under 20 concurrent invokes', async () => {
    const id = await fileCase();
    const colleagues: TestUser[] = Array.from({ length: 20 }, (_, i) => ({
      ...bram,
      id: `29:1Colleague${i}-x`,
      aadObjectId: `c0c0c0c0-0000-4000-8000-${String(i).padStart(12, '0')}`,
      name: `Collega ${i}`,
    }));
    const card = channelCard(id);
    const answers = await Promise.all(
      colleagues.map((u) => invoke(u, 'exception.take', { id, v: 1 }, `${generalChannel.id};messageid=${card.id}`)),
    );
    const won = answers.filter((a) => json(a).includes(nl.exceptions.msg.taken(id)));
    const lost = answers.filter((a) => json(a).includes('denkt al mee over deze vraag'));
    expect(won).to.have.length(1);
    expect(lost).to.have.length(19);
    const taken = await item(id);
    const history = await bot.app.s.repo.history(TEST_TENANT, id);
    expect(history.filter((h) => h.action === 'taken')).to.have.length(1);
    expect(history.find((h) => h.action === 'taken')?.actor.name).to.equal(taken.data.takenBy?.name);
    expect(taken.version).to.equal(2);
    await bot.settle();
    expect(json(channelCard(id).card)).to.contain(`${taken.data.takenBy?.name} (sinds`);
  });

  it('only the requester or a manager records the decision; a "no" without explanation is refused in Dutch', async () => {
    const id = await fileCase();
    const early = await onCard(anna, 'exception.decide', id, { outcome: 'afwijken', decisionReasoning: 'Ik vind het redelijk zo.' });
    expect(json(early)).to.contain('Vraag eerst een collega om een mening');
    await onCard(bram, 'exception.opinion', id, { stance: 'eens', opinionReasoning: 'Ziekte is een goede reden om af te wijken.' });

    const byColleague = await onCard(bram, 'exception.decide', id, { outcome: 'afwijken', decisionReasoning: 'Ik vind het goed.' });
    expect(json(byColleague)).to.contain(nl.exceptions.card.decideHint);

    const noExplanation = await onCard(anna, 'exception.decide', id, {
      outcome: 'nietAfwijken',
      decisionReasoning: 'We houden ons aan de regel.',
    });
    const card = json(noExplanation);
    expect(card).to.contain('Schrijf de uitleg die de klant krijgt. Een \\"nee\\" krijgt altijd een duidelijke uitleg.');
    expect(card).to.contain('We houden ons aan de regel.'); // what she typed stays
    expect(card).to.match(/"id":"decide-TW-\d+","isVisible":true/); // and the form stays open
    expect((await item(id)).status).to.equal('taken');

    const byManager = await onCard(dirk, 'exception.decide', id, {
      outcome: 'nietAfwijken',
      decisionReasoning: 'Richtlijn: hoogstens 12 maanden.',
      customerExplanation: 'We spreken 12 maanden af, zoals met iedereen.',
    });
    expect(json(byManager)).to.contain('Besluit: niet afwijken');
    const it = await item(id);
    expect(it.data.decision).to.deep.include({
      outcome: 'nietAfwijken',
      customerExplanation: 'We spreken 12 maanden af, zoals met iedereen.',
      byManager: true,
    });
    await bot.settle();
    expect(personal(anna)).to.contain(`Dirk Bakker (leidinggevende) heeft besloten over twijfelgeval **${id}**`);
  });

  it('earlier decisions are shown before posting (guideline first) and the library search finds and ranks them', async () => {
    const s = bot.app.s;
    const decide = async (values: Record<string, unknown>, outcome: string, reasoning: string, extra: Record<string, unknown> = {}) => {
      const c = await s.items.create('exception', TEST_TENANT, values, { id: carla.aadObjectId, name: carla.name }, 'teams');
      if (c.status !== 'created') throw new Error(c.status);
      await s.items.act(
        TEST_TENANT,
        c.item.id,
        'opinion',
        { stance: 'eens', reasoning: 'Goed idee, doen.' },
        { id: bram.aadObjectId, name: bram.name },
      );
      const d = await s.items.act(
        TEST_TENANT,
        c.item.id,
        'decide',
        { outcome, reasoning, ...extra },
        { id: carla.aadObjectId, name: carla.name },
      );
      if (d.status !== 'ok') throw new Error(json(d));
      return c.item.id;
    };
    bot.clock.set('2026-11-02T10:00:00+01:00');
    const older = await decide(
      { ...FORM, situation: 'Achterstand na een scheiding, inkomen weer stabiel, vraagt 18 maanden.' },
      'afwijken',
      'Goedkoper dan ontruiming, met schuldhulp.',
    );
    bot.clock.set('2026-11-16T10:00:00+01:00');
    const newer = await decide(
      { ...FORM, situation: 'Kleine achterstand van twee maanden, wil 24 maanden.' },
      'nietAfwijken',
      'Kleine achterstand past in 12 maanden.',
      { customerExplanation: 'We spreken 12 maanden af, zoals met iedereen.' },
    );
    bot.clock.set('2026-11-18T10:00:00+01:00');
    const pets = await decide(
      {
        situation: 'Huurder wil een hulphond houden in de flat.',
        rule: 'Geen huisdieren in de flat',
        proposal: 'Hulphond toestaan',
        leaning: 'Een hulphond is nodig.',
        urgency: 'dezeWeek',
      },
      'afwijken',
      'Een hulphond is geen huisdier.',
    );
    // The manager makes the older one a guideline.
    const g = await s.items.act(TEST_TENANT, older, 'markGuideline', {}, { id: dirk.aadObjectId, name: dirk.name });
    expect(g.status).to.equal('ok');
    bot.clock.set('2026-11-26T10:00:00+01:00');

    // Search: every payment case, guideline first, then the newest.
    await bot.post(personalMessage({ text: 'afwegingen betalingsregeling', from: bram }));
    const found = await connector.waitFor((c) =>
      c.messagesIn(personalConversationId(bram)).find((m) => m.card && json(m.card).includes('Afwegingen')),
    );
    const f = json(found.card);
    expect(f.indexOf(older)).to.be.greaterThan(-1);
    expect(f.indexOf(older)).to.be.lessThan(f.indexOf(newer));
    expect(f).to.not.contain(pets);
    expect(f)
      .to.contain(nl.exceptions.card.guidelineBadge)
      .and.contain('Kleine achterstand past in 12 maanden.')
      .and.contain('maandag 16 november');
    await bot.post(channelMessage({ text: 'afwegingen hulphond', from: carla, team: teamNoord }));
    const dogs = await connector.waitFor((c) => c.allPosted().find((p) => json(p.activity).includes('Afwegingen: \\"hulphond\\"')));
    expect(json(dogs.activity)).to.contain(pets).and.not.contain(older);
    await bot.post(personalMessage({ text: 'afwegingen parkeerplaats', from: bram }));
    await connector.waitFor((c) => c.allPosted().find((p) => /geen eerdere besluiten over "parkeerplaats"/.test(text(p.activity))));

    // A new payment question: the form shows the earlier decisions first, guideline on top, nothing posted yet.
    const shown = await invoke(anna, 'exception.create', { formId: 'f-similar', ...FORM });
    const card = json(shown);
    expect(card).to.contain(nl.exceptions.similar.title);
    expect(card.indexOf(older)).to.be.lessThan(card.indexOf(newer));
    expect(card).to.not.contain(pets);
    expect(card).to.contain(nl.exceptions.similar.matched('betalingsregeling'));
    expect(await s.repo.queryItems(TEST_TENANT, { kinds: ['exception'], open: true })).to.have.length(0);

    // "Vraag aanpassen" goes back to the form with the values; "Toch plaatsen" posts, once even when clicked twice.
    const postAnyway = shown.actions.find((a: any) => a.id === 'postAnyway');
    const edit = shown.actions.find((a: any) => a.id === 'editQuestion');
    expect(json(await invoke(anna, edit.verb, edit.data))).to.contain(FORM.leaning);
    const [a1, a2] = await Promise.all([invoke(anna, postAnyway.verb, postAnyway.data), invoke(anna, postAnyway.verb, postAnyway.data)]);
    const ids = [a1, a2].map((a) => /TW-\d+/.exec(json(a))?.[0]);
    expect(ids[0]).to.match(/^TW-\d+$/);
    expect(ids[1]).to.equal(ids[0]);
    await bot.settle();
    expect(
      connector.messagesIn(generalChannel.id).filter((m) => json(m.card ?? {}).includes(nl.exceptions.card.title(ids[0]!))),
    ).to.have.length(1);
  });

  it('a manager makes a decision a guideline from the card; a colleague cannot', async () => {
    const id = await fileCase();
    await onCard(bram, 'exception.opinion', id, { stance: 'eens', opinionReasoning: 'Ziekte is een goede reden om af te wijken.' });
    await onCard(anna, 'exception.decide', id, { outcome: 'afwijken', decisionReasoning: 'Ziekte is bijzonder, dus afwijken.' });
    expect(json(await onCard(bram, 'exception.markGuideline', id))).to.contain(nl.common.managersOnly);
    expect(json(await onCard(dirk, 'exception.markGuideline', id))).to.contain('Dit besluit is nu een richtlijn.');
    await bot.settle();
    expect(json(channelCard(id).card))
      .to.contain(nl.exceptions.card.guidelineBadge)
      .and.contain('exception.unmarkGuideline');
  });

  it('a case nobody takes gets exactly one nudge after 2 working hours, in its thread; a taken case gets none', async () => {
    const waiting = await fileCase(); // Thursday 10:00
    const takenId = await fileCase(anna, { ...FORM, rule: 'Geen huisdieren in de flat' });
    await onCard(bram, 'exception.take', takenId);
    await bot.settle();
    const nudges = () => connector.allPosted().filter((p) => /wacht al .* op een collega/.test(text(p.activity)));

    bot.clock.set('2026-11-26T11:59:00+01:00');
    await bot.tick();
    expect(nudges()).to.have.length(0);
    bot.clock.set('2026-11-26T12:00:00+01:00');
    await bot.tick();
    bot.clock.set('2026-11-26T12:30:00+01:00');
    await bot.tick();
    bot.clock.set('2026-11-27T09:00:00+01:00');
    await bot.tick();
    const sent = nudges();
    expect(sent, connector.summary()).to.have.length(1);
    expect(text(sent[0].activity)).to.contain(`Twijfelgeval **${waiting}**`).and.contain('wacht al 2 werkuren op een collega');
    // In the card's thread.
    expect(sent[0].conversationId).to.equal(`${generalChannel.id};messageid=${channelCard(waiting).id}`);
    expect(text(sent[0].activity)).to.not.contain(takenId);
  });

  it('the nudge counts working minutes: late in the day, it comes the next working morning', async () => {
    bot.clock.set('2026-11-27T16:30:00+01:00'); // Friday
    const id = await fileCase();
    const nudges = () => connector.allPosted().filter((p) => /wacht al .* op een collega/.test(text(p.activity)));
    for (const at of ['2026-11-27T16:59:00+01:00', '2026-11-28T12:00:00+01:00', '2026-11-30T09:59:00+01:00']) {
      bot.clock.set(at);
      await bot.tick();
    }
    expect(nudges()).to.have.length(0);
    bot.clock.set('2026-11-30T10:00:00+01:00'); // 30 minutes on Friday + 90 on Monday
    await bot.tick();
    expect(nudges()).to.have.length(1);
    expect(text(nudges()[0].activity)).to.contain(id);
  });

  it('afwegingen export: a FileConsentCard in the personal chat, the CSV uploaded on accept; in a channel, a pointer to the personal chat', async () => {
    const id = await fileCase();
    await onCard(bram, 'exception.opinion', id, { stance: 'eens', opinionReasoning: 'Ziekte is een goede reden om af te wijken.' });
    await onCard(anna, 'exception.decide', id, { outcome: 'afwijken', decisionReasoning: 'Ziekte is bijzonder, dus "afwijken".' });
    await bot.settle();

    await bot.post(channelMessage({ text: 'afwegingen export', from: carla, team: teamNoord }));
    await connector.waitFor((c) => c.allPosted().find((p) => /alleen in onze persoonlijke chat/.test(text(p.activity))));

    await bot.post(personalMessage({ text: 'afwegingen export', from: carla }));
    const offer = await connector.waitFor((c) =>
      c
        .messagesIn(personalConversationId(carla))
        .find((m) => m.activity.attachments?.[0]?.contentType === 'application/vnd.microsoft.teams.card.file.consent'),
    );
    const consent = offer.activity.attachments[0];
    expect(consent.name).to.equal('afwegingen-2026-11-26.csv');
    expect(consent.content.description).to.contain('Alle 1 besluiten');

    // Teams created the file in OneDrive and hands over an upload URL: here a local server.
    const uploads: { headers: http.IncomingHttpHeaders; body: string }[] = [];
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        uploads.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end('{}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const accept = adaptiveCardAction({ from: carla, conversation: personalConversationId(carla), verb: 'x' });
      accept.name = 'fileConsent/invoke';
      accept.value = {
        type: 'fileUpload',
        action: 'accept',
        context: consent.content.acceptContext,
        uploadInfo: {
          name: consent.name,
          uploadUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/upload`,
          contentUrl: 'https://wij.sharepoint.com/personal/carla/Documents/afwegingen-2026-11-26.csv',
          uniqueId: 'ABC-123',
          fileType: 'csv',
        },
      };
      const res = await bot.post(accept);
      expect(res.status).to.equal(200);
      expect(uploads).to.have.length(1);
      const csv = uploads[0].body;
      expect(csv.startsWith('\ufeff"Nummer";"Besloten op";"Richtlijn";"Regel"')).to.equal(true);
      expect(csv).to.contain(`"${id}";"2026-11-26";"nee";"${FORM.rule}"`).and.contain('"Ziekte is bijzonder, dus ""afwijken""."');
      expect(uploads[0].headers['content-range']).to.equal(`bytes 0-${Buffer.byteLength(csv) - 1}/${Buffer.byteLength(csv)}`);
      const info = await connector.waitFor((c) =>
        c
          .messagesIn(personalConversationId(carla))
          .find((m) => m.activity.attachments?.[0]?.contentType === 'application/vnd.microsoft.teams.card.file.info'),
      );
      expect(info.activity.attachments[0].content.uniqueId).to.equal('ABC-123');
      expect(text(info.activity)).to.contain('staat nu in je OneDrive');
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }

    const decline = adaptiveCardAction({ from: carla, conversation: personalConversationId(carla), verb: 'x' });
    decline.name = 'fileConsent/invoke';
    decline.value = { type: 'fileUpload', action: 'decline', context: { kind: 'exceptionLibrary' } };
    expect((await bot.post(decline)).status).to.equal(200);
    await connector.waitFor((c) => c.allPosted().find((p) => /niet opgeslagen/.test(text(p.activity))));
  });
});
