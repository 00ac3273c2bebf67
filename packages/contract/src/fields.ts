import { z } from 'zod';
import type { FieldErrorCode } from './errors.ts';

/** zod's `error` option carries our field code; the server and the web app translate it. */
export const code = (c: FieldErrorCode) => ({ error: c });

export const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

export const ZEmail = z.string().trim().toLowerCase().max(254, code('TOO_LONG')).email(code('EMAIL_INVALID'));
export const ZPhone = z.string().trim().regex(MAINLAND_MOBILE, code('PHONE_INVALID'));
export const ZPassword = z
  .string()
  .min(8, code('PASSWORD_WEAK'))
  .max(128, code('TOO_LONG'))
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), code('PASSWORD_WEAK'));
export const ZPersonName = z.string().trim().min(1, code('REQUIRED')).max(50, code('TOO_LONG'));
export const ZId = z.string().uuid(code('INVALID'));
export const ZIsoDateTime = z.string();

/** The range of a PostgreSQL `integer` column: a larger number must be refused, not reach the database. */
export const INT32_MAX = 2_147_483_647;
export const ZInt32 = z
  .number()
  .int(code('INTEGER_REQUIRED'))
  .min(-INT32_MAX - 1, code('OUT_OF_RANGE'))
  .max(INT32_MAX, code('OUT_OF_RANGE'));
/** The same from a query string or header (`?version=3`). */
export const ZQueryInt32 = z.coerce
  .number()
  .int(code('INTEGER_REQUIRED'))
  .min(-INT32_MAX - 1, code('OUT_OF_RANGE'))
  .max(INT32_MAX, code('OUT_OF_RANGE'));

/** True for a real calendar day written YYYY-MM-DD (2024-02-29 yes, 2022-02-30 no). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(2000, mo - 1, d));
  date.setUTCFullYear(y);
  return y >= 1 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
/** Text that PostgreSQL can store: for fields that do not come through the JSON body guard (multipart forms). */
export const noNul = (value: string) => !value.includes('\u0000');

/** A calendar date (YYYY-MM-DD) that exists. */
export const ZDate = z.string().refine(isCalendarDate, code('INVALID'));

export const ZPage = z.object({
  page: ZQueryInt32.min(1, code('OUT_OF_RANGE')).default(1),
  pageSize: ZQueryInt32.min(1, code('OUT_OF_RANGE')).max(100, code('OUT_OF_RANGE')).default(20),
});

export const paged = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
