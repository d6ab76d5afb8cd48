// Issue 14: a feature gets the services it declares and nothing else. The compiler checks the
// handlers' types (Turn<Pick<Services, …>>); this proves it at run time: the bot is built with
// every feature of the app, each handler replaced by a spy, and each spy is called through the
// bot's own registration. Every spy must see exactly its feature's declared keys as `turn.s`.
import { expect } from 'chai';
import type { TurnContext } from 'botbuilder';
import type { Services } from '../../src/app/services';
import { TopContactBot } from '../../src/teams/bot';
import { defineFeature, featureDeliveries, type Feature } from '../../src/teams/feature';
import { features } from '../../src/teams/features';
import type { TeamsMessenger } from '../../src/teams/proactive';
import type { TurnBase } from '../../src/teams/turn';

/** Every service the app has, each a distinct object (repo too: no feature may get it). */
function allServices(): Services {
  const keys = [
    ...['config', 'clock', 'calendar', 'repo', 'items', 'outbox', 'log', 'isManager', 'policy', 'graph', 'people', 'credentials'],
    ...['customers', 'itemPageSize', 'users', 'bindings', 'itemViews', 'workChannel', 'openItems', 'problems', 'reports'],
    ...['customerCases', 'experiences', 'contactLogs', 'privacy', 'graphAccess', 'customerTexts', 'managers', 'messages'],
  ];
  return Object.fromEntries(keys.map((k) => [k, { service: k }])) as unknown as Services;
}

interface Call {
  feature: string;
  handler: string;
  s: Record<string, unknown>;
}

/** The feature with every handler (commands, verbs, message extension, file consent, deliveries) a spy that records `turn.s`. */
function spied(f: Feature, calls: Call[]): Feature {
  const spy = (handler: string) => async (turn: { s: Record<string, unknown> }) => {
    calls.push({ feature: f.name, handler, s: turn.s });
    return undefined as never;
  };
  const each = <T>(r: Record<string, T> | undefined, kind: string) =>
    r && Object.fromEntries(Object.keys(r).map((k) => [k, spy(`${kind} ${k}`)]));
  return {
    ...f,
    commands: each(f.commands, 'command'),
    verbs: each(f.verbs as Record<string, unknown>, 'verb'),
    messageExtension: f.messageExtension && {
      fetchTask: each(f.messageExtension.fetchTask, 'fetchTask'),
      submit: each(f.messageExtension.submit, 'submit'),
    },
    fileConsent:
      f.fileConsent &&
      Object.fromEntries(Object.keys(f.fileConsent).map((k) => [k, { accept: spy(`accept ${k}`), decline: spy(`decline ${k}`) }])),
    deliveries:
      f.deliveries &&
      Object.fromEntries(
        Object.keys(f.deliveries).map((k) => [
          k,
          (s: Record<string, unknown>) => {
            calls.push({ feature: f.name, handler: `delivery ${k}`, s });
            return async () => ({ ok: true }) as const;
          },
        ]),
      ),
  } as Feature;
}

const TURN: TurnBase = { ctx: {} as TurnContext, tenantId: 't1', actor: { id: 'a', name: 'Anna' }, scope: 'personal' };

describe('feature ports (issue 14)', () => {
  it('no feature of the app declares repo, and each declares what it needs at most once', () => {
    expect(features.length).to.be.greaterThan(10);
    for (const f of features) {
      expect(f.needs, f.name).to.not.include('repo');
      expect(new Set(f.needs).size, f.name).to.equal(f.needs.length);
    }
  });

  it("each handler of each feature, called through the bot's registration, gets exactly its feature's declared services", async () => {
    const s = allServices();
    const calls: Call[] = [];
    const bot = new TopContactBot(
      s,
      features.map((f) => spied(f, calls)),
    );
    // The bot's own tables: what its activity handlers call (commands, verbs, extension, file consent).
    const tables = bot as unknown as {
      commands: Map<string, (t: TurnBase, a: unknown) => Promise<unknown>>;
      verbs: Map<string, (t: TurnBase, a: unknown) => Promise<unknown>>;
      fetchTasks: Map<string, (t: TurnBase, a: unknown) => Promise<unknown>>;
      submits: Map<string, (t: TurnBase, a: unknown) => Promise<unknown>>;
      fileConsents: Map<
        string,
        { accept: (t: TurnBase, a: unknown) => Promise<unknown>; decline: (t: TurnBase, a: unknown) => Promise<unknown> }
      >;
    };
    for (const h of tables.commands.values()) await h(TURN, '');
    for (const h of tables.verbs.values()) await h(TURN, {});
    for (const h of tables.fetchTasks.values()) await h(TURN, {});
    for (const h of tables.submits.values()) await h(TURN, {});
    for (const h of tables.fileConsents.values()) {
      await h.accept(TURN, {});
      await h.decline(TURN, {});
    }
    // The outbox handlers, as app.ts makes them.
    featureDeliveries(
      s,
      features.map((f) => spied(f, calls)),
      {} as TeamsMessenger,
    );

    const expected = features.reduce(
      (n, f) =>
        n +
        Object.keys(f.commands ?? {}).length +
        Object.keys(f.verbs ?? {}).length +
        Object.keys(f.messageExtension?.fetchTask ?? {}).length +
        Object.keys(f.messageExtension?.submit ?? {}).length +
        2 * Object.keys(f.fileConsent ?? {}).length +
        Object.keys(f.deliveries ?? {}).length,
      0,
    );
    expect(calls.length, 'every handler was reached').to.equal(expected);
    expect(calls.length).to.be.greaterThan(50);
    for (const c of calls) {
      const f = features.find((x) => x.name === c.feature)!;
      const where = `${c.feature}: ${c.handler}`;
      expect(Object.keys(c.s).sort(), where).to.deep.equal([...f.needs].sort());
      for (const k of f.needs) expect(c.s[k], `${where}: ${k}`).to.equal(s[k]);
      expect(c.s, where).to.not.have.property('repo');
      expect(Object.isFrozen(c.s), `${where}: ports cannot be added to`).to.equal(true);
    }
    // One object per feature, built once by the bot: every handler of a feature shares it.
    for (const f of features) {
      const seen = new Set(calls.filter((c) => c.feature === f.name && !c.handler.startsWith('delivery')).map((c) => c.s));
      expect(seen.size, f.name).to.be.at.most(1);
    }
  });

  it('a feature that declares repo is refused at definition (for code the compiler does not check)', () => {
    expect(() => defineFeature(['clock', 'repo'] as never, { name: 'sneaky' })).to.throw(/declares repo/);
  });
});
