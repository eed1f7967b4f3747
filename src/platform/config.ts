import path from 'node:path';

export type HashAlgorithm = 'sha256' | 'sm3';

export interface Config {
  port: number;
  host: string;
  /** Root of everything kept on disk: the embedded database (pg/) and the file store (files/). */
  dataDir: string;
  /** When set, PostgreSQL over node-postgres instead of embedded PGlite. */
  databaseUrl: string | undefined;
  logLevel: string;
  /** Send the session cookie with `Secure`; on by default in production (behind TLS). */
  cookieSecure: boolean;
  /** JSON body limit, bytes. */
  bodyLimit: number;
  /** Largest file accepted by the file store, bytes. */
  maxUploadBytes: number;
  /** Digest used for new audit entries; verify() honours each entry's own. */
  auditHash: HashAlgorithm;
  /** Idle session lifetime, seconds. */
  sessionTtlSeconds: number;
  /** Login requests per client address and minute that one process admits (the database throttle is separate). */
  loginRatePerMinute: number;
  /** Chromium executable that prints procurement documents to PDF; without it only .docx is offered. */
  chromiumPath: string;
  /** How often each server process polls for due scheduled work (bid closing …), milliseconds. */
  jobPollMs: number;
  /**
   * Payment terms for SMEs (保障中小企业款项支付条例 第九条: 30 日 unless agreed, at most 60 日); a jurisdiction may set
   * them shorter (RULES.md §12 #10), never longer.
   */
  smePayment: { defaultDays: number; maxDays: number };
  /**
   * The OCDS ocid prefix (`ocds-` + the publisher's code): ocids are `<prefix>-<project code>`. A real publisher
   * registers its own prefix with the Open Contracting Partnership; the default marks data as unregistered.
   */
  ocdsPrefix: string;
  /** The portal's public address (https://…), for links in open data; unset: taken from each request. */
  publicUrl: string | undefined;
}

function intFrom(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`配置项必须是正整数: ${value}`);
  return n;
}

function ocdsPrefixFrom(value: string | undefined): string {
  const prefix = value || 'ocds-zhengcai';
  if (!/^ocds-[a-z0-9]+$/.test(prefix))
    throw new Error(`OCDS_PREFIX 应形如 ocds-xxxxxx（小写字母和数字）: ${prefix}`);
  return prefix;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const auditHash = env.AUDIT_HASH === 'sm3' ? 'sm3' : 'sha256';
  return {
    port: intFrom(env.PORT, 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    logLevel: env.LOG_LEVEL ?? 'info',
    cookieSecure: env.COOKIE_SECURE ? env.COOKIE_SECURE === 'true' : env.NODE_ENV === 'production',
    bodyLimit: intFrom(env.BODY_LIMIT, 1024 * 1024),
    maxUploadBytes: intFrom(env.MAX_UPLOAD_BYTES, 200 * 1024 * 1024),
    auditHash,
    sessionTtlSeconds: intFrom(env.SESSION_TTL_SECONDS, 8 * 3600),
    loginRatePerMinute: intFrom(env.LOGIN_RATE_PER_MINUTE, 30),
    chromiumPath: env.CHROMIUM_PATH || '/usr/bin/chromium',
    jobPollMs: intFrom(env.JOB_POLL_MS, 5000),
    smePayment: {
      defaultDays: intFrom(env.SME_PAYMENT_DEFAULT_DAYS, 30),
      maxDays: intFrom(env.SME_PAYMENT_MAX_DAYS, 60),
    },
    ocdsPrefix: ocdsPrefixFrom(env.OCDS_PREFIX),
    publicUrl: env.PUBLIC_URL || undefined,
  };
}
