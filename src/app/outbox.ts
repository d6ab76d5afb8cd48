// Delivers what the bot sends on its own (channel cards, card updates, 1:1 messages, digests,
// calendar invites) from the durable outbox: written in the same transaction as the state
// change, sent after, retried with backoff, in order per lane (conversation).
//
// Exactly-once as far as it can be had (see docs/reliability.md):
// - every message has a unique idempotency key (a second enqueue of the key is ignored);
// - one instance claims a message at a time (a lock with expiry; SKIP LOCKED on PostgreSQL);
// - one attempt is one HTTP request: botbuilder's own retries are off for outbox sends and each
//   request times out well inside the lock (teams/outbound.ts), so a slow send never overlaps a
//   second instance's retry of the same message;
// - the residual risk is a crash (or lost database) between the connector accepting a message
//   and the outbox recording it: that message is sent again after the lock expires.
import { AsyncLocalStorage } from 'node:async_hooks';
import os from 'node:os';
import type { Clock } from '../domain/clock';
import type { Logger } from '../logging';
import type { CardSent } from '../storage/cardClock';
import type { OutboxMessage, Repository } from '../storage/repository';
import { failureText, isTransientFailure } from './failures';
import { yieldToEventLoop } from './services';

export type { CardSent };

export type DeliveryResult =
  /**
   * `target`: the conversation written to ('channel:<id>' / 'user:<id>'); a success there resolves a recorded problem.
   * `cardSent`: the channel card sent, for the card clock: recorded with the message's completion (no write of its own).
   */
  | { ok: true; target?: string; cardSent?: CardSent }
  | { ok: false; retry: true; retryAfterMs?: number; error: string }
  /**
   * `problem`: the conversation cannot be written to (blocked, removed): recorded and shown to the team.
   * `poison`: the message itself cannot be sent (render error, bad stored value): recorded, told to the team once.
   */
  | { ok: false; retry: false; error: string; problem?: { code: string; status?: number; target?: string }; poison?: boolean };

export type DeliveryHandler = (msg: OutboxMessage) => Promise<DeliveryResult>;

export interface OutboxOptions {
  batchSize?: number;
  lockMs?: number;
  maxAttempts?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** Upper bound for a Retry-After we honour (a misbehaving server must not park a lane for days). */
  maxRetryAfterMs?: number;
}

export interface OutboxHooks {
  /** A message failed for good because its conversation cannot be written to. */
  onProblem?: (msg: OutboxMessage, problem: { code: string; status?: number; target?: string }, error: string) => Promise<void>;
  /** A message was delivered to `target`. */
  onDelivered?: (msg: OutboxMessage, target: string) => Promise<void>;
  /** A message failed for good because of itself, not the network (app/poisonMessages.ts). */
  onPoison?: (msg: OutboxMessage, error: string) => Promise<void>;
}

/** A message delivered, not yet marked done, and the channel card it sent (if any). */
interface Delivered {
  id: number;
  cardSent?: CardSent;
}

/** Per-request timeout for connector calls made by outbox handlers: well inside the lock. */
export function sendTimeoutMs(lockMs: number): number {
  return Math.max(500, Math.min(15_000, Math.floor(lockMs / 4)));
}

