// The scenarios, in the order a team starts using Top Contact. They share one Playground session
// (the Playground keeps conversations in the browser), so later ones build on earlier ones (`needs`).
import { loadConfig } from '../src/config/config';
import { callbackDeadline, formatDeadline, WorkingCalendar } from '../src/domain/workingTime';
import { nl } from '../src/texts/nl';
import { assert, expectGone, expectText, type Scenario, type World } from './scenario';
import { cardTexts } from './ui';

const t = nl.callbacks;

/** The customer of the happy path (made up). */
const CUSTOMER = { name: 'Mevrouw Jansen', phone: '06 12345678', topic: 'Lekkage badkamer', details: 'Er lekt water bij de douche. Klant is thuis na 13:00.' };
const DOSSIER_NOTE = 'Klant gebeld. De loodgieter komt maandag 30 november tussen 8:00 en 12:00.';

/** What the channel card must say as deadline: the charter's "end of the next working day", in the bot's own words. */
function expectedDeadline(w: World): string {
  const cal = new WorkingCalendar(loadConfig({ NODE_ENV: 'development' }).workingTime);
  return formatDeadline(cal, callbackDeadline(cal, w.fakeNow), w.fakeNow);
}

/** Opens a fresh callback form in the personal chat and fills it. */
async function openFilledForm(w: World, values: { name: string; phone: string; topic: string; details?: string }) {
  const { ui } = w;
  await ui.openPersonalChat();
  const forms = ui.page.locator('.ac-adaptiveCard').filter({ has: ui.page.getByRole('button', { name: t.submit }) });
  const before = await forms.count();
  await ui.say('terugbellen');
  await forms.nth(before).waitFor();
  const form = forms.nth(before);
  await ui.input(form, t.fields.customerName).fill(values.name);
  await ui.input(form, t.fields.phone).fill(values.phone);
  await ui.input(form, t.fields.topic).fill(values.topic);
  if (values.details) await ui.input(form, t.fields.details).fill(values.details);
  return form;
}

