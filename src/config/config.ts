// Configuration from the environment, validated once at start. A wrong value stops the bot with
// one line naming the variable and what it expects (see .env.sample for every variable).
import { z } from 'zod';
import type { WorkingTimeConfig, OfficeHours } from '../domain/workingTime';
import { defaultWorkingTimeConfig } from '../domain/workingTime';
import { checkIdentityEndpoint, loadBotEndpoints, type BotEndpoints } from './botEndpoints';

export class ConfigError extends Error {}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const list = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const DAYS: Record<string, 1 | 2 | 3 | 4 | 5 | 6 | 7> = { ma: 1, di: 2, wo: 3, do: 4, vr: 5, za: 6, zo: 7 };

export interface GraphConfig {
  tenantId: string;
  clientId: string;
  clientSecret?: string;
  certificatePath?: string;
  managedIdentityClientId?: string;
  /** Entra login host for national clouds (GRAPH_AUTHORITY_HOST), e.g. https://login.microsoftonline.us. */
  authorityHost?: string;
  baseUrl: string;
}

export interface Config {
  nodeEnv: string;
  port: number;
  host: string;
  bot: { appId: string; appPassword: string; appType: 'SingleTenant' | 'MultiTenant' | 'UserAssignedMSI'; tenantId: string };
  /** Bot Framework authentication endpoints (sovereign clouds, tests); null = public cloud. */
  botEndpoints: BotEndpoints | null;
  databaseUrl: string;
  intake: { apiKey: string | null; tenantId: string | null; ratePerMinute: number };
  allowedTenantIds: string[];
  fakeNow: Date | null;
  managerIds: string[];
  managerFallbackId: string | null;
  logLevel: string;
  workingTime: WorkingTimeConfig;
  digestTime: string;
  reminderBeforeMinutes: number;
  exceptionNudgeMinutes: number;
  /** How far ahead (months) a given moment may lie: preferred moment, appointment, reschedule (domain/moments.ts). */
  momentHorizonMonths: number;
  retentionDays: number;
  interpreter: { serviceUrl: string; phone: string; customerNumber: string };
  graph: GraphConfig | null;
  tickSeconds: number;
  bodyLimitBytes: number;
  /** How long an outbox message stays claimed by one instance while it is being sent. */
  outboxLockSeconds: number;
  /** Issue 17: failed attempts before a callback ends as "niet bereikt"; topics of the `geholpen` form. */
  conversation: { notReachedAttempts: number; contactTopics: string[] };
}

function fail(name: string, expected: string): never {
  throw new ConfigError(`${name}: ${expected}`);
}

function int(env: NodeJS.ProcessEnv, name: string, def: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) fail(name, `expected a whole number from ${min} to ${max}, got "${raw}"`);
  return n;
}

function parseOfficeHours(raw: string | undefined): WorkingTimeConfig['officeHours'] {
  const hours = { ...defaultWorkingTimeConfig.officeHours };
  if (!raw) return hours;
  const range = (s: string): OfficeHours => {
    const m = /^(\d\d:\d\d)-(\d\d:\d\d)$/.exec(s.trim());
    if (!m || !HHMM.test(m[1]) || !HHMM.test(m[2]) || m[1] >= m[2])
      fail('OFFICE_HOURS', `expected HH:MM-HH:MM with open before close, got "${s.trim()}"`);
    return { open: m[1], close: m[2] };
  };
  if (/^\d\d:\d\d-\d\d:\d\d$/.test(raw.trim())) {
    const r = range(raw);
    for (const d of [1, 2, 3, 4, 5] as const) hours[d] = r;
    return hours;
  }
  for (const part of raw
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [day, spec] = part.split(/\s+/, 2);
    const d = DAYS[day?.toLowerCase() ?? ''];
    if (!d || !spec) fail('OFFICE_HOURS', `expected "08:30-17:00" or "ma 08:30-17:00; vr 08:30-12:00; za gesloten", got "${part}"`);
    hours[d] = spec.toLowerCase() === 'gesloten' ? null : range(spec);
  }
  return hours;
}

