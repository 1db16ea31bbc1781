import { isIP } from 'node:net';
import { isAbsolute, relative, resolve } from 'node:path';
import { z } from 'zod';

/** One entry of MINSHENG_TRUST_PROXY: an IPv4/IPv6 address or a CIDR range. */
function isProxyAddress(entry: string): boolean {
  const [addr = '', prefix, ...rest] = entry.split('/');
  const family = isIP(addr);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^[0-9]{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Configuration, validated once at boot. Nothing else in Minsheng reads process.env:
 * a wrong value fails fast here with the variable's name.
 */
const EnvSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  /** A streaming replica of DATABASE_URL: statistics and exports read from it. */
  DATABASE_READ_URL: z.string().url().optional(),
  MINSHENG_DATA_DIR: z.string().min(1).default('./data'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  MINSHENG_SESSION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(8),
  MINSHENG_SCAN_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /**
   * Shifts the system's clock by whole hours, for training and drills (a card escalating, a limit
   * running out, without waiting days). Never set in production: the server warns at start.
   */
  MINSHENG_CLOCK_OFFSET_HOURS: z.coerce.number().int().min(-8760).max(8760).default(0),
  /** How often the statistics' pending rows are folded into the rollups. */
  MINSHENG_STATS_FOLD_SECONDS: z.coerce.number().int().min(1).max(86_400).default(10),
  MINSHENG_PUBLIC_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(60),
  MINSHENG_PUBLIC_CASE_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(10),
  MINSHENG_TRUST_PROXY: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .refine((list) => list.every(isProxyAddress), {
      message: 'a comma-separated list of IP addresses or CIDR ranges (e.g. 127.0.0.1,10.0.0.0/8)',
    }),
  MINSHENG_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(10),
  MINSHENG_LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  MINSHENG_COOKIE_SECURE: z.enum(['true', 'false']).default('false'),
  MINSHENG_MODEL_DIR: z.string().optional(),
  MINSHENG_RETRAIN_HOURS: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 366)
    .default(24 * 7),
  MINSHENG_TEXT_THREAD: z.enum(['true', 'false']).default('true'),
  MINSHENG_REGISTRATION_BATCH: z.coerce.number().int().min(1).max(256).default(32),
  MINSHENG_REGISTRATION_STATEMENTS: z.coerce.number().int().min(0).max(64).default(0),
  MINSHENG_AUDIT_KEY_FILE: z.string().optional(),
  MINSHENG_AUDIT_CHECKPOINT_LOG: z.string().optional(),
  MINSHENG_AUDIT_CHECKPOINT_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
  MINSHENG_CHECK_RESPONSES: z.enum(['true', 'false']).default('false'),
  /** Outbound e-mail of inbox notices, e.g. smtps://user:password@mail.example.gov.cn:465; unset: inbox only. */
  MINSHENG_SMTP_URL: z
    .string()
    .regex(
      /^smtps?:\/\/[^\s]+$/,
      'an smtp:// or smtps:// URL, e.g. smtps://user:password@mail.example.gov.cn:465',
    )
    .optional(),
  MINSHENG_MAIL_FROM: z.string().min(3).default('民声 <noreply@minsheng.invalid>'),
  /** The workbench's address as users reach it, for links in e-mail. */
  MINSHENG_PUBLIC_URL: z.string().url().optional(),
  MINSHENG_MAIL_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface AppConfig {
  databaseUrl: string | undefined;
  /** Where statistics and exports read (a PostgreSQL streaming replica); the primary when unset. */
  databaseReadUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  sessionHours: number;
  scanIntervalSeconds: number;
  /** Hours the clock is shifted by (training and drills); 0 in production. */
  clockOffsetHours: number;
  statsFoldSeconds: number;
  publicRateLimitPerMinute: number;
  /** Portal requests per minute naming one case number, from any address. */
  publicCaseRateLimitPerMinute: number;
  /**
   * Addresses of reverse proxies whose X-Forwarded-For is believed. Empty: the client address is the
   * socket's, so no client can choose the address that rate limits count.
   */
  trustProxy: string[];
  /** Failed logins of one account (within the lock period) before it is locked. */
  loginMaxFailures: number;
  loginLockMinutes: number;
  cookieSecure: boolean;
  modelDir: string;
  /** Hours between scheduled retrainings of the category model; 0 turns the schedule off. */
  retrainHours: number;
  /** Whether registration's text analysis runs on a worker thread. */
  textThread: boolean;
  /** Most registrations written by one statement under load (group commit); 1 turns it off. */
  registrationBatch: number;
  /** Registration statements running at once; 0 = automatic (1: measured best on 2 cores). */
  registrationStatements: number;
  /**
   * Signed checkpoints of the audit log (audit/checkpoint.ts): the Ed25519 key file and the log they
   * are appended to, both outside the data directory; null when checkpoints are off.
   */
  auditCheckpoints: { keyFile: string; logFile: string; intervalMinutes: number } | null;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  /**
   * Hold every JSON answer to its route's declared response schema (http/response-contract.ts),
   * failing the request on a mismatch: on in the test suite, off in production.
   */
  checkResponses: boolean;
  /** Outbound e-mail; null when SMTP is not configured (notices stay in the inbox). */
  mail: { smtpUrl: string; from: string; baseUrl: string; intervalSeconds: number } | null;
}

const inside = (dir: string, file: string) => {
  const rel = relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/** The key signs what the database holds, so neither it nor the log may travel with the database. */
function auditCheckpoints(e: z.infer<typeof EnvSchema>, dataDir: string): AppConfig['auditCheckpoints'] {
  const keyFile = e.MINSHENG_AUDIT_KEY_FILE ? resolve(e.MINSHENG_AUDIT_KEY_FILE) : null;
  const logFile = e.MINSHENG_AUDIT_CHECKPOINT_LOG ? resolve(e.MINSHENG_AUDIT_CHECKPOINT_LOG) : null;
  const bad = (name: string, message: string) => {
    throw new Error(`Invalid configuration:\n  ${name}: ${message}`);
  };
  if (keyFile && !logFile)
    bad('MINSHENG_AUDIT_CHECKPOINT_LOG', 'required with MINSHENG_AUDIT_KEY_FILE (where checkpoints go)');
  if (logFile && !keyFile)
    bad('MINSHENG_AUDIT_KEY_FILE', 'required with MINSHENG_AUDIT_CHECKPOINT_LOG (the key that signs them)');
  if (!keyFile || !logFile) return null;
  if (inside(dataDir, keyFile))
    bad('MINSHENG_AUDIT_KEY_FILE', 'must be outside MINSHENG_DATA_DIR, or the key travels with the data');
  if (inside(dataDir, logFile))
    bad('MINSHENG_AUDIT_CHECKPOINT_LOG', 'must be outside MINSHENG_DATA_DIR, or it travels with the data');
  return { keyFile, logFile, intervalMinutes: e.MINSHENG_AUDIT_CHECKPOINT_MINUTES };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // An empty variable (FOO=) means "not set", as in most shells' and CI's conventions.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.DATABASE_READ_URL && !e.DATABASE_URL)
    throw new Error(
      'Invalid configuration:\n  DATABASE_READ_URL: a read replica needs DATABASE_URL (its primary) to be set',
    );
  const dataDir = resolve(e.MINSHENG_DATA_DIR);
  return {
    databaseUrl: e.DATABASE_URL,
    databaseReadUrl: e.DATABASE_READ_URL,
    dataDir,
    port: e.PORT,
    host: e.HOST,
    sessionHours: e.MINSHENG_SESSION_HOURS,
    scanIntervalSeconds: e.MINSHENG_SCAN_INTERVAL_SECONDS,
    clockOffsetHours: e.MINSHENG_CLOCK_OFFSET_HOURS,
    statsFoldSeconds: e.MINSHENG_STATS_FOLD_SECONDS,
    publicRateLimitPerMinute: e.MINSHENG_PUBLIC_RATE_LIMIT,
    publicCaseRateLimitPerMinute: e.MINSHENG_PUBLIC_CASE_RATE_LIMIT,
    trustProxy: e.MINSHENG_TRUST_PROXY,
    loginMaxFailures: e.MINSHENG_LOGIN_MAX_FAILURES,
    loginLockMinutes: e.MINSHENG_LOGIN_LOCK_MINUTES,
    cookieSecure: e.MINSHENG_COOKIE_SECURE === 'true',
    modelDir: resolve(e.MINSHENG_MODEL_DIR ?? `${dataDir}/model`),
    retrainHours: e.MINSHENG_RETRAIN_HOURS,
    textThread: e.MINSHENG_TEXT_THREAD === 'true',
    registrationBatch: e.MINSHENG_REGISTRATION_BATCH,
    registrationStatements: e.MINSHENG_REGISTRATION_STATEMENTS,
    auditCheckpoints: auditCheckpoints(e, dataDir),
    logLevel: e.LOG_LEVEL,
    checkResponses: e.MINSHENG_CHECK_RESPONSES === 'true',
    mail: e.MINSHENG_SMTP_URL
      ? {
          smtpUrl: e.MINSHENG_SMTP_URL,
          from: e.MINSHENG_MAIL_FROM,
          baseUrl: (e.MINSHENG_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
          intervalSeconds: e.MINSHENG_MAIL_INTERVAL_SECONDS,
        }
      : null,
  };
}
