// Issue 14, cheaper card binding: bind() gives byte for byte the card it gave before (the data as
// Maps, our texts bound into a template once, finish in place, neutralise's shortcut), held against
// the old path (test/support/bindReference.ts: the same template expanded whole with
// `new Template(t).expand`). Every bind is compared three times: the first sighting of its texts,
// the second (which schedules their binding-in), and after buildTextsBoundNow() (the template with
// the texts bound in). Data: every card the samples bind (scripts/cardSamples), every template in
// src/teams/cards/templates (and the composed item cards) with data made from its own expressions
// (every `$when` true and false, every `$data` repeated twice, plain and as trusted texts), and
// edge cases.
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import type { CardSample } from '../../scripts/cardRenderer';
import { bindReference, neutraliseReference } from '../support/bindReference';
import { neutralise } from '../../src/domain/neutralise';
import { bind, trusted, trustedTexts } from '../../src/teams/cards/render';
import { captureBinds } from '../support/bindCapture';
import { boundCopies, buildTextsBoundNow, fixedKeysOf, frozenTexts, textsBinding } from '../../src/teams/cards/textsBoundOnce';
import { bindsInOnce } from '../../src/teams/cards/render';
import { channelTemplate, ownerTemplate, type KindPart } from '../../src/teams/cards/itemCard';
import { sampleApp, SAMPLE_TENANT, anna, bram } from '../../scripts/cardSamples/sampleApp';
import { callbackCards } from '../../src/teams/features/callbacks/cards';
import { appointmentCards } from '../../src/teams/features/appointments/cards';
import type { OwnedRenderer } from '../../src/teams/cards/itemCard';
import type { Item } from '../../src/domain/types';

const ROOT = path.join(__dirname, '..', '..', '..');
const TEMPLATES = path.join(ROOT, 'src', 'teams', 'cards', 'templates');
const SAMPLES = path.join(__dirname, '..', '..', 'scripts', 'cardSamples');

type Outcome = { card: string } | { threw: string };

function outcome(f: () => Record<string, unknown>): Outcome {
  try {
    return { card: JSON.stringify(f()) };
  } catch (err) {
    return { threw: (err as Error).message };
  }
}

/** Changes every object and list of a card, as a caller may (the next card must not change with it). */
function scribble(v: unknown): void {
  if (Array.isArray(v)) {
    v.forEach(scribble);
    v.push('scribbled');
  } else if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    Object.values(o).forEach(scribble);
    o.scribbled = true;
  }
}

/** bind() three times (first sighting, second, texts bound in) against the old path; each card scribbled over after. */
function expectSame(template: object, data: object, where: string): void {
  const want = outcome(() => bindReference(template, data));
  for (let round = 0; round < 3; round++) {
    if (round === 2) buildTextsBoundNow();
    let card: Record<string, unknown> | undefined;
    expect(
      outcome(() => (card = bind(template, data))),
      `${where}, bind ${round + 1}`,
    ).to.deep.equal(want);
    scribble(card);
  }
}

function template(name: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(TEMPLATES, name), 'utf8')) as Record<string, unknown>;
}

/** The paths a template reads: leaves, and the lists its `$data` repeats go over (with what an item reads). */
interface Shape {
  leaves: Set<string>;
  lists: Map<string, Shape>;
}

function pathsOf(text: string): string[] {
  if (!text.includes('${')) return [];
  const e = ACData.Template.parseInterpolatedString(text);
  return typeof e === 'string' ? [] : e.references();
}

function addPath(shape: Shape, p: string): void {
  const rel = p.replace(/^\$(root|data)\./, '');
  if (!rel.startsWith('$') && !rel.includes('[')) shape.leaves.add(rel);
}

function shapeOf(node: unknown, shape: Shape = { leaves: new Set(), lists: new Map() }): Shape {
  if (typeof node === 'string') for (const p of pathsOf(node)) addPath(shape, p);
  else if (Array.isArray(node)) for (const x of node) shapeOf(x, shape);
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    const over = typeof o.$data === 'string' ? pathsOf(o.$data)[0]?.replace(/^\$(root|data)\./, '') : undefined;
    let inner = shape;
    if (over && !over.startsWith('$')) {
      inner = shape.lists.get(over) ?? { leaves: new Set(), lists: new Map() };
      shape.lists.set(over, inner);
    }
    for (const [k, v] of Object.entries(o)) if (k !== '$data') shapeOf(v, inner);
  }
  return shape;
}

