// The card contract (src/teams/cards/contract): every button on every card has a handler and sends
// data its verb's schema accepts, and every handler's verb is sent by some card (or is listed as
// external with a reason). Two walks:
// - the templates as written (src/teams/cards/templates/*.json): every verb they name is registered;
// - the cards as bound with the card samples (scripts/cardSamples, the same cards the user guide
//   shows) and the cards of the views' "Openen" (built in code): for every Action.Execute (also in
//   Action.ShowCard folds and in `refresh`) the data Teams would send, its `data` merged with the
//   inputs of its card and the cards around it, passes the schema; once with every input filled in
//   and once with the inputs as the card shows them.
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import type { CardSample } from '../../scripts/cardRenderer';
import { COMMAND_VERB, EXTERNAL_VERBS, isVerb, verbSchemas, type Verb } from '../../src/teams/cards/contract';
import { features } from '../../src/teams/features';
import { anna, bram, dirk, personalConversationId, TEST_TENANT } from '../harness/activities';
import { startFakeConnector, type FakeConnector } from '../harness/fakeConnector';
import { startTeamBot } from '../harness/team';
import { adaptiveCardAction } from '../harness/activities';
import type { BotUnderTest } from '../harness/bot';
import type { Person } from '../../src/domain/types';

const ROOT = path.join(__dirname, '..', '..', '..');
const TEMPLATES = path.join(ROOT, 'src', 'teams', 'cards', 'templates');
const SAMPLES = path.join(__dirname, '..', '..', 'scripts', 'cardSamples');
/** The kinds whose cards are lifecycleChannel/lifecycleOwner.json (`${kind}.claim`, …). */
const OWNED_KINDS = ['callback', 'appointment'];

type Node = Record<string, unknown>;
interface Input {
  id: string;
  type: string;
  node: Node;
}
interface Button {
  verb: string;
  data: unknown;
  inputs: Input[];
  where: string;
  associatedInputs?: unknown;
}

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every node under `node`, not descending into the card of an Action.ShowCard (a fold has its own scope). */
function nodesOf(node: unknown, out: Node[] = []): Node[] {
  if (Array.isArray(node)) for (const n of node) nodesOf(n, out);
  else if (isNode(node)) {
    out.push(node);
    for (const [k, v] of Object.entries(node)) if (!(k === 'card' && node.type === 'Action.ShowCard')) nodesOf(v, out);
  }
  return out;
}

/**
 * The buttons of a card with the inputs Teams sends along (associatedInputs "auto": the inputs of the
 * button's own card and of the cards it is folded in), and the card's refresh action (data only).
 */
function buttonsOf(card: Node, where: string, outer: Input[] = []): Button[] {
  const own = nodesOf(card.body).concat(nodesOf(card.actions));
  const inputs = [
    ...outer,
    ...own
      .filter((n) => typeof n.type === 'string' && n.type.startsWith('Input.'))
      .map((n) => ({ id: String(n.id), type: String(n.type), node: n })),
  ];
  const out: Button[] = [];
  const refresh = isNode(card.refresh) && isNode(card.refresh.action) ? card.refresh.action : undefined;
  if (refresh) out.push({ verb: String(refresh.verb ?? ''), data: refresh.data, inputs: [], where: `${where} (refresh)` });
  for (const n of own) {
    if (n.type === 'Action.Execute')
      out.push({
        verb: String(n.verb ?? ''),
        data: n.data,
        inputs,
        where: `${where} "${String(n.title ?? n.id ?? '')}"`,
        associatedInputs: n.associatedInputs,
      });
    if (n.type === 'Action.ShowCard' && isNode(n.card)) out.push(...buttonsOf(n.card, `${where} > ${String(n.title ?? '')}`, inputs));
  }
  return out;
}

/** A value a person could give this input (Teams sends input values as text). */
function sampleValue(i: Input): string {
  const n = i.node;
  if (typeof n.value === 'string' && n.value) return n.value;
  switch (i.type) {
    case 'Input.Toggle':
      return typeof n.valueOn === 'string' ? n.valueOn : 'true';
    case 'Input.Date':
      return '2026-11-27';
    case 'Input.Time':
      return '10:15';
    case 'Input.Number':
      return '90';
    case 'Input.ChoiceSet': {
      const first = Array.isArray(n.choices) && isNode(n.choices[0]) ? n.choices[0].value : undefined;
      return typeof first === 'string' ? first : 'Anna de Vries';
    }
    default:
      return 'Voorbeeldtekst';
  }
}

