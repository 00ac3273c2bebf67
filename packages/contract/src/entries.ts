import { z } from 'zod';
import { ability } from './abilities.ts';
import { countChars } from './cjk.ts';
import { code, ZDate, ZId, ZInt32, ZIsoDateTime, ZQueryInt32 } from './fields.ts';
import { ZAnswers, ZAttachment } from './forms.ts';

export const ENTRY_STATUSES = ['draft', 'submitted', 'returned', 'passed', 'excluded', 'withdrawn'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

/** The one transition table for entries (screening edges are used from the screening module, issue 3). */
export const ENTRY_TRANSITIONS = {
  draft: ['submitted', 'withdrawn'],
  submitted: ['passed', 'returned', 'excluded', 'withdrawn'],
  returned: ['submitted', 'excluded', 'withdrawn'],
  passed: [],
  excluded: [],
  withdrawn: [],
} as const satisfies Record<EntryStatus, readonly EntryStatus[]>;

export const ENTRY_LIMITS = { title: 100, summary: 600 } as const;

/** CJK characters count one each, whitespace not at all. */
const cjkText = (max: number) =>
  z
    .string()
    .max(max * 4, code('TOO_LONG'))
    .superRefine((value, ctx) => {
      const count = countChars(value);
      if (count > max) ctx.addIssue({ code: 'custom', message: 'CJK_TOO_LONG', params: { max, count } });
    });

export const ZEntryFields = z.object({
  title: z.string().trim().min(1, code('REQUIRED')).max(ENTRY_LIMITS.title, code('TOO_LONG')),
  summary: cjkText(ENTRY_LIMITS.summary),
});

export const ZCreateEntryInput = ZEntryFields.partial().extend({
  themeId: ZId,
  title: ZEntryFields.shape.title,
  answers: ZAnswers.optional(),
});
export type TCreateEntryInput = z.infer<typeof ZCreateEntryInput>;

/** A save names the version it was edited from; a stale one is refused, never merged silently. */
export const ZSaveEntryInput = ZEntryFields.partial().extend({
  version: ZInt32.min(1),
  /** Answers to the form's fields; keys not sent keep their value, a null clears one. */
  answers: ZAnswers.optional(),
});
export type TSaveEntryInput = z.infer<typeof ZSaveEntryInput>;

export const ZSubmitEntryInput = z.object({ version: ZInt32.min(1), consent: z.literal(true, code('REQUIRED')) });

export const SCREENING_DECISIONS = ['pass', 'return', 'exclude'] as const;
export type ScreeningDecision = (typeof SCREENING_DECISIONS)[number];

export const ZScreeningNote = z.object({
  decision: z.enum(SCREENING_DECISIONS),
  reasons: z.string(),
  suggestions: z.string(),
  correctionDeadline: ZIsoDateTime.nullable(),
  decidedAt: ZIsoDateTime,
});

export const ZEntry = z.object({
  id: ZId,
  campaignId: ZId,
  theme: z.object({ id: ZId, code: z.string(), title: z.string() }),
  organization: z.object({ id: ZId, name: z.string() }),
  title: z.string(),
  summary: z.string(),
  status: z.enum(ENTRY_STATUSES),
  version: z.number().int(),
  /** The form version the entry is written under; it keeps it when the organizer edits the form later. */
  formVersion: z.number().int(),
  answers: ZAnswers,
  attachments: z.array(ZAttachment),
  /** S1-3: the other units of a joint entry (from the form's organization fields); they may read it. */
  partnerIds: z.array(ZId),
  /** S1-2: the track the entry ranks in, if the campaign has tracks. */
  track: z.string().nullable(),
  /** S3-5: while returned, the end of the correction period. */
  correctionDeadline: ZIsoDateTime.nullable(),
  /** S0-8: while submitted, when the first screening is due (2 working days, Asia/Shanghai), so the applicant knows. */
  screeningDueAt: ZIsoDateTime.nullable(),
  number: z.string().nullable(),
  submittedAt: ZIsoDateTime.nullable(),
  updatedAt: ZIsoDateTime,
  /** The latest screening decision the applicant may read (reasons, suggestions, correction deadline). */
  screening: ZScreeningNote.nullable(),
});
export type TEntry = z.infer<typeof ZEntry>;

/**
 * What the caller may do with an entry now (issue 8 item 3): `true`, or the typed reason the matching write route
 * refuses with. Computed by the same policy functions the write routes ask (`entries.policy.ts`), so the web app
 * shows buttons from these and never restates the transition table.
 */
export const ENTRY_REFUSALS = [
  'FORBIDDEN',
  'RECUSED',
  'WRONG_STATUS',
  'PHASE_CLOSED',
  'CORRECTION_CLOSED',
  'WRONG_PHASE',
] as const;
export type EntryRefusal = (typeof ENTRY_REFUSALS)[number];
const ZAbility = ability(ENTRY_REFUSALS);
export const ENTRY_ACTIONS = ['edit', 'upload', 'submit', 'withdraw', 'screen'] as const;
export type EntryAction = (typeof ENTRY_ACTIONS)[number];
export const ZEntryAbilities = z.object({
  /** Save the text (PATCH /api/entries/:id) and remove attachments. */
  edit: ZAbility,
  /** Upload an attachment (POST /api/uploads). */
  upload: ZAbility,
  /** Submit, or resubmit a returned entry (POST /api/entries/:id/submit); completeness is checked on submission. */
  submit: ZAbility,
  withdraw: ZAbility,
  /** Decide it (POST /api/entries/:id/screening). */
  screen: ZAbility,
});
export type TEntryAbilities = z.infer<typeof ZEntryAbilities>;
/** An entry as its reader gets it: with the reader's abilities. */
export const ZEntryView = ZEntry.extend({ abilities: ZEntryAbilities });
export type TEntryView = z.infer<typeof ZEntryView>;
export const ZEntryList = z.object({ items: z.array(ZEntryView) });

/** S0-8 / S3-5: a return names reasons and suggestions and a correction deadline (a Shanghai calendar date). */
export const ZScreeningInput = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('pass') }),
  z.object({
    decision: z.literal('return'),
    reasons: z.string().trim().min(2, code('TOO_SHORT')).max(1000, code('TOO_LONG')),
    suggestions: z.string().trim().max(1000, code('TOO_LONG')).default(''),
    correctionDeadline: ZDate,
  }),
  z.object({ decision: z.literal('exclude'), reasons: z.string().trim().min(2, code('TOO_SHORT')).max(1000, code('TOO_LONG')) }),
]);
export type TScreeningInput = z.infer<typeof ZScreeningInput>;

