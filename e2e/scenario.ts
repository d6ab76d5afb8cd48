// The shape of one end-to-end scenario and the small assertion helpers they share.
import path from 'node:path';
import type { Locator } from 'playwright-core';
import type { Stack } from './stack';
import type { PlaygroundUi } from './ui';

export interface World {
  ui: PlaygroundUi;
  stack: Stack;
  /** The Playground's mock Teams context (from .m365agentsplayground.yml). */
  teams: {
    tenantId: string;
    teamId: string;
    teamName: string;
    channelId: string;
    channelName: string;
    personalChatId: string;
    /** The Playground's current user (the one clicking). */
    me: string;
    /** Another person of the mock tenant, for what a colleague does (sent as mock activities). */
    colleague: { id: string; name: string; aadObjectId: string };
  };
  /** The bot's clock at the start of the run. */
  fakeNow: Date;
  /** Values scenarios hand on to later ones (e.g. the id of the callback created). */
  shared: Record<string, string>;
  /** Saves a screenshot `<name>.png` of the window (scrolled to `focus`), or of the element `focus` alone with `{ element: true }`. */
  shot(name: string, focus?: Locator, o?: { element?: boolean }): Promise<string>;
}

export interface Scenario {
  /** Stable id; also the prefix of its screenshots' file names. */
  id: string;
  /** What it proves, one line. */
  title: string;
  /** Scenarios that must have passed first (they build the state this one starts from). */
  needs?: string[];
  /**
   * Bot commands this scenario needs. A command the bot does not have (the feature is not merged on
   * this branch yet) skips the scenario with a note instead of failing it; once the feature is in,
   * the scenario runs by itself.
   */
  commands?: string[];
  run(w: World): Promise<void>;
}

export class AssertionError extends Error {}

export function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new AssertionError(message);
}

/** Waits until `locator` shows `text` (substring or pattern), else fails with what it did show. */
export async function expectText(locator: Locator, text: string | RegExp, what: string, timeout = 15_000): Promise<void> {
  try {
    await locator.filter({ hasText: text }).first().waitFor({ timeout });
  } catch {
    const shown = (
      await locator
        .first()
        .innerText({ timeout: 1000 })
        .catch(() => '(nothing)')
    )
      .replace(/\s+/g, ' ')
      .slice(0, 400);
    throw new AssertionError(`${what}: expected "${text}" but it shows: ${shown}`);
  }
}

/** Fails when `locator` is still visible after the page settled on `settled`. */
export async function expectGone(locator: Locator, what: string, timeout = 15_000): Promise<void> {
  try {
    await locator.waitFor({ state: 'hidden', timeout });
  } catch {
    throw new AssertionError(`${what} is still visible`);
  }
}

export function screenshotPath(dir: string, name: string): string {
  return path.join(dir, `${name}.png`);
}
