import { z } from 'zod';
import { code, ZId, ZIsoDateTime } from './fields.ts';

export const CAMPAIGN_STATUSES = ['draft', 'published', 'closed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** The one transition table for campaigns; the server's writer checks edges against it. */
export const CAMPAIGN_TRANSITIONS = {
  draft: ['published'],
  published: ['closed'],
  closed: [],
} as const satisfies Record<CampaignStatus, readonly CampaignStatus[]>;

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

export const ZCampaign = z.object({
  id: ZId,
  title: z.string(),
  status: z.enum(CAMPAIGN_STATUSES),
  organizer: z.object({ id: ZId, name: z.string() }),
  templateKey: z.string().nullable(),
  eligibility: z.string(),
  consent: z.string(),
  themes: z.array(ZTheme),
  phases: z.array(ZPhase),
  attachments: z.array(ZAttachmentSlot),
  /** The phase running now (by the server's clock), if any. */
  currentPhase: z.string().nullable(),
  publishedAt: ZIsoDateTime.nullable(),
});
export type TCampaign = z.infer<typeof ZCampaign>;

export const ZCampaignSummary = ZCampaign.pick({ id: true, title: true, status: true, organizer: true, currentPhase: true });
export const ZCampaignList = z.object({ items: z.array(ZCampaignSummary) });

export const CAMPAIGN_TEMPLATES = ['seed-000'] as const;
export const ZCreateCampaignInput = z.object({
  templateKey: z.enum(CAMPAIGN_TEMPLATES, code('INVALID_CHOICE')),
  organizerId: ZId,
});
export type TCreateCampaignInput = z.infer<typeof ZCreateCampaignInput>;
