// Shared steps for the callback tests: a bot with a bound work channel, creating callbacks over
// the intake API and the form, clicking card buttons as Teams does, and reading what the fake
// connector received. Everything goes over real HTTP.
import { expect } from 'chai';
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
  threadConversationId,
  TEST_TENANT,
  type TestUser,
} from '../harness/activities';
import { startBot, type BotUnderTest, type StartOptions } from '../harness/bot';
import type { FakeConnector, JsonActivity, MessageState } from '../harness/fakeConnector';
import { httpJson, type HttpResult } from '../harness/http';
import type { Item } from '../../src/domain/types';

export const INTAKE_KEY = 'test-intake-key-0123456789';
export const PHONE = '06 12345678';
/** Every form the phone number of PHONE can take in a card. */
export const PHONE_FORMS = ['06 12345678', '0612345678', '+31612345678', '+31 6 12345678', '612345678', '06-12345678'];

export const CUSTOMER = {
  customerName: 'Mevrouw Jansen',
  phone: PHONE,
  topic: 'Lekkage in de badkamer',
  details: 'Water komt door het plafond van de benedenburen.',
};

/** Starts the bot with Dirk as manager (by Entra id) unless env says otherwise. */
export async function startCallbackBot(opts: StartOptions = {}): Promise<BotUnderTest> {
  return startBot({ ...opts, env: { MANAGER_IDS: dirk.aadObjectId, ...(opts.env ?? {}) } });
}

/** `koppel` in the General channel of WIJ Noord, and the roster known to the bot (1:1 references). */
export async function bindChannel(bot: BotUnderTest, connector: FakeConnector): Promise<void> {
  await bot.post(channelMessage({ text: 'koppel', from: anna, team: teamNoord }));
  await connector.waitFor((c) => c.allPosted().find((p) => /werkkanaal/.test(String(p.activity.text ?? ''))));
}

/** Each user says hello in their 1:1 chat once, so the bot knows them (names for pickers, 1:1 references). */
export async function introduce(bot: BotUnderTest, ...users: TestUser[]): Promise<void> {
  for (const u of users.length ? users : [anna, bram, carla, dirk]) await bot.post(personalMessage({ text: 'hulp', from: u }));
}

export function intake(bot: BotUnderTest, body: unknown, headers: Record<string, string> = {}): Promise<HttpResult> {
  return httpJson('POST', `${bot.url}/api/callbacks`, body, { authorization: `Bearer ${INTAKE_KEY}`, ...headers });
}

/** Creates a callback over the intake API and waits until its channel card is posted. */
export async function createCallback(bot: BotUnderTest, body: Record<string, unknown> = {}): Promise<Item> {
  const res = await intake(bot, { ...CUSTOMER, ...body });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  await bot.settle();
  return (await getItem(bot, res.body.id))!;
}

/** Creates a callback through the form's callback.create verb (as `user`, from their 1:1 chat); returns its id. */
export async function createViaForm(bot: BotUnderTest, user: TestUser, values: Record<string, unknown>): Promise<string> {
  const res = await bot.post(
    adaptiveCardAction({
      from: user,
      conversation: personalConversationId(user),
      verb: 'callback.create',
      data: { formId: `f-${Math.random()}`, ...CUSTOMER, ...values },
    }),
  );
  const text = textOf(res.body?.value);
  const id = /\*\*(TB-\d+)\*\*/.exec(text)?.[1];
  expect(id, text).to.be.a('string');
  await bot.settle();
  return id!;
}

export function getItem(bot: BotUnderTest, id: string): Promise<Item | null> {
  return bot.app.s.repo.getItem(TEST_TENANT, id);
}

/** The channel message holding the item's card, as the fake connector has it now. */
export async function channelMessageOf(bot: BotUnderTest, connector: FakeConnector, id: string): Promise<MessageState> {
  const item = await getItem(bot, id);
  expect(item?.card, `${id} has a card in the channel`).to.not.equal(null);
  const m = connector.message(item!.card!.activityId);
  expect(m, `the connector has message ${item!.card!.activityId}`).to.not.equal(undefined);
  return m!;
}

