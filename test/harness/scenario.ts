/**
 * Small steps shared by the reliability tests: bind the work channel, create callbacks through
 * the intake API, click buttons, make up extra staff members.
 */
import {
  adaptiveCardAction,
  channelMessage,
  generalChannel,
  teamNoord,
  anna,
  TEST_TENANT,
  type TestChannel,
  type TestUser,
} from './activities';
import { httpJson, postActivity, type HttpResult } from './http';
import { INTAKE_KEY } from './child';
import type { FakeConnector } from './fakeConnector';
import { noteCustomer } from './logCapture';

export async function bindChannel(
  url: string,
  connector: FakeConnector,
  from: TestUser = anna,
  channel: TestChannel = generalChannel,
): Promise<void> {
  const res = await postActivity(url, channelMessage({ text: 'koppel', from, team: teamNoord, channel }));
  if (res.status !== 200) throw new Error(`koppel answered ${res.status}`);
  const before = connector.allPosted().length;
  await connector.waitFor(
    (c) =>
      c
        .allPosted()
        .slice(before)
        .find((p) => /werkkanaal/.test(String(p.activity.text ?? ''))) ??
      c.allPosted().find((p) => p.conversationId.startsWith(channel.id) && /werkkanaal/.test(String(p.activity.text ?? ''))),
    10_000,
    'koppel answer',
  );
}

export interface IntakeBody {
  customerName?: unknown;
  phone?: unknown;
  topic?: unknown;
  [k: string]: unknown;
}

export function intake(
  url: string,
  body: IntakeBody | string,
  headers: Record<string, string> = {},
  key = INTAKE_KEY,
): Promise<HttpResult> {
  // The log scan at the end of the run looks for these (also when a child process stored them).
  if (typeof body === 'object') noteCustomer({ name: body.customerName, phone: body.phone });
  return httpJson('POST', `${url}/api/callbacks`, body, { authorization: `Bearer ${key}`, ...headers });
}

/** A valid Dutch mobile number, different for every n (06 1xxxxxxx). */
export function phoneFor(n: number): string {
  return `06 ${String(10_000_000 + (n % 90_000_000)).padStart(8, '0')}`;
}

export function claimInvoke(from: TestUser, id: string, version?: number) {
  return adaptiveCardAction({
    from,
    conversation: generalChannel.id,
    team: teamNoord,
    channel: generalChannel,
    verb: 'callback.claim',
    data: version ? { id, v: version } : { id },
  });
}

export function click(url: string, from: TestUser, verb: string, data: Record<string, unknown>, conversation: string = generalChannel.id) {
  return postActivity(url, adaptiveCardAction({ from, conversation, verb, data }));
}

/** A made-up staff member n (for races with more people than the roster has). */
export function staff(n: number): TestUser {
  const hex = n.toString(16).padStart(12, '0');
  return {
    id: `29:1staff-${n}`,
    aadObjectId: `5e5e5e5e-0000-4000-8000-${hex}`,
    name: `Medewerker ${n}`,
    givenName: 'Medewerker',
    surname: String(n),
    email: `medewerker${n}@wij.example`,
    userPrincipalName: `medewerker${n}@wij.example`,
    tenantId: TEST_TENANT,
    userRole: 'user',
  } as TestUser;
}

/** The cards in the channel per item id (from the card's data.id on its buttons or its title). */
export function cardsByItem(connector: FakeConnector, channelId: string = generalChannel.id): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of connector.messagesIn(channelId)) {
    if (!m.card) continue;
    const title = JSON.stringify(m.card).match(/Terugbelverzoek (TB-\d+)/);
    if (!title) continue;
    out.set(title[1]!, (out.get(title[1]!) ?? 0) + 1);
  }
  return out;
}

/** Runs tasks with at most `n` at a time; results in input order. */
export async function pool<T, R>(items: T[], n: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(n, items.length) }, async () => {
    for (;;) {
      const i = next++;
      if (i >= items.length) return;
      results[i] = await fn(items[i]!, i);
    }
  });
  await Promise.all(workers);
  return results;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
