// Long free text on shared cards (toelichting, notes) is cut at about 300 characters, at a word,
// with the rest behind "Meer tonen": the card's buttons stay in view in a busy channel.

export const LONG_TEXT_CHARS = 300;

/** `short` is '' when the text fits; otherwise the first part, cut at a word and ended with '…'. */
export function cutLongText(text: string, max = LONG_TEXT_CHARS): { full: string; short: string } {
  if (text.length <= max + 40) return { full: text, short: '' }; // a little over is not worth a button
  const slice = text.slice(0, max);
  const space = slice.search(/\s\S*$/);
  const cut = (space > max * 0.7 ? slice.slice(0, space) : slice).trimEnd();
  return { full: text, short: `${cut} …` };
}
