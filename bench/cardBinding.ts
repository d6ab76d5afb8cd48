// `node dist/bench/cardBinding.js`: the CPU of binding the two cards a claim renders (the claimer's
// owner view of a callback and the channel card), bind() against the path before issue 14's cheaper
// binding (test/support/bindReference.ts: the whole template expanded by adaptivecards-templating,
// the data as plain objects, neutralise's full rule chain), in the same run. The data is what the
// claim renders in a sample app (SQLite in a temp dir, fixed clock). Both paths bind each card
// CARD_BENCH_BINDS times (default 2000) in batches that alternate between old and new, in
// CARD_BENCH_ROUNDS rounds (default 5); printed: CPU per bind (process.cpuUsage, so another process
// on the machine costs less than in wall time), median of the rounds, and new/old.
import { bindReference } from '../test/support/bindReference';
import { captureBinds } from '../test/support/bindCapture';
import { bind } from '../src/teams/cards/render';
import { sampleApp, SAMPLE_TENANT, anna, bram } from '../scripts/cardSamples/sampleApp';
import { callbackCards } from '../src/teams/features/callbacks/cards';
import { renderChannel, renderOwner } from '../src/teams/cards/itemViews';
import { buildTextsBoundNow } from '../src/teams/cards/textsBoundOnce';

const BINDS = Number(process.env.CARD_BENCH_BINDS ?? 2000);
const ROUNDS = Number(process.env.CARD_BENCH_ROUNDS ?? 5);
const BATCH = 100;

interface Bound {
  name: string;
  template: object;
  data: object;
}

/** The template and data of the owner view and channel card a claim renders. */
async function claimedCards(): Promise<Bound[]> {
  const { app, clock, cleanup } = await sampleApp('2026-11-26T09:15:00+01:00');
  const s = app.s;
  try {
    const made = await s.items.create(
      'callback',
      SAMPLE_TENANT,
      {
        customerName: 'Mevrouw Jansen',
        phone: '06 12345678',
        topic: 'Lekkage in de badkamer',
        details: 'Water komt door het plafond van de benedenburen. Graag vandaag terugbellen.',
        preferredChannel: 'telefoon',
      },
      bram,
      'teams',
    );
    if (made.status !== 'created') throw new Error(made.status);
    clock.set('2026-11-26T14:32:00+01:00');
    const claimed = await s.items.act(SAMPLE_TENANT, made.item.id, 'claim', {}, anna);
    if (claimed.status !== 'ok') throw new Error(claimed.status);
    const seen = await captureBinds(async () => {
      await renderOwner(callbackCards, s, claimed.item, { text: claimed.message ?? '', style: 'good' });
      await renderChannel(callbackCards, s, claimed.item);
    });
    const [owner, channel] = seen;
    if (!owner || !channel) throw new Error('no binds seen');
    return [
      { name: 'owner view', template: owner[0], data: owner[1] },
      { name: 'channel card', template: channel[0], data: channel[1] },
    ];
  } finally {
    await cleanup();
  }
}

function cpuMicros(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main(): Promise<void> {
  const cards = await claimedCards();
  const paths = { old: bindReference, new: bind };
  for (const c of cards) {
    if (JSON.stringify(paths.old(c.template, c.data)) !== JSON.stringify(paths.new(c.template, c.data)))
      throw new Error(`${c.name}: the two paths bind different cards`);
    paths.new(c.template, c.data);
  }
  // Our texts bound in, as after the first claims of a running bot.
  buildTextsBoundNow();
  const perBind: Record<string, number[]> = {};
  for (let round = 0; round < ROUNDS; round++) {
    for (const c of cards) {
      const spent = { old: 0, new: 0 };
      for (let done = 0, batch = 0; done < BINDS; done += BATCH, batch++) {
        for (const p of batch % 2 ? (['old', 'new'] as const) : (['new', 'old'] as const)) {
          const start = cpuMicros();
          for (let i = 0; i < BATCH; i++) paths[p](c.template, c.data);
          spent[p] += cpuMicros() - start;
        }
      }
      for (const p of ['old', 'new'] as const) (perBind[`${c.name} ${p}`] ??= []).push(spent[p] / BINDS);
    }
  }
  const both = { old: 0, new: 0 };
  for (const c of cards) {
    const o = median(perBind[`${c.name} old`]!);
    const n = median(perBind[`${c.name} new`]!);
    both.old += o;
    both.new += n;
    console.log(
      `${c.name.padEnd(13)} old ${o.toFixed(0).padStart(4)} µs  new ${n.toFixed(0).padStart(4)} µs  new/old ${(n / o).toFixed(2)}`,
    );
  }
  console.log(
    `${'both'.padEnd(13)} old ${both.old.toFixed(0).padStart(4)} µs  new ${both.new.toFixed(0).padStart(4)} µs  new/old ${(both.new / both.old).toFixed(2)}`,
  );
  console.log(`(CPU per bind, median of ${ROUNDS} rounds of ${BINDS} binds per path and card)`);
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