/** What Teams sends for this button: its data with the inputs merged in (all filled in, or as shown). */
function sent(b: Button, filled: boolean): Record<string, unknown> {
  const data = isNode(b.data) ? { ...b.data } : {};
  if (b.associatedInputs === 'none') return data;
  for (const i of b.inputs) {
    const shown = i.node.value === undefined ? '' : String(i.node.value as string | number | boolean);
    data[i.id] = filled ? sampleValue(i) : shown;
  }
  return data;
}

function registeredVerbs(): Set<string> {
  return new Set([COMMAND_VERB, ...features.flatMap((f) => Object.keys(f.verbs ?? {}))]);
}

/** The verbs as written in the templates, `${…}` left as is. */
function templateVerbs(): { file: string; verb: string }[] {
  const out: { file: string; verb: string }[] = [];
  for (const file of fs
    .readdirSync(TEMPLATES)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const card = JSON.parse(fs.readFileSync(path.join(TEMPLATES, file), 'utf8')) as unknown;
    for (const n of nodesOfAll(card)) if (n.type === 'Action.Execute') out.push({ file, verb: String(n.verb ?? '') });
  }
  return out;
}

function nodesOfAll(node: unknown, out: Node[] = []): Node[] {
  if (Array.isArray(node)) for (const n of node) nodesOfAll(n, out);
  else if (isNode(node)) {
    out.push(node);
    for (const v of Object.values(node)) nodesOfAll(v, out);
  }
  return out;
}

/** A template verb as a pattern: `${kind}.claim` matches callback.claim; `${verb}` matches any verb. */
function pattern(verb: string): RegExp {
  return new RegExp(
    `^${verb
      .split(/\$\{[^}]*\}/)
      .map((p) => p.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
      .join('[A-Za-z]+(?:\\.[A-Za-z]+)?')}$`,
  );
}

