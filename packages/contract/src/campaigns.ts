import { z } from 'zod';
import { ability } from './abilities.ts';
import { code, ZDate, ZId, ZIsoDateTime } from './fields.ts';
import { ORG_KINDS } from './orgs.ts';

export const CAMPAIGN_STATUSES = ['draft', 'published', 'closed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** The one transition table for campaigns; the server's writer checks edges against it. */
export const CAMPAIGN_TRANSITIONS = {
  draft: ['published'],
  published: ['closed'],
  closed: [],
} as const satisfies Record<CampaignStatus, readonly CampaignStatus[]>;

/**
 * Where a published call stands (issue 8 item 11): upcoming before its first phase opens, finished once it is closed
 * or its last phase has ended, running in between (a gap between two phases included).
 */
export const CAMPAIGN_STAGES = ['upcoming', 'running', 'finished'] as const;
export type CampaignStage = (typeof CAMPAIGN_STAGES)[number];

/** Capability flags a phase may carry (STYLE 8: code asks the phase, never the wall clock). */
export const PHASE_CAPABILITIES = ['canSubmit', 'canScreen', 'canVote', 'canScore', 'live'] as const;
export type PhaseCapability = (typeof PHASE_CAPABILITIES)[number];

export const ZTheme = z.object({ id: ZId, code: z.string(), title: z.string(), directions: z.string() });
export const ZPhase = z.object({
  key: z.string(),
  label: z.string(),
  /** Instants; a phase runs from 00:00 of its first to 23:59:59.999 of its last day in Asia/Shanghai. */
  startsAt: ZIsoDateTime,
  endsAt: ZIsoDateTime,
  capabilities: z.array(z.enum(PHASE_CAPABILITIES)),
});
export const ZAttachmentSlot = z.object({
  key: z.string(),
  label: z.string(),
  required: z.boolean(),
  types: z.array(z.string()),
  maxBytes: z.number().int(),
});

/**
 * Who may enter (S0-1 prefecture level and above; S2-1 county hospitals of one province). Empty means anyone with an
 * organization. Checked on creating and on submitting an entry, each failure naming the rule.
 */
export const ZEligibilityRules = z.object({
  orgKinds: z.array(z.enum(ORG_KINDS)).default([]),
  /** 'exclude': county-level institutions may not enter (S0-1); 'only': only they may (S2-1). */
  countyLevel: z.enum(['any', 'exclude', 'only']).default('any'),
  provinceCodes: z.array(z.string().regex(/^\d{6}$/)).default([]),
});
export type TEligibilityRules = z.infer<typeof ZEligibilityRules>;

/** Tracks rank separately (S1-2 县域专区); an entry joins the first track its organization qualifies for. */
export const ZTrack = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,19}$/),
  label: z.string().trim().min(1).max(30),
  countyLevelOnly: z.boolean().default(false),
});
export type TTrack = z.infer<typeof ZTrack>;

export const ZEntryRules = z.object({
  /** S0-6: one entry per organization per theme (a branch is its own organization). */
  onePerOrganizationPerTheme: z.boolean().default(true),
  /** S1-4: a case may not go to several themes — at most this many entries per organization in the campaign. */
  maxPerOrganization: z.number().int().min(1).max(100).nullable().default(null),
  /** At most this many live entries per department of an organization, by the form's department answer. */
  maxPerDepartment: z.number().int().min(1).max(100).nullable().default(null),
  departmentField: z.string().max(40).default('department'),
});
export type TEntryRules = z.infer<typeof ZEntryRules>;

export const ZDownload = z.object({ label: z.string(), fileId: ZId, name: z.string(), size: z.number().int() });

