// Property-based fuzzing of /api/messages (fast-check): 10,000 malformed or mutated activities
// and invokes over real HTTP against the in-process bot (SQLite, fake connector), in concurrent
// batches of 50. Properties: the bot never crashes and never leaves a promise rejection
// unhandled, answers only 2xx or 4xx, and a batch whose answers were all 4xx leaves storage
// exactly as it was. Phase A (5,000): broken bodies and activities that must be refused.
// Phase B (5,000): valid activities of every kind with 1–4 random mutations (values replaced by
// random JSON, fields deleted or added, random verbs and card data on real items).
// Reproduce a failure with FUZZ_SEED=<seed printed on failure>.
import { expect } from 'chai';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { startFakeConnector, type FakeConnector } from '../harness/fakeConnector';
import { startBot, type BotUnderTest } from '../harness/bot';
import {
  adaptiveCardAction,
  anna,
  bram,
  carla,
  channelMessage,
  dirk,
  generalChannel,
  groupChatMessage,
  installInTeam,
  installPersonal,
  messageExtensionFetchTask,
  messageExtensionSubmit,
  personalConversationId,
  personalMessage,
  teamNoord,
  TEST_TENANT,
} from '../harness/activities';
import { httpJson } from '../harness/http';
import { bindChannel, intake, phoneFor } from '../harness/scenario';
import { features } from '../../src/teams/features';

const BATCH = 50;
const RUNS_PER_PHASE = Number(process.env.FUZZ_RUNS ?? 100); // x BATCH = 5,000 per phase, 10,000 in all
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;

type Case = { body: unknown; raw?: string; contentType?: string; note: string };

