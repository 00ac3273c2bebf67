import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CERTIFICATE_NUMBER_PATTERN } from '@casearena/contract';
import type { Config } from '../../config.ts';

/**
 * Certificate numbers (issue 12 item 4, X-7): `CA` + the campaign's year + a 6-digit serial per campaign + a check
 * letter, e.g. CA2026-000123-K. The check letter catches a mistyped number before the database is asked (a weighted
 * sum over the digits, mod 26, ISO 7064-like: swapping two digits or changing one always changes it). The
 * verification code is a short HMAC of the number under the server's certificate key, so a number guessed or
 * altered by hand is refused as unknown (CERTIFICATE_INVALID) without revealing whether it exists.
 */
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The check letter of `CA<year>-<serial>`'s ten digits: sum of digit × weight (weights 1..10 from the right) mod 26 … */
export function checkLetter(year: number, serial: number): string {
  const digits = `${String(year).padStart(4, '0')}${String(serial).padStart(6, '0')}`;
  let sum = 0;
  // Distinct weights coprime to 26 (odd, not 13) make every single-digit change and adjacent swap visible.
  const weights = [1, 3, 5, 7, 9, 11, 15, 17, 19, 21];
  for (const [i, d] of [...digits].reverse().entries()) sum += Number(d) * (weights[i] ?? 1);
  return LETTERS[sum % 26] as string;
}

export function certificateNumber(year: number, serial: number): string {
  if (!Number.isInteger(serial) || serial < 1 || serial > 999_999) throw new RangeError(`serial out of range: ${serial}`);
  return `CA${year}-${String(serial).padStart(6, '0')}-${checkLetter(year, serial)}`;
}

/** Whether a number is well formed and its check letter agrees (no database needed). */
export function validNumber(number: string): boolean {
  if (!CERTIFICATE_NUMBER_PATTERN.test(number)) return false;
  const [, year = '', serial = '', letter] = /^CA(\d{4})-(\d{6})-([A-Z])$/.exec(number) ?? [];
  return Number(serial) > 0 && checkLetter(Number(year), Number(serial)) === letter;
}

const CODE_LENGTH = 8;
const keys = new Map<string, Buffer>();

/**
 * The certificate key: printed QR codes must verify for years, so it must not change with a restart or a rotated
 * database password. CERTIFICATE_KEY when set (its own secret, the same on every node), else ALTCHA_HMAC_KEY (the
 * server's other configured HMAC secret); otherwise a random key kept in DATA_DIR/certificate.key (made once, mode 0600), which embedded mode (one node)
 * keeps with its data. A cluster without ALTCHA_HMAC_KEY derives it from DATABASE_URL (set the key in production).
 */
export function certificateKey(config: Pick<Config, 'certificateKey' | 'altchaHmacKey' | 'databaseUrl' | 'dataDir'>): Buffer {
  const configured = config.certificateKey ?? config.altchaHmacKey;
  const cacheKey = `${configured ?? ''}\0${config.databaseUrl ?? ''}\0${config.dataDir}`;
  const cached = keys.get(cacheKey);
  if (cached) return cached;
  let master: string;
  if (configured) master = configured;
  else if (config.databaseUrl)
    master = createHash('sha256').update(`casearena-certificates\0${config.databaseUrl}`).digest('hex');
  else {
    const file = path.join(config.dataDir, 'certificate.key');
    fs.mkdirSync(config.dataDir, { recursive: true });
    try {
      fs.writeFileSync(file, randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    master = fs.readFileSync(file, 'utf8').trim();
  }
  const key = createHmac('sha256', master).update('certificate-verification').digest();
  keys.set(cacheKey, key);
  return key;
}

/** The short verification code of a number: 8 hex characters of its HMAC (32 bits: a guess succeeds 1 in 4 billion). */
export function verificationCode(key: Buffer, number: string): string {
  return createHmac('sha256', key).update(number).digest('hex').slice(0, CODE_LENGTH);
}

/** Whether `code` is the number's code (constant time). */
export function codeMatches(key: Buffer, number: string, code: string): boolean {
  const expected = Buffer.from(verificationCode(key, number));
  const given = Buffer.from(code.toLowerCase());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The short link printed under the QR code: `${PUBLIC_URL}/v/<number>.<code>` (the web page /v/:ref). */
export function verifyUrl(publicUrl: string | undefined, key: Buffer, number: string): string {
  const base = (publicUrl ?? 'http://localhost:3000').replace(/\/$/, '');
  return `${base}/v/${number}.${verificationCode(key, number)}`;
}