export const ZCampaign = z.object({
  id: ZId,
  title: z.string(),
  status: z.enum(CAMPAIGN_STATUSES),
  organizer: z.object({ id: ZId, name: z.string() }),
  templateKey: z.string().nullable(),
  /** Sanitized HTML (only a small allow-list of tags survives). */
  introduction: z.string(),
  eligibility: z.string(),
  eligibilityRules: ZEligibilityRules,
  tracks: z.array(ZTrack),
  entryRules: ZEntryRules,
  consent: z.string(),
  /** The form version new entries are written under. */
  formVersion: z.number().int(),
  downloads: z.array(ZDownload),
  themes: z.array(ZTheme),
  phases: z.array(ZPhase),
  attachments: z.array(ZAttachmentSlot),
  /** The phase running now (by the server's clock), if any. */
  currentPhase: z.string().nullable(),
  /** Its label, for lists that do not carry the phases. */
  currentPhaseLabel: z.string().nullable(),
  /** Where the call stands by the server's clock (never the browser's); see `campaignStage` on the server. */
  stage: z.enum(CAMPAIGN_STAGES),
  /** When the first phase opens (an upcoming call shows it), null without phases. */
  opensAt: ZIsoDateTime.nullable(),
  /** The end of the running phase, or of the next one in a gap between phases; null once the call has finished. */
  nextDeadline: z.object({ phase: z.string(), label: z.string(), at: ZIsoDateTime }).nullable(),
  publishedAt: ZIsoDateTime.nullable(),
});
export type TCampaign = z.infer<typeof ZCampaign>;

/**
 * What the caller may do with a campaign now (issue 8 item 3): `true` or the code the route refuses with, from the
 * policy functions in `campaigns.policy.ts` that the routes and the writer ask. Publishing may still be refused as
 * CAMPAIGN_INCOMPLETE: completeness is not a permission, the publish check names what is missing.
 */
export const CAMPAIGN_REFUSALS = ['FORBIDDEN', 'WRONG_STATUS'] as const;
export type CampaignRefusal = (typeof CAMPAIGN_REFUSALS)[number];
export const ZCampaignAbilities = z.object({
  /** Correct the texts (PATCH /api/campaigns/:id): managers, until the call is closed. */
  edit: ability(CAMPAIGN_REFUSALS),
  /** Change who may enter and when (themes, phases, eligibility, entry rules, tracks in the PATCH): managers, drafts only. */
  editRules: ability(CAMPAIGN_REFUSALS),
  /** POST /api/campaigns/:id/publish */
  publish: ability(CAMPAIGN_REFUSALS),
  /** POST /api/campaigns/:id/close */
  close: ability(CAMPAIGN_REFUSALS),
});
export type TCampaignAbilities = z.infer<typeof ZCampaignAbilities>;
/** A campaign as its reader gets it: with the reader's abilities. */
export const ZCampaignView = ZCampaign.extend({ abilities: ZCampaignAbilities });
export type TCampaignView = z.infer<typeof ZCampaignView>;

export const ZCampaignSummary = ZCampaign.pick({
  id: true,
  title: true,
  status: true,
  organizer: true,
  currentPhase: true,
  currentPhaseLabel: true,
  stage: true,
  opensAt: true,
  nextDeadline: true,
});
export const ZCampaignList = z.object({ items: z.array(ZCampaignSummary) });

export const CAMPAIGN_TEMPLATES = ['seed-000'] as const;
export const ZCreateCampaignInput = z.object({
  templateKey: z.enum(CAMPAIGN_TEMPLATES, code('INVALID_CHOICE')),
  organizerId: ZId,
  /**
   * The day submission opens (Asia/Shanghai, today or later); the template's phases move with it and keep their
   * lengths and gaps. Without it the template's own dates are kept (a past call rebuilt as it ran).
   */
  opensOn: ZDate.optional(),
});
export type TCreateCampaignInput = z.infer<typeof ZCreateCampaignInput>;

const isoDate = ZDate;

/** A theme as the organizer writes it (S0-3: a title and its recommended directions). */
export const ZThemeInput = z.object({
  code: z.string().regex(/^[A-Z][A-Z0-9]{1,5}$/, code('INVALID')),
  title: z.string().trim().min(2, code('TOO_SHORT')).max(60, code('TOO_LONG')),
  directions: z.string().trim().max(2000, code('TOO_LONG')).default(''),
});

/** A phase in Shanghai calendar days: from 00:00 of `start` to the end of `end`. */
export const ZPhaseInput = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]{0,29}$/, code('INVALID')),
    label: z.string().trim().min(1, code('REQUIRED')).max(30, code('TOO_LONG')),
    start: isoDate,
    end: isoDate,
    capabilities: z.array(z.enum(PHASE_CAPABILITIES)).default([]),
  })
  .refine((p) => p.start <= p.end, { ...code('INVALID'), path: ['end'] });

