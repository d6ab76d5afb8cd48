/**
 * Minimal JWT (RS256 / PS256) signing and checking with node:crypto, for the Entra ID stand-in,
 * the fake Bot Connector's token check and the production-mode tests. No JWT library: the point
 * is that the checks are ours and visible.
 */
import crypto, { type KeyObject } from 'node:crypto';

export const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export function signJwt(claims: Record<string, unknown>, key: KeyObject, header: Record<string, unknown> = {}): string {
  const h = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', ...header }));
  const p = b64url(JSON.stringify(claims));
  const sig = crypto.sign('sha256', Buffer.from(`${h}.${p}`), key);
  return `${h}.${p}.${b64url(sig)}`;
}

export interface DecodedJwt {
  header: Record<string, any>;
  claims: Record<string, any>;
  signingInput: string;
  signature: Buffer;
}

export function decodeJwt(token: string): DecodedJwt | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    return {
      header: JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')),
      claims: JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')),
      signingInput: `${parts[0]}.${parts[1]}`,
      signature: Buffer.from(parts[2]!, 'base64url'),
    };
  } catch {
    return null;
  }
}

/** Signature check for RS256 and PS256 (what MSAL uses for certificate assertions). */
export function signatureValid(d: DecodedJwt, key: KeyObject): boolean {
  if (d.header.alg === 'RS256') return crypto.verify('sha256', Buffer.from(d.signingInput), key, d.signature);
  if (d.header.alg === 'PS256') {
    return crypto.verify(
      'sha256',
      Buffer.from(d.signingInput),
      { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
      d.signature,
    );
  }
  return false;
}

export interface TokenExpectation {
  /** kid → public key. */
  keys: Map<string, KeyObject>;
  issuers: string[];
  audience: string;
  /** The caller's app id (appid or azp claim), when it matters. */
  appId?: string;
}

/** Why a bearer token does not meet the expectation, or null when it does. */
export function tokenProblem(token: string, e: TokenExpectation, nowSeconds = Math.floor(Date.now() / 1000)): string | null {
  const d = decodeJwt(token);
  if (!d) return 'not a JWT';
  const key = e.keys.get(String(d.header.kid));
  if (!key) return `unknown signing key ${String(d.header.kid)}`;
  if (!signatureValid(d, key)) return 'bad signature';
  const c = d.claims;
  if (!e.issuers.includes(c.iss)) return `issuer ${String(c.iss)} not accepted`;
  if (c.aud !== e.audience) return `audience ${String(c.aud)} is not ${e.audience}`;
  if (typeof c.exp !== 'number' || c.exp <= nowSeconds) return 'expired';
  if (typeof c.nbf === 'number' && c.nbf > nowSeconds + 300) return 'not yet valid';
  if (e.appId && c.appid !== e.appId && c.azp !== e.appId) return `app ${String(c.appid ?? c.azp)} is not ${e.appId}`;
  return null;
}
