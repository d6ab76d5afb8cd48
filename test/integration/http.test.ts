// HTTP edge: body limits, health when storage is down, JSON errors.
import { expect } from 'chai';
import { httpJson } from '../harness/http';
import { startBot, type BotUnderTest } from '../harness/bot';

describe('HTTP edge', () => {
  let bot: BotUnderTest;
  beforeEach(async () => (bot = await startBot({ env: { BODY_LIMIT_BYTES: '4096' } })));
  afterEach(async () => bot.stop().catch(() => undefined));

  it('answers 413 with a JSON error for a body over the limit', async () => {
    const res = await httpJson('POST', `${bot.url}/api/messages`, { type: 'message', text: 'x'.repeat(10_000) });
    expect(res.status).to.equal(413);
    expect(res.body.error.message).to.match(/too large/i);
  });

  it('answers 400 for a body that is not an activity', async () => {
    const res = await httpJson('POST', `${bot.url}/api/messages`, [1, 2, 3]);
    expect(res.status).to.be.oneOf([400, 403]);
    expect(res.body.error).to.be.an('object');
  });

  it('reports 503 on /healthz when storage is down', async () => {
    await bot.app.s.repo.close();
    const res = await httpJson('GET', `${bot.url}/healthz`);
    expect(res.status).to.equal(503);
    expect(res.body.storage.ok).to.equal(false);
  });
});
