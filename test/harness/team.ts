// A bot with a bound work channel (team Noord, General, bound by Dirk, a manager) and known users
// (each has said "hulp" in their 1:1 chat, so the bot knows their names and chats).
import { anna, bram, carla, channelMessage, dirk, personalMessage, teamNoord } from './activities';
import { startBot, type BotUnderTest } from './bot';
import type { FakeConnector } from './fakeConnector';

export async function startTeamBot(connector: FakeConnector, env: Record<string, string> = {}): Promise<BotUnderTest> {
  connector.reset();
  const bot = await startBot({ env: { MANAGER_IDS: dirk.aadObjectId, ...env } });
  await bot.post(channelMessage({ text: 'koppel', from: dirk, team: teamNoord }));
  for (const u of [anna, bram, carla, dirk]) await bot.post(personalMessage({ text: 'hulp', from: u }));
  await bot.settle();
  connector.reset();
  return bot;
}