/** The item's channel card as the connector has it now. */
export async function channelCard(bot: BotUnderTest, connector: FakeConnector, id: string): Promise<JsonActivity> {
  const m = await channelMessageOf(bot, connector, id);
  return m.card!;
}

/** Every version of the item's channel card the connector received (post + each update). */
export async function allChannelCardVersions(bot: BotUnderTest, connector: FakeConnector, id: string): Promise<JsonActivity[]> {
  const item = await getItem(bot, id);
  const activityId = item!.card!.activityId;
  const cardOf = (a: JsonActivity) =>
    a.attachments?.find((x: JsonActivity) => x.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
  const posted = connector
    .allPosted()
    .filter((p) => p.id === activityId)
    .map((p) => cardOf(p.activity));
  const updated = connector.updates.filter((u) => u.activityId === activityId).map((u) => cardOf(u.activity));
  return [...posted, ...updated].filter(Boolean);
}

export interface ClickOptions {
  /** Where the card is: 'channel' (the item's channel card, default) or the user's 1:1 chat. */
  where?: 'channel' | 'personal';
  trigger?: 'manual' | 'automatic';
}

/** Presses an Action.Execute button on the item's card as `user`; returns the card Teams would show them. */
export async function click(
  bot: BotUnderTest,
  user: TestUser,
  verb: string,
  data: Record<string, unknown>,
  opts: ClickOptions = {},
): Promise<{ status: number; card: JsonActivity; ms: number }> {
  let conversation: string = personalConversationId(user);
  let replyToId: string | undefined;
  if ((opts.where ?? 'channel') === 'channel' && typeof data.id === 'string') {
    const item = await getItem(bot, data.id);
    if (item?.card) {
      conversation = threadConversationId(generalChannel.id, item.card.activityId);
      replyToId = item.card.activityId;
    } else conversation = threadConversationId(generalChannel.id, '1700000000000');
  }
  const started = process.hrtime.bigint();
  const res = await bot.post(adaptiveCardAction({ from: user, conversation, verb, data, replyToId, trigger: opts.trigger }));
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  expect(res.body?.statusCode, JSON.stringify(res.body)).to.equal(200);
  expect(res.body?.type).to.equal('application/vnd.microsoft.card.adaptive');
  return { status: res.status, card: res.body.value, ms };
}

/** All text of a card (TextBlocks, facts, action titles) as one string, for contains-assertions. */
export function textOf(card: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      for (const k of ['text', 'title', 'value', 'label', 'placeholder']) if (typeof o[k] === 'string') out.push(o[k] as string);
      for (const x of Object.values(o)) if (typeof x === 'object') walk(x);
    }
  };
  walk(card);
  return out.join('\n');
}

/** The Action.Execute verbs a card offers (including inside folded ShowCards). */
export function verbsOf(card: unknown): string[] {
  const verbs: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'Action.Execute' && typeof o.verb === 'string') verbs.push(o.verb);
      Object.values(o).forEach(walk);
    }
  };
  walk((card as Record<string, unknown>)?.body);
  walk((card as Record<string, unknown>)?.actions);
  return verbs;
}

/** An input of a card by id (searched everywhere, folds included). */
export function inputOf(card: unknown, id: string): Record<string, any> | undefined {
  let found: Record<string, any> | undefined;
  const walk = (v: unknown): void => {
    if (found) return;
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, any>;
      if (typeof o.type === 'string' && o.type.startsWith('Input.') && o.id === id) found = o;
      else Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** A roster-like user for crowd tests (not in the fake connector's roster; invokes need no roster). */
export function extraUser(n: number): TestUser {
  const hex = n.toString(16).padStart(12, '0');
  return {
    ...anna,
    id: `29:1Extra${n}-${hex}`,
    aadObjectId: `e0e0e0e0-0000-4000-8000-${hex}`,
    name: `Collega ${n}`,
    givenName: 'Collega',
    surname: String(n),
    email: `collega${n}@wij.example`,
    userPrincipalName: `collega${n}@wij.example`,
  };
}

export async function historyActions(bot: BotUnderTest, id: string): Promise<string[]> {
  return (await bot.app.s.repo.history(TEST_TENANT, id)).map((h) => h.action);
}

export function log(line: string): void {
  // Measurements go to the test log (not asserted on timing).
  process.stdout.write(`      · ${line}\n`);
}
