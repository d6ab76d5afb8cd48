// The layers point one way (issue 14): teams/ and http/ call use cases in app/, app/ uses the domain
// and storage, the domain uses neither. app/app.ts is the one exception: it is the composition root
// that builds the Teams adapter and the server. Type-only imports count too: a use case that needs a
// Teams type is in the wrong place.
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

/** Every relative module a file names (import, import type, export … from, require, import()), as paths under src/. */
export function importedPaths(file: string, text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const specs = [
    ...[...code.matchAll(/^\s*(?:import|export)\s[\s\S]*?\sfrom\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]),
    ...[...code.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]),
    ...[...code.matchAll(/\b(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]),
  ];
  return specs.filter((s) => s.startsWith('.')).map((s) => path.relative(SRC, path.resolve(path.dirname(file), s)));
}

function offenders(layer: string, forbidden: string[], except: string[] = []): string[] {
  return sourceFiles(path.join(SRC, layer))
    .filter((f) => !except.includes(path.relative(SRC, f)))
    .flatMap((f) =>
      importedPaths(f, fs.readFileSync(f, 'utf8'))
        .filter((p) => forbidden.some((x) => p === x || p.startsWith(`${x}/`)))
        .map((p) => `${path.relative(SRC, f)} → ${p}`),
    );
}

describe('layering', () => {
  it('the checker sees value, type-only and lazy imports of another layer', () => {
    const file = path.join(SRC, 'app', 'jobs', 'x.ts');
    const text = "import type { Turn } from '../../teams/turn';\nimport { a } from '../services';\nconst b = require('../../teams/bot');";
    expect(importedPaths(file, text)).to.deep.equal(['teams/turn', 'app/services', 'teams/bot']);
  });

  it('nothing under src/app imports from src/teams or src/http (except app.ts, the composition root)', () => {
    expect(sourceFiles(path.join(SRC, 'app', 'jobs')).length, 'the jobs live in app/jobs').to.be.greaterThan(3);
    expect(offenders('app', ['teams', 'http'], ['app/app.ts'])).to.deep.equal([]);
  });

  it('the domain imports no adapter, use case, storage or Graph code', () => {
    expect(offenders('domain', ['app', 'teams', 'http', 'storage', 'graph'])).to.deep.equal([]);
  });

  it('no Teams feature imports storage: it calls use cases (app/) and the ports it declares (issue 14)', () => {
    expect(offenders('teams/features', ['storage'])).to.deep.equal([]);
  });

  it("no feature carries periodic jobs: they are the app's (app/jobs/index.ts)", () => {
    const feature = fs.readFileSync(path.join(SRC, 'teams', 'feature.ts'), 'utf8');
    expect(feature).to.not.match(/\bjobs\?:/);
    expect(offenders('teams', ['app/jobs/index'])).to.deep.equal([]);
  });
});
