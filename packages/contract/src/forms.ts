import { z } from 'zod';
import { ZAttachmentChecks, ZPptRules, ZVideoRules } from './attachment-rules.ts';
import { countChars } from './cjk.ts';
import type { FieldErrorCode } from './errors.ts';
import { code, isCalendarDate, ZInt32 } from './fields.ts';

/**
 * Entry forms as data (issue 3 §2). An organizer composes a form from these field kinds; every saved form is a new
 * version and an entry keeps the version it was written under. The same definition drives the server's checks and
 * the browser's live messages (`checkAnswers`), so the two never disagree.
 */
export const FIELD_KINDS = [
  'short_text',
  'long_text',
  'number',
  'date',
  'select',
  'yes_no',
  'person',
  'table',
  'organization',
  'attachment',
] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

/** File types an attachment slot may allow; the server sniffs content, names and MIME types are not trusted. */
export const ATTACHMENT_TYPES = ['pptx', 'ppt', 'pdf', 'docx', 'mp4', 'jpg', 'png'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];
export const ATTACHMENT_TYPE_LABELS: Record<AttachmentType, string> = {
  pptx: 'PPTX',
  ppt: 'PPT',
  pdf: 'PDF',
  docx: 'DOCX',
  mp4: 'MP4',
  jpg: 'JPG',
  png: 'PNG',
};

const key = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9_]{0,39}$/, code('INVALID'))
  .describe('Stable key of the field in the answers; letters, digits, underscore.');
const label = z.string().trim().min(1, code('REQUIRED')).max(60, code('TOO_LONG'));
const base = {
  key,
  label,
  help: z.string().trim().max(300, code('TOO_LONG')).default(''),
  required: z.boolean().default(false),
};

export const ZTableColumn = z.object({
  key,
  label,
  kind: z.enum(['text', 'number', 'select', 'phone', 'email']),
  options: z.array(z.string().trim().min(1).max(40)).max(30).default([]),
  required: z.boolean().default(false),
});

export const ZFormField = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('short_text'), maxChars: z.number().int().min(1).max(200).default(50) }),
  z.object({
    ...base,
    kind: z.literal('long_text'),
    /** CJK characters count one each, whitespace not at all. */
    maxChars: z.number().int().min(1).max(20000),
    minChars: z.number().int().min(0).max(20000).default(0),
    /** Headings the text must contain (e.g. 案例背景, 主要做法, 取得成效), checked on submission. */
    sections: z.array(z.string().trim().min(1).max(30)).max(10).default([]),
  }),
  z.object({
    ...base,
    kind: z.literal('number'),
    min: z.number().nullable().default(null),
    max: z.number().nullable().default(null),
    integer: z.boolean().default(false),
  }),
  z.object({ ...base, kind: z.literal('date') }),
  z.object({
    ...base,
    kind: z.literal('select'),
    options: z.array(z.string().trim().min(1).max(60)).min(1, code('REQUIRED')).max(50),
    multiple: z.boolean().default(false),
  }),
  z.object({ ...base, kind: z.literal('yes_no') }),
  z.object({ ...base, kind: z.literal('person') }),
  z.object({
    ...base,
    kind: z.literal('table'),
    columns: z.array(ZTableColumn).min(1, code('REQUIRED')).max(12),
    minRows: z.number().int().min(0).max(100).default(0),
    maxRows: z.number().int().min(1).max(100).default(20),
  }),
  /** Joint entries (S1-3): further units that carried out the case, picked from the registry. */
  z.object({
    ...base,
    kind: z.literal('organization'),
    multiple: z.boolean().default(false),
    maxUnits: z.number().int().min(1).max(10).default(5),
  }),
  z.object({
    ...base,
    kind: z.literal('attachment'),
    types: z.array(z.enum(ATTACHMENT_TYPES)).min(1, code('REQUIRED')),
    maxBytes: z
      .number()
      .int()
      .min(1024)
      .max(2 * 1024 * 1024 * 1024),
    /** S0-4 / S0-5: what the server checks inside the file, each rule enforced or a warning. */
    pptRules: ZPptRules.optional(),
    videoRules: ZVideoRules.optional(),
  }),
]);
export type TFormField = z.infer<typeof ZFormField>;
export type TFormFieldInput = z.input<typeof ZFormField>;

