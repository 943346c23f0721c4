// Configuration comes from environment variables only, is checked once at start-up, and is then
// passed down explicitly: no module reads process.env on its own.
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_PASSWORD_HASH_COST } from './auth/passwords.ts';
import { parseProxyTrust, type ProxyTrust } from './client-address.ts';

/** The master key's length: AES-256. */
export const MASTER_KEY_BYTES = 32;

/** A problem with one base64 key of a key variable, or undefined when it is a 32-byte key. */
function masterKeyProblem(v: string): string | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(v) || v.length % 4 !== 0) return 'is not base64';
  const bytes = Buffer.from(v, 'base64').length;
  return bytes === MASTER_KEY_BYTES ? undefined : `holds ${bytes} bytes, not ${MASTER_KEY_BYTES}`;
}

const keyHelp = `must be ${MASTER_KEY_BYTES} random bytes in base64 (openssl rand -base64 ${MASTER_KEY_BYTES})`;

/** An e-mail address (a@b.c), or a display name and an address in angle brackets (Name <a@b.c>). */
const MAIL_FROM_PATTERN = /^(?:[^<>\r\n"]*<[^\s@<>]+@[A-Za-z0-9.-]+\.[A-Za-z0-9-]+>|[^\s@<>]+@[A-Za-z0-9.-]+\.[A-Za-z0-9-]+)$/;

/** An environment variable holding a whole number in [min, max] (also the SIP edge's variables). */
export const int = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `must be a whole number between ${min} and ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const postgresUrl = z
  .string()
  .trim()
  .refine((v) => {
    try {
      return ['postgres:', 'postgresql:'].includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, 'must be a URL like postgres://user:password@host:5432/database');

/** Every variable otvet reads, with its default. `.env.example` documents the same list. */
const envSchema = z.object({
  PORT: int(1, 65535).default(8122),
  HOST: z.string().trim().min(1).default('localhost'),
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_POOL_SIZE: int(1, 500).default(10),
  OTVET_DATA_DIR: z.string().trim().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  SESSION_TTL_HOURS: int(1, 24 * 30).default(12),
  SESSION_IDLE_MINUTES: int(5, 24 * 60).default(120),
  LOGIN_MAX_FAILURES: int(3, 100).default(10),
  LOGIN_LOCKOUT_MINUTES: int(1, 24 * 60).default(15),
  LOGIN_RATE_PER_MINUTE: int(1, 10000).default(30),
  // appeals filed and statuses looked up, per client address (public writes and a secret code's guesses)
  APPEALS_RATE_PER_MINUTE: int(1, 10000).default(10),
  // (1 MiB · 2^cost of memory per hash; 16 is the most the hasher's memory cap allows)
  PASSWORD_HASH_COST: int(1, 16).default(DEFAULT_PASSWORD_HASH_COST),
  TRUST_PROXY: z
    .string()
    .transform((v, ctx) => {
      try {
        return parseProxyTrust(v);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
        return z.NEVER;
      }
    })
    .default(false),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  OTVET_SECRET_KEY: z
    .string()
    .trim()
    .refine((v) => Buffer.from(v, 'base64').length >= 32, 'must be at least 32 random bytes in base64 (openssl rand -base64 32)')
    .optional(),
  // Wraps the data keys that encrypt personal data at rest (platform/crypto, ADR 0016).
  OTVET_MASTER_KEY: z
    .string()
    .trim()
    .superRefine((v, ctx) => {
      const problem = masterKeyProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: `${keyHelp}; this one ${problem}` });
    })
    .optional(),
  // Master keys used before OTVET_MASTER_KEY, only to unwrap data keys until they are rewrapped.
  OTVET_MASTER_KEY_PREVIOUS: z
    .string()
    .transform((v, ctx) => {
      const keys = v.split(',').map((k) => k.trim());
      keys.forEach((k, i) => {
        const problem = k === '' ? 'is empty' : masterKeyProblem(k);
        if (problem) ctx.addIssue({ code: 'custom', message: `key ${i + 1} of ${keys.length} ${problem}: each ${keyHelp}, separated by commas` });
      });
      return keys.map((k) => Buffer.from(k, 'base64'));
    })
    .optional(),
  // Goes into every SIP password's digest HA1 (H(username:realm:password)): changing it voids them all.
  SIP_REALM: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,98}[A-Za-z0-9])?$/, 'must be a realm such as otvet or sip.example.ru: letters, digits, dots and hyphens, at most 100')
    .default('otvet'),
  // Where the workstation's browser phone reaches the SIP edge (SIP over WebSocket, RFC 7118); unset: no browser phone.
  SIP_WS_URL: z
    .string()
    .trim()
    .refine((v) => {
      try {
        return ['ws:', 'wss:'].includes(new URL(v).protocol);
      } catch {
        return false;
      }
    }, 'must be a ws:// or wss:// URL, such as wss://sip.122.example.ru:8443')
    .optional(),
  // E-mail notices to appellants: the SMTP server (smtp:// with STARTTLS when offered, smtps:// TLS from the start); unset: none are sent (demo mode keeps them in its mailbox).
  SMTP_URL: z
    .string()
    .trim()
    .refine((v) => {
      try {
        const u = new URL(v);
        return ['smtp:', 'smtps:'].includes(u.protocol) && u.hostname !== '';
      } catch {
        return false;
      }
    }, 'must be a URL like smtps://user:password@smtp.example.ru:465 or smtp://smtp.example.ru:587 (a user or password with @ : / written %40 %3A %2F)')
    .optional(),
  // The From of those notices.
  MAIL_FROM: z.string().trim().regex(MAIL_FROM_PATTERN, 'must be an address such as noreply@122.example.ru, or a name and an address: Горячая линия 122 <noreply@122.example.ru>').optional(),
  // The jurisdiction_id the Open311 GeoReport v2 interface serves (docs/open311.md); unset: PUBLIC_URL's host.
  OTVET_OPEN311_JURISDICTION: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9](?:[a-z0-9.-]{0,98}[a-z0-9])?$/, 'must be an id such as 122.example.ru: latin letters, digits, dots and hyphens, at most 100')
    .optional(),
});

export interface Config {
  port: number;
  host: string;
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string; poolSize: number };
  log: { level: string; format: 'auto' | 'json' | 'pretty' };
  session: { ttlHours: number; idleMinutes: number };
  login: { maxFailures: number; lockoutMinutes: number; ratePerMinute: number };
  appeals: { ratePerMinute: number };
  /** scrypt's log2 N for new password hashes: 15 or more, lower only in tests. */
  passwordHashCost: number;
  /** Which proxies in front may say, in X-Forwarded-For, who the client is. */
  trustProxy: ProxyTrust;
  /** Where citizens reach the portal (canonical links, sitemap, feeds); never taken from a request's Host. */
  publicUrl: string;
  /** Key for keyed hashes of personal data (encryption is masterKey's); with PGlite it may live in the data folder. */
  secretKey?: Buffer;
  /**
   * The master key wrapping the data keys that encrypt personal data at rest (platform/crypto);
   * with PGlite it may live in the data folder (platform/crypto/master-key.ts).
   */
  masterKey?: Buffer;
  /** Master keys used before masterKey: only to unwrap data keys until `otvet keys rotate --rewrap`. */
  previousMasterKeys: Buffer[];
  /** The SIP digest realm of operators' phones: their passwords are kept as HA1s made with it. */
  sipRealm: string;
  /** The SIP edge's WebSocket address for the workstation's browser phone; unset: it has none. */
  sipWsUrl?: string;
  /** E-mail notices to appellants: the SMTP server (unset: none sent; demo mode keeps them in its mailbox) and their From. */
  mail: { smtpUrl?: string; from: string };
  /** Open311 GeoReport v2 (/open311/v2/): the one jurisdiction_id it serves. */
  open311: { jurisdiction: string };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Variables whose values are never repeated in an error message. */
const hidden = new Set(['OTVET_MASTER_KEY', 'OTVET_MASTER_KEY_PREVIOUS', 'SMTP_URL']);

/** Reads the configuration from an environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): Config {
  // An empty variable means "not set", as in most shells' `VAR= otvet serve`.
  const present = Object.fromEntries(
    Object.keys(envSchema.shape)
      .filter((k) => env[k] !== undefined && env[k] !== '')
      .map((k) => [k, env[k]]),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0]);
        // (a list of master keys may hold good ones beside the bad: none is ever printed)
        const value = hidden.has(name) ? `(${String(present[name] ?? '').length} characters, not shown)` : JSON.stringify(present[name] ?? '');
        return `${name}=${value}: ${issue.message}`;
      }),
    );
  }
  const e = parsed.data;
  // A cheap hash only makes the test suite fast; a deployment that sets one by mistake must not start.
  if (e.PASSWORD_HASH_COST < DEFAULT_PASSWORD_HASH_COST && env.NODE_ENV !== 'test') {
    throw new ConfigError([`PASSWORD_HASH_COST="${e.PASSWORD_HASH_COST}": below ${DEFAULT_PASSWORD_HASH_COST} only in tests (NODE_ENV=test)`]);
  }
  if (e.DATABASE_URL && !e.OTVET_SECRET_KEY) {
    throw new ConfigError([
      'OTVET_SECRET_KEY is required when DATABASE_URL is set: every app node must hash and encrypt personal data with the same key. Generate one with `openssl rand -base64 32` and keep it safe (losing it makes encrypted data unreadable).',
    ]);
  }
  if (e.OTVET_MASTER_KEY && e.OTVET_SECRET_KEY && Buffer.from(e.OTVET_MASTER_KEY, 'base64').equals(Buffer.from(e.OTVET_SECRET_KEY, 'base64'))) {
    throw new ConfigError([
      'OTVET_MASTER_KEY must differ from OTVET_SECRET_KEY: one key hashes, the other encrypts, and each may be changed without the other. Generate one with `openssl rand -base64 32`.',
    ]);
  }
  if (e.SMTP_URL && !e.MAIL_FROM) {
    throw new ConfigError(['MAIL_FROM is required when SMTP_URL is set: the address notices to appellants come from, one the SMTP server may send as (noreply@122.example.ru).']);
  }
  const publicUrl = (e.PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`).replace(/\/+$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE } : { kind: 'pglite', dataDir: path.resolve(cwd, e.OTVET_DATA_DIR) },
    log: { level: e.LOG_LEVEL, format: e.LOG_FORMAT },
    session: { ttlHours: e.SESSION_TTL_HOURS, idleMinutes: e.SESSION_IDLE_MINUTES },
    login: { maxFailures: e.LOGIN_MAX_FAILURES, lockoutMinutes: e.LOGIN_LOCKOUT_MINUTES, ratePerMinute: e.LOGIN_RATE_PER_MINUTE },
    appeals: { ratePerMinute: e.APPEALS_RATE_PER_MINUTE },
    passwordHashCost: e.PASSWORD_HASH_COST,
    trustProxy: e.TRUST_PROXY,
    publicUrl,
    ...(e.OTVET_SECRET_KEY ? { secretKey: Buffer.from(e.OTVET_SECRET_KEY, 'base64') } : {}),
    ...(e.OTVET_MASTER_KEY ? { masterKey: Buffer.from(e.OTVET_MASTER_KEY, 'base64') } : {}),
    previousMasterKeys: e.OTVET_MASTER_KEY_PREVIOUS ?? [],
    sipRealm: e.SIP_REALM,
    ...(e.SIP_WS_URL ? { sipWsUrl: e.SIP_WS_URL } : {}),
    mail: { ...(e.SMTP_URL ? { smtpUrl: e.SMTP_URL } : {}), from: e.MAIL_FROM ?? DEMO_MAIL_FROM },
    open311: { jurisdiction: e.OTVET_OPEN311_JURISDICTION ?? hostOf(publicUrl) },
  };
}

/** The From of the demo mailbox's notices when MAIL_FROM is not set. */
export const DEMO_MAIL_FROM = 'Горячая линия 122 <noreply@otvet.localhost>';

/** A URL's host name without brackets or port (the default Open311 jurisdiction). */
function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return 'localhost';
  }
}

export const configVariables = Object.keys(envSchema.shape);
