// Issue 14: user text is neutralised in one place, bind() (cards/render.ts) and say()/sayText/
// md`…`/mdText (domain/userText.ts). No other file under src/teams, src/app or src/domain
// neutralises by hand: none imports neutralise (from domain/neutralise, or neutralise
// from cards/render), and render.ts exports neither neutralise nor the old bindPrepared. The same
// rule is an ESLint rule (eslint.config.mjs, no-restricted-imports).
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import * as render from '../../src/teams/cards/render';
import * as userText from '../../src/domain/userText';

const SRC = path.resolve(__dirname, '../../../src');
/** The files that neutralise: bind() in render.ts, the helpers in userText.ts, and neutralise.ts itself. */
const ALLOWED = [path.join('teams', 'cards', 'render.ts'), path.join('domain', 'userText.ts'), path.join('domain', 'neutralise.ts')];
/** The folders where nothing but those files neutralises by hand. */
const CHECKED = ['teams', 'app', 'domain'];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** The imports of `file` that bring in neutralising by hand, as "names from module". */
export function handNeutralising(file: string, text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const out: string[] = [];
  const imports = [
    ...[...code.matchAll(/^\s*(?:import|export)\s([\s\S]*?)\sfrom\s+['"]([^'"]+)['"]/gm)].map((m) => ({ names: m[1]!, spec: m[2]! })),
    ...[...code.matchAll(/\b(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => ({ names: '*', spec: m[1]! })),
  ];
  for (const { names, spec } of imports) {
    if (!spec.startsWith('.')) continue;
    const target = path.relative(SRC, path.resolve(path.dirname(file), spec));
    if (target === path.join('domain', 'neutralise')) out.push(`${names.trim()} from ${target}`);
    else if (target === path.join('teams', 'cards', 'render') && (names.includes('*') || /\bneutralise\b/.test(names)))
      out.push(`${names.trim()} from ${target}`);
  }
  return out;
}

describe('no neutralising by hand under src/teams, src/app and src/domain', () => {
  it('the checker sees an import of neutralise, from the domain or from render.ts, and lets other imports pass', () => {
    const file = path.join(SRC, 'teams', 'features', 'x.ts');
    expect(handNeutralising(file, "import { neutralise } from '../../domain/neutralise';")).to.have.length(1);
    expect(handNeutralising(file, "import { bind, neutralise } from '../cards/render';")).to.have.length(1);
    expect(handNeutralising(file, "const r = require('../cards/render');")).to.have.length(1);
    expect(
      handNeutralising(file, "import { bind, say } from '../cards/render';\n// neutralise from '../../domain/neutralise'"),
    ).to.deep.equal([]);
    expect(handNeutralising(file, "import { neutraliseValues } from '../cards/itemCard';")).to.deep.equal([]);
    const job = path.join(SRC, 'app', 'jobs', 'x.ts');
    expect(handNeutralising(job, "import { neutralise } from '../../domain/neutralise';")).to.have.length(1);
    expect(handNeutralising(job, "import { sayText, trusted } from '../../domain/userText';")).to.deep.equal([]);
    const domain = path.join(SRC, 'domain', 'items', 'x.ts');
    expect(handNeutralising(domain, "import { neutralise } from '../neutralise';")).to.have.length(1);
    expect(handNeutralising(path.join(SRC, 'domain', 'x.ts'), "import { neutralise } from './neutralise';")).to.have.length(1);
    expect(handNeutralising(domain, "import { sayText, trusted } from '../userText';")).to.deep.equal([]);
  });

  it('no file under src/teams, src/app or src/domain but render.ts, userText.ts and neutralise.ts imports neutralise', () => {
    const offenders = CHECKED.flatMap((dir) => sourceFiles(path.join(SRC, dir)))
      .filter((f) => !ALLOWED.includes(path.relative(SRC, f)))
      .flatMap((f) => handNeutralising(f, fs.readFileSync(f, 'utf8')).map((x) => `${path.relative(SRC, f)}: ${x}`));
    expect(offenders).to.deep.equal([]);
  });

  it('render.ts offers no way around bind(): no neutralise re-export, no bindPrepared', () => {
    expect(Object.keys(render)).to.include('bind');
    expect(Object.keys(render)).not.to.include('neutralise');
    expect(Object.keys(render)).not.to.include('bindPrepared');
  });

  it('domain/userText.ts offers say()/sayText/md/mdText, not neutralise itself; render.ts re-exports them', () => {
    expect(Object.keys(userText)).to.include.members(['say', 'sayText', 'md', 'mdText', 'trusted']);
    expect(Object.keys(userText)).not.to.include('neutralise');
    expect(render.sayText).to.equal(userText.sayText);
  });
});