describe('card contract: every button has a handler and sends the data it needs', function () {
  this.timeout(180_000);
  const bound: Button[] = [];
  let connector: FakeConnector;
  let bot: BotUnderTest;

  before(async () => {
    // The cards of the user guide, bound with their sample data.
    for (const f of fs
      .readdirSync(SAMPLES)
      .filter((x) => x.endsWith('.js'))
      .sort()) {
      const mod = (await import(path.join(SAMPLES, f))) as { samples?: () => Promise<CardSample[]> };
      if (typeof mod.samples !== 'function') continue;
      for (const s of await mod.samples()) bound.push(...buttonsOf(s.card as Node, `${f}:${s.name}`));
    }
    // Cards built in code around an item card: "Openen" in mijn and overzicht adds a way back.
    connector = await startFakeConnector();
    bot = await startTeamBot(connector);
    const P = (u: typeof anna): Person => ({ id: u.aadObjectId, name: u.name, teamsId: u.id });
    const made = await bot.app.s.items.create(
      'callback',
      TEST_TENANT,
      { customerName: 'Klant', phone: '06 12345678', topic: 'Lekkage', assignee: P(anna) },
      P(bram),
      'teams',
    );
    if (made.status !== 'created') throw new Error(made.status);
    // A decided case marked as guideline ("Geen richtlijn meer"): no sample shows it.
    const question = {
      situation: 'Huurder vraagt een langere regeling',
      rule: 'Hoogstens 12 maanden',
      proposal: '18 maanden',
      leaning: 'Anders loopt het vast',
      urgency: 'vandaag',
    };
    const exception = await bot.app.s.items.create('exception', TEST_TENANT, question, P(anna), 'teams');
    if (exception.status !== 'created') throw new Error(exception.status);
    for (const [action, input, by] of [
      ['opinion', { stance: 'eens', reasoning: 'Schuldhulp erbij maakt het haalbaar.' }, P(bram)],
      ['decide', { outcome: 'afwijken', reasoning: 'Goedkoper dan een ontruiming' }, P(anna)],
      ['markGuideline', {}, P(dirk)],
    ] as const) {
      const o = await bot.app.s.items.act(TEST_TENANT, exception.item.id, action, input, by);
      if (o.status !== 'ok') throw new Error(`${action}: ${o.status}`);
    }
    const guideline = await bot.post(
      adaptiveCardAction({
        from: dirk,
        conversation: personalConversationId(dirk),
        verb: 'exception.view',
        data: { id: exception.item.id },
      }),
    );
    bound.push(...buttonsOf((guideline.body as { value: Node }).value, 'exception.view (guideline)'));
    for (const back of ['mine', 'team']) {
      const res = await bot.post(
        adaptiveCardAction({
          from: dirk,
          conversation: personalConversationId(dirk),
          verb: 'views.open',
          data: { id: made.item.id, back },
        }),
      );
      expect(res.status).to.equal(200);
      bound.push(...buttonsOf((res.body as { value: Node }).value, `views.open back=${back}`));
    }
  });
  after(async () => {
    await bot?.stop();
    await connector?.close();
  });

  it('the samples bind cards with buttons (the walk below has something to check)', () => {
    expect(bound.length).to.be.greaterThan(100);
    expect(bound.some((b) => b.where.includes('(refresh)'))).to.equal(true);
    expect(bound.some((b) => b.where.includes(' > '))).to.equal(true);
  });

  it('every verb a template names has a handler (`${kind}` for every owned kind)', () => {
    const registered = registeredVerbs();
    const missing: string[] = [];
    for (const { file, verb } of templateVerbs()) {
      if (verb === '${verb}') continue; // bound from code: checked on the bound cards below
      const verbs = verb.includes('${kind}') ? OWNED_KINDS.map((k) => verb.replace('${kind}', k)) : [verb];
      for (const v of verbs) if (!registered.has(v) || !isVerb(v)) missing.push(`${file}: ${v}`);
    }
    expect(missing).to.deep.equal([]);
  });

  it('every template button was bound with sample data and checked below', () => {
    const unchecked = templateVerbs().filter(({ verb }) => !bound.some((b) => pattern(verb).test(b.verb)));
    expect(unchecked.map((u) => `${u.file}: ${u.verb}`)).to.deep.equal([]);
  });

  it("every button on a bound card has a handler, and its data passes the verb's schema (inputs filled in and as shown)", () => {
    const registered = registeredVerbs();
    const problems: string[] = [];
    for (const b of bound) {
      if (!registered.has(b.verb) || !isVerb(b.verb)) {
        problems.push(`${b.where}: verb "${b.verb}" has no handler`);
        continue;
      }
      if (b.data !== undefined && !isNode(b.data)) problems.push(`${b.where}: data is not an object`);
      for (const filled of [true, false]) {
        const r = verbSchemas[b.verb].safeParse(sent(b, filled));
        if (!r.success)
          problems.push(
            `${b.where} ${b.verb} (${filled ? 'filled' : 'as shown'}): ${r.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
          );
      }
    }
    expect(problems).to.deep.equal([]);
  });

  it("every input a button sends is named in its verb's schema", () => {
    const problems = new Set<string>();
    for (const b of bound) {
      if (!isVerb(b.verb) || b.associatedInputs === 'none') continue;
      const shape = verbSchemas[b.verb].shape as Record<string, unknown>;
      for (const i of b.inputs) if (!(i.id in shape)) problems.add(`${b.verb}: input ${i.id} (${b.where.split(' ')[0]})`);
    }
    expect([...problems]).to.deep.equal([]);
  });

  it('every registered verb is sent by some card, or is listed as external with a reason', () => {
    const used = new Set<string>(bound.map((b) => b.verb));
    for (const { verb } of templateVerbs())
      for (const k of OWNED_KINDS) if (!verb.includes('${verb}')) used.add(verb.replace('${kind}', k));
    const unused = [...registeredVerbs()].filter((v) => !used.has(v) && !EXTERNAL_VERBS[v as Verb]);
    expect(unused).to.deep.equal([]);
    // A verb listed as external that a card does send is not external.
    expect(Object.keys(EXTERNAL_VERBS).filter((v) => used.has(v))).to.deep.equal([]);
    for (const [v, reason] of Object.entries(EXTERNAL_VERBS)) expect(reason, v).to.match(/\w{3,}.*\w{3,}/);
  });

  it('every verb in the contract has a handler (no schema without a use)', () => {
    const registered = registeredVerbs();
    expect(Object.keys(verbSchemas).filter((v) => !registered.has(v))).to.deep.equal([]);
  });

  it('the schemas accept older card data and refuse data no handler can use', () => {
    const claim = verbSchemas['callback.claim'];
    // Older cards: the version as text, no version at all, extra keys.
    expect(claim.parse({ id: 'TB-1', v: '3' }).v).to.equal(3);
    expect(claim.parse({ id: 'TB-1' }).v).to.equal(undefined);
    expect(claim.parse({ id: 'TB-1', v: '', extra: { a: 1 } }).extra).to.deep.equal({ a: 1 });
    // Broken: an id that is not text, a version that is not a number.
    expect(claim.safeParse({ id: 1042 }).success).to.equal(false);
    expect(claim.safeParse({ id: { a: 1 } }).success).to.equal(false);
    expect(claim.safeParse({ id: 'TB-1', v: 'abc' }).success).to.equal(false);
    expect(claim.safeParse({}).success).to.equal(false);
  });
});
