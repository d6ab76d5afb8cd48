// The customer card (1:1 chat only: it shows the contact details) and the pick list for a name
// with several matches. The values come from app/customers.ts; every user text is neutralised.
import { customerView } from '../../../app/customers';
import type { Services } from '../../../app/services';
import { lastFour } from '../../../domain/customers/contact';
import { customerNeeds, needsHints, profileLines } from '../../../domain/customers/profile';
import { phoneKey, type CustomerRecord } from '../../../domain/customers/record';
import type { Item, Person } from '../../../domain/types';
import { formatDeadline, formatMoment } from '../../../domain/workingTime';
import { nl } from '../../../texts/nl';
import type { Notice } from '../../feature';
import { bindPrepared, neutralise, prepareTemplates } from '../../cards/render';
import customerTemplate from '../../cards/templates/customer.json';
import pickTemplate from '../../cards/templates/customerPick.json';

prepareTemplates(customerTemplate, pickTemplate);
const t = nl.customers;
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function itemLine(i: Item): string {
  const status = nl.callbacks.status[i.status] ?? i.status;
  return t.card.itemLine(i.id, t.kind[i.kind] ?? i.kind, neutralise(i.subject), status.toLowerCase());
}

function openRow(s: Services, i: Item) {
  const now = s.clock.now();
  const owner = i.owner ? neutralise(i.owner.name) : t.card.nobody;
  const term = i.deadline ? formatDeadline(s.calendar, i.deadline, now) : '—';
  return { line: itemLine(i), sub: `${t.card.owner}: ${owner} · ${t.card.term}: ${term}` };
}

function finishedRow(s: Services, i: Item) {
  const d = i.data;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? neutralise(v) : '');
  const facts = [
    { title: t.card.givenName, value: text(d.customerName) },
    { title: t.card.note, value: text(d.doneNote) },
    { title: t.card.answer, value: typeof d.answer === 'string' ? t.answer[d.answer] ?? neutralise(d.answer) : '' },
    { title: t.card.explanation, value: text(d.explanation) },
    { title: t.card.confirmation, value: typeof d.confirmation === 'string' ? t.confirmation[d.confirmation] ?? neutralise(d.confirmation) : '' },
  ].filter((f) => f.value);
  const by = i.owner ? neutralise(i.owner.name) : '';
  return { line: itemLine(i), sub: i.closedAt ? t.card.finishedAt(formatMoment(s.calendar, i.closedAt), by) : '', facts };
}

/** The customer card for `viewer`: profile, open and finished items, contact details, the pause and its buttons. */
export async function customerCard(s: Services, r: CustomerRecord, viewer: Person, notice?: Notice): Promise<Record<string, unknown>> {
  const view = await customerView(s, r);
  const isManager = s.policy.mayManage(viewer);
  return bindPrepared(customerTemplate, {
    t: t.card,
    id: r.id,
    title: t.card.title(r.id),
    notice: notice ? { text: notice.text, style: cap(notice.style) } : null,
    pauseText: r.pause ? t.card.paused(formatMoment(s.calendar, new Date(r.pause.since)), neutralise(r.pause.by.name)) : '',
    pauseReason: r.pause ? neutralise(r.pause.reason) : '',
    names: r.names.length ? r.names.map(neutralise).join(' / ') : '—',
    contacts: r.contacts.length ? r.contacts.map((c) => neutralise(c.display)).join(', ') : '—',
    preferredChannel: r.preferredChannel ? t.preferredChannel[r.preferredChannel] ?? '—' : '—',
    profile: profileLines(r.profile).join('; ') || '—',
    languages: view.languages.map(neutralise).join(', '),
    needs: needsHints(customerNeeds(r.profile, r.preferredChannel)).join('\n\n'),
    open: view.open.map((i) => openRow(s, i)),
    finished: view.finished.map((i) => finishedRow(s, i)),
    mayPause: !r.pause,
    mayLift: !!r.pause && isManager,
    reasonError: t.pause.reasonRequired,
  });
}

/** Several customers with this name: at most ten, told apart by the last four digits and the latest topic. */
export async function pickCard(s: Services, records: CustomerRecord[], more: boolean): Promise<Record<string, unknown>> {
  const rows = [];
  for (const r of records) {
    const items = await s.customers.items(r);
    const latest = items.filter((i) => i.data.erased !== true && i.kind !== 'interpreter').at(-1);
    rows.push({
      id: r.id,
      name: `${r.id} · ${r.names.map(neutralise).join(' / ') || '—'}`,
      line: t.pickLine(lastFour(phoneKey(r)), latest ? neutralise(latest.subject) : ''),
      button: t.card.pickButton(r.id),
    });
  }
  return bindPrepared(pickTemplate, { t, intro: t.pickIntro(records.length, more), rows });
}
