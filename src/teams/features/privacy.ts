// Privacy (AVG) for managers, in the 1:1 chat only: `inzage <telefoon of naam>` shows everything
// Top Contact keeps about one customer; `vergeet <telefoon of naam>` erases it (after a
// confirmation). The daily retention job lives here too.
import { privacyOf } from '../../app/privacy';
import { formatMoment } from '../../domain/workingTime';
import type { Item } from '../../domain/types';
import type { CustomerRecord } from '../../domain/customers/record';
import { profileLines } from '../../domain/customers/profile';
import { echoOf } from '../../domain/validation/mask';
import { nl } from '../../texts/nl';
import { joinText, md, mdText, safeText, sayText, trusted, type Trusted } from '../cards/render';
import { defineFeature, type PortsOf } from '../feature';
import type { Turn } from '../turn';

const t = nl.privacy;

const NEEDS = ['calendar', 'log', 'isManager', 'customers', 'privacy', 'contactLogs'] as const;
type Ports = PortsOf<typeof NEEDS>;
/** Teams takes about 28 KB of text per message; stay well below. */
const MAX_MESSAGE_CHARS = 12_000;

async function allowed(turn: Turn<Ports>): Promise<boolean> {
  if (turn.scope !== 'personal') {
    await turn.ctx.sendActivity(t.personalOnly);
    return false;
  }
  if (!turn.s.isManager(turn.actor)) {
    await turn.ctx.sendActivity(t.managersOnly);
    return false;
  }
  return true;
}

async function itemExport(turn: Turn<Ports>, item: Item): Promise<string> {
  const cal = turn.s.calendar;
  const status = (nl.callbacks.status as Record<string, string>)[item.status] ?? item.status;
  const lines = [
    `**${item.id}** · ${t.kind[item.kind] ?? item.kind} · ${status}`,
    mdText`${trusted(t.created)}: ${trusted(formatMoment(cal, item.createdAt))}, ${item.createdBy.name} (${trusted(t.source)}: ${item.source})`,
  ];
  if (item.deadline) lines.push(`${t.deadline}: ${formatMoment(cal, item.deadline)}`);
  if (item.closedAt) lines.push(`${t.closed}: ${formatMoment(cal, item.closedAt)}`);
  lines.push(`${t.customerData}:`);
  for (const [field, value] of privacyOf(item.kind).describe(item.data)) {
    lines.push(mdText`- ${trusted(t.field[field] ?? field)}: ${value}`);
  }
  const history = await turn.s.privacy.history(item.tenantId, item.id);
  lines.push(`${t.history}:`);
  for (const h of history) {
    const label = (nl.callbacks.history as Record<string, string>)[h.action] ?? h.action;
    lines.push(
      mdText`- ${trusted(formatMoment(cal, h.at))} · ${h.actor.name} · ${trusted(label)}${h.note ? md`: ${h.note}` : trusted('')}`,
    );
  }
  return lines.join('\n\n');
}

/** Splits the export over several messages when it is long; never in the middle of an item. */
export function chunks(parts: string[], max = MAX_MESSAGE_CHARS): string[] {
  const out: string[] = [];
  let current = '';
  for (const p of parts) {
    const piece = p.length > max ? `${p.slice(0, max - 1)}…` : p;
    if (current && current.length + piece.length + 2 > max) {
      out.push(current);
      current = '';
    }
    current = current ? `${current}\n\n${piece}` : piece;
  }
  if (current) out.push(current);
  return out;
}

/** The customer record: what it holds, its pauses and every lookup (who, when). */
async function recordExport(turn: Turn<Ports>, r: CustomerRecord): Promise<string> {
  const c = nl.customers;
  const cal = turn.s.calendar;
  const orDash = (list: Trusted) => (safeText(list) ? list : trusted('—'));
  const lines = [
    `**${c.privacy.record(r.id)}**`,
    mdText`- ${trusted(c.card.names)}: ${orDash(joinText(r.names, ' / '))}`,
    mdText`- ${trusted(c.card.contact)}: ${orDash(
      joinText(
        r.contacts.map((x) => x.display),
        ', ',
      ),
    )}`,
    `- ${c.card.preferredChannel}: ${r.preferredChannel ? c.preferredChannel[r.preferredChannel] : '—'}`,
    `- ${c.card.profile}: ${profileLines(r.profile).join('; ') || '—'}`,
  ];
  if (r.pauseHistory.length) {
    lines.push(`${c.privacy.pauseHistory}:`);
    for (const p of r.pauseHistory) {
      lines.push(
        mdText`- ${trusted(formatMoment(cal, new Date(p.at)))} · ${p.by.name} · ${trusted(c.history[p.action === 'paused' ? 'customerPaused' : 'customerPauseLifted'])}${p.reason ? md`: ${p.reason}` : trusted('')}`,
      );
    }
  }
  const lookups = await turn.s.customers.store.lookups(r.tenantId, r.id);
  lines.push(`${c.privacy.lookups}:`);
  if (!lookups.length) lines.push(`- ${c.privacy.noLookups}`);
  for (const l of lookups) lines.push(mdText`- ${trusted(formatMoment(cal, l.at))} · ${l.by.name}`);
  return lines.join('\n\n');
}

