// `afwegingen export`: the library as a CSV file for team meetings. In Teams a bot can hand over a
// file only in the personal chat, through a FileConsentCard: the person clicks "Toestaan", Teams
// creates the file in their OneDrive and sends an upload URL (invoke fileConsent/invoke), the bot
// PUTs the bytes there and answers with a file card that opens it. In a channel or group chat the
// bot says to ask in the personal chat. The CSV is built again at upload time, so it is current.
import type { FileConsentCardResponse } from 'botbuilder';
import type { Services } from '../../../app/services';
import { libraryCsv, type CsvLabels } from '../../../domain/exceptions/library';
import { nl } from '../../../texts/nl';
import type { FileConsentHandler } from '../../feature';
import type { Turn } from '../../turn';

const t = nl.exceptions;

export const EXPORT_KIND = 'exceptionLibrary';
export const FILE_CONSENT_TYPE = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO_TYPE = 'application/vnd.microsoft.teams.card.file.info';
const UPLOAD_TIMEOUT_MS = 8_000;

/** What the library export reads and says: the decided cases, the calendar, the upload rules, the log. */
export type ExportPorts = Pick<Services, 'reports' | 'clock' | 'calendar' | 'config' | 'log'>;

function labels(s: Pick<Services, 'calendar'>): CsvLabels {
  return { headers: t.export.headers, outcome: t.outcome, yes: t.export.yes, no: t.export.no, date: (d) => s.calendar.dayOf(d) };
}

export async function exportCsv(s: Pick<Services, 'reports' | 'calendar'>, tenantId: string): Promise<{ csv: string; count: number }> {
  const library = await s.reports.decidedExceptions(tenantId);
  return { csv: libraryCsv(library, labels(s)), count: library.length };
}

/** Offers the CSV with a FileConsentCard (personal chat), or explains where it can be had. */
export async function offerExport(turn: Turn<ExportPorts>): Promise<void> {
  if (turn.scope !== 'personal') {
    await turn.ctx.sendActivity(t.export.onlyPersonal);
    return;
  }
  const { csv, count } = await exportCsv(turn.s, turn.tenantId);
  if (count === 0) {
    await turn.ctx.sendActivity(t.export.empty);
    return;
  }
  const name = t.export.fileName(turn.s.calendar.dayOf(turn.s.clock.now()));
  await turn.ctx.sendActivity({
    attachments: [
      {
        contentType: FILE_CONSENT_TYPE,
        name,
        content: {
          description: t.export.consent(count),
          sizeInBytes: Buffer.byteLength(csv, 'utf8'),
          acceptContext: { kind: EXPORT_KIND },
          declineContext: { kind: EXPORT_KIND },
        },
      },
    ],
  });
}

/** Teams' upload URLs are https (OneDrive/SharePoint); plain http only outside production (tests, local trial). */
function uploadUrlAllowed(s: Pick<Services, 'config'>, raw: string | undefined): raw is string {
  if (!raw) return false;
  try {
    const u = new URL(raw);
    return u.protocol === 'https:' || (u.protocol === 'http:' && s.config.nodeEnv !== 'production');
  } catch {
    return false;
  }
}

async function accept(turn: Turn<ExportPorts>, response: FileConsentCardResponse): Promise<void> {
  const info = response.uploadInfo;
  const s = turn.s;
  if (!info || !uploadUrlAllowed(s, info.uploadUrl)) {
    s.log.warn({ hasInfo: !!info }, 'file consent accepted without a usable upload URL');
    await turn.ctx.sendActivity(t.export.failed);
    return;
  }
  const { csv } = await exportCsv(s, turn.tenantId);
  const body = Buffer.from(csv, 'utf8');
  try {
    const res = await fetch(info.uploadUrl, {
      method: 'PUT',
      headers: { 'Content-Range': `bytes 0-${body.length - 1}/${body.length}` },
      body,
      signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
    });
    if (!res.ok) throw new Error(`upload answered ${res.status}`);
  } catch (err) {
    s.log.warn({ err }, 'library export upload failed');
    await turn.ctx.sendActivity(t.export.failed);
    return;
  }
  const name = info.name ?? 'afwegingen.csv';
  await turn.ctx.sendActivity({
    text: t.export.done(name),
    attachments: [
      {
        contentType: FILE_INFO_TYPE,
        contentUrl: info.contentUrl,
        name,
        content: { uniqueId: info.uniqueId, fileType: info.fileType ?? 'csv' },
      },
    ],
  });
}

async function decline(turn: Turn<unknown>): Promise<void> {
  await turn.ctx.sendActivity(t.export.declined);
}

export const exportConsent: FileConsentHandler<ExportPorts> = { accept, decline };
