import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/config';

describe('configuration', () => {
  it('has working defaults with an empty environment (local trial)', () => {
    const c = loadConfig({});
    expect(c.port).to.equal(3978);
    expect(c.databaseUrl).to.equal('sqlite:./data/topcontact.db');
    expect(c.bot.appType).to.equal('SingleTenant');
    expect(c.workingTime.officeHours[1]).to.deep.equal({ open: '08:30', close: '17:00' });
    expect(c.workingTime.officeHours[6]).to.equal(null);
    expect(c.digestTime).to.equal('08:30');
    expect(c.retentionDays).to.equal(90);
    expect(c.graph).to.equal(null);
  });

  const wrong: [Record<string, string>, RegExp][] = [
    [{ PORT: 'abc' }, /^PORT: expected a whole number/],
    [{ PORT: '70000' }, /^PORT:/],
    [{ DATABASE_URL: 'mysql://x' }, /^DATABASE_URL: expected sqlite:<path> or postgres/],
    [{ INTAKE_API_KEY: 'short' }, /^INTAKE_API_KEY: expected at least 16/],
    [{ ALLOWED_TENANT_IDS: 'contoso' }, /^ALLOWED_TENANT_IDS: expected comma-separated tenant GUIDs/],
    [{ FAKE_NOW: 'gisteren' }, /^FAKE_NOW: expected an ISO instant/],
    [{ OFFICE_HOURS: '17:00-08:30' }, /^OFFICE_HOURS:/],
    [{ OFFICE_HOURS: 'xx 08:30-17:00' }, /^OFFICE_HOURS:/],
    [{ LIBERATION_DAY: 'sometimes' }, /^LIBERATION_DAY: expected never, lustrum or always/],
    [{ GOOD_FRIDAY_CLOSED: 'maybe' }, /^GOOD_FRIDAY_CLOSED: expected true or false/],
    [{ CLOSING_DAYS: '2026-13-45' }, /^CLOSING_DAYS:/],
    [{ DIGEST_TIME: '8.30' }, /^DIGEST_TIME: expected HH:MM/],
    [{ MicrosoftAppType: 'Other' }, /^MicrosoftAppType:/],
    [{ MicrosoftAppId: 'x', MicrosoftAppPassword: 'y' }, /^MicrosoftAppTenantId: required for MicrosoftAppType=SingleTenant/],
    [{ INTERPRETER_SERVICE_URL: 'http://plain' }, /^INTERPRETER_SERVICE_URL: expected an https/],
    [{ GRAPH_TENANT_ID: 't' }, /^GRAPH_CLIENT_ID: required/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL:/],
  ];
  for (const [env, msg] of wrong) {
    it(`rejects ${JSON.stringify(env)} naming the variable`, () => {
      expect(() => loadConfig(env)).to.throw(ConfigError, msg);
    });
  }

  it('refuses to run in production without bot credentials, and refuses FAKE_NOW there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).to.throw(ConfigError, /^MicrosoftAppId: required when NODE_ENV=production/);
    const creds = { NODE_ENV: 'production', MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw', MicrosoftAppTenantId: 't' };
    expect(() => loadConfig(creds)).not.to.throw();
    expect(() => loadConfig({ ...creds, FAKE_NOW: '2026-11-26T10:00:00Z' })).to.throw(ConfigError, /^FAKE_NOW: not allowed/);
  });

  it('parses office hours per weekday and closing days', () => {
    const c = loadConfig({
      OFFICE_HOURS: 'ma 08:00-16:30; vr 08:30-12:00; di gesloten',
      CLOSING_DAYS: '2026-12-24, 2026-12-31',
      LIBERATION_DAY: 'always',
    });
    expect(c.workingTime.officeHours[1]).to.deep.equal({ open: '08:00', close: '16:30' });
    expect(c.workingTime.officeHours[2]).to.equal(null);
    expect(c.workingTime.officeHours[5]).to.deep.equal({ open: '08:30', close: '12:00' });
    expect(c.workingTime.closingDays).to.deep.equal(['2026-12-24', '2026-12-31']);
    expect(c.workingTime.liberationDay).to.equal('always');
  });

  it('the bot process stops with one line naming the wrong variable', () => {
    const entry = path.join(__dirname, '..', '..', 'src', 'index.js');
    const r = spawnSync(process.execPath, [entry], {
      env: { PATH: process.env.PATH ?? '', PORT: 'twelve' },
      encoding: 'utf8',
      timeout: 15000,
    });
    expect(r.status).to.equal(2);
    const lines = r.stderr.split('\n').filter((l) => l.trim() && !/DeprecationWarning|trace-deprecation/.test(l));
    expect(lines).to.deep.equal(['Configuratiefout: PORT: expected a whole number from 0 to 65535, got "twelve"']);
  });
});
