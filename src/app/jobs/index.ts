// Every periodic job, in the order a tick runs them. The app wires them (app/app.ts); features in
// teams/ only deliver what a job enqueued (outbox handlers) and never carry jobs of their own.
// Each job is idempotent through once-claims and reads items a page at a time (app/itemPages.ts).
import { absenceJob } from '../absence';
import { customerRetentionJob } from '../customers';
import { retentionJob } from '../privacy';
import type { Job } from '../services';
import { expireOffers, healCalendars, recheckAccess } from './agendaSync';
import { dailyDigest } from './digest';
import { exceptionNudges } from './exceptionNudges';
import { interpreterReminders } from './interpreterReminders';
import { ownedReminders } from './ownedReminders';

/** A fresh list per app (the absence job keeps a per-instance cache). */
export function appJobs(): Job[] {
  return [
    ownedReminders('callback'),
    dailyDigest,
    exceptionNudges,
    interpreterReminders,
    ownedReminders('appointment'),
    expireOffers,
    healCalendars,
    recheckAccess,
    retentionJob,
    customerRetentionJob,
    // The owner away for the rest of the term (Outlook automatic replies via Graph; off without Graph).
    absenceJob(),
  ];
}