function setPath(obj: Record<string, unknown>, p: string, value: unknown): void {
  const steps = p.split('.');
  let at = obj;
  for (const step of steps.slice(0, -1)) {
    const next = at[step];
    if (!next || typeof next !== 'object' || Array.isArray(next)) at[step] = {};
    at = at[step] as Record<string, unknown>;
  }
  const last = steps[steps.length - 1]!;
  if (!(last in at) || typeof at[last] !== 'object') at[last] = value;
}

function dataOf(shape: Shape, leaf: (p: string) => unknown, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of shape.leaves) setPath(out, p, leaf(prefix + p));
  for (const [p, inner] of shape.lists) {
    const item = (i: number) =>
      inner.leaves.size || inner.lists.size ? dataOf(inner, leaf, `${prefix}${p}[${i}].`) : leaf(`${prefix}${p}[${i}]`);
    setPath(out, p, [item(0), item(1)]);
  }
  return out;
}

/** The root's objects and lists as trusted text objects (as `t`, `errors` and checklists come). */
function asTexts(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) out[k] = v && typeof v === 'object' ? trustedTexts(v) : v;
  return out;
}

const LEAVES: Record<string, (p: string) => unknown> = {
  text: (p) => `Tekst ${p}`,
  markup: (p) => `*${p}* <b>\${x}</b> https://e.x 1. - [a](b)`,
  true: () => true,
  false: () => false,
  empty: () => '',
  number: () => 2,
};

/** Every template file, and the item cards composed of the lifecycle parts and a kind's part. */
function allTemplates(): [string, object][] {
  const files = fs
    .readdirSync(TEMPLATES)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const out: [string, object][] = files.map((f) => [f, template(f)]);
  for (const kind of ['callback', 'appointment']) {
    out.push([`${kind} channel card`, channelTemplate(template(`${kind}Channel.json`) as unknown as KindPart)]);
    out.push([`${kind} owner view`, ownerTemplate(template(`${kind}Owner.json`) as unknown as KindPart)]);
  }
  return out;
}

