// The colleague typeahead (`Data.Query`, dataset "topcontact.colleagues", answered through the
// `application/search` invoke): the people the bot knows in this tenant (members of the bound team
// who have talked to it or were introduced), matched on any part of the name. Works where Graph's
// people picker does not (the 1:1 chat, a tenant without Graph). At most 15 (Teams shows no more).
import type { Services } from './services';

export const COLLEAGUE_DATASET = 'topcontact.colleagues';
const MAX = 15;

export async function searchColleagues(
  s: Pick<Services, 'users'>,
  tenantId: string,
  text: string,
  skip = 0,
  top = MAX,
): Promise<{ title: string; value: string }[]> {
  const q = text.trim().toLowerCase();
  const users = await s.users.listUsers(tenantId);
  return users
    .filter(
      (u) =>
        !q ||
        u.name
          .toLowerCase()
          .split(/\s+/)
          .some((w) => w.startsWith(q)) ||
        u.name.toLowerCase().includes(q),
    )
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'))
    .slice(Math.max(0, skip), Math.max(0, skip) + Math.min(MAX, Math.max(1, top)))
    .map((u) => ({ title: u.name, value: u.userId }));
}
