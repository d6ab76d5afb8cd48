// Read-only questions over stored items that a feature's overview needs (issue 14: teams/ asks a
// use case, never the repository): the twijfelgevallen library and a month's interpreter requests.
import type { ExceptionData } from '../domain/items/exception';
import type { Item } from '../domain/types';
import type { Services } from './services';

/** Every decided twijfelgeval of the tenant (the library). */
export async function decidedCases(s: Services, tenantId: string): Promise<Item<ExceptionData>[]> {
  const closed = await s.repo.queryItems(tenantId, { kinds: ['exception'], open: false });
  return (closed as unknown as Item<ExceptionData>[]).filter((i) => i.status === 'decided' && !!i.data.decision);
}

/** The interpreter requests created since `since` (the monthly overview filters the month exactly). */
export function interpreterRequestsSince(s: Services, tenantId: string, since: Date): Promise<Item[]> {
  return s.repo.queryItems(tenantId, { kinds: ['interpreter'], createdSince: since });
}