export const ZFormDefinition = z
  .object({
    fields: z.array(ZFormField).max(60),
    /** The version the organizer edited from; a save over a newer one is refused (STALE_VERSION), as for entries. */
    baseVersion: ZInt32.min(1).optional(),
  })
  .superRefine((form, ctx) => {
    const seen = new Set<string>();
    form.fields.forEach((f, i) => {
      if (seen.has(f.key)) ctx.addIssue({ code: 'custom', message: 'DUPLICATE', path: ['fields', i, 'key'] });
      seen.add(f.key);
      if (f.kind === 'table' && f.minRows > f.maxRows)
        ctx.addIssue({ code: 'custom', message: 'INVALID', path: ['fields', i, 'minRows'] });
    });
  });
export type TFormDefinition = z.infer<typeof ZFormDefinition>;

export const ZForm = z.object({
  campaignId: z.string(),
  version: z.number().int(),
  fields: z.array(ZFormField),
  createdAt: z.string(),
});
export type TForm = z.infer<typeof ZForm>;

export const ZPerson = z.object({
  name: z.string().max(40).default(''),
  title: z.string().max(40).default(''),
  phone: z.string().max(20).default(''),
  email: z.string().max(254).default(''),
});
export type TPerson = z.infer<typeof ZPerson>;

/** An uploaded file held in an attachment slot. */
export const ZAttachment = z.object({
  slot: z.string(),
  fileId: z.string(),
  name: z.string(),
  size: z.number().int(),
  type: z.string(),
  /** PPTX only (S0-4): slides found, whether a copyright page (版权) was kept, how many slides animate. */
  pptx: z.object({ slides: z.number().int(), copyrightPage: z.boolean(), animatedSlides: z.number().int() }).nullable(),
  /** What the server read from the file against the slot's rules (slide numbers, video facts, failed rules). */
  checks: ZAttachmentChecks.nullable().optional(),
  uploadedAt: z.string(),
});
export type TAttachment = z.infer<typeof ZAttachment>;

export type Answers = Record<string, unknown>;

/** A problem with one answer: the same shape as the server's field errors, path relative to the answers. */
export interface AnswerProblem {
  path: string;
  code: FieldErrorCode;
  params?: Record<string, string | number>;
}

const PHONE = /^1[3-9]\d{9}$|^0\d{2,3}-?\d{7,8}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const isBlank = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * Checks answers against a form. `draft` checks shape and limits only (a draft may be incomplete and is always
 * kept); `submit` also asks for every required field and section. Attachments are checked against the uploaded
 * files passed in. Unknown keys are reported, never dropped silently.
 */
