// The item view cache (src/app/itemView.ts): keyed by tenant, item id and version, bounded
// (least recently used go first), the owner part loaded once on demand, forgotten on request.
import { expect } from 'chai';
import { forgetItemViews, loadItemView, loadOwnerView, VIEW_CACHE_SIZE } from '../../src/app/itemView';
import type { Services } from '../../src/app/services';
import type { Item } from '../../src/domain/types';
import { TEST_TENANT } from '../harness/roster';

function storage() {
  const reads = { history: [] as string[], listUsers: 0, customer: 0 };
  const s = {
    repo: {
      history: async (_t: string, id: string) => {
        reads.history.push(id);
        return [];
      },
      listUsers: async () => {
        reads.listUsers++;
        return [{ tenantId: TEST_TENANT, userId: 'u1', name: 'Bram Jansen', settings: {} }];
      },
      getItem: async () => null,
    },
    customers: { store: { get: async () => (reads.customer++, null) } },
  } as unknown as Services;
  return { s, reads };
}

function item(id: string, version = 1, data: Record<string, unknown> = {}): Item {
  return { tenantId: TEST_TENANT, id, kind: 'callback', version, data } as unknown as Item;
}

describe('item views', () => {
  it('the same version is read once; a new version is read again', async () => {
    const { s, reads } = storage();
    await loadItemView(s, item('TB-1'));
    await loadItemView(s, item('TB-1'));
    expect(reads.history).to.deep.equal(['TB-1']);
    await loadItemView(s, item('TB-1', 2));
    expect(reads.history).to.deep.equal(['TB-1', 'TB-1']);
  });

  it('the owner part (colleagues, customer record) is loaded once, also when the shared part came first', async () => {
    const { s, reads } = storage();
    const shared = await loadItemView(s, item('TB-2', 1, { customerId: 'KL-1' }));
    expect(shared.colleagues).to.deep.equal([]);
    const owner = await loadOwnerView(s, item('TB-2', 1, { customerId: 'KL-1' }));
    await loadOwnerView(s, item('TB-2', 1, { customerId: 'KL-1' }));
    expect(owner.colleagues).to.deep.equal([{ userId: 'u1', name: 'Bram Jansen' }]);
    expect(reads).to.deep.equal({ history: ['TB-2'], listUsers: 1, customer: 1 });
  });

  it(`keeps at most ${VIEW_CACHE_SIZE} views, dropping the least recently used`, async () => {
    const { s, reads } = storage();
    for (let i = 0; i < VIEW_CACHE_SIZE; i++) await loadItemView(s, item(`TB-${i}`));
    await loadItemView(s, item('TB-0')); // used again: now the most recent
    await loadItemView(s, item('TB-new')); // one too many: TB-1 goes
    reads.history.length = 0;
    await loadItemView(s, item('TB-0'));
    expect(reads.history, 'TB-0 is still kept').to.deep.equal([]);
    await loadItemView(s, item('TB-1'));
    expect(reads.history, 'TB-1 was dropped').to.deep.equal(['TB-1']);
  });

  it('forgets an item on request (history changed without a new version)', async () => {
    const { s, reads } = storage();
    await loadItemView(s, item('TB-3'));
    forgetItemViews(s, TEST_TENANT, 'TB-3');
    await loadItemView(s, item('TB-3'));
    expect(reads.history).to.deep.equal(['TB-3', 'TB-3']);
  });
});
