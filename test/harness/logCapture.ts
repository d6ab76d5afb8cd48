/**
 * Captures every log line of the test run: in-process bots (startBot logs at debug level into
 * this sink) and child-process bots (their stdout). The privacy log scan at the end of the run
 * (test/zz-last/privacy.logScan.test.ts) searches it for customer names, phone numbers and e-mail
 * addresses. Customer data the tests used is noted here as it is committed (see bot.ts).
 * TEST_LOG_ECHO=1 also writes the lines to stderr.
 */
import type { Readable } from 'node:stream';
import type { Item } from '../../src/domain/types';

export const capturedLines: string[] = [];
export const customerNames = new Set<string>();
export const customerPhones = new Set<string>();
export const customerEmails = new Set<string>();

const echo = !!process.env.TEST_LOG_ECHO;

function add(text: string): void {
  for (const line of text.split('\n')) {
    if (!line) continue;
    capturedLines.push(line);
    if (echo) process.stderr.write(`${line}\n`);
  }
}

/** A pino destination. */
export const logSink = { write: (msg: string): void => add(msg) };

/** Collects a child process's stdout (pino JSON lines). */
export function captureStream(stream: Readable, onLine?: (line: string) => void): void {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const text = rest + chunk;
    const lines = text.split('\n');
    rest = lines.pop() ?? '';
    for (const l of lines) {
      if (!l) continue;
      add(l);
      onLine?.(l);
    }
  });
  stream.on('end', () => {
    if (rest) add(rest);
    rest = '';
  });
}

export function noteCustomer(c: { name?: unknown; phone?: unknown; phoneDisplay?: unknown; email?: unknown }): void {
  // Adversarial kilobytes (the ReDoS tests) are no name anyone could store (the intake refuses over 200 characters): scanning for them would only make the scan itself quadratic.
  if (typeof c.name === 'string' && c.name.trim().length >= 4 && c.name.trim().length <= 200) customerNames.add(c.name.trim());
  for (const p of [c.phone, c.phoneDisplay]) if (typeof p === 'string' && p.replace(/\D/g, '').length >= 9) customerPhones.add(p.trim());
  if (typeof c.email === 'string' && c.email.includes('@')) customerEmails.add(c.email.trim());
}

export function noteItem(item: Item): void {
  const d = item.data as Record<string, unknown>;
  noteCustomer({ name: d.customerName, phone: d.phone, phoneDisplay: d.phoneDisplay, email: d.email });
}