export const ZQueueItem = ZEntry.extend({
  /** S0-8: the end of the second working day after submission, Asia/Shanghai. */
  dueAt: ZIsoDateTime.nullable(),
  overdue: z.boolean(),
  /** Resubmitted after a return: the screener looks at what changed since the last round. */
  resubmission: z.boolean(),
  /** The caller's abilities on the item (issue 8 item 3): the drawer shows the decision buttons only when `screen` is true. */
  abilities: z.object({ screen: ZAbility }),
});
/**
 * The queue's tabs (issue 8 item 13): 待审 every entry awaiting screening, 超时 those of them past their due time
 * (a subset of 待审), and the entries decided as returned, passed or not accepted.
 */
export const SCREENING_TABS = ['pending', 'returned', 'passed', 'excluded', 'overdue'] as const;
export type ScreeningTab = (typeof SCREENING_TABS)[number];
export const ZScreeningQueue = z.object({
  items: z.array(ZQueueItem),
  /** Entries per tab under the same theme and search filter, counted by the server in one query. */
  counts: z.object({
    pending: z.number().int(),
    returned: z.number().int(),
    passed: z.number().int(),
    excluded: z.number().int(),
    overdue: z.number().int(),
  }),
});

/** What the public sees of a passed entry (S0-8: passed entries appear on the theme page). */
export const ZPublicEntry = z.object({
  id: ZId,
  number: z.string(),
  title: z.string(),
  summary: z.string(),
  organization: z.string(),
  theme: z.object({ id: ZId, code: z.string(), title: z.string() }),
});
export type TPublicEntry = z.infer<typeof ZPublicEntry>;
export const ZPublicEntryQuery = z.object({
  themeId: ZId.optional(),
  q: z.string().trim().max(100, code('TOO_LONG')).optional(),
  page: ZQueryInt32.min(1).default(1),
  pageSize: ZQueryInt32.min(1).max(100).default(20),
});
/**
 * A search counts its matches only up to this many (S0-14: voters look for one entry; counting thousands of
 * matches on every request is what made a common term slow). Beyond it the page says "1,000+".
 */
