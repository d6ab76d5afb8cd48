// Issue 13: no input can hold the event loop through a regular expression. Every text entry point
// (message text with and without a command, form fields of every create verb, the message-extension
// payload, the intake JSON fields) gets each kind of adversarial text at 25 KB and at 250 KB; the
// larger may take at most about 15× the CPU time of the smaller (best of three, measured again up
// to three times when over: a ratio, not a limit).
// CPU time of this process covers the bot (in-process) and the outbox work the request caused.
import { expect } from 'chai';
import { ADVERSARIAL, confirmedCpuRatio, LARGE, MAX_RATIO, SMALL } from '../harness/adversarial';
import {
  adaptiveCardAction,
  anna,
  dirk,
  generalChannel,
  messageExtensionFetchTask,
  personalConversationId,
  personalMessage,
  threadConversationId,
} from '../harness/activities';
import { startFakeConnector, type FakeConnector } from '../harness/fakeConnector';
import type { BotUnderTest } from '../harness/bot';
import { startTeamBot } from '../harness/team';
import { intake } from '../harness/scenario';

/** The activity with its text replaced (and the HTML copy Teams adds left out). */
function plain(a: Record<string, unknown>, text: string): Record<string, unknown> {
  return { ...a, text, attachments: [] };
}

/** The message-extension activity with the message's HTML body replaced. */
function withHtml(a: Record<string, unknown>, html: string): Record<string, unknown> {
  const value = a.value as { messagePayload: { body: { content: string } } };
  return { ...a, value: { ...value, messagePayload: { ...value.messagePayload, body: { contentType: 'html', content: html } } } };
}

describe('adversarial text at every entry point: 250 KB costs at most ~15× 25 KB (issue 13)', function () {
  this.timeout(300_000);
  let connector: FakeConnector;
  let bot: BotUnderTest;
  before(async () => {
    connector = await startFakeConnector();
    // Room for 250 KB of text that JSON escapes to twice its size.
    bot = await startTeamBot(connector, { BODY_LIMIT_BYTES: String(4 * 1024 * 1024), INTAKE_RATE_PER_MINUTE: '100000' });
  });
  after(async () => {
    await bot.stop();
    await connector.close();
  });

  let n = 0;
  const form = (verb: string, data: Record<string, unknown>) =>
    adaptiveCardAction({ from: anna, conversation: personalConversationId(anna), verb, data: { formId: `redos-${++n}`, ...data } });
  /**
   * Each entry point: the request for a text, built before the measurement (the harness's own
   * activity builders are not what is measured), then sent; answered and its outbox work done.
   */
  const post = (a: Record<string, unknown>) => () => bot.post(a as never);
  const entryPoints: Record<string, (text: string) => () => Promise<unknown>> = {
    'message text (no command)': (t) => post(plain(personalMessage({ text: 'x', from: anna }), t)),
    'message text after afwegingen': (t) => post(plain(personalMessage({ text: 'x', from: anna }), `afwegingen ${t}`)),
    'message text after vergeet (manager)': (t) => post(plain(personalMessage({ text: 'x', from: dirk }), `vergeet ${t} bevestig`)),
    'message text after tolk': (t) => post(plain(personalMessage({ text: 'x', from: anna }), `tolk ${t}`)),
    'callback form fields': (t) => post(form('callback.create', { customerName: t, phone: t, topic: t, details: t, preferredMoment: t })),
    'appointment form fields': (t) =>
      post(form('appointment.create', { promiseKind: 'email', customerName: t, contact: t, topic: t, date: t, time: t })),
    'exception form fields': (t) => post(form('exception.create', { situation: t, rule: t, proposal: t, leaning: t, urgency: 'vandaag' })),
    'message-extension payload': (t) =>
      post(
        withHtml(
          messageExtensionFetchTask({
            from: anna,
            conversation: threadConversationId(generalChannel.id, '1700000000001'),
            commandId: 'terugbelverzoekMaken',
            message: { from: anna, text: 'x' },
          }),
          t,
        ),
      ),
    'intake JSON fields': (t) => () => intake(bot.url, { customerName: t, phone: t, topic: t, details: t, preferredMoment: t, source: t }),
  };

  for (const [name, send] of Object.entries(entryPoints)) {
    it(name, async () => {
      const over: string[] = [];
      for (const [kind, make] of Object.entries(ADVERSARIAL)) {
        const requests = new Map([SMALL, LARGE].map((size) => [size, send(make(size))]));
        const run = async (text: string) => {
          await requests.get(text.length > (SMALL + LARGE) / 2 ? LARGE : SMALL)!();
          await bot.settle();
        };
        const r = await confirmedCpuRatio(run, make, MAX_RATIO, [SMALL, LARGE]);
        if (r.ratio > MAX_RATIO) over.push(`${kind}: ${r.ratio.toFixed(1)}× (${r.small} µs → ${r.large} µs, lowest of ${r.tries})`);
      }
      expect(over, over.join('\n')).to.deep.equal([]);
    });
  }
});
