// The Microsoft 365 Agents Playground (0.2.28) as a person uses it, driven with playwright-core.
// Selectors come from /work/shared/TEAMS-NOTES.md and were checked against the Playground's DOM.
// Every step waits on something visible (or on the Playground's own event stream), never on a sleep.
import type { BrowserContext, Locator, Page, Request, Response, WebSocket, WebSocketRoute } from 'playwright-core';

/** One line of the Playground's log stream: an activity it sent to the bot or received from it. */
export interface LogItem {
  activityName?: string;
  conversationId?: string;
  from?: string;
  to?: string;
  request?: { body?: Record<string, unknown> };
  response?: { statusCode?: number; body?: unknown };
}

/** A message the Playground pushes to the web client (bot posts, updates). */
export interface StreamItem {
  action: string;
  actionConversationId?: string;
  message?: { messageId?: string; text?: string; attachments?: unknown[] };
}

const PLAYGROUND = 'Microsoft 365 Agents Playground';
const EDITOR = '[data-lexical-editor="true"][role="textbox"]';

export class PlaygroundUi {
  /** Everything the Playground logged since the page opened (from its /_ws/log/stream). */
  readonly log: LogItem[] = [];
  /** Everything the Playground pushed to the client (from its conversation stream). */
  readonly stream: StreamItem[] = [];
  private waiters: (() => void)[] = [];
  /** Card clicks whose answer the page has not applied yet, by the id of the clicked message. */
  private answering = new Map<string, { done: Promise<void>; resolve: () => void }>();
  private relayed: Promise<void> = Promise.resolve();

  private constructor(
    readonly page: Page,
    readonly baseUrl: string,
    readonly botName: string,
    readonly teamName: string,
  ) {}

