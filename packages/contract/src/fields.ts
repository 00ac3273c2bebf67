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

export const ZPage = z.object({
  page: z.coerce.number().int().min(1, code('OUT_OF_RANGE')).default(1),
  pageSize: z.coerce.number().int().min(1, code('OUT_OF_RANGE')).max(100, code('OUT_OF_RANGE')).default(20),
});

export const paged = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
