// The newcomer's path: the root URL says what answers there, the intake API's 401 says when it is
// off, the documented start command prints no deprecation noise, and `npm run dev` makes the
// Playground's user a manager.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { playgroundUser, projectRoot } from '../../scripts/dev';
import { startBot, type BotUnderTest } from '../harness/bot';
import { startChildBot, type ChildBot } from '../harness/child';
import { httpJson } from '../harness/http';
import { anna } from '../harness/roster';

const ROOT = projectRoot();

describe('newcomer path (HTTP)', () => {
  let bot: BotUnderTest | undefined;
  let child: ChildBot | undefined;
  afterEach(async () => {
    await bot?.stop().catch(() => undefined);
    await child?.kill();
    bot = undefined;
    child = undefined;
  });

  it('GET / says what this server is and where to go, as JSON', async () => {
    bot = await startBot();
    const res = await httpJson('GET', `${bot.url}/`);
    expect(res.status).to.equal(200);
    expect(res.body.name).to.equal('Top Contact');
    expect(res.body.endpoints.messages).to.match(/^POST \/api\/messages/);
    expect(res.body.endpoints.health).to.equal('GET /healthz');
    expect(res.body.endpoints.intake).to.match(/^POST \/api\/callbacks \(Authorization/);
    expect(res.body.use).to.contain('npm run dev');
  });

  it('without INTAKE_API_KEY the intake answers 401 saying the API is off; with it, the usual 401', async () => {
    bot = await startBot({ env: { INTAKE_API_KEY: '' } });
    const off = await httpJson(
      'POST',
      `${bot.url}/api/callbacks`,
      { customerName: 'X', phone: '0612345678', topic: 'y' },
      { authorization: 'Bearer anything-at-all-000000' },
    );
    expect(off.status).to.equal(401);
    expect(off.body.error.code).to.equal('Unauthorized');
    expect(off.body.error.message).to.contain('INTAKE_API_KEY is not set');
    expect((await httpJson('GET', `${bot.url}/`)).body.endpoints.intake).to.contain('off: INTAKE_API_KEY is not set');
    await bot.stop();
    bot = await startBot();
    const wrong = await httpJson('POST', `${bot.url}/api/callbacks`, {}, { authorization: 'Bearer wrong-key-000000000000000' });
    expect(wrong.status).to.equal(401);
    expect(wrong.body.error.message).to.not.contain('is not set');
  });

  it('started as README and npm start document it, the bot prints no deprecation warning', async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(pkg.scripts.start).to.contain('--disable-warning=DEP0111');
    // The App Service start command in the README is npm start's, flags and all.
    const command = /node (?:--\S+ )*dist\/src\/index\.js/.exec(pkg.scripts.start)?.[0];
    expect(command).to.be.a('string').and.contain('node --disable-warning=DEP0111 ');
    expect(readme).to.contain(`\`${command}\``);
    expect(readme).to.not.match(/`node dist\/src\/index\.js`/);
    child = await startChildBot({ nodeArgs: ['--disable-warning=DEP0111'] });
    // restify's deprecated call happens on the first request: make a few.
    for (const p of ['/', '/healthz']) expect((await httpJson('GET', `${child.url}${p}`)).status).to.equal(200);
    await httpJson('POST', `${child.url}/api/messages`, { type: 'message' });
    await child.kill();
    expect(child.stderr.join('')).to.not.match(/DeprecationWarning|DEP0\d+/);
  });

  it('npm run dev makes the Playground user a manager (MANAGER_IDS) and says so', () => {
    const yml = fs.readFileSync(path.join(ROOT, '.m365agentsplayground.yml'), 'utf8');
    expect(playgroundUser(yml)).to.deep.equal({ name: anna.name, aadObjectId: anna.aadObjectId });
    const dev = fs.readFileSync(path.join(ROOT, 'scripts', 'dev.ts'), 'utf8');
    expect(dev).to.match(/MANAGER_IDS: managerIds/);
    expect(dev).to.match(/spawn\(process\.execPath, \['--disable-warning=DEP0111', entry\]/);
    expect(dev).to.contain('is a manager (leidinggevende) in this bot');
  });
});
