// Values read from storage that may be a few seconds old, kept per key (per tenant): the colleague
// list of owner views, the channel binding of card updates. Read at most once per `ms` per key; a
// failed read and a value `keep` refuses are not kept; bounded to 1,000 keys. Monotonic time: a
// moved (fake) clock does not age or refresh them.
import { performance } from 'node:perf_hooks';

export type ShortLived<T> = (key: string) => Promise<T>;

export function shortLived<T>(ms: number, load: (key: string) => Promise<T>, keep: (value: T) => boolean = () => true): ShortLived<T> {
  const kept = new Map<string, { at: number; value: Promise<T> }>();
  return (key) => {
    const now = performance.now();
    const hit = kept.get(key);
    if (hit && now - hit.at < ms) return hit.value;
    const value = load(key);
    if (kept.size >= 1000) kept.clear();
    kept.set(key, { at: now, value });
    value.then(
      (v) => {
        if (!keep(v) && kept.get(key)?.value === value) kept.delete(key);
      },
      () => {
        if (kept.get(key)?.value === value) kept.delete(key);
      },
    );
    return value;
  };
}
