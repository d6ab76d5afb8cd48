// The setup most HTTP test files share: one fake Bot Connector per file, a fresh bot per test
// (started by `start`, which may also bind a channel or introduce users), stopped after it.
import type { BotUnderTest } from './bot';
import { startFakeConnector, type FakeConnector } from './fakeConnector';
import { startFakeGraph, type FakeGraph } from './fakeGraph';

export interface BotSuite {
  connector: FakeConnector;
  bot: BotUnderTest;
}

/** Registers the mocha hooks; read `connector` and `bot` from the result inside hooks and tests. */
export function useBot(start: (connector: FakeConnector) => Promise<BotUnderTest>): BotSuite {
  const suite = {} as BotSuite;
  before(async () => {
    suite.connector = await startFakeConnector();
  });
  after(async () => suite.connector?.close());
  beforeEach(async () => {
    suite.connector.reset();
    suite.bot = await start(suite.connector);
  });
  afterEach(async () => suite.bot?.stop());
  return suite;
}

/**
 * One fake Bot Connector and one fake Graph per file (the agenda, absence and Graph tests), both
 * reset before each test and closed after the file. `use` receives them once started, before the
 * file's own hooks run.
 */
export function useConnectorAndGraph(use: (connector: FakeConnector, fake: FakeGraph) => void): void {
  let connector: FakeConnector | undefined;
  let fake: FakeGraph | undefined;
  before(async () => {
    connector = await startFakeConnector();
    fake = await startFakeGraph();
    use(connector, fake);
  });
  after(async () => {
    await connector?.close();
    await fake?.close();
  });
  beforeEach(() => {
    connector?.reset();
    fake?.reset();
  });
}