export class OutboxDispatcher {
  private handlers = new Map<string, DeliveryHandler>();
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private flushUntil = 0;
  private timers = new Set<NodeJS.Timeout>();
  readonly worker = `${os.hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  readonly options: Readonly<Required<OutboxOptions>>;
  hooks: OutboxHooks = {};

  constructor(
    private readonly repo: Repository,
    private readonly clock: Clock,
    private readonly log: Logger,
    opts: OutboxOptions = {},
  ) {
    this.options = {
      batchSize: 20,
      lockMs: 60_000,
      maxAttempts: 12,
      baseBackoffMs: 1_000,
      maxBackoffMs: 10 * 60_000,
      maxRetryAfterMs: 60 * 60_000,
      ...opts,
    };
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

  /**
   * Graceful stop: first delivers what is due now (for at most flushMs), then stops claiming and
   * waits for the sends in progress. What is left stays in the outbox for the next start.
   */
  async stop(flushMs = 0): Promise<void> {
    if (flushMs > 0 && !this.stopped) {
      // The process's own shutdown budget: monotonic, not the (possibly fake) clock.
      this.flushUntil = performance.now() + flushMs;
      this.kick();
      const deadline = new Promise<void>((r) => setTimeout(r, flushMs).unref());
      await Promise.race([this.idle(), deadline]);
    }
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await this.idle();
  }

  private async drain(): Promise<void> {
    // Delivered since the last claim: marked done by the next claim (one round trip for both on
    // PostgreSQL), or below when the run ends first. Until then they stay locked to this worker, and
    // their lanes' next messages wait, as they wait for a send in progress. The cards they sent are
    // recorded in the card clock by the same claim (completion order: a later send of a card wins).
    let delivered: Delivered[] = [];
    try {
      for (let round = 0; round < 1000; round++) {
        if (this.stopped || (this.flushUntil > 0 && performance.now() > this.flushUntil)) return;
        const ids = delivered.map((d) => d.id);
        const cards = delivered.flatMap((d) => (d.cardSent ? [d.cardSent] : []));
        const batch = await this.repo.claimOutbox(this.clock.now(), this.options.batchSize, this.options.lockMs, this.worker, ids, cards);
        delivered = [];
        if (batch.length === 0) return;
        // Lanes are independent; within a lane the claim returns only the oldest message. Kept in the
        // order the sends ended: of two cards of one item sent in this batch, the later one is recorded.
        const done: Delivered[] = [];
        const sent = await Promise.allSettled(
          batch.map(async (m) => {
            const d = await this.deliver(m);
            if (d) done.push(d);
          }),
        );
        delivered = done;
        // Storage failed while recording an outcome: this run ends (the delivered ones are still marked done below).
        for (const r of sent) if (r.status === 'rejected') throw r.reason;
        await yieldToEventLoop(); // requests waiting meanwhile go first (SQLite alone never yields)
      }
    } finally {
      const now = this.clock.now();
      for (const { id, cardSent } of delivered) {
        // A card clock record that cannot be written must not leave its message to be sent again:
        // without it the card only misses its next change (docs/cards-follow-the-clock.md).
        await this.repo.completeOutbox(id, now, cardSent).catch((err: unknown) => {
          if (!cardSent) throw err;
          this.log.warn({ err, outboxId: id }, 'card clock: could not record the card sent');
          return this.repo.completeOutbox(id, now);
        });
      }
    }
  }

  /** Sends one message and records a failure; the delivery when it was delivered (its completion is left to the caller). */
  private async deliver(msg: OutboxMessage): Promise<Delivered | null> {
    const handler = this.handlers.get(msg.type);
    let result: DeliveryResult;
    if (!handler) result = { ok: false, retry: false, error: `no handler for ${msg.type}` };
    else {
      try {
        result = await handler(msg);
      } catch (err) {
        // Only the network is worth another attempt; anything else fails the same way every time.
        result = isTransientFailure(err)
          ? { ok: false, retry: true, error: failureText(err) }
          : { ok: false, retry: false, error: failureText(err), poison: true };
      }
    }
    const now = this.clock.now();
    if (result.ok) {
      this.log.debug({ outboxId: msg.id, type: msg.type, attempts: msg.attempts }, 'outbox message delivered');
      if (result.target && this.hooks.onDelivered)
        await this.hooks.onDelivered(msg, result.target).catch((err) => this.log.warn({ err }, 'outbox delivered hook failed'));
      return { id: msg.id!, cardSent: result.cardSent };
    }
    const attempts = msg.attempts ?? 1;
    if (!result.retry || attempts >= this.options.maxAttempts) {
      this.log.warn({ outboxId: msg.id, type: msg.type, attempts, error: result.error }, 'outbox message failed for good');
      await this.repo.failOutbox(msg.id!, result.error);
      if (!result.retry && result.problem && this.hooks.onProblem) {
        await this.hooks.onProblem(msg, result.problem, result.error).catch((err) => this.log.error({ err }, 'outbox problem hook failed'));
      }
      if (!result.retry && result.poison && this.hooks.onPoison) {
        await this.hooks.onPoison(msg, result.error).catch((err) => this.log.error({ err }, 'outbox poison hook failed'));
      }
      return null;
    }
    const backoff = Math.min(this.options.maxBackoffMs, this.options.baseBackoffMs * 2 ** (attempts - 1));
    // Jitter (±20 %) so that instances and lanes that failed together do not retry in lockstep.
    const jittered = Math.round(backoff * (0.8 + Math.random() * 0.4));
    const wait = Math.max(Math.min(result.retryAfterMs ?? 0, this.options.maxRetryAfterMs), jittered);
    this.log.info({ outboxId: msg.id, type: msg.type, attempts, waitMs: wait, error: result.error }, 'outbox message will be retried');
    await this.repo.retryOutbox(msg.id!, new Date(now.getTime() + wait), result.error);
    // Come back for it by itself when the wait is short; the scheduler's tick covers the rest.
    if (wait <= 5 * 60_000 && !this.stopped) {
      const t = setTimeout(() => {
        this.timers.delete(t);
        this.kick();
      }, wait + 5);
      t.unref();
      this.timers.add(t);
    }
    return null;
  }
}
