// Makes text a person typed inert wherever Teams renders markdown (card TextBlocks, chat
// messages): no markdown links or emphasis, no HTML, no Adaptive Card template expressions.
// Pure; re-exported by teams/cards/render.ts.

/** Makes user text inert in a TextBlock or chat message: no markdown, no HTML, no ${…} expressions. */
export function neutralise(s: string): string {
  return String(s ?? '')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/\$\{/g, '$\u200b{')
    .replace(/</g, '‹')
    .replace(/>/g, '›')
    .replace(/([\\`*_[\]~])/g, '\\$1')
    // [^\S\r\n]: blanks within the line only (\s would run on over newlines from every line start: quadratic).
    .replace(/^([^\S\r\n]*)(\d+)\./gm, '$1$2\\.')
    .replace(/^([^\S\r\n]*)([-+#])/gm, '$1\\$2');
}
