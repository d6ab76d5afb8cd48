// Parsed templates: adaptivecards-templating parses a template (every `${…}` into an
// adaptive-expressions tree) once per template object, and expands the parsed one per bind.
import type * as ACData from 'adaptivecards-templating';

/**
 * Parsed templates, one per template object. Parsing (new Template) costs 50–150 ms for the larger
 * cards; expanding a parsed one costs about a millisecond. expand() is synchronous and leaves the
 * parsed template untouched, so one instance serves every call.
 */
const parsed = new WeakMap<object, ACData.Template>();

export function parsedTemplate(template: object): ACData.Template {
  let t = parsed.get(template);
  if (!t) {
    // The engine (adaptivecards-templating, adaptive-expressions, ANTLR) loads with the first
    // template, after start (see warmTemplates), not while the modules load.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    t = new (require('adaptivecards-templating') as typeof ACData).Template(template);
    parsed.set(template, t);
  }
  return t;
}

/** Templates named by prepareTemplates and not parsed yet. */
const toWarm = new Set<object>();

/**
 * Names templates to parse ahead of use, so the first click after a start is answered as fast as
 * any. They are parsed by warmTemplates() once the server listens, not while modules load: parsing
 * them all took about a third of the time from start to ready. A bind before that parses its own.
 */
export function prepareTemplates(...templates: object[]): void {
  for (const t of templates) if (!parsed.has(t)) toWarm.add(t);
}

/** Parses the templates named by prepareTemplates, one per turn of the event loop (requests go between). */
export function warmTemplates(): Promise<void> {
  return new Promise((resolve) => {
    const next = () => {
      const first = toWarm.values().next();
      if (first.done) return resolve();
      toWarm.delete(first.value);
      parsedTemplate(first.value);
      setImmediate(next);
    };
    setImmediate(next);
  });
}
