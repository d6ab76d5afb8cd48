// `npm run docs:screenshots`: renders every card sample (scripts/cardSamples/*.ts, each exporting
// `samples(): Promise<CardSample[]>`) to docs/img/cards/*.png.
import fs from 'node:fs';
import path from 'node:path';
import { renderCards, type CardSample } from './cardRenderer';

async function main(): Promise<void> {
  const dir = path.join(__dirname, 'cardSamples');
  const only = process.argv[2];
  const all: CardSample[] = [];
  for (const f of fs
    .readdirSync(dir)
    .filter((x) => x.endsWith('.js'))
    .sort()) {
    // Sample modules are found at run time (one file per feature), so a static import cannot name them.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(dir, f)) as { samples?: () => Promise<CardSample[]> };
    if (typeof mod.samples === 'function') all.push(...(await mod.samples()));
  }
  const chosen = only ? all.filter((s) => s.name.includes(only)) : all;
  const out = path.join(__dirname, '..', '..', 'docs', 'img', 'cards');
  const warnings = await renderCards(chosen, out);
  for (const [name, w] of Object.entries(warnings)) console.log(`${name}.png${w.length ? `  warnings: ${w.join('; ')}` : ''}`);
  console.log(`${chosen.length} cards rendered to ${path.relative(process.cwd(), out)}`);
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
