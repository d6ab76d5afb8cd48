// Renders Adaptive Cards to PNG with the official `adaptivecards` renderer in headless Chromium
// (Debian's /usr/bin/chromium via playwright-core; no browser download), in a Teams-like frame.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const HOST_CONFIG = {
  fontFamily: 'Segoe UI, Noto Sans, DejaVu Sans, sans-serif',
  spacing: { small: 4, default: 8, medium: 12, large: 16, extraLarge: 20, padding: 16 },
  containerStyles: {
    default: { backgroundColor: '#FFFFFF', foregroundColors: { default: { default: '#242424', subtle: '#616161' }, accent: { default: '#5B5FC7', subtle: '#5B5FC7' }, good: { default: '#0E7A0B', subtle: '#0E7A0B' }, warning: { default: '#835B00', subtle: '#835B00' }, attention: { default: '#C4314B', subtle: '#C4314B' } } },
    emphasis: { backgroundColor: '#F5F5F5', foregroundColors: { default: { default: '#242424', subtle: '#616161' }, accent: { default: '#5B5FC7', subtle: '#5B5FC7' }, good: { default: '#0E7A0B', subtle: '#0E7A0B' }, warning: { default: '#835B00', subtle: '#835B00' }, attention: { default: '#C4314B', subtle: '#C4314B' } } },
    good: { backgroundColor: '#E7F2DA' },
    attention: { backgroundColor: '#FCF4F6' },
    warning: { backgroundColor: '#FBF6D9' },
    accent: { backgroundColor: '#E8EBFA' },
  },
  actions: { maxActions: 6, buttonSpacing: 8, showCard: { actionMode: 'inline', inlineTopMargin: 12 }, actionsOrientation: 'horizontal', actionAlignment: 'left' },
  factSet: { title: { weight: 'bolder', wrap: true, maxWidth: 160 }, value: { wrap: true }, spacing: 8 },
};

function pageHtml(): string {
  const lib = fs.readFileSync(require.resolve('adaptivecards/dist/adaptivecards.js'), 'utf8');
  const css = fs.readFileSync(require.resolve('adaptivecards/dist/adaptivecards.css'), 'utf8').replace(/<\/style/gi, '');
  return `<!doctype html><html><head><meta charset="utf-8"><style>${css}
    body{margin:0;background:#F5F5F5;font-family:'Segoe UI','Noto Sans','DejaVu Sans',sans-serif}
    #frame{width:520px;margin:16px;padding:0;background:#fff;border-radius:6px;box-shadow:0 1px 3px rgba(0,0,0,.2);overflow:hidden}
    .ac-pushButton{border:1px solid #d1d1d1;border-radius:4px;background:#fff;padding:6px 12px;font-weight:600;color:#242424}
    .ac-pushButton.style-positive{background:#5B5FC7;color:#fff;border-color:#5B5FC7}
    .ac-input{border:1px solid #d1d1d1;border-radius:4px;padding:4px}
    .ac-choiceSetInput-filtered{box-sizing:border-box;max-width:100%}
    .ac-pushButton.expandable:after{font-family:inherit;font-size:inherit;font-weight:inherit;content:"▾";padding-left:4px}
    .ac-pushButton.expandable.expanded:after{content:"▴"}
  </style><script>${lib}</script></head><body><div id="frame"></div></body></html>`;
}

export interface CardSample {
  /** File name without extension, e.g. 'callback-channel-open'. */
  name: string;
  card: Record<string, unknown>;
  /** Expand Action.ShowCard / toggled containers by clicking these button titles before the shot. */
  click?: string[];
}

export async function withBrowser<T>(fn: (b: Browser) => Promise<T>): Promise<T> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  try {
    return await fn(browser);
  } finally {
    await browser.close();
  }
}

/** Renders each card and writes `<outDir>/<name>.png`; returns parse warnings per card. */
export async function renderCards(samples: CardSample[], outDir: string): Promise<Record<string, string[]>> {
  fs.mkdirSync(outDir, { recursive: true });
  const warnings: Record<string, string[]> = {};
  await withBrowser(async (browser) => {
    const page = await browser.newPage({ viewport: { width: 560, height: 400 }, deviceScaleFactor: 1 });
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') || route.request().url() === 'about:blank' ? route.continue() : route.abort()));
    for (const s of samples) {
      await page.setContent(pageHtml());
      warnings[s.name] = await page.evaluate(({ card, hostConfig }) => {
        // In the browser: the renderer's global has no types here.
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const AC = (window as any).AdaptiveCards;
        // Teams renders a markdown subset in TextBlocks and FactSet values: bold, links, escapes.
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        AC.AdaptiveCard.onProcessMarkdown = (text: string, result: any) => {
          const esc = (x: string) => x.replace(/&/g, '&amp;').replace(/</g, '&lt;');
          let html = esc(text).replace(/\\([\\`*_[\]~.#+-])/g, (_m: string, c: string) => `&#${c.charCodeAt(0)};`);
          html = html.replace(/\*\*(.+?)\*\*/g, '<b>$1</b>').replace(/\[([^\]]+)\]\(([^)]+)\)/g, '<a href="$2">$1</a>').replace(/\n/g, '<br>');
          result.outputHtml = html;
          result.didProcess = true;
        };
        const ac = new AC.AdaptiveCard();
        ac.hostConfig = new AC.HostConfig(hostConfig);
        const ctx = new AC.SerializationContext();
        ac.parse(card, ctx);
        const frame = document.getElementById('frame')!;
        frame.innerHTML = '';
        frame.appendChild(ac.render());
        return ctx.eventCount ? Array.from({ length: ctx.eventCount }, (_: unknown, i: number) => ctx.getEventAt(i).message) : [];
      }, { card: s.card, hostConfig: HOST_CONFIG });
      for (const title of s.click ?? []) {
        await page.locator('button', { hasText: title }).first().click().catch(() => undefined);
      }
      await page.locator('#frame').screenshot({ path: path.join(outDir, `${s.name}.png`) });
    }
  });
  return warnings;
}
