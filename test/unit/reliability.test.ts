// Pure pieces of the reliability work: classifying connector errors for the outbox, Retry-After,
// the PostgreSQL schema in DATABASE_URL, and the configuration that goes with them.
import { expect } from 'chai';
import { classifySendError, parseRetryAfter, NoConversationError } from '../../src/teams/proactive';
import { parsePostgresUrl } from '../../src/storage';
import { loadConfig, ConfigError } from '../../src/config/config';
import { sendTimeoutMs } from '../../src/app/outbox';

const restError = (statusCode: number | undefined, code?: string, headers: Record<string, string> = {}) =>
  Object.assign(new Error(`${code ?? 'err'} message`), {
    statusCode,
    code,
    response: { headers: { get: (n: string) => headers[n.toLowerCase()] } },
  });

describe('reliability (pure)', () => {
  it('classifies connector errors: 429/412/408/5xx/network retried, 403/404 final problems, other 4xx final', () => {
    expect(classifySendError(restError(429, 'TooManyRequests', { 'retry-after': '7' }))).to.deep.include({
      retry: true,
      retryAfterMs: 7000,
    });
    expect(classifySendError(restError(429, 'TooManyRequests'))).to.deep.include({ retry: true, retryAfterMs: undefined });
    for (const s of [412, 408, 500, 502, 503, 504]) expect(classifySendError(restError(s)), String(s)).to.deep.include({ retry: true });
    expect(classifySendError(restError(503, 'x', { 'retry-after': '3' }))).to.deep.include({ retry: true, retryAfterMs: 3000 });
    expect(classifySendError(restError(403, 'MessageWritesBlocked'))).to.deep.include({
      retry: false,
      problem: { code: 'MessageWritesBlocked', status: 403 },
    });
    expect(classifySendError(restError(404, 'ConversationNotFound'))).to.deep.include({
      retry: false,
      problem: { code: 'ConversationNotFound', status: 404 },
    });
    expect(classifySendError(restError(404))).to.deep.include({ retry: false, problem: { code: '404', status: 404 } });
    for (const s of [400, 401, 413])
      expect(classifySendError(restError(s)), String(s))
        .to.deep.include({ retry: false })
        .and.not.to.have.property('problem');
    expect(classifySendError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).to.deep.include({ retry: true });
    expect(classifySendError(new NoConversationError('none'))).to.deep.include({ retry: false, problem: { code: 'NoConversation' } });
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-11-26T10:00:00Z');
    expect(parseRetryAfter('2', now)).to.equal(2000);
    expect(parseRetryAfter('1.5', now)).to.equal(1500);
    expect(parseRetryAfter('Thu, 26 Nov 2026 10:00:30 GMT', now)).to.equal(30_000);
    expect(parseRetryAfter('Thu, 26 Nov 2026 09:00:00 GMT', now)).to.equal(0);
    for (const v of [undefined, null, '', 'soon']) expect(parseRetryAfter(v as string | undefined, now)).to.equal(undefined);
  });

  it('takes the PostgreSQL schema from DATABASE_URL (?schema=) and refuses odd names', () => {
    expect(parsePostgresUrl('postgres://u@h:5432/db')).to.deep.equal({ connectionString: 'postgres://u@h:5432/db' });
    expect(parsePostgresUrl('postgres://u@h:5432/db?schema=topcontact&sslmode=require')).to.deep.equal({
      connectionString: 'postgres://u@h:5432/db?sslmode=require',
      schema: 'topcontact',
    });
    expect(() => parsePostgresUrl('postgres://u@h/db?schema=a;drop')).to.throw(/schema must be/);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db?schema=tc_1' }).databaseUrl).to.contain('schema=tc_1');
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u@h/db?schema=1bad' })).to.throw(ConfigError, /^DATABASE_URL: schema=/);
  });

  it('OUTBOX_LOCK_SECONDS: default 60, validated; each send times out well inside the lock', () => {
    expect(loadConfig({}).outboxLockSeconds).to.equal(60);
    expect(loadConfig({ OUTBOX_LOCK_SECONDS: '5' }).outboxLockSeconds).to.equal(5);
    expect(() => loadConfig({ OUTBOX_LOCK_SECONDS: '1' })).to.throw(ConfigError, /^OUTBOX_LOCK_SECONDS:/);
    expect(sendTimeoutMs(60_000)).to.equal(15_000);
    expect(sendTimeoutMs(8_000)).to.equal(2_000);
    expect(sendTimeoutMs(2_000)).to.equal(500);
  });
});