/** Items that match the query, plus every item linked to the customer's records (another contact point, another name). */
async function customerItems(turn: Turn<Ports>, query: string, records: CustomerRecord[]): Promise<Item[]> {
  const items = await turn.s.privacy.findItems(turn.tenantId, query);
  const ids = new Set(items.map((i) => i.id));
  for (const r of records) {
    for (const i of await turn.s.customers.items(r)) {
      if (!ids.has(i.id) && i.data.erased !== true && privacyOf(i.kind).holdsCustomerData) {
        ids.add(i.id);
        items.push(i);
      }
    }
  }
  return items.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

async function inzage(turn: Turn<Ports>, args: string): Promise<void> {
  if (!(await allowed(turn))) return;
  const query = args.trim();
  if (!query) return void (await turn.ctx.sendActivity(t.usageInzage));
  const records = await turn.s.customers.findAll(turn.tenantId, query);
  const items = await customerItems(turn, query, records);
  const logs = await turn.s.contactLogs.count(turn.tenantId, query, records);
  if (items.length === 0 && records.length === 0 && !logs) return void (await turn.ctx.sendActivity(t.nothingFound));
  const parts = [
    t.exportTitle(items.length),
    ...(await Promise.all(records.map((r) => recordExport(turn, r)))),
    ...(await Promise.all(items.map((i) => itemExport(turn, i)))),
    ...(logs ? [nl.contacts.privacyLine(logs)] : []),
    t.exportFooter,
  ];
  const messages = chunks(parts);
  for (let i = 0; i < messages.length; i++) {
    await turn.ctx.sendActivity({
      text: messages.length > 1 ? `${messages[i]}\n\n${t.exportPart(i + 1, messages.length)}` : messages[i],
      textFormat: 'markdown',
    });
  }
  turn.s.log.info({ tenantId: turn.tenantId, by: turn.actor.id, items: items.length }, 'privacy: inzage given');
}

async function vergeet(turn: Turn<Ports>, args: string): Promise<void> {
  if (!(await allowed(turn))) return;
  const { query, confirmed } = splitConfirm(args);
  if (!query) return void (await turn.ctx.sendActivity(t.usageVergeet));
  const records = await turn.s.customers.findAll(turn.tenantId, query);
  const items = await customerItems(turn, query, records);
  const logs = await turn.s.contactLogs.count(turn.tenantId, query, records);
  if (items.length === 0 && records.length === 0 && !logs) return void (await turn.ctx.sendActivity(t.nothingFound));
  // Safety first: a paused customer is erased only after a manager lifted the pause.
  if (records.some((r) => r.pause)) return void (await turn.ctx.sendActivity(nl.customers.privacy.pauseActive));
  const open = items.filter((i) => !i.closedAt);
  if (open.length) return void (await turn.ctx.sendActivity(t.openItems(open.map((i) => i.id).join(', '))));
  if (!confirmed) {
    const ask = items.length
      ? `${sayText(t.confirm, items.length, trusted(items.map((i) => i.id).join(', ')), echoOf(query))}${logs ? ` ${nl.contacts.privacyConfirm(logs)}` : ''}`
      : nl.contacts.privacyConfirmOnly(logs);
    return void (await turn.ctx.sendActivity(ask));
  }
  let n = 0;
  for (const item of items) if (await turn.s.privacy.erase(turn.tenantId, item.id, 'request', turn.actor)) n++;
  // The record and its lookups go too.
  for (const r of records) await turn.s.customers.store.remove(turn.tenantId, r.id);
  const unlinked = await turn.s.contactLogs.unlink(turn.tenantId, query, records);
  await turn.ctx.sendActivity(`${t.erased(n)}${unlinked ? ` ${nl.contacts.privacyErased(unlinked)}` : ''}`);
  turn.s.log.info({ tenantId: turn.tenantId, by: turn.actor.id, items: n }, 'privacy: customer data erased on request');
}

export const privacyFeature = defineFeature(NEEDS, {
  name: 'privacy',
  commands: { inzage, vergeet },
});

/** "<who> bevestig" → who + confirmed (string ops: a regex with a lazy group before \s+ backtracks on long blank runs). */
export function splitConfirm(args: string): { query: string; confirmed: boolean } {
  const a = args.trim();
  const word = 'bevestig';
  const cut = a.length - word.length;
  if (cut > 0 && a.slice(cut).toLowerCase() === word && /\s/.test(a[cut - 1]!)) return { query: a.slice(0, cut).trim(), confirmed: true };
  return { query: a, confirmed: false };
}
