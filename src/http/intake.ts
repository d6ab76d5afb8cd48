// The intake API for other systems (website form, telephone system): POST /api/callbacks.
import { timingSafeEqual, createHash } from 'node:crypto';
import type restify from 'restify';
import type { Services } from '../app/services';
import { PENDING_TENANT, SYSTEM } from '../domain/types';
import { jsonError } from './jsonError';
import { AGE_GROUPS, ATTITUDES, DIGITAL, isValidProfileValue, PREFERRED_CHANNELS } from '../domain/customers/profile';

const FIELDS = [
  'customerName',
  'phone',
  'topic',
  'details',
  'sensitive',
  'preferredMoment',
  'assignee',
  'source',
  'preferredChannel',
  'profile',
] as const;

/** Constant-time comparison of the bearer token (hash first so lengths never leak). */
export function keyMatches(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** One line naming every invalid field: 'Invalid field(s): phone (…); topic (…).' */
function invalidMessage(fields: Record<string, string>): string {
  return `Invalid field(s): ${Object.entries(fields)
    .map(([f, m]) => `${f} (${m.replace(/\.$/, '')})`)
    .join('; ')}.`;
}

/** Hash of the request body with its keys in a stable order (nested values included). */
function requestHash(body: Record<string, unknown>): string {
  const stable = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v as object)
            .sort()
            .map((k) => [k, stable((v as Record<string, unknown>)[k])]),
        )
      : v;
  return createHash('sha256')
    .update(JSON.stringify(stable(body)))
    .digest('hex');
}

/** What the intake uses: the items, the people and channels the bot knows, the tenants (storage: only the list). */
export type IntakePorts = Pick<Services, 'config' | 'clock' | 'outbox' | 'items' | 'users' | 'bindings'> & {
  repo: Pick<Services['repo'], 'tenants'>;
};

/**
 * The tenant of an intake callback when none is configured: the one tenant with a bound channel, or
 * PENDING_TENANT until the first `koppel` adopts it (the SPEC: kept, and posted once a channel is bound).
 */
async function intakeTenant(s: IntakePorts): Promise<string> {
  const bound: string[] = [];
  for (const t of await s.repo.tenants()) if (t !== PENDING_TENANT && (await s.bindings.getBinding(t))) bound.push(t);
  return bound.length === 1 ? bound[0]! : PENDING_TENANT;
}

/** Failed keys a source address may send per minute; the next request from it gets 429 until the minute is over. */
export const MAX_KEY_FAILURES_PER_MINUTE = 10;

/**
 * Wrong or missing intake keys counted per source address in a fixed one-minute window. A blocked
 * source gets 429 before its key is looked at (so guessing learns nothing); other sources, and so
 * every valid key used from elsewhere, go on as normal. Per instance, bounded in size.
 */
function keyFailures() {
  const bySource = new Map<string, { start: number; count: number }>();
  const current = (source: string, now: number) => {
    const w = bySource.get(source);
    return w && now - w.start < 60_000 ? w : null;
  };
  return {
    blockedFor(source: string, now: number): number {
      const w = current(source, now);
      return w && w.count >= MAX_KEY_FAILURES_PER_MINUTE ? Math.ceil((w.start + 60_000 - now) / 1000) : 0;
    },
    fail(source: string, now: number): void {
      const w = current(source, now) ?? { start: now, count: 0 };
      w.count++;
      if (!bySource.has(source) && bySource.size >= 10_000) bySource.clear(); // a flood of addresses: forget, do not grow
      bySource.set(source, w);
    },
  };
}

/**
 * `preferredChannel` (telefoon, email, brief, balie) and `profile` ({ageGroup, digital, attitude},
 * the callback form's names and values): a wrong value is named, never ignored.
 */
function customerFieldErrors(b: Record<string, unknown>): Record<string, string> {
  const errors: Record<string, string> = {};
  if (
    b.preferredChannel !== undefined &&
    b.preferredChannel !== null &&
    !(typeof b.preferredChannel === 'string' && isValidProfileValue('preferredChannel', b.preferredChannel))
  ) {
    errors.preferredChannel = `must be one of ${PREFERRED_CHANNELS.join(', ')}`;
  }
  if (b.profile === undefined || b.profile === null) return errors;
  if (typeof b.profile !== 'object' || Array.isArray(b.profile))
    return { ...errors, profile: 'must be an object with ageGroup, digital and/or attitude' };
  const allowed = { ageGroup: AGE_GROUPS, digital: DIGITAL, attitude: ATTITUDES } as const;
  for (const [k, v] of Object.entries(b.profile as Record<string, unknown>)) {
    if (!(k in allowed)) errors[`profile.${k}`] = 'unknown field (use ageGroup, digital, attitude)';
    else if (v !== null && !(typeof v === 'string' && isValidProfileValue(k as keyof typeof allowed, v))) {
      errors[`profile.${k}`] = `must be one of ${allowed[k as keyof typeof allowed].join(', ')}`;
    }
  }
  return errors;
}