const uniqueBy =
  <T>(pick: (item: T) => string, field: string) =>
  (items: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(pick(item))) ctx.addIssue({ code: 'custom', message: 'DUPLICATE', path: [i, field] });
      seen.add(pick(item));
    });
  };

/** What an organizer may change on a campaign; themes, phases and the rules of entry only while it is a draft. */
export const ZUpdateCampaignInput = z.object({
  themes: z
    .array(ZThemeInput)
    .min(1, code('REQUIRED'))
    .max(30, code('TOO_LONG'))
    .superRefine(uniqueBy((t) => t.code, 'code'))
    .optional(),
  phases: z
    .array(ZPhaseInput)
    .min(1, code('REQUIRED'))
    .max(12, code('TOO_LONG'))
    .superRefine(uniqueBy((p) => p.key, 'key'))
    .superRefine((phases, ctx) => {
      phases.forEach((p, i) => {
        const before = phases[i - 1];
        if (before && p.start < before.start) ctx.addIssue({ code: 'custom', message: 'PHASE_ORDER', path: [i, 'start'] });
      });
    })
    .optional(),
  title: z.string().trim().min(2, code('TOO_SHORT')).max(100, code('TOO_LONG')).optional(),
  introduction: z.string().max(20000, code('TOO_LONG')).optional(),
  eligibility: z.string().trim().max(500, code('TOO_LONG')).optional(),
  eligibilityRules: ZEligibilityRules.optional(),
  tracks: z.array(ZTrack).max(5).optional(),
  entryRules: ZEntryRules.optional(),
  consent: z.string().trim().min(2, code('TOO_SHORT')).max(2000, code('TOO_LONG')).optional(),
});
export type TUpdateCampaignInput = z.infer<typeof ZUpdateCampaignInput>;

export const ORGANIZER_ROLES = ['manager', 'screener'] as const;
export type OrganizerRole = (typeof ORGANIZER_ROLES)[number];
export const ZOrganizerMember = z.object({
  userId: ZId,
  name: z.string(),
  email: z.string().nullable(),
  role: z.enum(ORGANIZER_ROLES),
});
export const ZOrganizerMembers = z.object({ items: z.array(ZOrganizerMember) });
export const ZAddOrganizerMemberInput = z.object({
  identifier: z.string().trim().min(1, code('REQUIRED')).max(254, code('TOO_LONG')),
  role: z.enum(ORGANIZER_ROLES, code('INVALID_CHOICE')),
});

/** A phase as a template lays it out, in Shanghai calendar days. */
export const ZTemplatePhase = z.object({ key: z.string(), label: z.string(), start: ZDate, end: ZDate });

/**
 * A template an organizer may start a call from (issue 8 item 12): named by the call it comes from and its years,
 * with its phases moved so that submission opens tomorrow by the server's clock (to adjust after creating).
 */
export const ZCampaignTemplate = z.object({
  key: z.enum(CAMPAIGN_TEMPLATES),
  /** E.g. 第七季改善医疗服务行动全国医院擂台赛（2021–2022） */
  name: z.string(),
  call: z.string(),
  organizer: z.string(),
  years: z.string(),
  themes: z.number().int(),
  opensOn: ZDate,
  phases: z.array(ZTemplatePhase),
});
/** The templates, the organizers the caller may start a call for, and whether they may start one at all. */
export const ZCampaignTemplates = z.object({
  items: z.array(ZCampaignTemplate),
  organizers: z.array(z.object({ id: ZId, name: z.string() })),
  abilities: z.object({ createCampaign: z.boolean() }),
});
export type TCampaignTemplates = z.infer<typeof ZCampaignTemplates>;

/** What publishing would say now: problems refuse it (CAMPAIGN_INCOMPLETE), warnings do not. */
const ZPublishFinding = z.object({
  path: z.string(),
  code: z.string(),
  message: z.string(),
  params: z.record(z.string(), z.string()).optional(),
});
export const ZPublishCheck = z.object({ problems: z.array(ZPublishFinding), warnings: z.array(ZPublishFinding) });
