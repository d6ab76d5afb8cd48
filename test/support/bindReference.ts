// bind() as it was before issue 14's cheaper card binding (commit 8853017, src/teams/cards/render.ts):
// every plain string of the data neutralised (the full rule chain of domain/neutralise.ts, neutraliseByRules),
// Trusted unwrapped, a trusted text object passed as it is, the data copied into plain objects and
// lists, the template expanded whole by adaptivecards-templating (`new Template(t).expand`), the
// output copied once by finish(). test/unit/cardBinding.equivalence.test.ts holds bind() to it.
import * as ACData from 'adaptivecards-templating';
import { isTrusted, safeText } from '../../src/domain/userText';
import { neutraliseByRules } from '../../src/domain/neutralise';
import { READABLE_COLOR } from '../../src/teams/cards/render';
import { nl } from '../../src/texts/nl';

/** neutralise() before its shortcut for text none of its rules change: the rule chain itself. */
export const neutraliseReference = neutraliseByRules;

/** The object a trustedTexts() wraps (render.ts keeps its symbol to itself). */
function trustedTree(v: object): { tree: unknown } | undefined {
  const key = Object.getOwnPropertySymbols(v).find((s) => s.description === 'trustedTree');
  return key ? { tree: (v as Record<symbol, unknown>)[key] } : undefined;
}

function safeData(v: unknown): unknown {
  if (typeof v === 'string') return neutraliseReference(v);
  if (typeof v !== 'object' || v === null || v instanceof Date) return v;
  if (isTrusted(v)) return safeText(v);
  const tree = trustedTree(v);
  if (tree) return tree.tree;
  if (Array.isArray(v)) return v.map(safeData);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = safeData(x);
  return out;
}

function finish(v: unknown, key = ''): unknown {
  if (typeof v === 'string') {
    if (key === 'color' && READABLE_COLOR[v.toLowerCase()]) return READABLE_COLOR[v.toLowerCase()];
    return v.includes('${') ? v.replace(/\$\{[^}]*\}/g, '') : v;
  }
  if (Array.isArray(v)) return v.map((x) => finish(x));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = finish(x, k);
    if (out.type === 'Input.Date' && out.placeholder === undefined) out.placeholder = nl.common.datePlaceholder;
    if (out.type === 'Input.Time' && out.placeholder === undefined) out.placeholder = nl.common.timePlaceholder;
    if (out.type === 'Input.ChoiceSet' && !Array.isArray(out.choices)) out.choices = [];
    return out;
  }
  return v;
}

/** Parsed once per template object here too (parsing the larger templates takes tens of milliseconds). */
const parsed = new WeakMap<object, ACData.Template>();

export function bindReference(template: object, data: object): Record<string, unknown> {
  let t = parsed.get(template);
  if (!t) parsed.set(template, (t = new ACData.Template(template)));
  return finish(t.expand({ $root: safeData(data) })) as Record<string, unknown>;
}
