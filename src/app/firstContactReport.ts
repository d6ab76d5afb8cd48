// Loads what the "in één keer geholpen" figures need: the contact logs and the follow-ups made
// since the report's first Monday (domain/report/firstContact.ts computes).
import { firstContactReport, type FirstContactReport } from '../domain/report/firstContact';
import { reportStart } from '../domain/report/onTime';
import type { Services } from './services';

export async function buildFirstContact(s: Services, tenantId: string, weeks: number): Promise<FirstContactReport> {
  const now = s.clock.now();
  const since = s.calendar.at(reportStart(s.calendar, now, weeks), '00:00');
  const logs = await s.repo.records.list(tenantId, 'contact', since, new Date(now.getTime() + 1));
  const items = await s.repo.queryItems(tenantId, { createdSince: since, kinds: ['callback', 'appointment'] });
  return firstContactReport(
    logs.map((l) => ({ at: l.at, how: String(l.data.how) })),
    items,
    s.calendar,
    now,
    weeks,
  );
}
