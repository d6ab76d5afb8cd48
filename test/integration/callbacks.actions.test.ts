// Claiming and owning a callback over HTTP with the fake connector: 20 concurrent claims, every
// owner action with its authorisation and card update, stale cards, Universal Actions refresh,
// privacy of the channel card, and answering an invoke before any slow send.
import { expect } from 'chai';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { anna, bram, carla, dirk, generalChannel, personalConversationId, TEST_TENANT, type TestUser } from '../harness/activities';
import { type FakeConnector } from '../harness/fakeConnector';
import type { BotUnderTest } from '../harness/bot';
import type { OutboxMessage } from '../../src/storage/repository';
import type { DeliveryHandler } from '../../src/app/outbox';
import {
  allChannelCardVersions,
  bindChannel,
  channelCard,
  channelMessageOf,
  click,
  createCallback,
  CUSTOMER,
  extraUser,
  getItem,
  createViaForm,
  historyActions,
  inputOf,
  introduce,
  log,
  PHONE_FORMS,
  startCallbackBot,
  textOf,
  verbsOf,
} from './callbacks.helpers';
import { useBot } from '../harness/suite';
import { nl } from '../../src/texts/nl';

const OWNER_VERBS = [
  'callback.done',
  'callback.notReached',
  'callback.reschedule',
  'callback.handover',
  'callback.release',
  'callback.cancel',
];
const NOT_ALLOWED = nl.common.notAllowed;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

