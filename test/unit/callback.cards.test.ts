// The callback cards as data: typed text can never inject markup, the channel card hides what it
// must, a long history stays far below Teams' size limit, and the message extension's prefill.
import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../src/app/app';
import { loadConfig } from '../../src/config/config';
import { ManualClock } from '../../src/domain/clock';
import type { Item, Person } from '../../src/domain/types';
import { cardSize } from '../../src/teams/cards/render';
import { callbackCards, callbackForm } from '../../src/teams/features/callbacks/cards';
import { fromMessage } from '../../src/teams/features/callbacks';
import { nl } from '../../src/texts/nl';
import { staff } from '../harness/roster';
import { renderChannel, renderOwner } from '../../src/teams/cards/itemViews';

const TENANT = '7c3f1e2a-5b4d-4e6f-9a8b-0c1d2e3f4a5b';
const { anna, bram } = staff;

describe('callback cards', () => {
  let app: App;
  let dir: string;
  let clock: ManualClock;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-cards-'));
    clock = new ManualClock('2026-11-26T10:00:00+01:00');
    app = await createApp(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}` }), {
      clock,
      scheduler: false,
    });
  });
  afterEach(async () => {
    await app.s.outbox.stop();
    await app.s.repo.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function create(input: Record<string, unknown>, by: Person = bram): Promise<Item> {
    const c = await app.s.items.create(
      'callback',
      TENANT,
      { customerName: 'Mevrouw Jansen', phone: '0612345678', topic: 'Lekkage', ...input },
      by,
      'teams',
    );
    if (c.status !== 'created') throw new Error(c.status);
    return c.item;
  }

  it('typed text cannot inject markdown links, HTML or template expressions', async () => {
    const evil = {
      customerName: '[Klik hier](https://evil.example) <b>x</b>',
      topic: '${t.claim} **vet** _schuin_',
      details: '# Kop\n- lijst\n1. een',
    };
    const item = await create(evil);
    const claimed = await app.s.items.act(TENANT, item.id, 'claim', {}, { ...anna, name: '[Anna](https://evil.example)' });
    if (claimed.status !== 'ok') throw new Error('claim');
    for (const card of [await renderChannel(callbackCards, app.s, claimed.item), await renderOwner(callbackCards, app.s, claimed.item)]) {
      const json = JSON.stringify(card);
      // A markdown link needs an unescaped '[': every one typed is escaped.
      const texts = JSON.parse(json, (_k, v) => v) as unknown;
      const strings: string[] = [];
      (function walk(v: unknown): void {
        if (typeof v === 'string') strings.push(v);
        else if (v && typeof v === 'object') Object.values(v).forEach(walk);
      })(texts);
      for (const text of strings) expect(text).to.not.match(/(^|[^\\])\[[^\]]*\]\((?!tel:)/);
      expect(json).to.not.contain('<b>').and.not.contain('**vet**');
      expect(json).to.not.contain("Ik pak 'm op **vet**");
      expect(json).to.contain('$\u200b{t.claim}');
      expect(json).to.contain('\\\\[Klik hier\\\\]');
    }
    // The phone link in the owner view is ours, built from the normalised number only.
    expect(JSON.stringify(await renderOwner(callbackCards, app.s, claimed.item))).to.contain('[06 12345678](tel:+31612345678)');
  });

  it('the form shows typed values back as they were, line breaks included, with ${ made inert', async () => {
    const form = await callbackForm(app.s, TENANT, { values: { details: 'regel 1\nregel 2', topic: 'prijs ${x}' }, errors: {} });
    const json = JSON.stringify(form);
    expect(json).to.contain('"value":"regel 1\\nregel 2"');
    expect(json).to.contain('prijs $\u200b{x}');
  });

  it('a sensitive callback: the channel card has neither name nor details, at any status', async () => {
    const item = await create({ customerName: 'Dhr. Verborgen', details: 'Schuldhulp', sensitive: true });
    const claimed = await app.s.items.act(TENANT, item.id, 'claim', {}, anna);
    if (claimed.status !== 'ok') throw new Error('claim');
    for (const i of [item, claimed.item]) {
      const json = JSON.stringify(await renderChannel(callbackCards, app.s, i));
      expect(json).to.not.contain('Verborgen').and.not.contain('Schuldhulp').and.not.contain('12345678');
      expect(json).to.contain(nl.callbacks.sensitiveMasked);
    }
    const owner = JSON.stringify(await renderOwner(callbackCards, app.s, claimed.item));
    expect(owner).to.contain('Verborgen').and.contain('Schuldhulp');
  });

  it('a long history stays far below the 80 KB card budget; the count shows the whole history', async () => {
    const item = await create({ details: 'x'.repeat(2000) });
    await app.s.items.act(TENANT, item.id, 'claim', {}, anna);
    let last: Item | null = null;
    for (let i = 0; i < 150; i++) {
      clock.advance(60_000);
      // Released and picked up again, 75 times (a "niet bereikt" ladder ends after a few attempts).
      const r = await app.s.items.act(TENANT, item.id, i % 2 ? 'claim' : 'release', {}, anna);
      if (r.status === 'ok') last = r.item;
    }
    const channel = await renderChannel(callbackCards, app.s, last!);
    const owner = await renderOwner(callbackCards, app.s, last!);
    expect(cardSize(channel)).to.be.below(20_000);
    expect(cardSize(owner)).to.be.below(40_000);
    expect(JSON.stringify(channel)).to.contain(`${nl.common.history} (152)`).and.contain(nl.callbacks.card.earlierHistory(133));
  });

  it('the refresh names the owner only while the callback is active', async () => {
    const item = await create({});
    expect((await renderChannel(callbackCards, app.s, item)).refresh).to.equal(undefined);
    const claimed = await app.s.items.act(TENANT, item.id, 'claim', {}, anna);
    if (claimed.status !== 'ok') throw new Error('claim');
    expect((await renderChannel(callbackCards, app.s, claimed.item)).refresh).to.deep.equal({
      action: { type: 'Action.Execute', verb: 'callback.refresh', data: { id: item.id } },
      userIds: [anna.teamsId],
    });
    const done = await app.s.items.act(TENANT, item.id, 'done', { answer: 'ja', note: 'Gebeld en geregeld.', confirmation: 'none' }, anna);
    if (done.status !== 'ok') throw new Error('done');
    expect((await renderChannel(callbackCards, app.s, done.item)).refresh).to.equal(undefined);
  });

  describe('message extension prefill', () => {
    const payload = (html: string) => ({ messagePayload: { body: { contentType: 'html', content: html } } }) as never;

    it('takes the text as details, the first line as topic and a phone number if there is one', () => {
      expect(fromMessage(payload('<p>Meneer Bos belde: de deur klemt.</p><p>Bel hem op +31 6 1234 5678.</p>'))).to.deep.equal({
        details: 'Meneer Bos belde: de deur klemt.\nBel hem op +31 6 1234 5678.',
        phone: '+31 6 1234 5678',
        topic: 'Meneer Bos belde: de deur klemt.',
      });
    });

    it('shortens a long first line, decodes entities and copes with an empty message', () => {
      const long = `${'a'.repeat(100)}`;
      expect(fromMessage(payload(`<div>${long}</div>`)).topic).to.equal(`${'a'.repeat(79)}…`);
      expect(fromMessage(payload('<p>Tom &amp; Jerry &lt;3&nbsp;</p>')).details).to.equal('Tom & Jerry <3');
      expect(fromMessage({} as never)).to.deep.equal({ details: '', phone: '', topic: '' });
    });
  });
});