describe('card binding: the same cards as before, byte for byte (issue 14)', function () {
  this.timeout(300_000);

  it('every template, with data made from its own expressions: plain, as trusted texts, and none', () => {
    for (const [name, t] of allTemplates()) {
      const shape = shapeOf(t);
      expectSame(t, {}, `${name}, no data`);
      for (const [kind, leaf] of Object.entries(LEAVES)) {
        const data = dataOf(shape, leaf);
        expectSame(t, data, `${name}, ${kind}`);
        expectSame(t, asTexts(data), `${name}, ${kind} as trusted texts`);
      }
    }
  });

  it('the item cards with fixed keys (bindsInOnce): their values ours, user text, an empty form and a filled one', () => {
    const fixed = ['kind', 'ownerView', 'handoverMode', 'values'];
    for (const [name, t] of allTemplates().filter(([n]) => n.endsWith(' card') || n.endsWith(' view'))) {
      bindsInOnce(t, fixed);
      const shape = shapeOf(t);
      for (const [kind, leaf] of Object.entries(LEAVES)) {
        const data = dataOf(shape, leaf);
        // The fixed keys as the item cards give them: our words, a boolean, the form's values empty.
        const ours = { ...data, kind: trusted('callback'), handoverMode: trusted('secondary'), ownerView: kind !== 'false', values: {} };
        expectSame(t, ours, `${name}, ${kind}, fixed values ours`);
        expectSame(t, asTexts(ours), `${name}, ${kind} as trusted texts, fixed values ours`);
        // Plain strings (user text) and a filled form are not bound in: the same card all the same.
        expectSame(t, data, `${name}, ${kind}, fixed values plain`);
        expectSame(
          t,
          { ...ours, values: { answer: trusted('ja') }, handoverMode: trusted('primary') },
          `${name}, ${kind}, a form shown again`,
        );
      }
    }
  });

  it('every card the samples bind (the cards of the user guide)', async () => {
    const seen = await captureBinds(async () => {
      for (const f of fs
        .readdirSync(SAMPLES)
        .filter((x) => x.endsWith('.js'))
        .sort()) {
        const mod = (await import(path.join(SAMPLES, f))) as { samples?: () => Promise<CardSample[]> };
        if (typeof mod.samples === 'function') await mod.samples();
      }
    });
    expect(seen.length).to.be.greaterThan(40);
    seen.forEach(([t, d], i) => expectSame(t, d, `sample bind ${i}`));
  });

  it("a kind's two cards, an appointment's, and a form shown again: fixed values bound in, the same cards before and after", async () => {
    const { app, clock, cleanup } = await sampleApp('2026-11-26T09:15:00+01:00');
    const s = app.s;
    // Typed by a person: in a card, never in a shared copy of a template.
    const typed = 'Getypt ${kind} **vet** [x](https://e.x)';
    try {
      const made = async (kind: 'callback' | 'appointment', input: Record<string, unknown>) => {
        const o = await s.items.create(kind, SAMPLE_TENANT, input, bram, 'teams');
        if (o.status !== 'created') throw new Error(o.status === 'invalid' ? o.refusal.message : o.status);
        return o.item;
      };
      const claim = async (item: Item) => {
        const o = await s.items.act(SAMPLE_TENANT, item.id, 'claim', {}, anna);
        if (o.status !== 'ok') throw new Error(o.status);
        return o.item;
      };
      const callback = await made('callback', { customerName: 'Mevrouw Jansen', phone: '06 12345678', topic: typed, details: typed });
      const email = await made('appointment', { promiseKind: 'email', customerName: 'Klant', contact: 'k@example.nl', topic: typed });
      const walkin = await made('appointment', {
        promiseKind: 'walkin',
        customerName: 'Meneer El Amrani',
        contact: '06 12345678',
        topic: typed,
        how: 'thuis',
        owner: anna,
        moment: '2026-11-30T10:00:00+01:00',
      });
      clock.set('2026-11-26T14:32:00+01:00');
      const cards: [OwnedRenderer, Item][] = [
        [callbackCards, await claim(callback)],
        [appointmentCards, email],
        [appointmentCards, walkin],
      ];
      const refused = {
        values: { note: typed, answer: 'ja', date: '2026-11-27', cancelReason: typed },
        errors: { note: 'Vul een notitie in.', moment: 'Kies een moment.' },
      };
      const all = await captureBinds(async () => {
        for (const [r, item] of cards) {
          r.owner(await s.itemViews.owner(item), { text: 'Opgepakt.', style: 'good' });
          r.channel(await s.itemViews.item(item));
          r.ownerWithForm(await s.itemViews.owner(item), undefined, refused);
        }
      });
      // The item cards (their templates name fixed keys), and any a delivery of the walk-in bound meanwhile.
      const seen = all.filter(([t]) => fixedKeysOf(t));
      expect(seen.length).to.be.at.least(9);
      // Each card on a template of its own, so its variants are built here: before and after.
      const fresh = new Map<object, object>();
      for (const [t] of seen) {
        if (!fresh.has(t)) {
          const copy = JSON.parse(JSON.stringify(t)) as object;
          bindsInOnce(copy, [...fixedKeysOf(t)!]);
          fresh.set(t, copy);
        }
      }
      seen.forEach(([t, d], i) => expectSame(fresh.get(t)!, d, `card ${i}`));
      // Again, every variant built (a form shown again between two plain binds of its card).
      seen.forEach(([t, d], i) => expectSame(fresh.get(t)!, d, `card ${i}, variants built`));
      const copies = [...fresh.values()].flatMap((t) => boundCopies(t));
      expect(copies.length).to.be.at.least(6);
      for (const c of copies) expect(JSON.stringify(c)).to.not.include('Getypt');
      // The claim's owner view: the kind, the view, Overdragen's place and the empty form are bound in.
      const claimed = seen.find(([, d]) => {
        const o = d as { id?: string; ownerView?: boolean; values?: object };
        return o.id === callback.id && o.ownerView === true && Object.keys(o.values ?? { x: 1 }).length === 0;
      })!;
      const [claimOwner] = boundCopies(fresh.get(claimed[0])!);
      expect(JSON.stringify(claimOwner)).to.not.match(/\$\{(kind|ownerView|handoverMode|values\.)/);
      expect(JSON.stringify(claimOwner)).to.include('"verb":"callback.done"');
    } finally {
      await cleanup();
    }
  });

  it('binds our texts into the owner view once: later binds expand a template with fewer expressions', () => {
    const owner = ownerTemplate(template('callbackOwner.json') as unknown as KindPart);
    const raw = dataOf(shapeOf(owner), LEAVES.text!);
    expectSame(owner, asTexts(raw), 'owner view');
    const texts = Object.entries(raw).filter(([, v]) => v && typeof v === 'object');
    const bound = textsBinding(owner, texts)?.template;
    const expressions = (node: unknown): number =>
      typeof node === 'string'
        ? Number(node.includes('${'))
        : node && typeof node === 'object'
          ? Object.values(node).reduce((n: number, x) => n + expressions(x), 0)
          : 0;
    expect(bound).to.be.an('object');
    expect(expressions(bound)).to.be.below(expressions(owner) * 0.6);
  });

  it('frozen texts (frozenTexts) are compared by identity, other text objects string by string', () => {
    const tpl = { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: '${t.a} ${t.b.c} ${name}' }] };
    const frozen = frozenTexts({ a: 'Een', b: { c: 'twee' }, f: (x: string) => x });
    expect(Object.isFrozen(frozen) && Object.isFrozen(frozen.b)).to.equal(true);
    expect(frozen.f('x'), 'functions are kept').to.equal('x');
    const open = { a: 'Een', b: { c: 'twee' } };
    const cards: string[] = [];
    const reference: string[] = [];
    const bindWith = (t: object, name: string) => {
      cards.push(JSON.stringify(bind(tpl, { t: trustedTexts(t), name })));
      reference.push(JSON.stringify(bindReference(tpl, { t: trustedTexts(t), name })));
    };
    for (let round = 0; round < 2; round++) {
      bindWith(frozen, 'Piet');
      bindWith(open, 'Klaas');
      buildTextsBoundNow();
    }
    // The open object changes after it was seen equal: a later bind must show the change.
    open.b.c = 'drie';
    bindWith(open, 'Klaas');
    bindWith(frozen, 'Piet');
    expect(cards.map((c) => (JSON.parse(c) as { body: { text: string }[] }).body[0]!.text)).to.deep.equal([
      'Een twee Piet',
      'Een twee Klaas',
      'Een twee Piet',
      'Een twee Klaas',
      'Een drie Klaas',
      'Een twee Piet',
    ]);
    expect(cards, 'the same as the old path').to.deep.equal(reference);
  });

  it('in a running bot the texts are bound in after the request, a step per turn of the event loop', async () => {
    const channel = channelTemplate(template('appointmentChannel.json') as unknown as KindPart);
    const raw = dataOf(shapeOf(channel), LEAVES.text!);
    const data = asTexts(raw);
    const texts = Object.entries(raw).filter(([, v]) => v && typeof v === 'object');
    const want = JSON.stringify(bindReference(channel, data));
    bind(channel, data);
    bind(channel, data);
    expect(textsBinding(channel, texts)?.template, 'not in the same turn').to.equal(undefined);
    let turns = 0;
    while (!textsBinding(channel, texts)?.template && turns < 10) {
      await new Promise((resolve) => setImmediate(resolve));
      turns++;
    }
    expect(turns).to.equal(2);
    expect(JSON.stringify(bind(channel, data))).to.equal(want);
  });

  it('edge cases: keys that differ only in case, __proto__, dates, objects in text, lists of texts, absent texts', () => {
    const t = {
      type: 'AdaptiveCard',
      body: [
        { type: 'TextBlock', text: '${name}', $when: '${t.show}' },
        { type: 'TextBlock', text: '${t.label}: ${obj} ${list}', color: '${t.color}' },
        { type: 'TextBlock', $data: '${t.items}', text: '${$index + 1}. ${$data}', $when: '${$index > 0}' },
        { type: 'TextBlock', $data: '${rows}', text: '${t.label} ${name}' },
        { type: 'TextBlock', $data: '${t.items}', $when: '${$root.flag}', text: '${$data} ${$root.t.label}' },
        { type: 'TextBlock', text: '${t.missing} ${t.dollar}', $when: '${t.nested.on}' },
        { type: 'TextBlock', text: '${t.dollar}' },
        { type: 'Input.ChoiceSet', id: 'c', choices: '${t.choices}' },
        { type: 'Input.ChoiceSet', id: 'd', choices: '${choices}', value: '${when}' },
        { type: 'Input.Date', id: 'x', value: '${Name}' },
        { type: 'FactSet', facts: '${t.facts}' },
      ],
    };
    const texts = {
      show: true,
      label: 'Label',
      color: 'good',
      items: ['een', 'twee', 'drie'],
      nested: { on: true },
      dollar: 'a ${b} c',
      choices: [{ title: 'A', value: 'a' }],
      facts: [{ title: 'x', value: 'y' }],
    };
    const base = {
      t: trustedTexts(texts),
      obj: { a: 1 },
      list: ['x', 'y'],
      rows: [{ name: 'Een' }, { name: 'Twee' }],
      choices: [{ title: trusted('Ja'), value: 'ja' }],
      when: new Date(Date.UTC(2026, 0, 1)),
      // Read by no template part but by an expression inside a text of ours (`${b}` in t.dollar).
      b: 'B',
      flag: true,
    };
    expectSame(t, base, 'base');
    expectSame(t, { ...base, name: 'klein', Name: 'Groot' }, 'root keys differing in case');
    expectSame(t, { ...base, t: trustedTexts({ ...texts, Label: 'ander' }) }, 'text keys differing in case');
    expectSame(t, { ...base, obj: { a: 1, A: 2 } }, 'data keys differing in case');
    expectSame(t, JSON.parse('{"name":"x","__proto__":{"name":"y"},"obj":{"__proto__":1}}') as object, '__proto__');
    expectSame(t, { ...base, t: trustedTexts({ ...texts, show: false, nested: { on: false } }) }, 'texts switch parts off');
    expectSame(t, { ...base, t: trustedTexts({ label: 'Alleen' }) }, 'texts mostly absent');
    expectSame(t, { ...base, t: trustedTexts({ ...texts, items: [{ x: 1 }] }) }, 'a list of objects where text is read');
    expectSame(t, { ...base, t: trustedTexts({ ...texts, label: () => 'f' }) }, 'a function where text is read');
    // Absent values and `${` in our texts, bound in as finish would leave them (or not bound in at all).
    const absent = {
      type: 'AdaptiveCard',
      body: [
        { type: 'TextBlock', text: '${t.gone} ${t.nested.gone}', $when: '${t.gone == null}' },
        { type: 'TextBlock', text: '$${t.gone}{x}' },
        { type: 'TextBlock', text: '${t.nested.on.deeper}' },
        { type: 'TextBlock', text: '${t.Dollar}' },
        { type: 'TextBlock', text: '${t.dollar}', color: '${t.colour}' },
        { type: 'Input.Text', id: 'v', value: '${values.answer}', label: '${values.Answer}x' },
        { type: 'TextBlock', text: '${b}' },
      ],
    };
    for (const colour of ['good', '${t.gone}good', 'go${t.gone}od', 'warning${x}'])
      for (const values of [{}, { answer: trusted('ja') }, { ANSWER: trusted('nee') }]) {
        const fresh = JSON.parse(JSON.stringify(absent)) as object;
        bindsInOnce(fresh, ['values']);
        expectSame(fresh, { ...base, t: trustedTexts({ ...texts, colour }), values }, `absent values, colour ${colour}`);
      }
    // A fixed key with user text (a plain string) or a filled object in it: bound per card, never into a shared copy.
    const fresh = {
      type: 'AdaptiveCard',
      body: [
        { type: 'TextBlock', text: '${t.label} ${b}' },
        { type: 'Input.Text', id: 'v', value: '${values.answer}', label: '${values.Answer}x' },
      ],
    };
    bindsInOnce(fresh, ['values', 'b']);
    const typed = { ...base, b: 'Getypt door iemand', values: { answer: trusted('Ook getypt') } };
    expectSame(fresh, typed, 'user text in fixed keys');
    expect(boundCopies(fresh)).to.have.length(1);
    expect(JSON.stringify(boundCopies(fresh))).to.not.match(/getypt/i);
  });

  it("neutralise's shortcut changes nothing: random text against the full rule chain", () => {
    const chars = [...'aZ 09.:/wW\n\r\t\u2028\u00a0€é😀${}<>\\`*_[]~+#-()\u200b\u202e\u0000\u007f\u061c\u180e\ufeff\u2060\u2066\u000b'];
    let seed = 14;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const prefixes = ['', 'www.', 'http://', 'HTTPS://', '3.', ' -', '\n#', 'Anna de Vries'];
    for (let i = 0; i < 20_000; i++) {
      let s = prefixes[i % prefixes.length]!;
      const n = 1 + Math.floor(random() * 12);
      for (let j = 0; j < n; j++) s += chars[Math.floor(random() * chars.length)];
      expect(neutralise(s), JSON.stringify(s)).to.equal(neutraliseReference(s));
    }
    for (const s of ['Anna de Vries', 'Lekkage in de badkamer', 'callback', 'TB-1042', '10.30 uur', 'www.x', 'a://b'])
      expect(neutralise(s)).to.equal(neutraliseReference(s));
  });
});
