import { z } from 'zod';
import { ZId, ZIsoDateTime } from './fields.ts';

/**
 * The popularity ranking (最佳人气案例, S0-11; issue 9 item 6), a read model for the organizer and, later, an input to
 * the awards: per theme (and per track where the campaign has tracks) the votable entries by weighted total, at most
 * one entry per hospital per theme, taken "by proportion". Voting decides nothing else: expert results never read it.
 *
 * - Order: weighted total (highest first), then more counted votes, then the earlier last vote (reached the total
 *   first), then the entry number.
 * - One per hospital per theme: a hospital's best-placed entry in the theme is its candidate; its other entries in
 *   that theme (in any track) are `skipped` (reason SAME_HOSPITAL, `skippedFor` naming the entry placed above them)
 *   and are neither ranked nor counted against the quota's places.
 * - Quota: ceil(proportion × votable entries of the group), the votable entries counting skipped ones too (the call
 *   says "按比例录取" of the entries); computed on the product rounded to 6 decimals first, so 0.1 × 30 is 3, not 4.
 * - An entry without any counted vote is never taken (`not_taken`, reason NO_VOTES) even inside the quota.
 */
export const POPULARITY_OUTCOMES = ['taken', 'not_taken', 'skipped'] as const;
export type PopularityOutcome = (typeof POPULARITY_OUTCOMES)[number];
export const POPULARITY_REASONS = ['SAME_HOSPITAL', 'BELOW_QUOTA', 'NO_VOTES'] as const;
export type PopularityReason = (typeof POPULARITY_REASONS)[number];

export const ZPopularityRow = z.object({
  /** 1, 2, 3 … among the group's candidates; null for a skipped entry. */
  position: z.number().int().nullable(),
  entryId: ZId,
  number: z.string(),
  title: z.string(),
  organizationId: ZId,
  organizationName: z.string(),
  trackKey: z.string().nullable(),
  weight: z.number().int(),
  votes: z.number().int(),
  lastVoteAt: ZIsoDateTime.nullable(),
  outcome: z.enum(POPULARITY_OUTCOMES),
  /** Why an entry is not taken: null when taken. */
  reason: z.enum(POPULARITY_REASONS).nullable(),
  /** For a skipped entry: the same hospital's entry placed above it in the theme. */
  skippedFor: ZId.nullable(),
});
export type TPopularityRow = z.infer<typeof ZPopularityRow>;

export const ZPopularityGroup = z.object({
  theme: z.object({ id: ZId, code: z.string(), title: z.string() }),
  /** The track, where the campaign has tracks (null: entries without a track, or a campaign without tracks). */
  track: z.object({ key: z.string(), label: z.string() }).nullable(),
  /** The votable entries of the group (passed, on the ballot), skipped ones included. */
  votable: z.number().int(),
  /** ceil(proportion × votable). */
  quota: z.number().int(),
  taken: z.number().int(),
  /** Candidates in order, then the skipped entries. */
  rows: z.array(ZPopularityRow),
});
export type TPopularityGroup = z.infer<typeof ZPopularityGroup>;

export const ZPopularity = z.object({
  campaignId: ZId,
  proportion: z.number(),
  /** When the counts were read (the ranking moves while voting runs). */
  asOf: ZIsoDateTime,
  groups: z.array(ZPopularityGroup),
});
export type TPopularity = z.infer<typeof ZPopularity>;
