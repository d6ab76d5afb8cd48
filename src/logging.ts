// Structured JSON logs (pino). Personal data never reaches them: known fields are redacted by
// path, and phone numbers and e-mail addresses inside any string are masked.
import pino, { type Logger } from 'pino';

const PHONE = /(?:\+|00)?\d(?:[\s()-]?\d){8,}/g;
// The lookbehind lets a match start only where a run of address characters starts: "aaaa…!" stays linear.
const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/** A log line needs no more of one string than this; longer text (a pasted mail) is cut before scrubbing. */
const MAX_LOGGED_STRING = 4_000;

export function scrub(s: string): string {
  const cut = s.length > MAX_LOGGED_STRING ? `${s.slice(0, MAX_LOGGED_STRING)}… (${s.length} tekens)` : s;
  return cut.replace(EMAIL, '[e-mail]').replace(PHONE, '[nummer]');
}

function scrubDeep(v: unknown, depth = 0): unknown {
  if (typeof v === 'string') return scrub(v);
  if (depth > 6 || v === null || typeof v !== 'object') return v;
  // The formatter runs before the serializers: an Error becomes safeError's plain object here
  // (message, code, stack kept and scrubbed), and the serializers pass that object on as it is.
  if (v instanceof Error) return safeError(v);
  if (Array.isArray(v)) return v.map((x) => scrubDeep(x, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = scrubDeep(x, depth + 1);
  return out;
}

/**
 * Errors are logged as type, code, status, message and stack only: connector and HTTP errors carry
 * the request (with the card, so customer names) and the response body, which must never reach a log.
 */
export function safeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err, message: scrub(String(err).slice(0, 300)) };
  const e = err as Error & { code?: unknown; statusCode?: unknown };
  return {
    type: e.name,
    code: typeof e.code === 'string' || typeof e.code === 'number' ? e.code : undefined,
    statusCode: typeof e.statusCode === 'number' ? e.statusCode : undefined,
    message: scrub(e.message.slice(0, 500)),
    stack: e.stack ? scrub(e.stack.split('\n').slice(1, 8).join('\n')) : undefined,
  };
}

/** An Error, or what scrubDeep already made of one (the formatter runs first); other values as they are. */
function serializeError(e: unknown): unknown {
  return e instanceof Error ? safeError(e) : e;
}

const REDACT = [
  'customerName',
  'phone',
  'email',
  'name',
  'text',
  'details',
  'note',
  'address',
  '*.customerName',
  '*.phone',
  '*.email',
  '*.name',
  '*.text',
  '*.details',
  '*.note',
  '*.address',
  'req.headers.authorization',
  'headers.authorization',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'top-contact' },
      redact: { paths: REDACT, censor: '[weg]' },
      serializers: { err: serializeError, error: serializeError },
      formatters: { log: (obj) => scrubDeep(obj) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          // Scrub the message string too (the formatter only sees the merged object).
          const scrubbed = args.map((a) => (typeof a === 'string' ? scrub(a) : a)) as Parameters<typeof method>;
          return method.apply(this, scrubbed);
        },
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

export type { Logger };