export const scenarios: Scenario[] = [
  {
    id: '01-kanaal-koppelen',
    title: 'the bot is installed in the team, welcomes once, and `koppel` binds the channel Terugbellen',
    async run(w) {
      const { ui, teams } = w;
      // Install through the Playground's mock-activity API; opening the team makes the Playground
      // install the app once more by itself (as Teams does when a team first opens the app).
      await ui.mockActivity(teams.channelId, 'install');
      await ui.openChannel(teams.channelName);
      await ui.until('both installations answered by the bot', () => ui.answered('installationUpdate', teams.channelId).length >= 2);
      const welcome = ui.page.getByText('Typ in het kanaal waar jullie het werk willen zien');
      await welcome.first().waitFor();
      const reply = await ui.post('koppel');
      await expectText(ui.page.locator('body'), nl.common.bound(teams.channelName), 'the answer to koppel');
      assert(reply, 'the koppel post is shown');
      const welcomes = await welcome.count();
      assert(welcomes === 1, `the team is welcomed once per installation, but ${welcomes} welcome messages are shown`);
      await w.shot('01-kanaal-koppelen');
    },
  },
  {
    id: '02-hulp',
    title: '`hulp` in the personal chat shows every command in Dutch',
    async run(w) {
      const { ui } = w;
      await ui.openPersonalChat();
      await ui.page.getByText('Hier in de persoonlijke chat zie je jouw eigen werk').first().waitFor();
      await ui.say('hulp');
      const card = ui.card(nl.help.title);
      await card.waitFor();
      for (const c of nl.help.commands) await expectText(card, c.description, `the help card line for ${c.command}`);
      await w.shot('02-hulp', card);
    },
  },
  {
    id: '03-terugbellen',
    title: '`terugbellen`: the form filled and sent in the personal chat, the card appears in the channel',
    needs: ['01-kanaal-koppelen'],
    async run(w) {
      const { ui, teams } = w;
      const form = await openFilledForm(w, CUSTOMER);
      await w.shot('03-terugbellen-formulier', form);
      const answer = await ui.execute(form, t.submit);
      const created = cardTexts(answer).map((x) => /Terugbelverzoek \*\*(TB-\d+)\*\* is aangemaakt/.exec(x)).find(Boolean);
      assert(created, `the bot confirms the new callback, but it answered: ${cardTexts(answer).join(' | ').slice(0, 300)}`);
      const id = created[1];
      w.shared.callbackId = id;
      const deadline = expectedDeadline(w);
      const confirmation = ui.card(`Terugbelverzoek ${id} is aangemaakt`);
      await expectText(confirmation, `Uiterlijk: ${deadline}`, 'the confirmation in the personal chat');
      await w.shot('03-terugbellen-verstuurd', confirmation);

      await ui.openChannel(teams.channelName);
      const card = ui.card(t.card.title(id));
      await card.waitFor();
      await expectText(card, CUSTOMER.topic, 'the channel card');
      await expectText(card, CUSTOMER.name, 'the channel card');
      await expectText(card, `${deadline} · op tijd`, 'the deadline on the channel card');
      await expectText(card, t.status.open, 'the status on the channel card');
      const text = await card.innerText();
      assert(!text.includes(CUSTOMER.phone) && !text.includes('0612345678'), 'the phone number stays out of the channel');
      await ui.button(card, t.card.claim).waitFor();
      await w.shot('03-terugbellen-kanaal', card);
    },
  },
  {
    id: '04-oppakken',
    title: "\"Ik pak 'm op\" makes Anna the owner; the channel card shows her name",
    needs: ['03-terugbellen'],
    async run(w) {
      const { ui } = w;
      const id = w.shared.callbackId;
      const card = ui.card(t.card.title(id));
      const answer = await ui.execute(card, t.card.claim);
      assert(cardTexts(answer).includes(t.msg.claimed(id)), `the bot confirms the claim to Anna, but it answered: ${cardTexts(answer).join(' | ').slice(0, 300)}`);
      await ui.updated(t.card.claimedBy(w.teams.me, ''));
      await expectText(card, new RegExp(`Opgepakt door ${w.teams.me} om \\d\\d:\\d\\d`), 'the channel card after the claim');
      await expectGone(ui.button(card, t.card.claim), `the "${t.card.claim}" button`);
      await w.shot('04-opgepakt', card);
    },
  },
  {
    id: '05-afronden',
    title: 'the owner marks the callback done with a note for the customer file',
    needs: ['04-oppakken'],
    async run(w) {
      const { ui } = w;
      const id = w.shared.callbackId;
      const card = ui.card(t.card.title(id));
      // The Playground does not do Universal Actions refresh (Teams swaps the card for the owner by
      // itself); "Open mijn weergave" asks the bot for the same private view.
      if (await ui.button(card, t.card.openOwnerView).isVisible()) await ui.execute(card, t.card.openOwnerView);
      await ui.button(card, t.card.done).waitFor();
      await expectText(card, CUSTOMER.phone, 'the owner view (phone number for the owner only)');
      await ui.button(card, t.card.done).click(); // Action.ShowCard: the note form opens
      const note = ui.input(card, /klantdossier/);
      await note.fill(DOSSIER_NOTE);
      await card.getByRole('radio', { name: t.choices.confirmation.email }).check();
      await w.shot('05-afronden-notitie', note);
      // The second "Afronden" is the submit button inside the opened form.
      const answer = await ui.execute(card, t.card.done, 1);
      const said = cardTexts(answer);
      assert(said.includes(t.msg.done(id)), `the bot confirms "${t.msg.done(id)}", but it answered: ${said.join(' | ').slice(0, 300)}`);
      assert(said.some((x) => x.includes(DOSSIER_NOTE)), 'the dossier note is kept on the item (shown in the owner view)');
      await ui.updated(t.card.doneBy(w.teams.me, ''));
      await expectText(card, new RegExp(`Afgerond door ${w.teams.me} om \\d\\d:\\d\\d`), 'the card after done');
      await expectText(card, t.status.done, 'the status on the card');
      await expectGone(ui.button(card, t.card.done), `the "${t.card.done}" button`);
      await w.shot('05-afgerond', card);
    },
  },
  {
    id: '09-fout-telefoonnummer',
    title: 'a wrong phone number gives the Dutch message at the field, the values stay',
    async run(w) {
      const { ui } = w;
      const wrong = { name: 'De heer Bakker', phone: '06 1234', topic: 'Vraag over de huurverhoging' };
      const form = await openFilledForm(w, wrong);
      const answer = await ui.execute(form, t.submit);
      assert(cardTexts(answer).includes(t.errors.phone), 'the bot answers with the phone message');
      const shown = ui.page.locator('.ac-adaptiveCard').filter({ hasText: t.errors.phone }).last();
      await expectText(shown, t.errors.phone, 'the form after sending');
      await expectText(shown, nl.common.formHasErrors, 'the form after sending');
      const name = await ui.input(shown, t.fields.customerName).inputValue();
      assert(name === wrong.name, `the name stays filled in (is "${name}")`);
      await w.shot('09-fout-telefoonnummer', shown);
    },
  },
];
