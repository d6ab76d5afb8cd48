// Delivers what the bot sends on its own (channel cards, card updates, 1:1 messages, digests,
// calendar invites) from the durable outbox: written in the same transaction as the state
// change, sent after, retried with backoff, in order per lane (conversation).
import { AsyncLocalStorage } from 'node:async_hooks';
import os from 'node:os';
import type { Clock } from '../domain/clock';
import type { Logger } from '../logging';
import type { OutboxMessage, Repository } from '../storage/repository';

export type DeliveryResult =
  | { ok: true }
  | { ok: false; retry: true; retryAfterMs?: number; error: string }
  | { ok: false; retry: false; error: string };

export type DeliveryHandler = (msg: OutboxMessage) => Promise<DeliveryResult>;

export interface OutboxOptions {
  batchSize?: number;
  lockMs?: number;
  maxAttempts?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
}

export class OutboxDispatcher {
  private handlers = new Map<string, DeliveryHandler>();
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  readonly worker = `${os.hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  private readonly o: Required<OutboxOptions>;

  constructor(private readonly repo: Repository, private readonly clock: Clock, private readonly log: Logger, opts: OutboxOptions = {}) {
    this.o = { batchSize: 20, lockMs: 60_000, maxAttempts: 12, baseBackoffMs: 1_000, maxBackoffMs: 10 * 60_000, ...opts };
  }

  register(type: string, handler: DeliveryHandler): void {
    this.handlers.set(type, handler);
  }

  /** Kicks made while answering a request, held until the answer has been written. */
  private readonly answering = new AsyncLocalStorage<{ kicked: boolean }>();

  /**
   * Runs a request handler so that the sends its changes cause (card updates, 1:1 messages) start
   * only after it has answered: Teams gives an invoke a few seconds, and the answer comes first.
   */
  async afterAnswer<T>(handle: () => Promise<T>): Promise<T> {
    const held = { kicked: false };
    try {
      return await this.answering.run(held, handle);
    } finally {
      if (held.kicked) this.kick();
    }
  }

  /** Wakes the dispatcher even while answering: for a handler that waits for its own delivery (planSlot). */
  kickNow(): void {
    this.answering.exit(() => this.kick());
  }

  /** Wakes the dispatcher; coalesces while a run is in progress. */
  kick(): void {
    if (this.stopped) return;
    const held = this.answering.getStore();
    if (held) {
      held.kicked = true;
      return;
    }
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((err) => this.log.error({ err }, 'outbox run failed'))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Resolves when the current run (and any run it triggered) is over. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.idle();
  }

  private async drain(): Promise<void> {
    for (let round = 0; round < 1000 && !this.stopped; round++) {
      const batch = await this.repo.claimOutbox(this.clock.now(), this.o.batchSize, this.o.lockMs, this.worker);
      if (batch.length === 0) return;
      // Lanes are independent; within a lane the claim returns only the oldest message.
      await Promise.all(batch.map((m) => this.deliver(m)));
    }
  }

  private async deliver(msg: OutboxMessage): Promise<void> {
    const handler = this.handlers.get(msg.type);
    let result: DeliveryResult;
    if (!handler) result = { ok: false, retry: false, error: `no handler for ${msg.type}` };
    else {
      try {
        result = await handler(msg);
      } catch (err) {
        result = { ok: false, retry: true, error: err instanceof Error ? err.message : String(err) };
      }
    }
    const now = this.clock.now();
    if (result.ok) {
      await this.repo.completeOutbox(msg.id!, now);
      return;
    }
    const attempts = msg.attempts ?? 1;
    if (!result.retry || attempts >= this.o.maxAttempts) {
      this.log.warn({ outboxId: msg.id, type: msg.type, attempts, error: result.error }, 'outbox message failed for good');
      await this.repo.failOutbox(msg.id!, result.error);
      return;
    }
    const backoff = Math.min(this.o.maxBackoffMs, this.o.baseBackoffMs * 2 ** (attempts - 1));
    const wait = Math.max(result.retryAfterMs ?? 0, backoff);
    this.log.info({ outboxId: msg.id, type: msg.type, attempts, waitMs: wait, error: result.error }, 'outbox message will be retried');
    await this.repo.retryOutbox(msg.id!, new Date(now.getTime() + wait), result.error);
    // Come back for it by itself when the wait is short; the scheduler's tick covers the rest.
    if (wait <= 5 * 60_000) setTimeout(() => this.kick(), wait).unref();
  }
}
