// What the GraphService tests share (graph.asDocumented.test.ts, graphService.test.ts): an event
// draft and the GraphFailure a call must end in.
import { expect } from 'chai';
import { GraphFailure } from '../../src/graph';

/** A calendar event as the bot drafts it for a callback, with its marker. */
export const draft = (marker: string, start = '2026-11-26T09:30:00Z', end = '2026-11-26T09:45:00Z') => ({
  subject: 'Terugbellen: Lekkage',
  bodyHtml: '<p>Klant</p>',
  start: new Date(start),
  end: new Date(end),
  reminderMinutes: 10,
  categories: ['Top Contact'],
  private: true,
  marker,
});

/** The GraphFailure `p` rejects with; fails the test when it resolves or throws anything else. */
export async function failure(p: Promise<unknown>): Promise<GraphFailure> {
  try {
    await p;
  } catch (err) {
    expect(err).to.be.instanceOf(GraphFailure);
    return err as GraphFailure;
  }
  throw new Error('expected a GraphFailure');
}
