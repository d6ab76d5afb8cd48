// Helpers for looking inside Adaptive Cards in tests.

/** Every element of a card (deep) for which pred holds. */
export function findAll(node: unknown, pred: (e: Record<string, any>) => boolean, out: Record<string, any>[] = []): Record<string, any>[] {
  if (Array.isArray(node)) node.forEach((n) => findAll(n, pred, out));
  else if (node && typeof node === 'object') {
    const e = node as Record<string, any>;
    if (pred(e)) out.push(e);
    for (const v of Object.values(e)) findAll(v, pred, out);
  }
  return out;
}
