import { z } from 'zod';
import { ability } from './abilities.ts';
import { CERTIFICATION_LEVELS } from './accounts.ts';
import { ZId, ZIsoDateTime } from './fields.ts';

/**
 * Fraud defence of public voting (issue 9 item 5, S0-14 "尽一切可能杜绝刷票"): the self-hosted challenge, the
 * organizer's voting dashboard and voiding through plan -> preview -> apply.
 */

/** `GET /api/voting/challenge`: an ALTCHA (v2) proof-of-work challenge, as the altcha widget takes it. */
export const ZVoteChallenge = z.object({
  parameters: z.object({
    algorithm: z.string(),
    nonce: z.string(),
    salt: z.string(),
    cost: z.number().int(),
    keyLength: z.number().int(),
    keyPrefix: z.string(),
    keySignature: z.string().optional(),
    memoryCost: z.number().int().optional(),
    parallelism: z.number().int().optional(),
    expiresAt: z.number().optional(),
    /** { tier, net, exp }: signed; the tier (1-3) says how much work it asks. */
    data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  }),
  signature: z.string(),
});
export type TVoteChallenge = z.infer<typeof ZVoteChallenge>;

const ZLevelFigures = z.object({ votes: z.number().int(), weight: z.number().int() });

export const VOTE_VOID_REFUSALS = ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'WRONG_STATUS', 'PLAN_STALE'] as const;

/** A network, address or device with many votes. */
export const ZVoteSource = z.object({ key: z.string(), votes: z.number().int(), voters: z.number().int() });

export const FLAG_KINDS = ['burst', 'fresh-accounts', 'ring', 'shared-device', 'subnet'] as const;

/** `GET /api/campaigns/:campaignId/voting/dashboard` (organizer's managers and screeners, platform staff). */
export const ZVotingDashboard = z.object({
  campaignId: ZId,
  generatedAt: ZIsoDateTime,
  /** Counted votes (voided ones apart). */
  totals: z.object({
    votes: z.number().int(),
    weight: z.number().int(),
    voters: z.number().int(),
    voidedVotes: z.number().int(),
  }),
  themes: z.array(z.object({ id: ZId, code: z.string(), title: z.string() })),
  /** Counted votes per Beijing-time hour ('2026-03-16 09:00') per theme, hours in order. */
  hourly: z.array(z.object({ hour: z.string(), themeId: ZId, votes: z.number().int(), weight: z.number().int() })),
  /** Every entry with votes, by weight (the leaderboard's order), with the weight by the voter's level. */
  entries: z.array(
    z.object({
      entryId: ZId,
      themeId: ZId,
      number: z.string().nullable(),
      title: z.string(),
      organizationName: z.string(),
      votes: z.number().int(),
      weight: z.number().int(),
      voidedVotes: z.number().int(),
      byLevel: z.object(
        Object.fromEntries(CERTIFICATION_LEVELS.map((l) => [l, ZLevelFigures])) as Record<
          (typeof CERTIFICATION_LEVELS)[number],
          typeof ZLevelFigures
        >,
      ),
    }),
  ),
  /** Counted votes cast by accounts younger than 24 h at the moment of the vote. */
  newAccounts: z.object({ votes: z.number().int(), voters: z.number().int(), share: z.number() }),
  /** The ten sources with most counted votes each. */
  topIps: z.array(ZVoteSource),
  topSubnets: z.array(ZVoteSource),
  topDevices: z.array(ZVoteSource),
  /** The detector's findings; `key` selects the finding's votes in a void plan (`flagKeys`). */
  flags: z.array(
    z.object({
      kind: z.enum(FLAG_KINDS),
      key: z.string(),
      votes: z.number().int(),
      voters: z.number().int(),
      entryIds: z.array(ZId),
      figures: z.record(z.string(), z.number()),
      summary: z.object({ 'zh-CN': z.string(), en: z.string() }),
    }),
  ),
  abilities: z.object({ void: ability(VOTE_VOID_REFUSALS) }),
});
export type TVotingDashboard = z.infer<typeof ZVotingDashboard>;

/** `POST /api/campaigns/:campaignId/voting/voids`: what to void, and why (audited). At least one selector. */
export const ZVoteVoidInput = z
  .object({
    reason: z.string().trim().min(2).max(500),
    voteIds: z.array(ZId).max(10_000).default([]),
    voterIds: z.array(ZId).max(10_000).default([]),
    flagKeys: z.array(z.string().max(200)).max(100).default([]),
  })
  .refine((v) => v.voteIds.length + v.voterIds.length + v.flagKeys.length > 0, {
    path: ['voteIds'],
    message: 'REQUIRED',
  });
export type TVoteVoidInput = z.input<typeof ZVoteVoidInput>;

/** `POST …/voting/voids/:id/revert`: why the votes count again (audited). */
export const ZVoteVoidRevertInput = z.object({ reason: z.string().trim().min(2).max(500) });

const ZFigure = z.object({ before: z.number().int(), after: z.number().int() });

/** One entry the void touches: its count and its rank in its theme (weight, votes, first to reach, number). */
export const ZVoteVoidPreviewEntry = z.object({
  entryId: ZId,
  themeId: ZId,
  number: z.string().nullable(),
  title: z.string(),
  votes: ZFigure,
  weight: ZFigure,
  rank: ZFigure,
});

export const VOTE_VOID_STATUSES = ['planned', 'applied', 'reverted', 'discarded'] as const;

export const ZVoteVoid = z.object({
  id: ZId,
  campaignId: ZId,
  status: z.enum(VOTE_VOID_STATUSES),
  reason: z.string(),
  selection: z.object({ voteIds: z.array(ZId), voterIds: z.array(ZId), flagKeys: z.array(z.string()) }),
  /** The votes the selection resolved to when planned: applying voids exactly these. */
  votes: z.number().int(),
  weight: z.number().int(),
  /** Counts and ranks as planned: before, and after applying. */
  preview: z.array(ZVoteVoidPreviewEntry),
  createdAt: ZIsoDateTime,
  appliedAt: ZIsoDateTime.nullable(),
  revertedAt: ZIsoDateTime.nullable(),
  abilities: z.object({ apply: ability(VOTE_VOID_REFUSALS), revert: ability(VOTE_VOID_REFUSALS) }),
});
export type TVoteVoid = z.infer<typeof ZVoteVoid>;

/** `GET /api/campaigns/:campaignId/voting/voids`: the campaign's voids, newest first (at most 100). */
export const ZVoteVoidList = z.object({ voids: z.array(ZVoteVoid) });
export type TVoteVoidList = z.infer<typeof ZVoteVoidList>;