const urlSchema = z.string().url();

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = env.NODE_ENV || 'development';
  const production = nodeEnv === 'production';

  const appType = (env.MicrosoftAppType || 'SingleTenant') as Config['bot']['appType'];
  if (!['SingleTenant', 'MultiTenant', 'UserAssignedMSI'].includes(appType))
    fail('MicrosoftAppType', `expected SingleTenant, MultiTenant or UserAssignedMSI, got "${appType}"`);
  const bot = {
    appId: env.MicrosoftAppId || '',
    appPassword: env.MicrosoftAppPassword || '',
    appType,
    tenantId: env.MicrosoftAppTenantId || '',
  };
  if (production && !bot.appId) fail('MicrosoftAppId', 'required when NODE_ENV=production (the bot refuses to run without credentials)');
  if (production && appType !== 'UserAssignedMSI' && !bot.appPassword) fail('MicrosoftAppPassword', 'required when NODE_ENV=production');
  if (bot.appId && appType !== 'MultiTenant' && !bot.tenantId) fail('MicrosoftAppTenantId', `required for MicrosoftAppType=${appType}`);
  if (appType === 'UserAssignedMSI' && bot.appPassword)
    fail('MicrosoftAppPassword', 'must be empty for MicrosoftAppType=UserAssignedMSI (the managed identity signs in)');
  const botEndpoints = loadBotEndpoints(env, production, appType === 'MultiTenant' ? null : bot.tenantId || null, fail);
  checkIdentityEndpoint(env, production, fail);

  const databaseUrl = env.DATABASE_URL || 'sqlite:./data/topcontact.db';
  if (!/^(sqlite:|postgres(ql)?:\/\/)/.test(databaseUrl)) fail('DATABASE_URL', 'expected sqlite:<path> or postgres://user@host:port/db');
  if (databaseUrl.startsWith('postgres')) {
    let schema: string | null = null;
    try {
      schema = new URL(databaseUrl).searchParams.get('schema');
    } catch {
      fail('DATABASE_URL', 'expected a valid postgres://user@host:port/db URL');
    }
    if (schema !== null && !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema))
      fail('DATABASE_URL', 'schema= must be letters, digits and _ (at most 63)');
  }

  const apiKey = env.INTAKE_API_KEY || null;
  if (apiKey !== null && apiKey.length < 16) fail('INTAKE_API_KEY', 'expected at least 16 characters');

  const allowedTenantIds = list(env.ALLOWED_TENANT_IDS);
  const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  for (const t of allowedTenantIds) if (!guid.test(t)) fail('ALLOWED_TENANT_IDS', `expected comma-separated tenant GUIDs, got "${t}"`);
  const intakeTenant = env.INTAKE_TENANT_ID || allowedTenantIds[0] || null;
  if (intakeTenant && !guid.test(intakeTenant)) fail('INTAKE_TENANT_ID', 'expected a tenant GUID');

  let fakeNow: Date | null = null;
  if (env.FAKE_NOW) {
    if (production) fail('FAKE_NOW', 'not allowed when NODE_ENV=production');
    fakeNow = new Date(env.FAKE_NOW);
    if (Number.isNaN(fakeNow.getTime()) || !/^\d{4}-\d\d-\d\dT/.test(env.FAKE_NOW))
      fail('FAKE_NOW', `expected an ISO instant like 2026-11-26T09:00:00+01:00, got "${env.FAKE_NOW}"`);
  }

  const liberation = (env.LIBERATION_DAY || 'lustrum') as WorkingTimeConfig['liberationDay'];
  if (!['never', 'lustrum', 'always'].includes(liberation)) fail('LIBERATION_DAY', 'expected never, lustrum or always');
  const bool = (name: string, def: boolean) => {
    const v = env[name];
    if (v === undefined || v === '') return def;
    if (!['true', 'false', '1', '0', 'ja', 'nee'].includes(v.toLowerCase())) fail(name, 'expected true or false');
    return ['true', '1', 'ja'].includes(v.toLowerCase());
  };
  const closingDays = list(env.CLOSING_DAYS);
  for (const d of closingDays)
    if (!/^\d{4}-\d\d-\d\d$/.test(d) || Number.isNaN(Date.parse(d)))
      fail('CLOSING_DAYS', `expected comma-separated dates YYYY-MM-DD, got "${d}"`);
  const workingTime: WorkingTimeConfig = {
    ...defaultWorkingTimeConfig,
    officeHours: parseOfficeHours(env.OFFICE_HOURS),
    goodFridayClosed: bool('GOOD_FRIDAY_CLOSED', false),
    liberationDay: liberation,
    closingDays,
  };

  const digestTime = env.DIGEST_TIME || '08:30';
  if (!HHMM.test(digestTime)) fail('DIGEST_TIME', `expected HH:MM, got "${digestTime}"`);

  const interpreterUrl = env.INTERPRETER_SERVICE_URL || 'https://www.globaltalk.nl';
  if (!urlSchema.safeParse(interpreterUrl).success || !interpreterUrl.startsWith('https://'))
    fail('INTERPRETER_SERVICE_URL', 'expected an https:// URL');

  let graph: GraphConfig | null = null;
  if (env.GRAPH_CLIENT_ID || env.GRAPH_TENANT_ID || env.GRAPH_MANAGED_IDENTITY_CLIENT_ID) {
    if (!env.GRAPH_TENANT_ID) fail('GRAPH_TENANT_ID', 'required when GRAPH_CLIENT_ID or GRAPH_MANAGED_IDENTITY_CLIENT_ID is set');
    if (!env.GRAPH_CLIENT_ID && !env.GRAPH_MANAGED_IDENTITY_CLIENT_ID) fail('GRAPH_CLIENT_ID', 'required when GRAPH_TENANT_ID is set');
    if (env.GRAPH_CLIENT_ID && !env.GRAPH_CLIENT_SECRET && !env.GRAPH_CERTIFICATE_PATH && !env.GRAPH_MANAGED_IDENTITY_CLIENT_ID) {
      fail('GRAPH_CLIENT_SECRET', 'required (or GRAPH_CERTIFICATE_PATH, or GRAPH_MANAGED_IDENTITY_CLIENT_ID) when GRAPH_CLIENT_ID is set');
    }
    const baseUrl = env.GRAPH_BASE_URL || 'https://graph.microsoft.com/v1.0';
    if (!urlSchema.safeParse(baseUrl).success || !/^https?:\/\//.test(baseUrl))
      fail('GRAPH_BASE_URL', 'expected a URL like https://graph.microsoft.com/v1.0');
    if (production && !baseUrl.startsWith('https://')) fail('GRAPH_BASE_URL', 'must be https:// when NODE_ENV=production');
    const authorityHost = env.GRAPH_AUTHORITY_HOST || undefined;
    if (authorityHost && (!urlSchema.safeParse(authorityHost).success || !authorityHost.startsWith('https://')))
      fail('GRAPH_AUTHORITY_HOST', 'expected an https:// URL like https://login.microsoftonline.us');
    graph = {
      tenantId: env.GRAPH_TENANT_ID,
      clientId: env.GRAPH_CLIENT_ID || '',
      clientSecret: env.GRAPH_CLIENT_SECRET || undefined,
      certificatePath: env.GRAPH_CERTIFICATE_PATH || undefined,
      managedIdentityClientId: env.GRAPH_MANAGED_IDENTITY_CLIENT_ID || undefined,
      authorityHost,
      baseUrl: baseUrl.replace(/\/$/, ''),
    };
  }

  const logLevel = env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info');
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel))
    fail('LOG_LEVEL', 'expected one of fatal, error, warn, info, debug, trace, silent');

  return {
    nodeEnv,
    port: int(env, 'PORT', 3978, 0, 65535),
    host: env.HOST || '0.0.0.0',
    bot,
    botEndpoints,
    databaseUrl,
    intake: { apiKey, tenantId: intakeTenant, ratePerMinute: int(env, 'INTAKE_RATE_PER_MINUTE', 120, 1, 100000) },
    allowedTenantIds,
    fakeNow,
    managerIds: list(env.MANAGER_IDS),
    managerFallbackId: env.MANAGER_FALLBACK_ID || null,
    logLevel,
    workingTime,
    digestTime,
    reminderBeforeMinutes: int(env, 'REMINDER_BEFORE_MINUTES', 120, 0, 7 * 24 * 60),
    exceptionNudgeMinutes: int(env, 'EXCEPTION_NUDGE_MINUTES', 120, 0, 7 * 24 * 60),
    momentHorizonMonths: int(env, 'MOMENT_HORIZON_MONTHS', 12, 1, 120),
    retentionDays: int(env, 'RETENTION_DAYS', 90, 1, 3650),
    interpreter: {
      serviceUrl: interpreterUrl,
      phone: env.INTERPRETER_PHONE || '',
      customerNumber: env.INTERPRETER_CUSTOMER_NUMBER || '',
    },
    graph,
    tickSeconds: int(env, 'TICK_SECONDS', 30, 1, 3600),
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 256 * 1024, 1024, 10 * 1024 * 1024),
    outboxLockSeconds: int(env, 'OUTBOX_LOCK_SECONDS', 60, 2, 3600),
    conversation: {
      notReachedAttempts: int(env, 'NOT_REACHED_ATTEMPTS', 2, 1, 10),
      contactTopics: contactTopics(env.CONTACT_TOPICS),
    },
  };
}

/** CONTACT_TOPICS: comma-separated topics for the `geholpen` form (1 to 30, each at most 60 characters). */
export const DEFAULT_CONTACT_TOPICS = ['Huur en betalen', 'Reparatie', 'Woning zoeken', 'Overlast', 'Verhuizen en opzeggen', 'Overig'];
function contactTopics(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === '') return DEFAULT_CONTACT_TOPICS;
  const topics = [
    ...new Set(
      raw
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
  if (!topics.length || topics.length > 30 || topics.some((t) => t.length > 60))
    fail('CONTACT_TOPICS', 'expected 1 to 30 comma-separated topics of at most 60 characters');
  return topics;
}
