// The reference for the benchmark: a bare botbuilder + restify bot that answers an Action.Execute
// invoke with a small card, nothing else (no storage, no rules). Run as a child process by run.ts.
import restify from 'restify';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  TeamsActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type TurnContext,
} from 'botbuilder';

class EchoBot extends TeamsActivityHandler {
  protected override async onAdaptiveCardInvoke(_ctx: TurnContext, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    return {
      statusCode: 200,
      type: 'application/vnd.microsoft.card.adaptive',
      value: {
        type: 'AdaptiveCard',
        version: '1.5',
        body: [{ type: 'TextBlock', text: `${value.action.verb} ${JSON.stringify(value.action.data)}`, wrap: true }],
      } as never,
    };
  }
}

const bot = new EchoBot();
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const server = restify.createServer({ name: 'bare' });
server.use(restify.plugins.bodyParser());
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (ctx) => bot.run(ctx));
});
server.get('/healthz', (_req, res, next) => {
  res.send({ status: 'ok' });
  next();
});
server.listen(0, '127.0.0.1', () => {
  const port = (server.address() as { port: number }).port;
  process.stdout.write(`${JSON.stringify({ msg: 'Top Contact is ready', url: `http://127.0.0.1:${port}` })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
