import { z } from 'zod';
import { ability } from './abilities.ts';
import { CERTIFICATION_LEVELS } from './accounts.ts';
import { ZId, ZIsoDateTime } from './fields.ts';

/**
 * Public voting (issue 9; S0-11, S0-14). The phase carrying `canVote` says when; these rules, campaign data edited
 * while the campaign is a draft, say who votes for what with which weight. Voting only ever feeds the popularity
 * award (最佳人气案例): nothing here is read by expert judging (S0-11).
 */
export const ZVoteWeights = z.object({
  /** S0-14: a registered user +1, a certified medical professional +15, a certified institution +50. */
  none: z.number().int().min(0).max(1000),
  professional: z.number().int().min(0).max(1000),
  institution: z.number().int().min(0).max(1000),
});
export type TVoteWeights = z.infer<typeof ZVoteWeights>;

export const ZVoteRules = z.object({
  /** Whether the campaign has public voting at all (its phase carrying canVote then says when). */
  enabled: z.boolean(),
  weights: ZVoteWeights,
  /** Themes whose passed entries are votable; empty: every theme. */
  themeIds: z.array(ZId).max(100),
  /** Tracks whose entries are votable (S1-2 县域专区 …); empty: every track and entries without one. */
  trackKeys: z.array(z.string().max(20)).max(20),
  /** At most this many votes per voter per Shanghai day across all entries of the campaign; null: no cap. */
  dailyCapPerVoter: z.number().int().min(1).max(1000).nullable(),
  /** Accounts younger than this many hours at the moment of the vote are refused (0: any age). */
  minAccountAgeHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 90),
  /** Only certified professionals and institutions may vote. */
  certifiedOnly: z.boolean(),
  /** Counts are shown to the public while voting runs; otherwise only after it ends (organizers always see them). */
  showCountsDuringPhase: z.boolean(),
  /** The popularity ranking takes this share of the votable entries of each theme (and track), rounded up. */
  popularityProportion: z.number().min(0).max(1),
});
export type TVoteRules = z.infer<typeof ZVoteRules>;

/** Seed 000's rules (S0-14), the template default. */
export const DEFAULT_VOTE_RULES: TVoteRules = {
  enabled: true,
  weights: { none: 1, professional: 15, institution: 50 },
  themeIds: [],
  trackKeys: [],
  dailyCapPerVoter: null,
  minAccountAgeHours: 0,
  certifiedOnly: false,
  showCountsDuringPhase: true,
  popularityProportion: 0.1,
};

export const VOTE_RULES_REFUSALS = ['FORBIDDEN', 'WRONG_STATUS'] as const;
export const ZVoteRulesView = z.object({
  campaignId: ZId,
  rules: ZVoteRules,
  /** The phases carrying canVote, for the public pages ("投票时间：3月16日–3月20日"). */
  windows: z.array(z.object({ label: z.string(), startsAt: ZIsoDateTime, endsAt: ZIsoDateTime })),
  abilities: z.object({ edit: ability(VOTE_RULES_REFUSALS) }),
});
export type TVoteRulesView = z.infer<typeof ZVoteRulesView>;

/** Why a vote is refused (each an error code of errors.ts). */
export const VOTE_REFUSALS = [
  'UNAUTHENTICATED',
  'VOTING_NOT_OPEN',
  'VOTING_CLOSED',
  'NOT_VOTABLE',
  'ALREADY_VOTED_TODAY',
  'DAILY_VOTE_CAP',
  'ACCOUNT_TOO_NEW',
  'CERTIFICATION_REQUIRED',
  'CHALLENGE_REQUIRED',
  'RATE_LIMITED',
] as const;
export type VoteRefusal = (typeof VOTE_REFUSALS)[number];

/**
 * The body of `POST /api/entries/:entryId/votes`. Only the idempotency key comes from the client: the weight and the
 * voter's level are the server's (a forged `weight` is ignored, not an error).
 */
export const ZCastVote = z.object({
  /** A retried request with the same key never counts twice; the answer is the first one's. */
  idempotencyKey: z
    .string()
    .min(8)
    .max(80)
    .regex(/^[A-Za-z0-9_-]+$/),
  /** A solved self-hosted challenge (altcha payload), when the server asked for one. */
  challenge: z.string().max(4000).optional(),
});
export type TCastVote = z.infer<typeof ZCastVote>;

export const ZVoteCount = z.object({
  entryId: ZId,
  /** Weighted total (S0-14: +1 / +15 / +50 per vote). */
  weight: z.number().int(),
  votes: z.number().int(),
  /** Votes an organizer voided (the entry page says that votes were voided). */
  voidedVotes: z.number().int(),
});
export type TVoteCount = z.infer<typeof ZVoteCount>;

export const ZVoteReceipt = z.object({
  voteId: ZId,
  entryId: ZId,
  /** The weight this vote added and the level it was taken from, at the moment of the vote. */
  weight: z.number().int(),
  level: z.enum(CERTIFICATION_LEVELS),
  castAt: ZIsoDateTime,
  /** When this voter may vote for this entry again: the next 00:00 Asia/Shanghai. */
  nextVoteAt: ZIsoDateTime,
  count: ZVoteCount,
  /** True when this answer repeats an earlier request's (same idempotency key). */
  replayed: z.boolean(),
});
export type TVoteReceipt = z.infer<typeof ZVoteReceipt>;

/** An entry's public vote card (phone first: title, hospital, theme, the big button). */
export const ZVoteCard = z.object({
  entryId: ZId,
  campaignId: ZId,
  number: z.string(),
  title: z.string(),
  organizationName: z.string(),
  theme: z.object({ id: ZId, code: z.string(), title: z.string() }),
  /** Null when counts are hidden during the phase. */
  count: ZVoteCount.nullable(),
  /** The caller's vote for this entry today, if any. */
  votedToday: z.boolean(),
  nextVoteAt: ZIsoDateTime.nullable(),
  /** What the caller's vote would weigh now (null when signed out). */
  myWeight: z.number().int().nullable(),
  windows: z.array(z.object({ label: z.string(), startsAt: ZIsoDateTime, endsAt: ZIsoDateTime })),
  abilities: z.object({ vote: ability(VOTE_REFUSALS) }),
});
export type TVoteCard = z.infer<typeof ZVoteCard>;

export const ZLeaderboardRow = z.object({
  rank: z.number().int(),
  entryId: ZId,
  number: z.string(),
  title: z.string(),
  organizationName: z.string(),
  weight: z.number().int(),
  votes: z.number().int(),
});
export const ZLeaderboard = z.object({
  campaignId: ZId,
  themeId: ZId,
  /** False while counts are hidden during the phase (rows then come in number order, without figures). */
  countsShown: z.boolean(),
  rows: z.array(ZLeaderboardRow),
});
export type TLeaderboard = z.infer<typeof ZLeaderboard>;

/** A live count change, as the SSE stream sends it (`event: count`). */
export const ZVoteCountEvent = ZVoteCount.extend({ campaignId: ZId, themeId: ZId });
export type TVoteCountEvent = z.infer<typeof ZVoteCountEvent>;