describe('callbacks: claim and owner actions (HTTP, fake connector)', () => {
  let connector: FakeConnector;
  let bot: BotUnderTest;
  const suite = useBot(async (connector) => {
    const bot = await startCallbackBot();
    await bindChannel(bot, connector);
    await introduce(bot);
    return bot;
  });
  beforeEach(() => ({ connector, bot } = suite));

  /** A callback claimed by `owner`, with its channel card up to date. */
  async function claimedBy(owner: TestUser, body: Record<string, unknown> = {}): Promise<string> {
    const item = await createCallback(bot, body);
    const res = await click(bot, owner, 'callback.claim', { id: item.id, v: item.version });
    expect(textOf(res.card)).to.contain(`Je hebt ${item.id} opgepakt`);
    await bot.settle();
    return item.id;
  }

  /** The state of the item's channel message, to show that a refused action changed nothing. */
  async function snapshot(id: string) {
    const m = await channelMessageOf(bot, connector, id);
    const item = await getItem(bot, id);
    return { updates: m.updates, card: JSON.stringify(m.card), version: item!.version, history: (await historyActions(bot, id)).length };
  }

  describe('claim', () => {
    it('20 colleagues clicking at once: exactly one owner, one history entry, the card updated in place naming them', async () => {
      const item = await createCallback(bot);
      const posted = await channelMessageOf(bot, connector, item.id);
      const crowd = Array.from({ length: 20 }, (_, i) => extraUser(i + 1));
      const results = await Promise.all(crowd.map((u) => click(bot, u, 'callback.claim', { id: item.id, v: 1 })));
      const after = await getItem(bot, item.id);
      const winner = crowd.find((u) => u.aadObjectId === after!.owner!.id)!;
      expect(winner, 'the owner is one of the 20').to.not.equal(undefined);
      expect(after).to.include({ status: 'claimed', version: 2 });
      expect((await historyActions(bot, item.id)).filter((a) => a === 'claimed')).to.have.length(1);

      const texts = results.map((r) => textOf(r.card));
      expect(texts.filter((t) => t.includes(`Je hebt ${item.id} opgepakt`))).to.have.length(1);
      const winnerText = texts[crowd.indexOf(winner)]!;
      expect(winnerText).to.contain('Mevrouw Jansen').and.contain('tel:+31612345678');
      const losers = texts.filter((_, i) => crowd[i] !== winner);
      expect(losers).to.have.length(19);
      for (const t of losers) {
        expect(t).to.contain(nl.callbacks.msg.alreadyClaimed(winner.name));
        expect(t).to.contain('Deze kaart was niet meer actueel');
        expect(t).to.contain(`Opgepakt door ${winner.name}`);
        for (const p of PHONE_FORMS) expect(t).to.not.contain(p);
      }
      log(
        `20 concurrent claims: invoke latency median ${median(results.map((r) => r.ms)).toFixed(1)} ms, max ${Math.max(...results.map((r) => r.ms)).toFixed(1)} ms`,
      );

      await bot.settle();
      const cards = connector
        .messagesIn(generalChannel.id)
        .filter((m) => JSON.stringify(m.card ?? {}).includes(nl.callbacks.card.title(item.id)));
      expect(cards, 'one channel message, updated in place').to.have.length(1);
      expect(cards[0]!.id).to.equal(posted.id);
      expect(cards[0]!.updates).to.be.at.least(1);
      expect(textOf(cards[0]!.card)).to.contain(nl.callbacks.card.claimedBy(winner.name, '10:00'));
      expect(verbsOf(cards[0]!.card)).to.deep.equal(['callback.view']);
      // Universal Actions: the owner's client swaps the card for their private view.
      expect(cards[0]!.card!.refresh).to.deep.equal({
        action: { type: 'Action.Execute', verb: 'callback.refresh', data: { id: item.id } },
        userIds: [winner.id],
      });
    });

    it('answers the invoke before any slow send starts (card update, 1:1 message), and logs its latency', async () => {
      const id = await claimedBy(anna);
      const events: string[] = [];
      // Mark the moment the bot writes its HTTP answer to the invoke…
      const httpServer = (
        bot.app.server as unknown as { server: { on: (e: string, f: (req: IncomingMessage, res: ServerResponse) => void) => void } }
      ).server;
      httpServer.on('request', (req, res) => {
        if (req.url !== '/api/messages') return;
        const end = res.end.bind(res) as (...a: unknown[]) => ServerResponse;
        (res as unknown as { end: (...a: unknown[]) => ServerResponse }).end = (...a: unknown[]) => {
          events.push('answer');
          return end(...a);
        };
      });
      // …and the moment each send begins.
      const outbox = bot.app.s.outbox as unknown as { handlers: Map<string, DeliveryHandler> };
      for (const type of ['updateCard', 'notifyPerson']) {
        const original = outbox.handlers.get(type)!;
        bot.app.s.outbox.register(type, async (m: OutboxMessage) => {
          events.push(`send:${type}`);
          return original(m);
        });
      }
      connector.setLatency(300); // Teams being slow must not slow the answer
      try {
        const res = await click(bot, anna, 'callback.handover', { id, v: 2, to: bram.aadObjectId });
        expect(textOf(res.card)).to.contain(`${id} is overgedragen aan Bram Jansen`);
        log(`handover invoke answered in ${res.ms.toFixed(1)} ms (connector latency 300 ms per send)`);
        await bot.settle();
      } finally {
        connector.setLatency(0);
      }
      // (The adapter ends the response twice: res.send, then res.end.)
      expect(events[0]).to.equal('answer');
      expect(events.filter((e) => e !== 'answer').sort()).to.deep.equal(['send:notifyPerson', 'send:updateCard']);
    });

    it('claiming your own callback again, or one claimed by someone else, changes nothing', async () => {
      const id = await claimedBy(anna);
      const before = await snapshot(id);
      const again = await click(bot, anna, 'callback.claim', { id, v: 2 });
      expect(textOf(again.card)).to.contain(nl.callbacks.msg.alreadyYours);
      const other = await click(bot, bram, 'callback.claim', { id, v: 2 });
      expect(textOf(other.card)).to.contain(nl.callbacks.msg.alreadyClaimed(anna.name)).and.not.contain('niet meer actueel');
      await bot.settle();
      expect(await snapshot(id)).to.deep.equal(before);
    });
  });

  describe('owner actions', () => {
    it('only the owner or a manager may act; anyone else gets a Dutch refusal and an unchanged card', async () => {
      const id = await claimedBy(anna);
      const before = await snapshot(id);
      const inputs: Record<string, Record<string, unknown>> = {
        'callback.done': { answer: 'ja', note: 'Klant gebeld, alles is geregeld.', confirmation: 'none' },
        'callback.notReached': {},
        'callback.reschedule': { date: '2026-11-30', time: '10:00', reason: 'Klant vroeg om maandag' },
        'callback.handover': { to: carla.aadObjectId },
        'callback.release': {},
        'callback.cancel': { cancelReason: 'Dubbel' },
      };
      for (const verb of OWNER_VERBS) {
        const res = await click(bot, bram, verb, { id, v: 2, ...inputs[verb] });
        const text = textOf(res.card);
        expect(text, verb).to.contain(NOT_ALLOWED);
        // Bram gets the shared card: no customer details, no owner buttons.
        for (const p of PHONE_FORMS) expect(text, verb).to.not.contain(p);
        expect(verbsOf(res.card), verb).to.deep.equal(['callback.view']);
      }
      await bot.settle();
      expect(await snapshot(id)).to.deep.equal(before);
    });

    it('done needs a dossier note and how it was confirmed; then the card shows who finished it', async () => {
      const id = await claimedBy(anna);
      const empty = await click(bot, anna, 'callback.done', { id, v: 2, answer: 'ja', note: '', confirmation: '' });
      const t1 = textOf(empty.card);
      expect(t1).to.contain(nl.callbacks.errors.noteRequired).and.contain(nl.callbacks.errors.confirmationRequired);
      const short = await click(bot, anna, 'callback.done', { id, v: 2, answer: 'ja', note: 'Gebeld', confirmation: 'email' });
      expect(textOf(short.card)).to.contain('Schrijf iets meer');
      // Values kept in the owner view's inputs.
      expect(inputOf(short.card, 'note')!.value).to.equal('Gebeld');
      expect(inputOf(short.card, 'confirmation')!.value).to.equal('email');
      expect((await getItem(bot, id))!.status).to.equal('claimed');

      await bot.settle();
      const updatesBefore = (await channelMessageOf(bot, connector, id)).updates;
      bot.clock.set('2026-11-26T15:10:00+01:00');
      const done = await click(bot, anna, 'callback.done', {
        id,
        v: 2,
        answer: 'ja',
        note: 'Loodgieter komt morgen om 10:00.',
        confirmation: 'brief',
      });
      expect(textOf(done.card)).to.contain(nl.callbacks.msg.done(id)).and.contain('Loodgieter komt morgen om 10:00.');
      const item = await getItem(bot, id);
      expect(item).to.include({ status: 'done' });
      expect(item!.closedAt!.toISOString()).to.equal('2026-11-26T14:10:00.000Z');
      expect(item!.data).to.include({ doneNote: 'Loodgieter komt morgen om 10:00.', confirmation: 'brief' });
      const history = await bot.app.s.repo.history(TEST_TENANT, id);
      expect(history.at(-1)).to.deep.include({
        action: 'done',
        note: 'Loodgieter komt morgen om 10:00.',
        details: { confirmation: 'brief', answer: 'ja', explained: false },
      });
      await bot.settle();
      const m = await channelMessageOf(bot, connector, id);
      expect(m.updates).to.equal(updatesBefore + 1);
      expect(textOf(m.card)).to.contain(nl.callbacks.card.doneBy(anna.name, '15:10')).and.contain('Afgerond');
      expect(verbsOf(m.card)).to.deep.equal([]);
      expect(m.card!.refresh, 'no refresh on a finished card').to.equal(undefined);
      // The dossier note is for the owner view and the history, not the channel.
      expect(JSON.stringify(m.card)).to.not.contain('Loodgieter');
    });

    it('the owner view carries the customer profile, and the letter hint for a customer who is not digital', async () => {
      const id = await createViaForm(bot, carla, {
        digital: 'liever-persoonlijk',
        ageGroup: '55-of-ouder',
        attitude: 'hulp-bij-regelen',
        preferredChannel: 'brief',
      });
      const view = await click(bot, anna, 'callback.claim', { id });
      const text = textOf(view.card);
      const p = nl.customers.profile;
      expect(text)
        .to.contain(`${p.ageGroup['55-of-ouder']}; ${p.digital['liever-persoonlijk']}; ${p.attitude['hulp-bij-regelen']}`)
        .and.contain('Brief');
      expect(text).to.contain(nl.customers.needs.letter).and.contain(nl.customers.needs.help);
      expect(text)
        .to.contain(nl.callbacks.card.checklistTitle)
        .and.contain('Stel jezelf voor')
        .and.contain('Geef nogmaals je naam')
        .and.contain('Voel je verantwoordelijk voor de afspraak die jij hebt gemaakt.');
      // Another customer (another number: the first one's record prefers a letter).
      const plain = await click(bot, anna, 'callback.claim', {
        id: await createViaForm(bot, carla, { digital: 'regelt-digitaal', phone: '06 87654321' }),
      });
      expect(textOf(plain.card)).to.not.contain(nl.customers.needs.letter);
      expect(textOf(plain.card)).to.contain(nl.customers.needs.digital);
    });

    it('niet bereikt is a ladder: the next attempt at another part of the day; after the last the callback ends as niet bereikt and the owner gets a text for the customer', async () => {
      const id = await claimedBy(anna);
      const l = nl.conversation.ladder;
      bot.clock.set('2026-11-26T10:15:00+01:00');
      const first = textOf((await click(bot, anna, 'callback.notReached', { id, v: 2 })).card);
      expect(first).to.contain(l.attempt(1, 2)).and.contain(l.next('vandaag 14:00'));
      expect((await getItem(bot, id))!.status).to.equal('claimed');
      bot.clock.set('2026-11-26T14:05:00+01:00');
      const second = textOf((await click(bot, anna, 'callback.notReached', { id, v: 3 })).card);
      expect(second).to.contain(l.attempt(2, 2)).and.contain(l.last(2));
      expect(second).to.contain('donderdag 26 november, 10:15; donderdag 26 november, 14:05');
      const history = (await bot.app.s.repo.history(TEST_TENANT, id)).filter((h) => h.action === 'notReached');
      expect(history.map((h) => h.details?.attempt)).to.deep.equal([1, 2]);
      expect(history.map((h) => h.at.toISOString())).to.deep.equal(['09:15', '13:05'].map((t) => `2026-11-26T${t}:00.000Z`));
      const item = (await getItem(bot, id))!;
      expect(item.status).to.equal('notReached');
      expect(item.closedAt).to.not.equal(null);
      await bot.settle();
      const card = await channelCard(bot, connector, id);
      expect(textOf(card)).to.contain(nl.callbacks.status.notReached).and.contain('Geschiedenis (4)');
      expect(verbsOf(card)).to.deep.equal([]);
      // The owner's 1:1 chat: "wij konden u niet bereiken", ready to copy.
      const dm = connector.messagesIn(personalConversationId(anna)).find((m) => textOf(m.card).includes(l.lastCardTitle(id)));
      expect(dm, "the ready text in Anna's 1:1 chat").to.not.equal(undefined);
      expect(inputOf(dm!.card, 'customerText')!.value).to.contain('Wij hebben geprobeerd u te bereiken over: Lekkage in de badkamer');
    });

    it('niet bereikt for a customer who needs help allows one more attempt, and the text is for a letter when not digital', async () => {
      const id = await createViaForm(bot, carla, { digital: 'liever-persoonlijk', attitude: 'hulp-bij-regelen' });
      await click(bot, anna, 'callback.claim', { id });
      let last = '';
      for (let i = 0; i < 3; i++) last = textOf((await click(bot, anna, 'callback.notReached', { id })).card);
      expect(last).to.contain(nl.conversation.ladder.last(3));
      await bot.settle();
      const dm = connector
        .messagesIn(personalConversationId(anna))
        .find((m) => textOf(m.card).includes(nl.conversation.ladder.lastCardTitle(id)));
      expect(textOf(dm!.card)).to.contain(nl.conversation.ladder.lastCardIntroLetter);
    });

    it('release makes it open again for everyone', async () => {
      const id = await claimedBy(anna);
      const res = await click(bot, anna, 'callback.release', { id, v: 2 });
      expect(textOf(res.card)).to.contain(`Je hebt ${id} losgelaten.`);
      expect(verbsOf(res.card)).to.deep.equal(['callback.claim']);
      await bot.settle();
      const card = await channelCard(bot, connector, id);
      expect(textOf(card)).to.contain(nl.callbacks.status.open);
      expect(verbsOf(card)).to.deep.equal(['callback.claim']);
      expect(card.refresh).to.equal(undefined);
      expect(await historyActions(bot, id)).to.deep.equal(['created', 'claimed', 'released']);
      const again = await click(bot, bram, 'callback.claim', { id, v: 3 });
      expect(textOf(again.card)).to.contain(`Je hebt ${id} opgepakt`);
    });

    it('handover gives it to a colleague, who gets a 1:1 message with their view; the card names them', async () => {
      const id = await claimedBy(anna);
      const self = await click(bot, anna, 'callback.handover', { id, v: 2, to: anna.aadObjectId });
      expect(textOf(self.card)).to.contain(nl.callbacks.errors.assigneeSelf);
      const none = await click(bot, anna, 'callback.handover', { id, v: 2 });
      expect(textOf(none.card)).to.contain(nl.callbacks.errors.assigneeRequired);
      const unknown = await click(bot, anna, 'callback.handover', { id, v: 2, to: 'f0f0f0f0-0000-4000-8000-0000000000ff' });
      expect(textOf(unknown.card)).to.contain('Deze collega ken ik niet.');
      expect((await getItem(bot, id))!.version).to.equal(2);

      const res = await click(bot, anna, 'callback.handover', { id, v: 2, to: bram.aadObjectId });
      expect(textOf(res.card)).to.contain(nl.callbacks.msg.handedOver(id, bram.name));
      for (const p of PHONE_FORMS) expect(textOf(res.card), 'Anna no longer sees the details').to.not.contain(p);
      await bot.settle();
      const dm = connector.messagesIn(personalConversationId(bram)).find((m) => /aan jou overgedragen/.test(String(m.activity.text)));
      expect(dm, 'a 1:1 message to Bram').to.not.equal(undefined);
      expect(String(dm!.activity.text)).to.contain(
        nl.callbacks.msg.handoverNotice(id, anna.name, 'Lekkage in de badkamer', 'morgen 17:00'),
      );
      expect(JSON.stringify(dm!.card)).to.contain('tel:+31612345678');
      const card = await channelCard(bot, connector, id);
      expect(textOf(card)).to.contain('Opgepakt door Bram Jansen');
      expect(card.refresh.userIds).to.deep.equal([bram.id]);
      const history = await bot.app.s.repo.history(TEST_TENANT, id);
      expect(history.at(-1)).to.deep.include({ action: 'handedOver', details: { from: anna.name, to: bram.name } });
      // Anna may no longer act; Bram may.
      expect(textOf((await click(bot, anna, 'callback.notReached', { id })).card)).to.contain(NOT_ALLOWED);
      expect(textOf((await click(bot, bram, 'callback.notReached', { id })).card)).to.contain(nl.conversation.ladder.attempt(1, 2));
    });

    it('reschedule keeps the new moment and the reason, and the history keeps both moments', async () => {
      const id = await claimedBy(anna);
      const missing = await click(bot, anna, 'callback.reschedule', { id, v: 2, date: '', reason: '' });
      expect(textOf(missing.card)).to.contain(nl.callbacks.errors.newMomentRequired).and.contain(nl.callbacks.errors.reasonRequired);
      const past = await click(bot, anna, 'callback.reschedule', { id, v: 2, date: '2026-11-25', time: '10:00', reason: 'Te laat' });
      expect(textOf(past.card)).to.contain(nl.common.momentInPast);
      expect(inputOf(past.card, 'reason')!.value).to.equal('Te laat');

      const res = await click(bot, anna, 'callback.reschedule', {
        id,
        v: 2,
        date: '2026-11-30',
        time: '10:30',
        reason: 'Klant is tot maandag weg',
      });
      expect(textOf(res.card)).to.contain(`${id} heeft een nieuw moment: maandag 30 november, 10:30.`);
      const item = await getItem(bot, id);
      expect(item!.deadline!.toISOString()).to.equal('2026-11-30T09:30:00.000Z');
      const h = (await bot.app.s.repo.history(TEST_TENANT, id)).at(-1)!;
      expect(h).to.deep.include({ action: 'rescheduled', note: 'Klant is tot maandag weg' });
      expect(h.details).to.deep.equal({ from: '2026-11-27T16:00:00.000Z', to: '2026-11-30T09:30:00.000Z' });
      await bot.settle();
      expect(textOf(await channelCard(bot, connector, id))).to.contain('op tijd · uiterlijk maandag 30 november, 10:30');
      // The owner's history shows the reason; the channel's does not.
      expect(textOf((await click(bot, anna, 'callback.view', { id })).card)).to.contain('nieuwe afspraak: Klant is tot maandag weg');
      expect(JSON.stringify(await channelCard(bot, connector, id))).to.not.contain('Klant is tot maandag weg');
    });

    it('cancel needs a reason; the owner, the creator or a manager may', async () => {
      const id = await claimedBy(anna);
      const noReason = await click(bot, anna, 'callback.cancel', { id, v: 2, cancelReason: '' });
      expect(textOf(noReason.card)).to.contain(nl.callbacks.errors.reasonRequired);
      expect(JSON.stringify(inputOf(noReason.card, 'cancelReason'))).to.not.equal(undefined);
      const res = await click(bot, anna, 'callback.cancel', { id, v: 2, cancelReason: 'Klant belde zelf terug' });
      expect(textOf(res.card)).to.contain(nl.callbacks.msg.cancelled(id));
      await bot.settle();
      const card = await channelCard(bot, connector, id);
      expect(textOf(card)).to.contain(nl.callbacks.status.cancelled);
      expect(verbsOf(card)).to.deep.equal([]);
      expect((await bot.app.s.repo.history(TEST_TENANT, id)).at(-1)).to.deep.include({
        action: 'cancelled',
        note: 'Klant belde zelf terug',
      });
      // The creator (not the owner) may cancel too.
      const created = await bot.app.s.items.create(
        'callback',
        TEST_TENANT,
        CUSTOMER,
        { id: carla.aadObjectId, name: carla.name, teamsId: carla.id },
        'teams',
      );
      expect(created.status).to.equal('created');
      const cid = created.status === 'created' ? created.item.id : '';
      await bot.settle();
      await click(bot, anna, 'callback.claim', { id: cid });
      expect(textOf((await click(bot, bram, 'callback.cancel', { id: cid, cancelReason: 'Dubbel' })).card)).to.contain(NOT_ALLOWED);
      expect(textOf((await click(bot, carla, 'callback.cancel', { id: cid, cancelReason: 'Dubbel ingevoerd' })).card)).to.contain(
        nl.callbacks.msg.cancelled(cid),
      );
    });

    it('a manager (MANAGER_IDS) may do owner actions, and sees the owner view', async () => {
      const id = await claimedBy(anna);
      const view = await click(bot, dirk, 'callback.view', { id });
      expect(textOf(view.card)).to.contain('tel:+31612345678');
      expect(verbsOf(view.card)).to.include.members(OWNER_VERBS);
      const res = await click(bot, dirk, 'callback.reschedule', { id, v: 2, date: '2026-11-30', time: '09:00', reason: 'Anna is ziek' });
      expect(textOf(res.card)).to.contain('heeft een nieuw moment');
      const handover = await click(bot, dirk, 'callback.handover', { id, to: bram.aadObjectId });
      expect(textOf(handover.card)).to.contain('overgedragen aan Bram Jansen');
      const toOwner = await click(bot, dirk, 'callback.handover', { id, to: bram.aadObjectId });
      expect(textOf(toOwner.card)).to.contain(nl.callbacks.errors.assigneeIsOwner(bram.name));
      const done = await click(bot, dirk, 'callback.done', {
        id,
        answer: 'ja',
        note: 'Afgehandeld door de teamleider.',
        confirmation: 'none',
      });
      expect(textOf(done.card)).to.contain('is afgerond');
      const history = await bot.app.s.repo.history(TEST_TENANT, id);
      expect(history.slice(-3).map((h) => [h.action, h.actor.name])).to.deep.equal([
        ['rescheduled', dirk.name],
        ['handedOver', dirk.name],
        ['done', dirk.name],
      ]);
    });

    it('owner actions need an owner: a manager cannot finish what nobody picked up (handover assigns it)', async () => {
      const item = await createCallback(bot);
      const res = await click(bot, dirk, 'callback.done', {
        id: item.id,
        answer: 'ja',
        note: 'Afgehandeld door de teamleider.',
        confirmation: 'none',
      });
      expect(textOf(res.card)).to.contain('Niemand heeft dit verzoek opgepakt.');
      const assign = await click(bot, dirk, 'callback.handover', { id: item.id, to: carla.aadObjectId });
      expect(textOf(assign.card)).to.contain('overgedragen aan Carla Smit');
      expect((await getItem(bot, item.id))!.owner!.name).to.equal(carla.name);
    });
  });

  describe('stale cards, finished and unknown items: the current card and a short note, never an error', () => {
    it('an action on an outdated card answers with the current card', async () => {
      const id = await claimedBy(anna);
      await click(bot, anna, 'callback.release', { id, v: 2 });
      await click(bot, carla, 'callback.claim', { id, v: 3 });
      // Bram still has the very first card (v1).
      const res = await click(bot, bram, 'callback.claim', { id, v: 1 });
      expect(textOf(res.card)).to.contain(`${nl.callbacks.msg.alreadyClaimed(carla.name)} ${nl.common.staleCard}`);
      expect(textOf(res.card)).to.contain('Opgepakt door Carla Smit');
    });

    it('an action on a finished callback answers with its current card', async () => {
      const id = await claimedBy(anna);
      await click(bot, anna, 'callback.done', { id, v: 2, answer: 'ja', note: 'Klant gebeld, opgelost.', confirmation: 'none' });
      for (const [user, verb] of [
        [bram, 'callback.claim'],
        [anna, 'callback.notReached'],
        [anna, 'callback.release'],
      ] as const) {
        const res = await click(bot, user, verb, { id, v: 2 });
        expect(textOf(res.card), verb).to.contain(nl.callbacks.msg.finished);
        expect(textOf(res.card), verb).to.contain('Afgerond door Anna de Vries');
      }
      const cancelled = await claimedBy(anna);
      await click(bot, anna, 'callback.cancel', { id: cancelled, cancelReason: 'Dubbel' });
      expect(textOf((await click(bot, bram, 'callback.claim', { id: cancelled, v: 2 })).card)).to.contain(
        nl.callbacks.msg.cancelledAlready,
      );
    });

    it('an unknown id, or a button this bot no longer knows, answers with a short note', async () => {
      const unknown = await click(bot, anna, 'callback.claim', { id: 'TB-9999', v: 1 });
      expect(textOf(unknown.card)).to.contain('Ik kan TB-9999 niet vinden.');
      const id = await claimedBy(anna);
      const old = await click(bot, anna, 'callback.oldButton', { id, v: 1 });
      expect(textOf(old.card)).to.contain('Deze knop werkt niet (meer).');
      expect(textOf(old.card)).to.contain(nl.callbacks.kindName).and.contain(id);
      const lower = await click(bot, bram, 'callback.claim', { id: id.toLowerCase(), v: 1 });
      expect(textOf(lower.card)).to.contain(nl.callbacks.msg.alreadyClaimed(anna.name));
    });
  });

  describe('Universal Actions refresh', () => {
    it('answers a refresh with the view for that person, and sends or updates nothing (no refresh loop)', async () => {
      const id = await claimedBy(anna);
      const card = await channelCard(bot, connector, id);
      expect(card.refresh.userIds).to.deep.equal([anna.id]);
      expect(card.refresh.userIds.length).to.be.at.most(60);
      const writes = () =>
        connector.requests.filter((r) => ['send', 'reply', 'update', 'createConversation', 'delete'].includes(r.route)).length;
      const before = { writes: writes(), item: await getItem(bot, id), outbox: (await bot.app.s.repo.listOutbox({})).length };

      const mine = await click(bot, anna, 'callback.refresh', { id }, { trigger: 'automatic' });
      expect(textOf(mine.card)).to.contain(nl.callbacks.card.ownerOnlyHint).and.contain('tel:+31612345678').and.contain('Mevrouw Jansen');
      expect(verbsOf(mine.card)).to.include.members(OWNER_VERBS);
      expect(mine.card.refresh.userIds).to.deep.equal([anna.id]);
      const theirs = await click(bot, bram, 'callback.refresh', { id }, { trigger: 'automatic' });
      for (const p of PHONE_FORMS) expect(JSON.stringify(theirs.card)).to.not.contain(p);
      const personal = await click(bot, anna, 'callback.refresh', { id }, { trigger: 'automatic', where: 'personal' });
      expect(textOf(personal.card)).to.contain('tel:+31612345678');

      await bot.settle();
      await new Promise((r) => setTimeout(r, 50));
      expect(writes()).to.equal(before.writes);
      expect(await getItem(bot, id)).to.deep.equal(before.item);
      expect((await bot.app.s.repo.listOutbox({})).length).to.equal(before.outbox);
    });

    it('"Open mijn weergave" gives someone else only the shared card, with a short note', async () => {
      const id = await claimedBy(anna);
      const res = await click(bot, bram, 'callback.view', { id });
      expect(textOf(res.card)).to.contain(nl.callbacks.msg.notYours);
      for (const p of PHONE_FORMS) expect(JSON.stringify(res.card)).to.not.contain(p);
    });
  });

  describe('privacy', () => {
    it('no version of the channel card ever carries the phone number; the owner view has name, phone and details', async () => {
      const id = await claimedBy(anna);
      await click(bot, anna, 'callback.notReached', { id });
      await click(bot, anna, 'callback.done', { id, answer: 'ja', note: 'Klant gebeld, het is geregeld.', confirmation: 'email' });
      await bot.settle();
      const versions = await allChannelCardVersions(bot, connector, id);
      expect(versions.length).to.be.at.least(4);
      for (const v of versions) for (const p of PHONE_FORMS) expect(JSON.stringify(v)).to.not.contain(p);
      expect(textOf(versions[0])).to.contain('Mevrouw Jansen').and.contain(CUSTOMER.details);
    });

    it('a sensitive callback: no version of the channel card carries name or details; the owner view does', async () => {
      const item = await createCallback(bot, {
        customerName: 'Dhr. Van der Berg',
        details: 'Wil een betalingsregeling voor zijn huurachterstand.',
        topic: 'Betalingsregeling',
        sensitive: true,
      });
      const res = await click(bot, anna, 'callback.claim', { id: item.id, v: 1 });
      const owner = textOf(res.card);
      expect(owner)
        .to.contain('Dhr. Van der Berg')
        .and.contain('Wil een betalingsregeling voor zijn huurachterstand.')
        .and.contain('tel:+31612345678');
      await click(bot, anna, 'callback.notReached', { id: item.id });
      await bot.tick(); // reminders and anything else that might post about it
      await bot.settle();
      const versions = await allChannelCardVersions(bot, connector, item.id);
      expect(versions.length).to.be.at.least(3);
      for (const v of versions) {
        const json = JSON.stringify(v);
        expect(json).to.not.contain('Van der Berg').and.not.contain('betalingsregeling voor').and.not.contain('huurachterstand');
        for (const p of PHONE_FORMS) expect(json).to.not.contain(p);
        expect(textOf(v)).to.contain(nl.callbacks.sensitiveMasked);
      }
      // Nothing else the channel received names the customer either.
      const channelJson = JSON.stringify(connector.messagesIn(generalChannel.id).map((m) => m.activity));
      expect(channelJson).to.not.contain('Van der Berg');
    });
  });
});
