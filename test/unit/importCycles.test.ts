// No import cycles in src/ (issue 14): a cycle makes load order matter and hides a layer that is
// in the wrong place. Value imports and run-time require() both count (a lazy require is still a
// cycle, only dodged); `import type` does not (it is erased at compile time).
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';

const SRC = path.resolve(__dirname, '../../../src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

function resolve(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts')]) if (fs.existsSync(candidate)) return candidate;
  return null;
}

/** Modules a file needs at run time: value imports, re-exports and require() calls. */
export function runtimeImports(file: string, text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const specs: string[] = [];
  const statement = /^\s*(import|export)\s+(type\s+)?([\s\S]*?)\s+from\s+['"]([^'"]+)['"]/gm;
  for (const m of code.matchAll(statement)) {
    if (m[2]) continue; // import type / export type
    const clause = m[3].trim();
    // import { type A, type B } from '…' is erased too.
    const braces = /^\{([\s\S]*)\}$/.exec(clause);
    if (
      braces &&
      braces[1]
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
        .every((x) => x.startsWith('type '))
    )
      continue;
    specs.push(m[4]);
  }
  for (const m of code.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) specs.push(m[1]);
  for (const m of code.matchAll(/\brequire\(\s*['"]([^'"]+)['"]\s*\)/g)) specs.push(m[1]);
  for (const m of code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) specs.push(m[1]);
  return specs.map((s) => resolve(file, s)).filter((x): x is string => x !== null);
}

/** Strongly connected components with more than one file (or a file importing itself): the cycles. */
export function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

describe('import cycles', () => {
  it('the checker finds a cycle, a lazy require in one, and ignores type-only imports', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(cycles(g)).to.deep.equal([['a', 'b', 'c']]);
    const file = path.join(SRC, 'teams', 'bot.ts');
    expect(runtimeImports(file, "import type { X } from './turn';\nimport { type Y } from './feature';")).to.deep.equal([]);
    expect(runtimeImports(file, "const { x } = require('./turn') as T;")).to.deep.equal([path.join(SRC, 'teams', 'turn.ts')]);
    expect(runtimeImports(file, "import { makeTurn, type Turn } from './turn';")).to.deep.equal([path.join(SRC, 'teams', 'turn.ts')]);
  });

  it('src/ has none', () => {
    const files = sourceFiles(SRC);
    expect(files.length).to.be.greaterThan(50);
    const graph = new Map(files.map((f) => [f, runtimeImports(f, fs.readFileSync(f, 'utf8'))]));
    const found = cycles(graph).map((c) => c.map((f) => path.relative(SRC, f)).join(' ↔ '));
    expect(found).to.deep.equal([]);
  });
});