describe('fuzz: 10,000 malformed and mutated activities over HTTP', function () {
  this.timeout(240_000);
  let connector: FakeConnector;
  let bot: BotUnderTest;
  const ids: string[] = [];
  const unhandled: unknown[] = [];
  const onUnhandled = (err: unknown) => unhandled.push(err);
  const onUncaught = (err: unknown) => unhandled.push(err);

  before(async () => {
    connector = await startFakeConnector();
    bot = await startBot({ env: { MANAGER_IDS: dirk.aadObjectId, INTAKE_RATE_PER_MINUTE: '100000' } });
    await bindChannel(bot.url, connector);
    for (let i = 0; i < 8; i++) {
      const r = await intake(bot.url, { customerName: `Klant Fuzz ${i}`, phone: phoneFor(7000 + i), topic: `Fuzz ${i}` });
      ids.push(r.body.id);
    }
    await bot.settle();
    process.on('unhandledRejection', onUnhandled);
    process.on('uncaughtException', onUncaught);
  });
  after(async () => {
    process.off('unhandledRejection', onUnhandled);
    process.off('uncaughtException', onUncaught);
    await bot?.stop();
    await connector?.close();
  });

  /** Everything the bot stores, hashed: items, history, users, binding, outbox, delivery problems. */
  async function storageHash(): Promise<string> {
    const repo = bot.app.s.repo;
    const items = await repo.queryItems(TEST_TENANT, {});
    const history = await Promise.all(items.map((i) => repo.history(TEST_TENANT, i.id)));
    const all = {
      tenants: await repo.tenants(),
      items,
      history,
      users: await Promise.all((await repo.tenants()).map((t) => repo.listUsers(t))),
      binding: await repo.getBinding(TEST_TENANT),
      outbox: await repo.listOutbox({ limit: 1_000_000 }),
      problems: await repo.listDeliveryProblems({}),
    };
    return createHash('sha256').update(JSON.stringify(all)).digest('hex');
  }

  async function send(c: Case): Promise<number> {
    const url = `${bot.url}/api/messages`;
    const headers: Record<string, string> = c.contentType ? { 'Content-Type': c.contentType } : {};
    const res = await httpJson('POST', url, c.raw ?? (c.body === undefined ? '' : JSON.stringify(c.body)), headers);
    return res.status;
  }

  /** Runs one batch concurrently and checks the properties; returns the statuses. */
  async function batch(cases: Case[], mustBeRefused: boolean): Promise<void> {
    const before = await storageHash();
    const started = Date.now();
    const statuses = await Promise.all(cases.map((c) => send(c).catch((err: Error) => -1 * (err.message.length || 1))));
    if (process.env.FUZZ_DEBUG) process.stderr.write(`batch ${Date.now() - started} ms\n`);
    for (let i = 0; i < cases.length; i++) {
      const s = statuses[i]!;
      const ok = (s >= 200 && s < 300) || (s >= 400 && s < 500);
      if (!ok) throw new Error(`answer ${s} for ${cases[i]!.note}: ${JSON.stringify(cases[i]!.body ?? cases[i]!.raw).slice(0, 600)}`);
      if (mustBeRefused && s < 400)
        throw new Error(
          `answer ${s} (expected a refusal) for ${cases[i]!.note}: ${JSON.stringify(cases[i]!.body ?? cases[i]!.raw).slice(0, 600)}`,
        );
    }
    await bot.settle();
    if (statuses.every((s) => s >= 400)) {
      const after = await storageHash();
      if (after !== before) throw new Error(`storage changed by a batch of refused requests: ${cases.map((c) => c.note).join(', ')}`);
    }
    if (unhandled.length) throw new Error(`unhandled rejection or exception: ${String((unhandled[0] as Error)?.stack ?? unhandled[0])}`);
  }

  // ---------------------------------------------------------------- arbitraries

  const people = [anna, bram, carla, dirk];
  const verbs = [...new Set(features.flatMap((f) => Object.keys(f.verbs ?? {})))];
  const commands = [...new Set(features.flatMap((f) => Object.keys(f.commands ?? {})))];

  /** A valid activity of some kind (built fresh: real item ids, the fake connector as serviceUrl). */
  const validActivity = fc
    .record({
      kind: fc.nat(11),
      who: fc.constantFrom(...people),
      id: fc.nat(100),
      verb: fc.oneof(fc.constantFrom(...verbs), fc.string({ maxLength: 20 })),
      command: fc.oneof(fc.constantFrom(...commands), fc.string({ maxLength: 40 })),
      data: fc.dictionary(
        fc.constantFrom(
          'id',
          'note',
          'reason',
          'to',
          'date',
          'time',
          'confirmation',
          'v',
          'formId',
          'customerName',
          'phone',
          'topic',
          'personalDigest',
        ),
        fc.jsonValue({ maxDepth: 2 }),
        { maxKeys: 5 },
      ),
    })
    .map(({ kind, who, id, verb, command, data }) => {
      const itemId = ids[id % ids.length]!;
      const cardData = { id: id % 5 === 0 ? `TB-${id}` : itemId, ...data };
      switch (kind) {
        case 0:
          return personalMessage({ text: command, from: who });
        case 1:
          return channelMessage({ text: command === 'koppel' ? 'hulp' : command, from: who, team: teamNoord });
        case 2:
          return groupChatMessage({ text: command, from: who, chatId: '19:groupchat-fuzz@thread.v2' } as never);
        case 3:
        case 4:
        case 5:
          return adaptiveCardAction({ from: who, conversation: generalChannel.id, verb, data: cardData });
        case 6:
          return adaptiveCardAction({ from: who, conversation: personalConversationId(who), verb, data: cardData });
        case 7:
          return messageExtensionFetchTask({
            from: who,
            conversation: generalChannel.id,
            commandId: command,
            message: { from: who, text: command },
          });
        case 8:
          return messageExtensionSubmit({ from: who, conversation: generalChannel.id, commandId: 'terugbelverzoekMaken', data: cardData });
        case 9:
          return installInTeam({ team: teamNoord, from: who });
        case 10:
          return installPersonal({ from: who });
        default:
          return { ...personalMessage({ text: 'x', from: who }), type: command || 'event', name: verb, value: data };
      }
    });

  type Op =
    | { op: 'set'; path: number[]; value: unknown }
    | { op: 'delete'; path: number[] }
    | { op: 'add'; path: number[]; key: string; value: unknown };
  const opArb: fc.Arbitrary<Op> = fc.oneof(
    fc.record({
      op: fc.constant('set' as const),
      path: fc.array(fc.nat(50), { minLength: 1, maxLength: 4 }),
      value: fc.jsonValue({ maxDepth: 3 }),
    }),
    fc.record({ op: fc.constant('delete' as const), path: fc.array(fc.nat(50), { minLength: 1, maxLength: 4 }) }),
    fc.record({
      op: fc.constant('add' as const),
      path: fc.array(fc.nat(50), { maxLength: 3 }),
      key: fc.oneof(
        fc.string({ maxLength: 12 }),
        fc.constantFrom('__proto__', 'constructor', 'value', 'action', 'data', 'verb', 'tenant', 'id', 'channelData'),
      ),
      value: fc.jsonValue({ maxDepth: 3 }),
    }),
  );

  /** Applies an op at a path chosen by index among existing keys (so mutations hit real fields). */
  function apply(target: unknown, op: Op): void {
    let node = target as Record<string, unknown>;
    const path = op.path;
    const steps = op.op === 'add' ? path : path.slice(0, -1);
    for (const i of steps) {
      if (!node || typeof node !== 'object') return;
      const keys = Object.keys(node);
      if (!keys.length) break;
      const next = node[keys[i % keys.length]!];
      if (!next || typeof next !== 'object') break;
      node = next as Record<string, unknown>;
    }
    if (!node || typeof node !== 'object') return;
    if (op.op === 'add') {
      // An array's `length` cannot be redefined: such a mutation is no JSON anyone could send, so skip it.
      if (Array.isArray(node) && op.key === 'length') return;
      Object.defineProperty(node, op.key, { value: op.value, enumerable: true, writable: true, configurable: true });
      return;
    }
    const keys = Object.keys(node);
    if (!keys.length) return;
    const key = keys[path[path.length - 1]! % keys.length]!;
    let value = op.op === 'set' ? op.value : undefined;
    // Never point the bot at another host (without credentials nothing checks it; with them the token
    // must name the serviceUrl): a mutated serviceUrl is junk, which the edge refuses.
    if (key === 'serviceUrl' && op.op === 'set') value = `not a url ${JSON.stringify(op.value)}`;
    if (op.op === 'delete') delete node[key];
    else node[key] = value;
  }

  const mutated: fc.Arbitrary<Case> = fc.tuple(validActivity, fc.array(opArb, { minLength: 1, maxLength: 4 })).map(([a, ops]) => {
    const copy = JSON.parse(JSON.stringify(a)) as Record<string, unknown>;
    for (const op of ops) apply(copy, op);
    return { body: copy, note: `mutated ${String(a.type)}${a.name ? `/${String(a.name)}` : ''} ${JSON.stringify(ops).slice(0, 200)}` };
  });

  const otherTenant = '00000000-0000-4000-8000-00000000dead';
  const refused: fc.Arbitrary<Case> = fc.oneof(
    fc.string({ maxLength: 200 }).map((raw) => ({ body: undefined, raw: raw.startsWith('{') ? `${raw}}}` : `{${raw}`, note: 'not JSON' })),
    fc
      .oneof(fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }), fc.integer(), fc.constant(null), fc.boolean(), fc.string())
      .map((v) => ({ body: v, note: 'not an object' })),
    fc
      .tuple(
        validActivity,
        fc.constantFrom('type', 'serviceUrl', 'conversation'),
        fc.oneof(fc.constant(undefined), fc.integer(), fc.array(fc.integer(), { maxLength: 2 }), fc.constant(''), fc.constant({})),
      )
      .map(([a, field, v]) => {
        const copy = JSON.parse(JSON.stringify(a)) as Record<string, unknown>;
        if (v === undefined) delete copy[field];
        else copy[field] = v;
        return { body: copy, note: `bad ${field}` };
      }),
    validActivity.map((a) => {
      const copy = JSON.parse(JSON.stringify(a)) as Record<string, any>;
      if (copy.channelData?.tenant) copy.channelData.tenant.id = otherTenant;
      if (copy.conversation) copy.conversation.tenantId = otherTenant;
      return { body: copy, note: 'tenant not allowed' };
    }),
    fc
      .tuple(validActivity, fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'text/html', 'application/xml'))
      .map(([a, type]) => ({ body: a, contentType: type, note: `content type ${type}` })),
    validActivity.map((a) => ({ body: { ...a, text: 'x'.repeat(300 * 1024) }, note: 'body too large' })),
  );

  // ---------------------------------------------------------------- the properties

  /** A short failure report: the failing request (not the whole batch of 50). */
  const brief = (out: fc.RunDetails<[Case[]]>) => {
    if (!out.failed) return;
    const err = out.errorInstance as Error | undefined;
    throw new Error(
      `fuzz failed (seed ${out.seed}, path ${out.counterexamplePath}): ${err?.message?.slice(0, 3000) ?? String(out.errorInstance)}`,
    );
  };

  it(`phase A: 5,000 broken requests are all refused with 4xx and change nothing (seed ${SEED})`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(refused, { minLength: BATCH, maxLength: BATCH }), (cases) => batch(cases, true)),
      {
        numRuns: RUNS_PER_PHASE,
        seed: SEED,
        endOnFailure: true,
        reporter: brief,
      },
    );
  });

  it(`phase B: 5,000 mutated activities and invokes get 2xx or 4xx, no crash, no unhandled rejection (seed ${SEED})`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutated, { minLength: BATCH, maxLength: BATCH }), (cases) => batch(cases, false)),
      {
        numRuns: RUNS_PER_PHASE,
        seed: SEED + 1,
        endOnFailure: true,
        reporter: brief,
      },
    );
    // The bot still works normally afterwards.
    const health = await httpJson('GET', `${bot.url}/healthz`);
    expect(health.status).to.equal(200);
    const after = await intake(bot.url, { customerName: 'Klant Na Fuzz', phone: phoneFor(7999), topic: 'Na de fuzz' });
    expect(after.status).to.equal(201);
    // Every item's history still matches its version (one entry per committed change).
    for (const item of await bot.app.s.repo.queryItems(TEST_TENANT, {})) {
      expect((await bot.app.s.repo.history(TEST_TENANT, item.id)).length, item.id).to.equal(item.version);
    }
  });
});
