// Poison messages (docs/reliability.md): only the network and HTTP "later" answers are retried;
// a failure caused by the message itself is final. The classifier, and the outbox's use of it.
import { expect } from 'chai';
import { failureText, isTransientFailure } from '../../src/app/failures';
import { classifySendError } from '../../src/teams/proactive';
import { OutboxDispatcher } from '../../src/app/outbox';
import { ManualClock } from '../../src/domain/clock';
import { SqliteRepository } from '../../src/storage/sqlite';
import { createLogger } from '../../src/logging';

describe('poison messages: which failures are retried', () => {
  it('network and HTTP-transient failures are transient', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'REQUEST_SEND_ERROR']) {
      expect(isTransientFailure(Object.assign(new Error('x'), { code })), code).to.equal(true);
    }
    for (const statusCode of [408, 412, 429, 500, 503, 504])
      expect(isTransientFailure(Object.assign(new Error('x'), { statusCode })), String(statusCode)).to.equal(true);
    expect(isTransientFailure(Object.assign(new Error('The operation was aborted'), { name: 'AbortError' }))).to.equal(true);
    expect(isTransientFailure(new TypeError('fetch failed', { cause: Object.assign(new Error('c'), { code: 'ECONNREFUSED' }) }))).to.equal(
      true,
    );
  });

  it('a render error, a bad stored value or a 400 is not', () => {
    expect(isTransientFailure(new RangeError("Invalid day '10000-01-01'"))).to.equal(false);
    expect(isTransientFailure(new TypeError("Cannot read properties of undefined (reading 'name')"))).to.equal(false);
    expect(isTransientFailure(new SyntaxError('Unexpected token'))).to.equal(false);
    expect(isTransientFailure(Object.assign(new Error('bad'), { statusCode: 400 }))).to.equal(false);
    expect(isTransientFailure('a string')).to.equal(false);
    expect(failureText(new RangeError('Invalid time value'))).to.equal('RangeError: Invalid time value');
  });

  it('classifySendError: a thrown render error is final and marked poison; a reset connection is retried', () => {
    expect(classifySendError(new RangeError('Invalid time value'))).to.deep.include({
      ok: false,
      retry: false,
      poison: true,
      error: 'RangeError: Invalid time value',
    });
    expect(classifySendError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).to.deep.include({ retry: true });
  });

  it('the outbox fails a poison message after one attempt, calls onPoison once, and sends the next message of the lane', async () => {
    const repo = new SqliteRepository(':memory:');
    await repo.migrate();
    const clock = new ManualClock('2026-11-26T09:00:00Z');
    const outbox = new OutboxDispatcher(repo, clock, createLogger('silent'));
    const sent: string[] = [];
    const poisoned: string[] = [];
    outbox.register('card', async (m) => {
      if (m.payload.bad) throw new RangeError("Invalid day '10000-01-01'");
      sent.push(m.key);
      return { ok: true };
    });
    outbox.hooks = { onPoison: async (m, error) => void poisoned.push(`${m.key} ${error}`) };
    await repo.enqueue(
      [
        { tenantId: 't', key: 'a', type: 'card', lane: 'conv:1', payload: { bad: true } },
        { tenantId: 't', key: 'b', type: 'card', lane: 'conv:1', payload: {} },
      ],
      clock.now(),
    );
    outbox.kick();
    await outbox.idle();
    expect(sent).to.deep.equal(['b']);
    expect(poisoned).to.deep.equal(["a RangeError: Invalid day '10000-01-01'"]);
    const failed = await repo.listOutbox({ status: 'failed' });
    expect(failed.map((m) => [m.key, m.attempts, m.lastError])).to.deep.equal([['a', 1, "RangeError: Invalid day '10000-01-01'"]]);
    await outbox.stop();
    await repo.close();
  });
});