export function checkAnswers(
  fields: readonly TFormField[],
  answers: Answers,
  mode: 'draft' | 'submit',
  attachments: readonly { slot: string }[] = [],
): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const add = (path: string, c: FieldErrorCode, params?: Record<string, string | number>) =>
    problems.push(params ? { path, code: c, params } : { path, code: c });
  const known = new Set(fields.map((f) => f.key));
  for (const k of Object.keys(answers)) if (!known.has(k)) add(k, 'UNKNOWN_FIELD');

  for (const f of fields) {
    const v = answers[f.key];
    if (f.kind === 'attachment') {
      if (mode === 'submit' && f.required && !attachments.some((a) => a.slot === f.key)) add(f.key, 'FILE_REQUIRED');
      continue;
    }
    if (isBlank(v)) {
      if (mode === 'submit' && f.required) add(f.key, 'REQUIRED');
      continue;
    }
    switch (f.kind) {
      case 'short_text':
      case 'long_text': {
        if (typeof v !== 'string') {
          add(f.key, 'INVALID');
          break;
        }
        const count = countChars(v);
        if (count > f.maxChars) add(f.key, 'CJK_TOO_LONG', { max: f.maxChars, count });
        if (f.kind === 'long_text' && mode === 'submit') {
          if (count < f.minChars) add(f.key, 'CJK_TOO_SHORT', { min: f.minChars, count });
          const missing = f.sections.filter((s) => !v.includes(s));
          if (missing.length > 0) add(f.key, 'SECTIONS_MISSING', { sections: missing.join('、') });
        }
        break;
      }
      case 'number': {
        if (typeof v !== 'number' || !Number.isFinite(v)) add(f.key, 'INVALID');
        else if (f.integer && !Number.isInteger(v)) add(f.key, 'INTEGER_REQUIRED');
        else if (f.min !== null && v < f.min) add(f.key, 'TOO_SMALL', { min: f.min });
        else if (f.max !== null && v > f.max) add(f.key, 'TOO_LARGE', { max: f.max });
        break;
      }
      case 'date':
        if (typeof v !== 'string' || !isCalendarDate(v)) add(f.key, 'INVALID');
        break;
      case 'select': {
        const values = f.multiple ? v : [v];
        if (!Array.isArray(values) || values.some((x) => typeof x !== 'string' || !f.options.includes(x)))
          add(f.key, 'INVALID_CHOICE');
        break;
      }
      case 'yes_no':
        if (typeof v !== 'boolean') add(f.key, 'INVALID');
        break;
      case 'person': {
        const p = ZPerson.safeParse(v);
        if (!p.success) {
          add(f.key, 'INVALID');
          break;
        }
        if (mode === 'submit' && f.required && !p.data.name.trim()) add(`${f.key}.name`, 'REQUIRED');
        if (p.data.phone && !PHONE.test(p.data.phone)) add(`${f.key}.phone`, 'PHONE_INVALID');
        if (p.data.email && !EMAIL.test(p.data.email)) add(`${f.key}.email`, 'EMAIL_INVALID');
        break;
      }
      case 'table': {
        if (!Array.isArray(v) || v.some((row) => typeof row !== 'object' || row === null || Array.isArray(row))) {
          add(f.key, 'INVALID');
          break;
        }
        if (v.length > f.maxRows) add(f.key, 'TOO_MANY_ROWS', { max: f.maxRows, count: v.length });
        if (mode === 'submit' && v.length < f.minRows) add(f.key, 'TOO_FEW_ROWS', { min: f.minRows, count: v.length });
        v.forEach((row: Record<string, unknown>, i) => {
          for (const c of f.columns) {
            const cell = row[c.key];
            const path = `${f.key}.${i}.${c.key}`;
            if (isBlank(cell)) {
              if (mode === 'submit' && c.required) add(path, 'REQUIRED');
              continue;
            }
            if (c.kind === 'number' ? typeof cell !== 'number' : typeof cell !== 'string') add(path, 'INVALID');
            else if (typeof cell === 'string' && countChars(cell) > 100)
              add(path, 'CJK_TOO_LONG', { max: 100, count: countChars(cell) });
            else if (c.kind === 'select' && !c.options.includes(cell as string)) add(path, 'INVALID_CHOICE');
            else if (c.kind === 'phone' && !PHONE.test(cell as string)) add(path, 'PHONE_INVALID');
            else if (c.kind === 'email' && !EMAIL.test(cell as string)) add(path, 'EMAIL_INVALID');
          }
        });
        break;
      }
      case 'organization': {
        const ids = f.multiple ? v : [v];
        const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
        if (!Array.isArray(ids) || ids.some((x) => typeof x !== 'string' || !uuid.test(x))) add(f.key, 'INVALID');
        else if (ids.length > f.maxUnits) add(f.key, 'TOO_MANY_ROWS', { max: f.maxUnits, count: ids.length });
        else if (new Set(ids).size !== ids.length) add(f.key, 'DUPLICATE');
        break;
      }
    }
  }
  return problems;
}

/** The answers schema for transport: any JSON object; `checkAnswers` does the real work against the form version. */
export const ZAnswers = z.record(z.string(), z.unknown()).superRefine((answers, ctx) => {
  for (const [key, value] of Object.entries(answers)) {
    if (nestedDeeperThan(value, MAX_ANSWER_DEPTH)) {
      ctx.addIssue({ code: 'custom', message: 'TOO_DEEP', path: [key], params: { max: MAX_ANSWER_DEPTH } });
    }
  }
});

/** No field kind nests deeper than a table's rows of cells; anything deeper is refused before it is stored. */
export const MAX_ANSWER_DEPTH = 4;

/** Iterative, so that a hostile value nested thousands of levels deep cannot overflow the stack. */
function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}
