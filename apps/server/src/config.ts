import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';

const ZEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  REDIS_URL: z.string().url().optional(),
  PUBLIC_URL: z.string().url().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('CaseArena 案例擂台 <no-reply@casearena.local>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST: z.string().optional(),
  SEED_DEMO: z.enum(['0', '1']).optional(),
  OUTBOX_WORKER: z.enum(['0', '1']).default('1'),
  ALTCHA_HMAC_KEY: z.string().min(16).optional(),
  CERTIFICATE_KEY: z.string().min(16).optional(),
  VOTE_GUARD: z
    .string()
    .regex(
      /^\s*[a-zA-Z0-9]+=\d+(\s*,\s*[a-zA-Z0-9]+=\d+)*\s*$/,
      'expected name=number pairs: accountPerMinute=20,ipPerMinute=600',
    )
    .optional(),
  S3_ENDPOINT: z.string().url().optional(),
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: z.enum(['0', '1']).default('0'),
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().refine(isProxyAddress, 'expected an IP address, a CIDR range (10.0.0.0/8) or loopback'))),
});

const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
/** What proxy-addr (Fastify's trustProxy) accepts: an address, address/prefix, or one of its named ranges. */
function isProxyAddress(value: string): boolean {
  if (PROXY_RANGE_NAMES.has(value)) return true;
  const [address = '', prefix, ...rest] = value.split('/');
  const family = net.isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  publicUrl: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: string;
  /** Cookies get `Secure` when the public address is HTTPS. */
  secureCookies: boolean;
  webDist: string | undefined;
  /**
   * Addresses whose X-Forwarded-For/-Proto/-Host are believed (the load balancer in front). Empty: the socket's
   * address is the client whatever the headers say, so a spoofed X-Forwarded-For cannot dodge per-IP limits.
   */
  trustedProxies: string[];
  /** Files in an S3-compatible bucket (cluster mode) when S3_BUCKET is set; otherwise on disk under DATA_DIR/files. */
  s3: S3Config | undefined;
  /**
   * OUTBOX_WORKER=0: this process only queues mail and SMS (another node, or this one started again, delivers them).
   * Default on. test/kill-9.test.ts uses it to kill a server with a committed, undelivered message, deterministically.
   */
  outboxWorker: boolean;
  /** The vote challenge's HMAC secret (ALTCHA_HMAC_KEY); unset: derived (see voting/vote-challenge.ts). */
  altchaHmacKey: string | undefined;
  /**
   * The secret behind the certificates' verification codes (CERTIFICATE_KEY): printed QR codes verify as long as it
   * stays the same; unset: ALTCHA_HMAC_KEY, else derived (see awards/certificate-number.ts).
   */
  certificateKey: string | undefined;
  /** VOTE_GUARD=accountPerMinute=20,… : the vote guard's limits and challenge tiers over their defaults (voting/vote-guard.ts). */
  voteGuard: Record<string, number>;
}

export interface S3Config {
  endpoint: string | undefined;
  bucket: string;
  region: string;
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  forcePathStyle: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means unset (`DATABASE_URL= npm start` runs embedded).
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ZEnv.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`配置错误 (invalid environment):\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    publicUrl: e.PUBLIC_URL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    secureCookies: e.PUBLIC_URL?.startsWith('https://') ?? false,
    webDist: e.WEB_DIST,
    trustedProxies: e.TRUSTED_PROXIES,
    s3: e.S3_BUCKET
      ? {
          endpoint: e.S3_ENDPOINT,
          bucket: e.S3_BUCKET,
          region: e.S3_REGION,
          accessKeyId: e.S3_ACCESS_KEY_ID,
          secretAccessKey: e.S3_SECRET_ACCESS_KEY,
          forcePathStyle: e.S3_FORCE_PATH_STYLE === '1',
        }
      : undefined,
    outboxWorker: e.OUTBOX_WORKER === '1',
    altchaHmacKey: e.ALTCHA_HMAC_KEY,
    certificateKey: e.CERTIFICATE_KEY,
    voteGuard: Object.fromEntries(
      (e.VOTE_GUARD ?? '')
        .split(',')
        .filter((p) => p.includes('='))
        .map((p) => p.split('=').map((x) => x.trim()))
        .map(([k, v]) => [k, Number(v)]),
    ),
  };
}
