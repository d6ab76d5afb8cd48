// Renders Adaptive Cards to PNG with the official `adaptivecards` renderer in headless Chromium
// (Debian's /usr/bin/chromium via playwright-core; no browser download), in a Teams-like frame.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Teams' own host config for the light theme (adaptivecards-designer 2.4.4), so the pictures look
 * like Teams: its colours, spacing and fonts. Read at run time; the font list gets open fonts
 * after Segoe UI (not on Linux).
 */
export function teamsLightHostConfig(): Record<string, unknown> {
  const file = require.resolve('adaptivecards-designer/lib/hostConfigs/microsoft-teams-light.json');
  const hc = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const t of Object.values(hc.fontTypes ?? {}) as { fontFamily?: string }[])
    t.fontFamily = `${t.fontFamily}, 'Noto Sans', 'DejaVu Sans', sans-serif`;
  return hc;
}

/** Widths the pictures are made at: Teams mobile (320) and a desktop channel column (500). */
export const WIDTHS = [500, 320] as const;

function pageHtml(width = 520): string {
  const lib = fs.readFileSync(require.resolve('adaptivecards/dist/adaptivecards.js'), 'utf8');
  const css = fs.readFileSync(require.resolve('adaptivecards/dist/adaptivecards.css'), 'utf8').replace(/<\/style/gi, '');
  return `<!doctype html><html><head><meta charset="utf-8"><style>${css}
    body{margin:0;background:#F5F5F5;font-family:'Segoe UI','Noto Sans','DejaVu Sans',sans-serif}
    #frame{width:${width}px;margin:16px;padding:0;background:#fff;border-radius:6px;box-shadow:0 1px 3px rgba(0,0,0,.2);overflow:hidden}
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
  /** Card width in px (default 520; Teams on a phone is about 320). */
  width?: number;
}

export async function withBrowser<T>(fn: (b: Browser) => Promise<T>): Promise<T> {
  // --lang: Chromium formats date and time inputs in its UI language (a Dutch Teams user sees 03-12-2026).
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [...CHROMIUM_ARGS, '--lang=nl-NL'],
    headless: true,
    env: { ...process.env, LANGUAGE: 'nl_NL', LANG: 'nl_NL.UTF-8' },
  });
  try {
    return await fn(browser);
  } finally {
    await browser.close();
  }
}

/**
 * Renders each card at 500 px (`<outDir>/<name>.png`) and 320 px (`<outDir>/320/<name>.png`) with
 * Teams' light host config in a Dutch browser locale; returns parse warnings per card, plus any
 * button label that wraps inside a word or is cut off.
 */
export async function renderCards(samples: CardSample[], outDir: string): Promise<Record<string, string[]>> {
  const warnings: Record<string, string[]> = {};
  const hostConfig = teamsLightHostConfig();
  for (const width of WIDTHS) {
    const dir = width === 500 ? outDir : path.join(outDir, String(width));
    fs.mkdirSync(dir, { recursive: true });
    await renderAt(samples, dir, width, hostConfig, warnings);
  }
  return warnings;
}

async function renderAt(
  samples: CardSample[],
  outDir: string,
  width: number,
  hostConfig: object,
  warnings: Record<string, string[]>,
): Promise<void> {
  await withBrowser(async (browser) => {
    // Dutch locale: dates and times in inputs as a Dutch Teams user sees them (03-12-2026, 14:30).
    const page = await browser.newPage({
      viewport: { width: width + 40, height: 400 },
      deviceScaleFactor: 1,
      locale: 'nl-NL',
      timezoneId: 'Europe/Amsterdam',
    });
    await page.route('**/*', (route) =>
      route.request().url().startsWith('data:') || route.request().url() === 'about:blank' ? route.continue() : route.abort(),
    );
    for (const s of samples) {
      await page.setContent(pageHtml(width));
      const parsed: string[] = await page.evaluate(
        ({ card, hostConfig }) => {
          // In the browser: the renderer's global has no types here.
          // eslint-disable-next-line @typescript-eslint/no-explicit-any
          const AC = (window as any).AdaptiveCards;
          // Teams renders a markdown subset in TextBlocks and FactSet values: bold, links, escapes.
          // eslint-disable-next-line @typescript-eslint/no-explicit-any
          AC.AdaptiveCard.onProcessMarkdown = (text: string, result: any) => {
            const esc = (x: string) => x.replace(/&/g, '&amp;').replace(/</g, '&lt;');
            let html = esc(text).replace(/\\([\\`*_[\]~.#+-])/g, (_m: string, c: string) => `&#${c.charCodeAt(0)};`);
            html = html
              .replace(/\*\*(.+?)\*\*/g, '<b>$1</b>')
              .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '<a href="$2">$1</a>')
              .replace(/\n/g, '<br>');
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
          // A typeahead (filtered) choice set shows the chosen choice's title in Teams; this renderer
          // (adaptivecards 3.0) puts its value in the box, which for a colleague picker is a user id.
          // eslint-disable-next-line @typescript-eslint/no-explicit-any
          for (const input of ac.getAllInputs() as any[]) {
            if (input.getJsonTypeName() !== 'Input.ChoiceSet' || input.style !== 'filtered' || !input.defaultValue) continue;
            // eslint-disable-next-line @typescript-eslint/no-explicit-any
            const chosen = (input.choices as any[]).find((c) => c.value === input.defaultValue);
            const box = input._textInput as HTMLInputElement | undefined;
            if (chosen?.title && box) box.value = chosen.title;
          }
          return ctx.eventCount ? Array.from({ length: ctx.eventCount }, (_: unknown, i: number) => ctx.getEventAt(i).message) : [];
        },
        { card: s.card, hostConfig },
      );
      for (const title of s.click ?? []) {
        await page
          .locator('button', { hasText: title })
          .first()
          .click()
          .catch(() => undefined);
      }
      // Labels must not wrap inside a word nor be cut off (a word whose text spans two line boxes is split).
      const labels: string[] = await page.evaluate(() => {
        const bad: string[] = [];
        for (const b of Array.from(document.querySelectorAll('#frame button'))) {
          const label = (b.textContent ?? '').trim();
          if (!label || (b as HTMLElement).offsetParent === null) continue;
          const parts = [b, ...Array.from(b.querySelectorAll('*'))] as HTMLElement[];
          if (parts.some((e) => e.scrollWidth > e.clientWidth + 1)) bad.push(`cut off: "${label}"`);
          const walker = document.createTreeWalker(b, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const text = n.textContent ?? '';
            for (const m of text.matchAll(/\S+/g)) {
              const r = document.createRange();
              r.setStart(n, m.index!);
              r.setEnd(n, m.index! + m[0].length);
              const tops = new Set(Array.from(r.getClientRects()).map((x) => Math.round(x.top)));
              if (tops.size > 1) bad.push(`wraps inside "${m[0]}" in "${label}"`);
            }
          }
        }
        return bad;
      });
      warnings[s.name] = [
        ...(warnings[s.name] ?? []),
        ...parsed.filter((w) => !(warnings[s.name] ?? []).includes(w)),
        ...labels.map((l) => `${width} px: ${l}`),
      ];
      await page.locator('#frame').screenshot({ path: path.join(outDir, `${s.name}.png`) });
    }
  });
}