export function registerIntake(server: restify.Server, s: IntakePorts): void {
  const windows = new Map<string, { start: number; count: number }>();
  const failures = keyFailures();

  // The channel card is posted after the 201 has been written.
  server.post('/api/callbacks', async (req, res) =>
    s.outbox.afterAnswer(async () => {
      const key = s.config.intake.apiKey;
      const address = req.socket?.remoteAddress ?? 'unknown';
      const blocked = failures.blockedFor(address, s.clock.now().getTime());
      if (blocked > 0) {
        res.header('Retry-After', String(blocked));
        return jsonError(res, 429, 'TooManyFailures', 'Too many requests with a wrong API key from this address; retry later.');
      }
      const auth = req.header('authorization') ?? '';
      const token = /^Bearer\s+(.+)$/i.exec(auth)?.[1]?.trim() ?? '';
      if (!key) {
        // Say why no key can work: the API is off until the operator sets INTAKE_API_KEY.
        res.header('WWW-Authenticate', 'Bearer');
        return jsonError(
          res,
          401,
          'Unauthorized',
          'The intake API is off on this server: INTAKE_API_KEY is not set. Set it, then send Authorization: Bearer <INTAKE_API_KEY>.',
        );
      }
      if (!token || !keyMatches(token, key)) {
        failures.fail(address, s.clock.now().getTime());
        res.header('WWW-Authenticate', 'Bearer');
        return jsonError(res, 401, 'Unauthorized', 'A valid API key is required (Authorization: Bearer <INTAKE_API_KEY>).');
      }
      const contentType = (req.header('content-type') ?? '').toLowerCase();
      if (!contentType.startsWith('application/json')) {
        return jsonError(res, 415, 'UnsupportedMediaType', 'Send JSON with Content-Type: application/json.');
      }
      // Per-key rate limit, fixed one-minute window (per instance).
      const now = s.clock.now().getTime();
      const w = windows.get(token) ?? { start: now, count: 0 };
      if (now - w.start >= 60_000) {
        w.start = now;
        w.count = 0;
      }
      w.count++;
      windows.set(token, w);
      if (w.count > s.config.intake.ratePerMinute) {
        res.header('Retry-After', String(Math.ceil((w.start + 60_000 - now) / 1000)));
        return jsonError(res, 429, 'TooManyRequests', 'Too many requests for this API key; retry later.');
      }
      const tenantId = s.config.intake.tenantId ?? (await intakeTenant(s));

      const body = req.body as unknown;
      if (!body || typeof body !== 'object' || Array.isArray(body)) {
        return jsonError(res, 400, 'InvalidBody', 'The body must be a JSON object.');
      }
      const b = body as Record<string, unknown>;
      const unknown = Object.keys(b).filter((k) => !(FIELDS as readonly string[]).includes(k));
      if (unknown.length)
        return jsonError(res, 400, 'UnknownField', `Unknown field(s): ${unknown.join(', ')}.`, {
          fields: Object.fromEntries(unknown.map((f) => [f, 'unknown field'])),
        });
      const typeErrors: Record<string, string> = {};
      for (const f of ['customerName', 'phone', 'topic', 'details', 'preferredMoment', 'assignee', 'source'] as const) {
        if (b[f] !== undefined && b[f] !== null && typeof b[f] !== 'string') typeErrors[f] = 'must be a string';
      }
      if (b.sensitive !== undefined && typeof b.sensitive !== 'boolean') typeErrors.sensitive = 'must be true or false';
      if (typeof b.preferredMoment === 'string' && b.preferredMoment && !/^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(b.preferredMoment)) {
        typeErrors.preferredMoment = 'must be an ISO 8601 date-time, e.g. 2026-11-27T10:00:00+01:00';
      }
      Object.assign(typeErrors, customerFieldErrors(b));
      if (Object.keys(typeErrors).length) {
        return jsonError(res, 400, 'InvalidField', invalidMessage(typeErrors), { fields: typeErrors });
      }
      const idemHeader = req.header('idempotency-key');
      if (idemHeader !== undefined && (idemHeader.length < 1 || idemHeader.length > 200)) {
        return jsonError(res, 400, 'InvalidIdempotencyKey', 'Idempotency-Key must be 1 to 200 characters.');
      }
      const source = typeof b.source === 'string' && b.source ? b.source.slice(0, 40) : 'api';
      // A colleague (Entra object id or Teams id) must be known to the bot (has used it in Teams once);
      // an unknown one goes to the rules as is and comes back as a field error.
      let assignee: Record<string, unknown> | string | undefined;
      if (typeof b.assignee === 'string' && b.assignee.trim()) {
        const u = await s.users.getUser(tenantId, b.assignee.trim());
        assignee = u ? { id: u.userId, name: u.name, teamsId: u.teamsId } : b.assignee.trim();
      }
      // The klantbeeld arrives as one object; the rules take its fields as the callback form names them.
      const profile = b.profile && typeof b.profile === 'object' ? (b.profile as Record<string, unknown>) : {};
      const outcome = await s.items.create(
        'callback',
        tenantId,
        { ...b, profile: undefined, ...profile, assignee },
        { ...SYSTEM, name: `Intake (${source})` },
        `intake:${source}`,
        idemHeader ? `api:${createHash('sha256').update(token).digest('hex').slice(0, 12)}:${idemHeader}` : undefined,
        requestHash(b),
      );
      if (outcome.status === 'invalid') {
        const fields = outcome.refusal.fields ?? {};
        return jsonError(res, 400, 'InvalidField', Object.keys(fields).length ? invalidMessage(fields) : outcome.refusal.message, {
          fields,
        });
      }
      if (outcome.status === 'conflict') return jsonError(res, 409, 'Conflict', 'Please retry.');
      if (outcome.status === 'keyReused') {
        return jsonError(
          res,
          422,
          'IdempotencyKeyReused',
          'This Idempotency-Key was used before with a different body; use a new key for a new callback.',
          { id: outcome.item.id },
        );
      }
      // A replay answers exactly like the original (201, same id), marked by a header.
      if (outcome.status === 'duplicate') res.header('Idempotent-Replayed', 'true');
      res.status(201);
      res.json({ id: outcome.item.id, deadline: outcome.item.deadline?.toISOString() ?? null, status: outcome.item.status });
    }),
  );
}
