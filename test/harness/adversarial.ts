// Adversarial text for the regular-expression checks (issue 13): for each kind of pattern the input
// it is weakest on, at any length, and a CPU-time ratio measured as the best of several runs (a
// loaded machine can slow a run down, never speed it up). Linear work gives a ratio near the size
// ratio (10×); super-linear backtracking gives 100× or more.

/** n characters (about) of text that makes a given kind of regex backtrack if it can. */
export const ADVERSARIAL: Record<string, (n: number) => string> = {
  'many <': (n) => '<'.repeat(n),
  'many <br / <at>': (n) => '<br<at>'.repeat(Math.ceil(n / 7)),
  'a word and !': (n) => `${'a'.repeat(n - 1)}!`,
  newlines: (n) => '\n'.repeat(n),
  'nested spaces': (n) => `a${' \t \n'.repeat(Math.ceil(n / 4))}x`,
  'spaces then bevestig?': (n) => `a${' '.repeat(n - 10)}bevestigx`,
  'digit run': (n) => `${'0'.repeat(n - 1)}x`,
  'digits and separators': (n) => `${'0 1-2.(3)/'.repeat(Math.ceil(n / 10))}x`,
  quotes: (n) => `${"'".repeat(n - 1)}a`,
  'at and dots': (n) => `a@${'.'.repeat(n - 3)} `,
  'local parts': (n) => `${'a.'.repeat(Math.ceil(n / 2))}@`,
  'obfuscated at': (n) => 'a[at]'.repeat(Math.ceil(n / 5)),
  salutations: (n) => 'mevrouw van '.repeat(Math.ceil(n / 12)),
  'url-ish': (n) => 'a+b://'.repeat(Math.ceil(n / 6)),
  'template open': (n) => '${'.repeat(Math.ceil(n / 2)),
  'bidi and zero-width': (n) => '\u202e\u200b'.repeat(Math.ceil(n / 2)),
};

export const SMALL = 25_000;
export const LARGE = 250_000;
/** The bound: the larger input may take at most about 15× the smaller. */
export const MAX_RATIO = 15;

/** CPU microseconds (user + system) of one run of fn. */
async function cpuOf(fn: () => unknown): Promise<number> {
  const start = process.cpuUsage();
  await fn();
  const d = process.cpuUsage(start);
  return d.user + d.system;
}

/** Best (lowest) CPU time of `runs` runs. */
export async function bestCpu(fn: () => unknown, runs = 3): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < runs; i++) best = Math.min(best, await cpuOf(fn));
  return best;
}

/**
 * The CPU-time ratio large/small of `run(text)` for one adversarial kind. Small runs are repeated
 * until they take a few milliseconds, so timer resolution cannot make the ratio.
 */
async function cpuRatio(
  run: (text: string) => unknown,
  kind: (n: number) => string,
  runs = 3,
  sizes: [number, number] = [SMALL, LARGE],
): Promise<{ small: number; large: number; ratio: number }> {
  const small = kind(sizes[0]);
  const large = kind(sizes[1]);
  let reps = 1;
  while (reps < 1000 && (await bestCpu(() => repeat(run, small, reps), 1)) < 3000) reps *= 4;
  const s = await bestCpu(() => repeat(run, small, reps), runs);
  const l = await bestCpu(() => repeat(run, large, reps), runs);
  return { small: s, large: l, ratio: l / Math.max(s, 1) };
}

/**
 * cpuRatio, measured again when it is over `bound`, at most `tries` times in all; the lowest ratio
 * counts. A collection or a neighbour's burst can land in one large run and push a linear ratio
 * (7-12× here) to 20×; super-linear backtracking is over the bound in every try (100× or more).
 */
export async function confirmedCpuRatio(
  run: (text: string) => unknown,
  kind: (n: number) => string,
  bound: number,
  sizes: [number, number] = [SMALL, LARGE],
  tries = 3,
): Promise<{ small: number; large: number; ratio: number; tries: number }> {
  let best = await cpuRatio(run, kind, 3, sizes);
  let n = 1;
  while (best.ratio > bound && n < tries) {
    const again = await cpuRatio(run, kind, 3, sizes);
    if (again.ratio < best.ratio) best = again;
    n++;
  }
  return { ...best, tries: n };
}

async function repeat(run: (text: string) => unknown, text: string, reps: number): Promise<void> {
  for (let i = 0; i < reps; i++) await run(text);
}
