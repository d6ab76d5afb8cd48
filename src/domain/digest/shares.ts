/**
 * Splits a line budget over lists of the given sizes, cutting the longest first ("water-filling"):
 * every list gets min(size, cap) for the highest cap that fits, and the lines left over go one each
 * to the first lists that were cut. Sum of the result ≤ budget; a list never gets more than its
 * size; when budget ≥ the number of non-empty lists, each of them gets at least one line.
 */
export function fairShares(sizes: readonly number[], budget: number): number[] {
  const b = Math.max(0, Math.floor(budget));
  const sum = sizes.reduce((n, s) => n + s, 0);
  if (sum <= b) return [...sizes];
  const used = (cap: number) => sizes.reduce((n, s) => n + Math.min(s, cap), 0);
  let lo = 0;
  let hi = Math.max(0, ...sizes);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (used(mid) <= b) lo = mid;
    else hi = mid - 1;
  }
  const shares = sizes.map((s) => Math.min(s, lo));
  let left = b - used(lo);
  for (let i = 0; i < sizes.length && left > 0; i++) {
    if (sizes[i]! > shares[i]!) {
      shares[i]!++;
      left--;
    }
  }
  return shares;
}
