// Card samples for twijfelgevallen: the form, earlier decisions shown before posting, the
// discussion card open / with opinions / escalated / decided, and the library search.
import type { CardSample } from '../cardRenderer';
import { searchLibrary, similarCases } from '../../src/domain/exceptions/library';
import type { Item } from '../../src/domain/types';
import { exceptionCards, exceptionForm, libraryCard, similarCard } from '../../src/teams/features/exceptions/cards';
import { decidedCases } from '../../src/app/itemQueries';
import { anna, bram, dirk, sampleApp, SAMPLE_TENANT } from './sampleApp';
import { renderChannel } from '../../src/teams/cards/itemViews';
import { loadItemView } from '../../src/app/itemView';

const carla = { id: 'c3c3c3c3-0000-4000-8000-00000000000c', name: 'Carla Smit', teamsId: '29:carla' };

function ok<T extends { status: string }>(o: T, what: string): T & { item: Item } {
  if (o.status !== 'ok' && o.status !== 'created') throw new Error(`${what}: ${JSON.stringify(o)}`);
  return o as T & { item: Item };
}

export async function samples(): Promise<CardSample[]> {
  const { app, clock, cleanup } = await sampleApp('2026-11-12T10:05:00+01:00');
  const s = app.s;
  const T = SAMPLE_TENANT;
  try {
    // Two earlier decisions in the library, one a guideline.
    const old1 = ok(
      await s.items.create(
        'exception',
        T,
        {
          situation: 'Huurder heeft 4 maanden achterstand na een scheiding. Inkomen is weer stabiel, maar 12 maanden aflossen lukt niet.',
          rule: 'Een betalingsregeling duurt hoogstens 12 maanden',
          proposal: 'Regeling van 18 maanden, met een gesprek bij de schuldhulp',
          leaning: 'Met 12 maanden loopt het weer vast; zo voorkomen we een ontruiming.',
          urgency: 'dezeWeek',
        },
        carla,
        'teams',
      ),
      'old1',
    );
    ok(
      await s.items.act(
        T,
        old1.item.id,
        'opinion',
        { stance: 'eens', reasoning: 'Schuldhulp erbij maakt het haalbaar en controleerbaar.' },
        bram,
      ),
      'old1 opinion',
    );
    ok(
      await s.items.act(
        T,
        old1.item.id,
        'decide',
        { outcome: 'afwijken', reasoning: 'Langere regeling is goedkoper dan een ontruiming; voorwaarde is schuldhulp.' },
        carla,
      ),
      'old1 decide',
    );
    ok(await s.items.act(T, old1.item.id, 'markGuideline', {}, dirk), 'old1 guideline');
    clock.set('2026-11-18T11:00:00+01:00');
    const old2 = ok(
      await s.items.create(
        'exception',
        T,
        {
          situation: 'Huurder wil een betalingsregeling van 24 maanden voor een kleine achterstand van 2 maanden huur.',
          rule: 'Een betalingsregeling duurt hoogstens 12 maanden',
          proposal: 'Regeling van 24 maanden',
          leaning: 'Dan zijn de termijnen laag.',
          urgency: 'vandaag',
        },
        bram,
        'teams',
      ),
      'old2',
    );
    ok(
      await s.items.act(
        T,
        old2.item.id,
        'opinion',
        { stance: 'nietEens', reasoning: 'Voor een kleine achterstand is 12 maanden genoeg; anders is het niet gelijk voor anderen.' },
        anna,
      ),
      'old2 opinion',
    );
    ok(
      await s.items.act(
        T,
        old2.item.id,
        'decide',
        {
          outcome: 'nietAfwijken',
          reasoning: 'Kleine achterstand past binnen 12 maanden; gelijke behandeling.',
          customerExplanation: 'We spreken 12 maanden af. Zo is het voor iedereen gelijk, en de termijnen blijven te betalen.',
        },
        bram,
      ),
      'old2 decide',
    );

    // A new question: the form, and the earlier decisions shown before posting.
    clock.set('2026-11-26T09:40:00+01:00');
    const question = {
      situation: 'Huurder heeft 3 maanden achterstand door ziekte en langdurige opname. Vraagt een regeling van 18 maanden.',
      rule: 'Een betalingsregeling duurt hoogstens 12 maanden',
      proposal: 'Regeling van 18 maanden, eerste 3 maanden lager bedrag',
      leaning: 'Met 12 maanden lukt het niet; zo houden we het betaalbaar en voorkomen we een ontruiming.',
      urgency: 'vandaag',
    };
    const similar = similarCases(question, await decidedCases(s, T));
    const created = ok(await s.items.create('exception', T, question, anna, 'teams'), 'create');
    const id = created.item.id;
    const openCard = await renderChannel(exceptionCards, s, created.item);
    clock.set('2026-11-26T10:12:00+01:00');
    ok(await s.items.act(T, id, 'take', {}, bram), 'take');
    clock.set('2026-11-26T10:20:00+01:00');
    ok(
      await s.items.act(
        T,
        id,
        'opinion',
        {
          stance: 'eens',
          reasoning: 'Er is een eerdere richtlijn: bij een langere regeling met schuldhulp wijken we af. Ziekte is een goede reden.',
        },
        bram,
      ),
      'opinion 1',
    );
    clock.set('2026-11-26T10:35:00+01:00');
    const two = ok(
      await s.items.act(
        T,
        id,
        'opinion',
        { stance: 'twijfel', reasoning: 'Eerste 3 maanden lager vind ik lastig: dan loopt de achterstand eerst nog op.' },
        carla,
      ),
      'opinion 2',
    );
    const withOpinions = await renderChannel(exceptionCards, s, two.item);
    const formError = exceptionCards.withForm(
      await loadItemView(s, two.item),
      { text: 'Niet alles is goed ingevuld. Kijk naar de meldingen bij de velden.', style: 'attention' },
      {
        open: 'decide',
        values: { outcome: 'nietAfwijken', decisionReasoning: 'We houden ons aan de 12 maanden.' },
        errors: { customerExplanation: 'Schrijf de uitleg die de klant krijgt. Een "nee" krijgt altijd een duidelijke uitleg.' },
      },
    );
    clock.set('2026-11-26T11:02:00+01:00');
    const escalated = ok(
      await s.items.act(
        T,
        id,
        'decide',
        { outcome: 'voorleggen', reasoning: 'We zijn het niet eens over de lagere eerste maanden.', manager: dirk },
        anna,
      ),
      'escalate',
    );
    const escalatedCard = await renderChannel(exceptionCards, s, escalated.item);
    clock.set('2026-11-26T13:45:00+01:00');
    const decided = ok(
      await s.items.act(
        T,
        id,
        'managerDecide',
        {
          outcome: 'afwijken',
          reasoning: 'Ziekte is een bijzondere situatie en past bij de richtlijn. 18 maanden, wel elke maand hetzelfde bedrag.',
          customerExplanation: 'U mag de achterstand in 18 maanden betalen, elke maand hetzelfde bedrag.',
        },
        dirk,
      ),
      'manager decide',
    );
    const decidedCard = await renderChannel(exceptionCards, s, decided.item);
    const found = searchLibrary('betalingsregeling', await decidedCases(s, T));
    return [
      { name: 'exception-form', card: exceptionForm() },
      { name: 'exception-similar', card: similarCard(s, similar, question, 'sample-form') },
      { name: 'exception-channel-open', card: openCard },
      { name: 'exception-channel-opinions', card: withOpinions, click: ['Mijn mening'] },
      { name: 'exception-channel-decide-error', card: formError },
      { name: 'exception-channel-escalated', card: escalatedCard },
      { name: 'exception-channel-decided', card: decidedCard, click: ['Geschiedenis'] },
      { name: 'exception-library', card: libraryCard(s, 'betalingsregeling', found.results, found.partial) },
    ];
  } finally {
    await cleanup();
  }
}
