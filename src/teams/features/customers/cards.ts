// The customer card (1:1 chat only: it shows the contact details) and the pick list for a name
// with several matches. The values come from app/customers.ts; every user text is neutralised.
import { customerView } from '../../../app/customers';
import type { Services } from '../../../app/services';
import type { CardTimePorts } from '../../ports';
import { lastFour } from '../../../domain/customers/contact';
import { customerNeeds, needsHints, profileLines } from '../../../domain/customers/profile';
import { phoneKey, type CustomerRecord } from '../../../domain/customers/record';
import type { Item, Person } from '../../../domain/types';
import { formatDeadline, formatMoment } from '../../../domain/workingTime';
import { nl } from '../../../texts/nl';
import type { Notice } from '../../feature';
import { bind, joinText, md, prepareTemplates, say, trusted, trustedFields, trustedTexts, type Trusted } from '../../cards/render';
import customerTemplate from '../../cards/templates/customer.json';
import pickTemplate from '../../cards/templates/customerPick.json';

prepareTemplates(customerTemplate, pickTemplate);
const t = nl.customers;
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** What the customer card reads: the record's items, the clock and retention, who may manage. */
export type CustomerCardPorts = CardTimePorts & Pick<Services, 'customers' | 'config' | 'policy'>;

function itemLine(i: Item): Trusted {
  const status = nl.callbacks.status[i.status] ?? i.status;
  return say(t.card.itemLine, trusted(i.id), trusted(t.kind[i.kind] ?? i.kind), i.subject, trusted(status.toLowerCase()));
}

function openRow(s: CardTimePorts, i: Item) {
  const now = s.clock.now();
  const owner = i.owner ? i.owner.name : trusted(t.card.nobody);
  const term = i.deadline ? formatDeadline(s.calendar, i.deadline, now) : '—';
  return { line: itemLine(i), sub: md`${trusted(t.card.owner)}: ${owner} · ${trusted(t.card.term)}: ${trusted(term)}` };
}

function finishedRow(s: CardTimePorts, i: Item) {
  const d = i.data;
  // Typed values are user text (plain strings); a known answer or confirmation is our label.
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : '');
  const label = (labels: Record<string, string>, v: unknown): Trusted | string =>
    typeof v === 'string' ? (labels[v] !== undefined ? trusted(labels[v]) : v) : '';
  const facts = [
    { title: trusted(t.card.givenName), value: text(d.customerName) },
    { title: trusted(t.card.note), value: text(d.doneNote) },
    { title: trusted(t.card.answer), value: label(t.answer, d.answer) },
    { title: trusted(t.card.explanation), value: text(d.explanation) },
    { title: trusted(t.card.confirmation), value: label(t.confirmation, d.confirmation) },
  ].filter((f) => f.value);
  const by = i.owner ? i.owner.name : '';
  return {
    line: itemLine(i),
    sub: i.closedAt ? say(t.card.finishedAt, trusted(formatMoment(s.calendar, i.closedAt)), by) : trusted(''),
    facts,
  };
}

/** The customer card for `viewer`: profile, open and finished items, contact details, the pause and its buttons. */
export async function customerCard(
  s: CustomerCardPorts,
  r: CustomerRecord,
  viewer: Person,
  notice?: Notice,
): Promise<Record<string, unknown>> {
  const view = await customerView(s, r);
  const isManager = s.policy.mayManage(viewer);
  return bind(customerTemplate, {
    t: trustedTexts(t.card),
    // Our texts; the profile lines and needs are our words for the chosen values.
    ...trustedFields({
      id: r.id,
      title: t.card.title(r.id),
      preferredChannel: r.preferredChannel ? (t.preferredChannel[r.preferredChannel] ?? '—') : '—',
      profile: profileLines(r.profile).join('; ') || '—',
      needs: needsHints(customerNeeds(r.profile, r.preferredChannel)).join('\n\n'),
      reasonError: t.pause.reasonRequired,
    }),
    notice: notice ? trustedFields({ text: notice.text, style: cap(notice.style) }) : null,
    pauseText: r.pause ? say(t.card.paused, trusted(formatMoment(s.calendar, new Date(r.pause.since))), r.pause.by.name) : '',
    pauseReason: r.pause ? r.pause.reason : '',
    names: r.names.length ? joinText(r.names, ' / ') : trusted('—'),
    contacts: r.contacts.length
      ? joinText(
          r.contacts.map((c) => c.display),
          ', ',
        )
      : trusted('—'),
    languages: joinText(view.languages, ', '),
    open: view.open.map((i) => openRow(s, i)),
    finished: view.finished.map((i) => finishedRow(s, i)),
    mayPause: !r.pause,
    mayLift: !!r.pause && isManager,
  });
}

/** Several customers with this name: at most ten, told apart by the last four digits and the latest topic. */
export async function pickCard(s: Pick<Services, 'customers'>, records: CustomerRecord[], more: boolean): Promise<Record<string, unknown>> {
  const rows = [];
  for (const r of records) {
    const items = await s.customers.items(r);
    const latest = items.filter((i) => i.data.erased !== true && i.kind !== 'interpreter').at(-1);
    rows.push({
      ...trustedFields({ id: r.id, button: t.card.pickButton(r.id) }),
      name: md`${trusted(r.id)} · ${r.names.join('') ? joinText(r.names, ' / ') : trusted('—')}`,
      line: say(t.pickLine, trusted(lastFour(phoneKey(r))), latest ? latest.subject : ''),
    });
  }
  return bind(pickTemplate, { t: trustedTexts(t), intro: trusted(t.pickIntro(records.length, more)), rows });
}
