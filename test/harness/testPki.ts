/**
 * Certificates made at test time with the openssl CLI (Node has no X.509 generator): a CA the bot
 * process trusts through NODE_EXTRA_CA_CERTS, a TLS certificate for 127.0.0.1 signed by it, and a
 * self-signed RSA client certificate (PEM with its private key, as GRAPH_CERTIFICATE_PATH wants it).
 * Made once per test run (a few hundred milliseconds) in a temporary directory.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TestPki {
  dir: string;
  /** CA certificate file: NODE_EXTRA_CA_CERTS. */
  caPath: string;
  serverKey: string;
  serverCert: string;
  /** Client certificate + private key in one PEM file (GRAPH_CERTIFICATE_PATH). */
  clientPemPath: string;
  /** A second client certificate that no app registration knows. */
  otherClientPemPath: string;
  clientCertDer: Buffer;
  clientPublicKey: crypto.KeyObject;
  otherCertDer: Buffer;
  otherPublicKey: crypto.KeyObject;
}

let made: TestPki | null = null;

function openssl(args: string[], cwd: string): void {
  try {
    execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (err) {
    const e = err as { code?: string; stderr?: Buffer };
    if (e.code === 'ENOENT')
      throw new Error('The production-mode tests need the openssl CLI (apt-get install openssl) to make their certificates', {
        cause: err,
      });
    throw new Error(`openssl ${args[0]} failed: ${e.stderr?.toString() ?? String(err)}`, { cause: err });
  }
}

export function testPki(): TestPki {
  if (made) return made;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-pki-'));
  const days = ['-days', '2'];
  openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-subj',
      '/CN=Top Contact test CA',
      ...days,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  openssl(
    [
      'req',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      'server.key',
      '-out',
      'server.csr',
      '-subj',
      '/CN=127.0.0.1',
    ],
    dir,
  );
  fs.writeFileSync(path.join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  openssl(
    [
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'server.pem',
      ...days,
      '-extfile',
      'server.ext',
    ],
    dir,
  );
  for (const name of ['client', 'other']) {
    openssl(
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        `${name}.key`,
        '-out',
        `${name}.crt`,
        '-subj',
        `/CN=Top Contact Graph ${name}`,
        ...days,
      ],
      dir,
    );
    fs.writeFileSync(
      path.join(dir, `${name}.pem`),
      fs.readFileSync(path.join(dir, `${name}.crt`), 'utf8') + fs.readFileSync(path.join(dir, `${name}.key`), 'utf8'),
    );
  }
  const x = new crypto.X509Certificate(fs.readFileSync(path.join(dir, 'client.crt')));
  const other = new crypto.X509Certificate(fs.readFileSync(path.join(dir, 'other.crt')));
  made = {
    dir,
    caPath: path.join(dir, 'ca.pem'),
    serverKey: fs.readFileSync(path.join(dir, 'server.key'), 'utf8'),
    serverCert: fs.readFileSync(path.join(dir, 'server.pem'), 'utf8'),
    clientPemPath: path.join(dir, 'client.pem'),
    otherClientPemPath: path.join(dir, 'other.pem'),
    clientCertDer: x.raw,
    clientPublicKey: x.publicKey,
    otherCertDer: other.raw,
    otherPublicKey: other.publicKey,
  };
  return made;
}