export const PUBLIC_SEARCH_COUNT_CAP = 1000;
export const ZPublicEntryPage = z.object({
  items: z.array(ZPublicEntry),
  /** Matches; for a search at most PUBLIC_SEARCH_COUNT_CAP. */
  total: z.number().int(),
  /** True when a search has more matches than `total` (the count stopped at the cap). */
  totalCapped: z.boolean(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type TPublicEntryPage = z.infer<typeof ZPublicEntryPage>;

export const ZWithdrawInput = z.object({ reason: z.string().trim().max(500, code('TOO_LONG')).default('') });

/** What changed between two versions of an entry: the screener's "since the last round" view. */
export const ZEntryChange = z.object({
  field: z.string(),
  label: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export const ZEntryChanges = z.object({
  fromVersion: z.number().int().nullable(),
  toVersion: z.number().int(),
  changes: z.array(ZEntryChange),
});

export const ZEntryVersion = z.object({
  version: z.number().int(),
  title: z.string(),
  summary: z.string(),
  answers: ZAnswers,
  savedAt: ZIsoDateTime,
  savedBy: z.string(),
});
/** A file that is or was in one of the entry's attachment slots (X-6: replaced and removed files are kept). */
export const ZAttachmentVersion = z.object({
  slot: z.string(),
  fileId: ZId,
  name: z.string(),
  size: z.number().int(),
  type: z.string(),
  pptx: z.object({ slides: z.number().int(), copyrightPage: z.boolean(), animatedSlides: z.number().int() }).nullable(),
  /** The entry's text version when the file arrived. */
  entryVersion: z.number().int(),
  uploadedAt: ZIsoDateTime,
  uploadedBy: z.string(),
  /** When a newer file took the slot or the slot was emptied; null while it is the slot's file. */
  replacedAt: ZIsoDateTime.nullable(),
  current: z.boolean(),
  downloadUrl: z.string(),
});
export type TAttachmentVersion = z.infer<typeof ZAttachmentVersion>;
/** Every saved text version, oldest first, and every file of every slot, per slot oldest first. */
export const ZEntryVersions = z.object({ items: z.array(ZEntryVersion), files: z.array(ZAttachmentVersion) });

/**
 * Why a screener may not decide an entry: they belong to the entering hospital or a joint applicant, no phase
 * that allows screening is running (WRONG_PHASE, issue 8 item 5), or the entry is not submitted. The single decision
 * and every bulk path use the same rule; the web app translates it.
 */
export const SCREENING_REFUSALS = ['RECUSED', 'WRONG_PHASE', 'WRONG_STATUS'] as const;
export type ScreeningRefusal = (typeof SCREENING_REFUSALS)[number];

/** Bulk screening: plan (what would happen to each entry) → preview → apply exactly the previewed plan. */
export const ZBulkPlanInput = z.object({
  entryIds: z.array(ZId).min(1, code('REQUIRED')).max(500, code('TOO_LONG')),
  decision: ZScreeningInput,
});
export const ZBulkPlanItem = z.object({
  entryId: ZId,
  number: z.string().nullable(),
  title: z.string(),
  organization: z.string(),
  from: z.enum(ENTRY_STATUSES),
  to: z.enum(ENTRY_STATUSES).nullable(),
  /** Why this entry is skipped (the screening rule's typed reason), null when it will change. */
  skip: z.enum(SCREENING_REFUSALS).nullable(),
});
export const ZBulkPlan = z.object({
  id: ZId,
  status: z.enum(['planned', 'applied']),
  decision: z.enum(SCREENING_DECISIONS),
  items: z.array(ZBulkPlanItem),
  willChange: z.number().int(),
  willSkip: z.number().int(),
  createdAt: ZIsoDateTime,
  appliedAt: ZIsoDateTime.nullable(),
});
export type TBulkPlan = z.infer<typeof ZBulkPlan>;

/**
 * Resumable uploads (the tus protocol, POST /api/uploads) into an entry's attachment slot: what the client names in
 * the `Upload-Metadata` header. The size comes from `Upload-Length`, checked against the slot before a byte is sent.
 */
export const ZUploadMetadata = z.object({
  entryId: ZId,
  slot: z.string().min(1, code('REQUIRED')).max(40, code('TOO_LONG')),
  filename: z.string().trim().min(1, code('REQUIRED')).max(200, code('TOO_LONG')),
});
export type TUploadMetadata = z.infer<typeof ZUploadMetadata>;
/** What the request that sends the last byte answers (200, with the tus headers) once the file is in its slot. */
export const ZUpload = z.object({
  id: ZId,
  slot: z.string(),
  name: z.string(),
  size: z.number().int(),
  /** Bytes the server holds; the next chunk starts here. */
  offset: z.number().int(),
  complete: z.boolean(),
  attachment: ZAttachment.nullable(),
});
export type TUpload = z.infer<typeof ZUpload>;

export const ZNotification = z.object({
  id: ZId,
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  /** The notice template (notices.ts) and params when the notice has one: the web re-renders it on a language switch. */
  template: z.string().nullable(),
  params: z.record(z.string(), z.unknown()).nullable(),
  link: z.string().nullable(),
  createdAt: ZIsoDateTime,
  readAt: ZIsoDateTime.nullable(),
});
export const ZNotifications = z.object({ items: z.array(ZNotification), unread: z.number().int() });
