import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ClientCertificateCredential, ClientSecretCredential, ManagedIdentityCredential } from '@azure/identity';
import { ConfigError, loadConfig } from '../../src/config/config';
import { credentialFor } from '../../src/graph/client';

const base = {
  NODE_ENV: 'test',
  GRAPH_TENANT_ID: '7c3f1e2a-5b4d-4e6f-9a8b-0c1d2e3f4a5b',
  GRAPH_CLIENT_ID: '11111111-2222-4333-8444-555555555555',
  GRAPH_CLIENT_SECRET: 's',
};

describe('config: GRAPH_*', () => {
  it('is null without GRAPH_* and parsed with defaults when set', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).graph).to.equal(null);
    expect(loadConfig(base).graph).to.deep.include({
      baseUrl: 'https://graph.microsoft.com/v1.0',
      clientSecret: 's',
      authorityHost: undefined,
    });
  });

  it('takes a national cloud base URL and login host', () => {
    const g = loadConfig({
      ...base,
      GRAPH_BASE_URL: 'https://graph.microsoft.us/v1.0/',
      GRAPH_AUTHORITY_HOST: 'https://login.microsoftonline.us',
    }).graph!;
    expect(g).to.deep.include({ baseUrl: 'https://graph.microsoft.us/v1.0', authorityHost: 'https://login.microsoftonline.us' });
  });

  it('refuses a plain-http Graph in production, a non-https login host, and a missing credential', () => {
    const prod = { ...base, NODE_ENV: 'production', MicrosoftAppId: 'x', MicrosoftAppPassword: 'y', MicrosoftAppTenantId: 't' };
    expect(() => loadConfig({ ...prod, GRAPH_BASE_URL: 'http://graph.local/v1.0' })).to.throw(ConfigError, /GRAPH_BASE_URL/);
    expect(loadConfig({ ...base, GRAPH_BASE_URL: 'http://127.0.0.1:9/v1.0' }).graph?.baseUrl).to.equal('http://127.0.0.1:9/v1.0');
    expect(() => loadConfig({ ...base, GRAPH_AUTHORITY_HOST: 'http://login' })).to.throw(ConfigError, /GRAPH_AUTHORITY_HOST/);
    expect(() => loadConfig({ ...base, GRAPH_CLIENT_SECRET: '' })).to.throw(ConfigError, /GRAPH_CLIENT_SECRET/);
  });

  it('picks the credential: certificate, else secret, else managed identity', () => {
    const pem = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tc-cert-')), 'graph.pem');
    fs.writeFileSync(pem, '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n');
    expect(credentialFor(loadConfig(base).graph!)).to.be.instanceOf(ClientSecretCredential);
    expect(credentialFor(loadConfig({ ...base, GRAPH_CERTIFICATE_PATH: pem }).graph!)).to.be.instanceOf(ClientCertificateCredential);
    expect(
      credentialFor(
        loadConfig({
          NODE_ENV: 'test',
          GRAPH_TENANT_ID: base.GRAPH_TENANT_ID,
          GRAPH_MANAGED_IDENTITY_CLIENT_ID: '99999999-2222-4333-8444-555555555555',
        }).graph!,
      ),
    ).to.be.instanceOf(ManagedIdentityCredential);
    expect(() => credentialFor(loadConfig({ ...base, GRAPH_CERTIFICATE_PATH: `${pem}.missing` }).graph!)).to.throw(
      ConfigError,
      /GRAPH_CERTIFICATE_PATH: cannot read/,
    );
  });
});
