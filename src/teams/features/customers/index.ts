// `klant <telefoon | e-mailadres | naam>`: the customer card, in the asker's 1:1 chat only. Typed in a
// channel, the answer goes to the 1:1 chat (outbox 'customerAnswer') and the channel gets one line
// without customer data. Replies never repeat a typed phone number or e-mail address.
// Buttons: customer.show, customer.pause (any colleague, 1:1), customer.lift (managers).
import { CardFactory } from 'botbuilder';
import type { FindResult } from '../../../app/customers';
import type { DeliveryHandler } from '../../../app/outbox';
import type { Person } from '../../../domain/types';
import { nl } from '../../../texts/nl';
import { cardResponse, noticeCard } from '../../cards/common';
import { defineFeature, type Notice, type PortsOf } from '../../feature';
import type { TeamsMessenger } from '../../proactive';
import { guarded } from '../../delivery';
import type { Turn } from '../../turn';
import { customerCard, pickCard } from './cards';
import { trusted } from '../../cards/render';

const t = nl.customers;

const NEEDS = ['clock', 'calendar', 'config', 'policy', 'customers', 'customerCases', 'messages'] as const;
type Ports = PortsOf<typeof NEEDS>;

/** What to send for a lookup: a text, or a card (the customer's, or the pick list). Records the lookup of one customer. */
async function answerFor(
  s: Ports,
  tenantId: string,
  found: FindResult,
  viewer: Person,
): Promise<{ text?: string; card?: Record<string, unknown> }> {
  if (found.status === 'none') return { text: t.notFound };
  if (found.status === 'many') return { card: await pickCard(s, found.records, found.more) };
  await s.customers.recordLookup(found.record, viewer);
  return { card: await customerCard(s, found.record, viewer) };
}

async function klant(turn: Turn<Ports>, args: string): Promise<void> {
  const query = args.trim();
  if (turn.scope !== 'personal') {
    // Nothing about the customer in the channel: the answer (or the usage) goes to the 1:1 chat.
    const found: FindResult = query ? await turn.s.customers.find(turn.tenantId, query) : { status: 'none' };
    if (found.status === 'one') await turn.s.customers.recordLookup(found.record, turn.actor);
    const payload = {
      to: turn.actor,
      usage: !query,
      customerId: found.status === 'one' ? found.record.id : undefined,
      pickIds: found.status === 'many' ? found.records.map((r) => r.id) : undefined,
      more: found.status === 'many' ? found.more : undefined,
    };
    const now = turn.s.clock.now();
    await turn.s.messages.queue(
      [
        {
          tenantId: turn.tenantId,
          key: `customerAnswer:${turn.tenantId}:${turn.actor.id}:${turn.ctx.activity.id ?? now.getTime()}`,
          type: 'customerAnswer',
          lane: `user:${turn.actor.id}`,
          payload,
        },
      ],
      now,
    );
    await turn.ctx.sendActivity(t.sentToChat);
    return;
  }
  if (!query) return void (await turn.ctx.sendActivity(t.usage));
  const answer = await answerFor(turn.s, turn.tenantId, await turn.s.customers.find(turn.tenantId, query), turn.actor);
  await turn.ctx.sendActivity(answer.card ? { attachments: [CardFactory.adaptiveCard(answer.card)] } : answer.text!);
}

/** The 1:1 answer to `klant` typed in a channel, rendered when sent (nothing about the customer waits in the outbox). */
function customerAnswer(s: Ports, messenger: TeamsMessenger): DeliveryHandler {
  return async (m) => {
    const to = m.payload.to as Person;
    const p = m.payload;
    let answer: { text?: string; card?: Record<string, unknown> };
    if (p.usage === true) answer = { text: t.usage };
    else if (typeof p.customerId === 'string') {
      const r = await s.customers.store.get(m.tenantId, p.customerId);
      answer = r ? { card: await customerCard(s, r, to) } : { text: t.notFound };
    } else if (Array.isArray(p.pickIds)) {
      const records = [];
      for (const id of p.pickIds) {
        const r = await s.customers.store.get(m.tenantId, String(id));
        if (r) records.push(r);
      }
      answer = records.length ? { card: await pickCard(s, records, p.more === true) } : { text: t.notFound };
    } else answer = { text: t.notFound };
    return guarded(`user:${to.id}`, async () => {
      await messenger.sendToPerson(
        m.tenantId,
        to,
        answer.card ? { attachments: [CardFactory.adaptiveCard(answer.card)] } : { text: answer.text },
      );
    });
  };
}

async function shown(turn: Turn<Ports>, id: string, notice?: Notice) {
  const r = await turn.s.customers.store.get(turn.tenantId, id);
  if (!r) return cardResponse(noticeCard(trusted(t.notFound), 'warning'));
  return cardResponse(await customerCard(turn.s, r, turn.actor, notice));
}

const idOf = (data: Record<string, unknown>) => (typeof data.id === 'string' ? data.id.trim().toUpperCase() : '');

export const customersFeature = defineFeature(NEEDS, {
  name: 'customers',
  commands: { klant },
  verbs: {
    'customer.show': async (turn, data) => {
      if (turn.scope !== 'personal') return cardResponse(noticeCard(trusted(t.sentToChat), 'warning'));
      const r = await turn.s.customers.store.get(turn.tenantId, idOf(data));
      if (!r) return cardResponse(noticeCard(trusted(t.notFound), 'warning'));
      await turn.s.customers.recordLookup(r, turn.actor);
      return cardResponse(await customerCard(turn.s, r, turn.actor));
    },
    'customer.pause': async (turn, data) => {
      if (turn.scope !== 'personal') return cardResponse(noticeCard(trusted(t.pause.personalOnly), 'warning'));
      const id = idOf(data);
      const out = await turn.s.customerCases.pause(turn.tenantId, id, typeof data.reason === 'string' ? data.reason : '', turn.actor);
      if (out.status === 'notFound') return cardResponse(noticeCard(trusted(t.notFound), 'warning'));
      return shown(turn, id, out.status === 'ok' ? { text: t.pause.set, style: 'accent' } : { text: out.message, style: 'attention' });
    },
    'customer.lift': async (turn, data) => {
      if (turn.scope !== 'personal') return cardResponse(noticeCard(trusted(t.pause.personalOnly), 'warning'));
      const id = idOf(data);
      const out = await turn.s.customerCases.lift(turn.tenantId, id, turn.actor);
      if (out.status === 'notFound') return cardResponse(noticeCard(trusted(t.notFound), 'warning'));
      return shown(
        turn,
        id,
        out.status === 'ok' ? { text: t.pause.lifted(out.released ?? 0), style: 'accent' } : { text: out.message, style: 'attention' },
      );
    },
  },
  deliveries: { customerAnswer },
});
