// Every free-text field of a callback (customer name, topic, details, intake source, staff names,
// done note, reasons, handover target) reaches cards and chat messages inert: a markdown link,
// HTML and an Adaptive Card template expression are shown as typed, never interpreted.
import { expect } from 'chai';
import { nl } from '../../src/texts/nl';
import { startFakeConnector, type FakeConnector } from '../harness/fakeConnector';
import { startBot, type BotUnderTest } from '../harness/bot';
import { personalConversationId, personalMessage, generalChannel, TEST_TENANT, type TestUser } from '../harness/activities';
import { postActivity } from '../harness/http';
import { bindChannel, click, intake, staff } from '../harness/scenario';

/** A payload per field, with a marker so we can find where it ended up. */
const evil = (field: string) => `EVIL-${field} [klik](https://e.x/) <b>v</b> \${1+1} \${$root.t.claim} **sterk**`;

function strings(node: unknown, out: string[] = []): string[] {
  if (typeof node === 'string') out.push(node);
  else if (Array.isArray(node)) for (const x of node) strings(x, out);
  else if (node && typeof node === 'object') for (const x of Object.values(node)) strings(x, out);
  return out;
}

/** Every string holding the marker is inert; returns how many there were. */
function assertInert(where: string, node: unknown, field: string, short = false): number {
  const hits = strings(node).filter((s) => s.includes(`EVIL-${field}`));
  for (const s of hits) {
    const ctx = `${where}, ${field}: ${JSON.stringify(s)}`;
    expect(s, ctx).not.to.match(/(^|[^\\])\[klik(\\)?\]\(https/); // an unescaped markdown link
    expect(s, ctx).not.to.match(/[<>]/); // no HTML
    expect(s, ctx).not.to.match(/\$\{/); // no template expression left to expand
    expect(s, ctx).to.contain('$\u200b{1+1}'); // shown as typed, not evaluated to 2
    if (short) continue;
    expect(s, ctx).to.contain('$\u200b{$root.t.claim}'); // not replaced by our own text
    expect(s, ctx).not.to.match(/(^|[^\\])\*\*sterk/); // no bold
  }
  return hits.length;
}

describe('free text is neutralised in every card and message (callbacks)', function () {
  this.timeout(30_000);
  let connector: FakeConnector;
  let bot: BotUnderTest;
  // Staff whose Teams display names carry the payload (a display name is text someone typed too).
  const creator: TestUser = { ...staff(901), name: evil('creator') };
  const owner: TestUser = { ...staff(902), name: evil('owner') };
  const colleague: TestUser = { ...staff(903), name: evil('colleague') };
  const other: TestUser = staff(904);

  before(async () => {
    connector = await startFakeConnector();
    bot = await startBot({ env: { MANAGER_IDS: creator.aadObjectId } });
    await bindChannel(bot.url, connector);
    for (const u of [creator, owner, colleague, other]) await postActivity(bot.url, personalMessage({ text: 'hulp', from: u }));
  });
  after(async () => {
    await bot.stop();
    await connector.close();
  });

  const cardOf = (id: string) =>
    connector.messagesIn(generalChannel.id).find((m) => JSON.stringify(m.card ?? {}).includes(nl.callbacks.card.title(id)))?.card;

  it('intake fields (customer name, topic, details, source) in the channel card and the owner view', async () => {
    const res = await intake(bot.url, {
      customerName: evil('customerName'),
      phone: '06 12345678',
      topic: evil('topic'),
      details: evil('details'),
      source: 'EVIL-source<b>[klik](https://e)${1+1}',
    }); // 39: intake keeps 40
    expect(res.status, res.text).to.equal(201);
    const id = res.body.id as string;
    await bot.settle();
    const channel = cardOf(id);
    for (const f of ['customerName', 'topic', 'details']) expect(assertInert('channel card', channel, f), f).to.be.greaterThan(0);
    expect(assertInert('channel card', channel, 'source', true)).to.be.greaterThan(0);

    const claim = await click(bot.url, owner, 'callback.claim', { id });
    const ownerView = claim.body.value;
    for (const f of ['customerName', 'topic', 'details', 'owner']) expect(assertInert('owner view', ownerView, f), f).to.be.greaterThan(0);
    await bot.settle();
    expect(assertInert('channel card after claim', cardOf(id), 'owner'), 'owner on the channel card').to.be.greaterThan(0);

    // Someone else clicks: the refusal names the owner, inert.
    const refused = await click(bot.url, other, 'callback.claim', { id });
    expect(assertInert('refusal', refused.body.value, 'owner')).to.be.greaterThan(0);
  });

  it('staff names, handover, reasons and the done note in cards, history and 1:1 notices', async () => {
    // Made through the form by a creator with a payload name, for the owner (a colleague picked in the form).
    const created = await click(
      bot.url,
      creator,
      'callback.create',
      {
        customerName: 'Mevrouw Neutraal',
        phone: '06 87654321',
        topic: evil('formTopic'),
        details: evil('formDetails'),
        assignee: owner.aadObjectId,
      },
      personalConversationId(creator),
    );
    expect(JSON.stringify(created.body.value)).to.contain('is aangemaakt');
    const item = (await bot.app.s.repo.queryItems(TEST_TENANT, { ownerId: owner.aadObjectId })).find((i) =>
      String(i.data.topic).startsWith('EVIL-formTopic'),
    )!;
    const id = item.id;
    await bot.settle();
    expect(assertInert('channel card', cardOf(id), 'creator')).to.be.greaterThan(0);
    expect(assertInert('channel card', cardOf(id), 'formTopic')).to.be.greaterThan(0);
    // The owner's 1:1 notice ("… heeft terugbelverzoek … voor jou aangemaakt") carries the creator's name and the topic.
    const notice = connector
      .messagesIn(personalConversationId(owner))
      .map((m) => m.activity)
      .find((a) => String(a.text).includes(id));
    expect(assertInert('assigned notice', notice?.text, 'creator')).to.equal(1);
    expect(assertInert('assigned notice', notice?.text, 'formTopic')).to.equal(1);

    // Reschedule with a payload reason, hand over to a colleague with a payload name.
    const resched = await click(bot.url, owner, 'callback.reschedule', { id, date: '2026-11-30', time: '10:00', reason: evil('reason') });
    expect(assertInert('owner view history', resched.body.value, 'reason')).to.be.greaterThan(0);
    const handover = await click(bot.url, owner, 'callback.handover', { id, to: colleague.aadObjectId });
    expect(assertInert('handover answer', handover.body.value, 'colleague')).to.be.greaterThan(0);
    await bot.settle();
    const handoverNotice = connector
      .messagesIn(personalConversationId(colleague))
      .map((m) => m.activity)
      .find((a) => String(a.text).includes('overgedragen'));
    expect(assertInert('handover notice', handoverNotice?.text, 'owner')).to.equal(1);
    expect(assertInert('handover notice', handoverNotice?.text, 'formTopic')).to.equal(1);
    expect(assertInert('channel card', cardOf(id), 'colleague')).to.be.greaterThan(0);

    // The colleague finishes with a payload note: note and history in their view, the channel card after.
    const done = await click(bot.url, colleague, 'callback.done', { id, answer: 'ja', note: evil('doneNote'), confirmation: 'none' });
    expect(assertInert('done answer', done.body.value, 'doneNote')).to.be.greaterThan(0);
    expect(assertInert('done answer', done.body.value, 'reason')).to.be.greaterThan(0);
    await bot.settle();
    for (const f of ['colleague', 'creator', 'formTopic']) assertInert('channel card when done', cardOf(id), f);

    // A cancel reason lands in the history of another one.
    const second = await intake(bot.url, { customerName: 'Meneer Tweede', phone: '06 11223344', topic: 'Gewoon' });
    await click(bot.url, owner, 'callback.claim', { id: second.body.id });
    const cancelled = await click(bot.url, creator, 'callback.cancel', { id: second.body.id, reason: evil('cancelReason') });
    expect(cancelled.status).to.equal(200);
    const view = await click(bot.url, creator, 'callback.view', { id: second.body.id });
    expect(assertInert('manager view', view.body.value, 'cancelReason')).to.be.greaterThan(0);
  });

  it('a refused form keeps the typed values without expanding them', async () => {
    const res = await click(
      bot.url,
      creator,
      'callback.create',
      { customerName: evil('formName'), phone: 'geen nummer', topic: evil('formTopic2') },
      personalConversationId(creator),
    );
    const form = res.body.value;
    const values = strings(form).filter((s) => s.includes('EVIL-formName') || s.includes('EVIL-formTopic2'));
    expect(values.length).to.be.greaterThan(1);
    for (const v of values) {
      expect(v).not.to.match(/\$\{/);
      expect(v).to.contain('$\u200b{1+1}');
    }
  });
});
