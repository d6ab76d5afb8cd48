// Reads matching items a page at a time, in id order (keyset paging: `afterId` + `limit`), so a job
// or a start-up check over 10,000 open items holds one page in memory, never all of them.
import type { Item } from '../domain/types';
import type { ClaimKeyPart, ItemQuery, Repository } from '../storage/repository';
import { yieldToEventLoop } from './services';

/** Items per page when nothing else is set (AppOptions.itemPageSize). */
export const ITEM_PAGE_SIZE = 500;

/** The pages of the items matching `q`; the event loop breathes between pages. */
export async function* itemPages(
  repo: Repository,
  tenantId: string,
  q: Omit<ItemQuery, 'order' | 'afterId' | 'limit'>,
  size = ITEM_PAGE_SIZE,
): AsyncGenerator<Item[]> {
  let afterId: string | undefined;
  for (;;) {
    const page = await repo.queryItems(tenantId, { ...q, order: 'id', afterId, limit: size });
    if (page.length) yield page;
    if (page.length < size) return;
    afterId = page[page.length - 1]!.id;
    await yieldToEventLoop();
  }
}

/** Every item matching `q`, one page in memory at a time. */
export async function* eachItem(
  repo: Repository,
  tenantId: string,
  q: Omit<ItemQuery, 'order' | 'afterId' | 'limit'>,
  size = ITEM_PAGE_SIZE,
): AsyncGenerator<Item> {
  for await (const page of itemPages(repo, tenantId, q, size)) yield* page;
}

/**
 * Values kept per item (due notices) while the pages go by id, handed back in the order a full
 * query gives (deadline, none last; creation time; id): the order people read them and the outbox sends them.
 */
export class InItemOrder<T> {
  private readonly rows: { value: T; deadline: number; createdAt: number; id: string }[] = [];

  add(item: Item, value: T): void {
    this.rows.push({
      value,
      deadline: item.deadline?.getTime() ?? Number.POSITIVE_INFINITY,
      createdAt: item.createdAt.getTime(),
      id: item.id,
    });
  }

  get length(): number {
    return this.rows.length;
  }

  values(): T[] {
    return [...this.rows]
      .sort((a, b) => a.deadline - b.deadline || a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((r) => r.value);
  }
}

/** The once-claim key `parts` make for `item` (the same key ItemQuery.withoutClaim leaves out). */
export function claimKeyOf(parts: readonly ClaimKeyPart[], item: Item): string {
  return parts.map((p) => (typeof p === 'string' ? p : p.item === 'id' ? item.id : String(item.deadline?.getTime() ?? ''))).join('');
}
