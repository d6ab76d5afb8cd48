// What the agenda tests over HTTP share (agenda.test.ts, agenda.access.test.ts): the callback form,
// the bound channel with the four colleagues known, creating a callback for a colleague and reading
// it back, the pending calendar syncs, and the card's plan-slot buttons.
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import type { CallbackData } from '../../src/domain/items/callback';
import type { Item } from '../../src/domain/types';
import {
  adaptiveCardAction,
  anna,
  bram,
  carla,
  channelMessage,
  dirk,
  generalChannel,
  personalConversationId,
  teamNoord,
  TEST_TENANT,
  type TestUser,
} from '../harness/activities';
import type { BotUnderTest } from '../harness/bot';

export const FORM = { customerName: 'Mevrouw Jansen', phone: '06 12345678', topic: 'Lekkage badkamer', details: 'Water door het plafond.' };

export const textOf = (card: any) => JSON.stringify(card ?? null);

/** Every Action.Execute in a card with its verb, title and data. */
export function actionsOf(card: any): { verb: string; title: string; data: any }[] {
  const out: { verb: string; title: string; data: any }[] = [];
  const walk = (v: any) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      if (v.type === 'Action.Execute') out.push({ verb: v.verb, title: v.title, data: v.data });
      Object.values(v).forEach(walk);
    }
  };
  walk(card);
  return out;
}
export const slotsOf = (card: any) => actionsOf(card).filter((a) => a.verb === 'callback.planSlot');

/** Binds the General channel (Anna types koppel) and makes Anna, Bram, Carla and Dirk known users. */
export async function bindAndKnowEveryone(bot: BotUnderTest): Promise<void> {
  await bot.post(channelMessage({ text: 'koppel', from: anna, team: teamNoord, channel: generalChannel }));
  for (const u of [anna, bram, carla, dirk]) {
    await bot.app.s.repo.upsertUser({ tenantId: TEST_TENANT, userId: u.aadObjectId, teamsId: u.id, name: u.name });
  }
  await bot.settle();
}

/** A card action by `from` in their 1:1 chat. */
export const cardAct = (bot: BotUnderTest, from: TestUser, verb: string, data: Record<string, unknown>) =>
  bot.post(adaptiveCardAction({ from, conversation: personalConversationId(from), verb, data }));

/** Anna makes a callback for `colleague` with the form; the invoke's card and the newest stored callback. */
export async function createCallbackFor(bot: BotUnderTest, colleague: TestUser, extra: Record<string, unknown> = {}) {
  const res = await cardAct(bot, anna, 'callback.create', { ...FORM, assignee: colleague.aadObjectId, formId: randomUUID(), ...extra });
  expect(res.status).to.equal(200);
  const items = await bot.app.s.repo.queryItems(TEST_TENANT, { kinds: ['callback'] });
  const item = items.sort(
    (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id),
  )[0] as unknown as Item<CallbackData>;
  return { card: res.body.value, item };
}

export const getCallback = async (bot: BotUnderTest, id: string) =>
  (await bot.app.s.repo.getItem(TEST_TENANT, id)) as unknown as Item<CallbackData>;
export const pendingCalendarSync = async (bot: BotUnderTest) => bot.app.s.repo.listOutbox({ status: 'pending', type: 'calendarSync' });
