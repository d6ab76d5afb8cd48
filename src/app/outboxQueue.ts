// Messages a feature sends on its own initiative (a 1:1 answer to a command typed in a channel):
// written to the outbox and the dispatcher woken, like every change's messages.
import type { OutboxMessage } from '../storage/repository';
import type { Services } from './services';

export async function queueMessages(s: Services, messages: OutboxMessage[], now: Date): Promise<void> {
  await s.repo.enqueue(messages, now);
  s.outbox.kick();
}
