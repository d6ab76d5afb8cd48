// The (template, data) pairs bind() is called with while `run` runs: bind() is swapped on the module
// object itself (compiled code reads render.bind at each call) and put back afterwards.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const render = require('../../src/teams/cards/render') as { bind: (t: object, d: object) => Record<string, unknown> };

export async function captureBinds(run: () => Promise<unknown>): Promise<[object, object][]> {
  const seen: [object, object][] = [];
  const real = render.bind;
  render.bind = (t, d) => {
    seen.push([t, d]);
    return real(t, d);
  };
  try {
    await run();
  } finally {
    render.bind = real;
  }
  return seen;
}
