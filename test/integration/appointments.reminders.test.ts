// Appointments get the same reminders as callbacks (shared job): the owner hears once per working
// day while a promised moment has passed unkept; nothing before, nothing at night or in the weekend.
import { expect } from 'chai';
import { type FakeConnector } from '../harness/fakeConnector';
import { adaptiveCardAction, anna, bram, personalConversationId } from '../harness/activities';
import type { BotUnderTest } from '../harness/bot';
import { startTeamBot } from '../harness/team';
import { useBot } from '../harness/suite';

const LATE = /Neem vandaag contact op met de klant/;

describe('follow-up appointments: reminders (ManualClock)', () => {
  let connector: FakeConnector;
  let bot: BotUnderTest;
  const suite = useBot((connector) => startTeamBot(connector));
  beforeEach(() => ({ connector, bot } = suite));

  const toAnna = () => connector.messagesIn(personalConversationId(anna)).filter((m) => LATE.test(String(m.activity.text ?? '')));
  async function at(iso: string): Promise<void> {
    bot.clock.set(iso);
    await bot.tick();
  }

  it('a walk-in appointment for Anna on Monday 10:00 that is not kept: one note a working day, from Monday 10:00 on', async () => {
    const res = await bot.post(
      adaptiveCardAction({
        from: bram,
        conversation: personalConversationId(bram),
        verb: 'appointment.create',
        data: {
          promiseKind: 'walkin',
          customerName: 'Meneer El Amrani',
          contact: '06 12345678',
          topic: 'Schimmel in de slaapkamer',
          date: '2026-11-30',
          time: '10:00',
          how: 'thuis',
          owner: anna.aadObjectId,
        },
      }),
    );
    const id = /AF-\d+/.exec(JSON.stringify(res.body.value))?.[0];
    expect(id, JSON.stringify(res.body.value)).to.be.a('string');

    for (const t of ['2026-11-27T16:00:00+01:00', '2026-11-28T11:00:00+01:00', '2026-11-30T09:59:00+01:00']) {
      await at(t);
      expect(toAnna(), t).to.have.length(0);
    }
    await at('2026-11-30T10:01:00+01:00');
    expect(toAnna()).to.have.length(1);
    const text = String(toAnna()[0]!.activity.text);
    expect(text).to.contain(`Afspraak **${id}** (Schimmel in de slaapkamer) is te laat`);
    expect(text, 'no customer data in the notice').to.not.match(/Amrani|0612345678|06 12345678/);
    await at('2026-11-30T16:00:00+01:00');
    expect(toAnna(), 'once that day').to.have.length(1);
    await at('2026-12-01T08:30:00+01:00');
    expect(toAnna(), 'again the next working day').to.have.length(2);
    expect(String(toAnna()[1]!.activity.text)).to.contain('1 werkdag te laat');
  });
});