  /**
   * Wires the page: the Playground's log stream is read as it comes; its conversation stream goes
   * through relay() (see there). Call before the page opens the Playground.
   */
  static async attach(context: BrowserContext, page: Page, baseUrl: string, botName: string, teamName: string): Promise<PlaygroundUi> {
    const ui = new PlaygroundUi(page, baseUrl, botName, teamName);
    page.on('websocket', (ws: WebSocket) => {
      if (!ws.url().includes('/_ws/log/')) return;
      ws.on('framereceived', (f) => {
        const d = parse(f.payload) as { log?: LogItem } | undefined;
        if (d?.log) ui.log.push(d.log);
        ui.wake();
      });
    });
    await context.routeWebSocket(/\/_ws_conversation\//, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((m) => server.send(m));
      server.onMessage((m) => {
        ui.relayed = ui.relayed.then(() => ui.relay(ws, m)).catch(() => undefined);
      });
    });
    const isInvoke = (r: Request) => r.method() === 'POST' && r.url().includes('/_conversation/v1/invoke');
    page.on('request', (r) => {
      if (!isInvoke(r)) return;
      const id = (r.postDataJSON() as { replyToId?: string } | null)?.replyToId;
      if (!id) return;
      let resolve!: () => void;
      const done = new Promise<void>((res) => (resolve = res));
      ui.answering.set(id, { done, resolve });
      const settle = () => {
        // The page applies the answer in its next tasks; two animation frames later it has.
        void page
          .evaluate(() => new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res))))
          .catch(() => undefined)
          .finally(() => {
            ui.answering.delete(id);
            resolve();
          });
      };
      void r.response().then(async (res) => {
        await res?.finished().catch(() => undefined);
        settle();
      }, settle);
    });
    return ui;
  }

  /**
   * Passes the Playground's pushes to the page in order, except that an update of a card whose
   * click is still being answered waits until the page has applied the answer. Teams shows the
   * clicker the answer first and then the update for everyone (the bot sends the update only after
   * answering); the Playground's page can receive the two the other way round, which would leave
   * the clicker's answer card on screen. This keeps what is on screen the same from run to run.
   */
  private async relay(ws: WebSocketRoute, m: string | Buffer): Promise<void> {
    const d = parse(m) as StreamItem | undefined;
    const id = d?.action === 'updateMessage' ? d.message?.messageId : undefined;
    const pending = id ? this.answering.get(id) : undefined;
    if (pending) await Promise.race([pending.done, new Promise((r) => setTimeout(r, 10_000))]);
    ws.send(m);
    if (d && typeof d.action === 'string') this.stream.push(d);
    this.wake();
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Resolves when `pred` holds for the log / stream (checked at every frame), rejects after `timeout`. */
  async until(what: string, pred: () => boolean, timeout = 15_000): Promise<void> {
    const deadline = Date.now() + timeout;
    while (!pred()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out after ${timeout / 1000} s waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 1000));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Activities the Playground delivered to the bot and the bot answered (status known). */
  answered(activityName: string, conversationId?: string): LogItem[] {
    return this.log.filter(
      (l) =>
        l.from === PLAYGROUND &&
        l.activityName === activityName &&
        l.response?.statusCode !== undefined &&
        (!conversationId || l.conversationId === conversationId),
    );
  }

  async open(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/`);
    await this.page.locator('button[aria-label="Personal Chat"]').waitFor();
    // The log panel is the Playground's, not Teams': hide it so the pictures show what staff see.
    const toggle = this.page.locator('button[title="Toggle Log Panel"]');
    if (await this.page.getByText('Log Panel', { exact: true }).isVisible()) await toggle.click();
    await this.page.getByText('Log Panel', { exact: true }).waitFor({ state: 'hidden' });
  }

  async openPersonalChat(): Promise<void> {
    await this.page.locator('button[aria-label="Personal Chat"]').click();
    await this.page.locator(EDITOR).first().waitFor();
  }

  async openChannel(channel: string): Promise<void> {
    await this.page.locator(`button[aria-label="${this.teamName} - ${channel}"]`).click();
    await this.page.getByRole('button', { name: 'Post', exact: true }).waitFor();
  }

  /** Messages the Playground delivered to the bot whose text (without the @mention) is `text`. */
  private handled(text: string): number {
    return this.answered('message').filter(
      (l) =>
        String(l.request?.body?.text ?? '')
          .replace(/<at>[^<]*<\/at>/g, '')
          .trim() === text,
    ).length;
  }

  /**
   * Types a message in the personal chat and sends it with Enter; resolves when the bot has
   * handled it (its replies are sent within that turn).
   */
  async say(text: string): Promise<void> {
    const before = this.handled(text);
    const box = this.page.locator(EDITOR).first();
    await box.click();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
    await this.until(`the bot to answer "${text}"`, () => this.handled(text) > before);
  }

  /**
   * Starts a new post in the open channel: "@<bot> <text>", the mention picked from the list as a
   * person does (Enter does not pick it). Resolves when the bot has handled it.
   */
  async post(text: string): Promise<void> {
    const before = this.handled(text);
    // The first editor is "Start a new post"; the others are the reply boxes under each post.
    const box = this.page.locator(EDITOR).first();
    await box.click();
    await this.page.keyboard.type('@');
    await this.page.locator('#typeahead-menu [role=menuitem]', { hasText: this.botName }).first().click();
    await this.page.keyboard.type(` ${text}`);
    await this.page.keyboard.press('Enter');
    await this.until(`the bot to answer "@${this.botName} ${text}"`, () => this.handled(text) > before);
  }

  /** The newest Adaptive Card on screen containing `text`. */
  card(text: string | RegExp): Locator {
    return this.page.locator('.ac-adaptiveCard').filter({ hasText: text }).last();
  }

  /** A button of a card (Action.Execute, ShowCard, ToggleVisibility) by its title; `nth` when several have it. */
  button(card: Locator, title: string, nth = 0): Locator {
    return card.getByRole('button', { name: title, exact: true }).nth(nth);
  }

  /** A text input of a card by its label. */
  input(card: Locator, label: string | RegExp): Locator {
    return card.getByRole('textbox', { name: label }).first();
  }

  /**
   * Clicks an Action.Execute button and waits for the bot's answer to the invoke (the card it
   * returns); returns that card. The Playground then shows it in place of the clicked card.
   */
  async execute(card: Locator, title: string, nth = 0): Promise<Record<string, unknown>> {
    const answer: Promise<Response> = this.page.waitForResponse(
      (r) =>
        r.url().includes('/_conversation/v1/invoke') &&
        r.request().method() === 'POST' &&
        JSON.stringify(r.request().postDataJSON()?.value?.action?.title ?? '') === JSON.stringify(title),
      { timeout: 15_000 },
    );
    await this.button(card, title, nth).click();
    const res = await answer;
    if (res.status() !== 200) throw new Error(`the bot answered "${title}" with HTTP ${res.status()}`);
    const body = (await res.json()) as { type?: string; value?: Record<string, unknown> };
    if (body.type !== 'application/vnd.microsoft.card.adaptive' || !body.value) {
      throw new Error(`the bot answered "${title}" without a card: ${JSON.stringify(body).slice(0, 200)}`);
    }
    return body.value;
  }

  /** Resolves when the Playground pushed an update of a message (the bot's updateActivity) whose text or card contains `text`. */
  async updated(text: string, timeout = 15_000): Promise<void> {
    await this.until(
      `an updated card with "${text}"`,
      () => this.stream.some((s) => s.action !== 'createMessage' && JSON.stringify(s.message ?? s).includes(text)),
      timeout,
    );
  }

  /**
   * Sends a mock activity through the Playground's API (its "Mock an Activity" menu without a
   * browser): the Playground's template of `type` for the conversation, changed by `edit` if given
   * (a "Custom activity"). The Playground answers at once and forwards it to the bot afterwards.
   */
  async mockActivity(
    conversationId: string,
    type: 'install' | 'uninstall' | 'botAdded',
    edit?: (a: Record<string, unknown>) => Record<string, unknown>,
  ): Promise<void> {
    const q = new URLSearchParams({ conversationId, type });
    const tpl = await fetch(`${this.baseUrl}/_internal/v1/customActivities/template?${q}`);
    if (!tpl.ok) throw new Error(`the Playground refused a "${type}" template for ${conversationId}: HTTP ${tpl.status}`);
    const template = (await tpl.json()) as Record<string, unknown>;
    const activity = edit ? edit(template) : template;
    const sent = await fetch(`${this.baseUrl}/_internal/v1/customActivities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    // 200 only means "accepted": the Playground forwards it to the bot afterwards.
    if (!sent.ok) throw new Error(`the Playground refused the "${type}" activity: HTTP ${sent.status}`);
  }

  /**
   * A colleague clicks a card button (the Playground has one user at a time): an Action.Execute
   * invoke from `from`, sent as a mock activity in the conversation of the card.
   */
  async invokeAs(
    from: { id: string; name: string; aadObjectId?: string },
    conversationId: string,
    verb: string,
    data: Record<string, unknown>,
  ): Promise<void> {
    await this.mockActivity(conversationId, 'install', (a) => {
      const { action: _action, ...rest } = a;
      return {
        ...rest,
        type: 'invoke',
        name: 'adaptiveCard/action',
        from,
        value: { action: { type: 'Action.Execute', verb, data } },
      };
    });
  }

  async screenshot(file: string, focus?: Locator): Promise<void> {
    // Centre what the picture is about; something taller than the window starts at its top.
    if (focus) {
      await focus.evaluate((e) => {
        const tall = e.getBoundingClientRect().height > window.innerHeight - 120;
        e.scrollIntoView({ block: tall ? 'start' : 'center' });
      });
    }
    // No hover effect on whatever ended up under the pointer after the last click.
    const vp = this.page.viewportSize();
    await this.page.mouse.move((vp?.width ?? 1280) - 5, (vp?.height ?? 860) - 5);
    // No focus ring either (its edge is drawn a pixel differently from run to run); then let the
    // layout settle (no timer: wait for the next two animation frames).
    await this.page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur?.();
      return new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    });
    await this.page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  }
}

/** Texts of every TextBlock / fact in a card JSON (what a card says, for assertions on invoke answers). */
export function cardTexts(card: unknown): string[] {
  const out: string[] = [];
  const walk = (x: unknown) => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      for (const k of ['text', 'title', 'value']) if (typeof o[k] === 'string') out.push(o[k] as string);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

function parse(payload: string | Buffer): unknown {
  try {
    return JSON.parse(String(payload));
  } catch {
    return undefined;
  }
}
