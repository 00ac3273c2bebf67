import type { TVoteRules, VoteRefusal } from '@casearena/contract';
import { formatShanghai, shanghaiDate, shanghaiMidnight } from '../../platform/clock/index.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { CampaignPhases } from '../campaigns/index.ts';
import { accountAgeParams, type VoterFacts, votingWindowParams } from './voting.policy.ts';

interface RefusalFacts {
  rules: TVoteRules | null;
  phases: CampaignPhases | null;
  voter: VoterFacts | null;
  now: Date;
}

type Params = Record<string, string | number> | undefined;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The next 00:00 Asia/Shanghai after `now`, in Beijing time text: when the voter's next vote opens (S0-14). */
export const nextVoteText = (now: Date) => formatShanghai(new Date(shanghaiMidnight(shanghaiDate(now)).getTime() + DAY_MS));

/** The localized message's parameters of each refusal (errors.ts), so the voter reads the dates in Beijing time. */
const PARAMS = {
  UNAUTHENTICATED: () => undefined,
  VOTING_NOT_OPEN: ({ phases }) => votingWindowParams(phases),
  VOTING_CLOSED: ({ phases }) => votingWindowParams(phases),
  NOT_VOTABLE: () => undefined,
  ALREADY_VOTED_TODAY: ({ now }) => ({ next: nextVoteText(now) }),
  DAILY_VOTE_CAP: ({ rules, now }) => ({ cap: rules?.dailyCapPerVoter ?? 0, next: nextVoteText(now) }),
  ACCOUNT_TOO_NEW: ({ rules, voter }) => (rules && voter ? accountAgeParams(rules, voter) : undefined),
  CERTIFICATION_REQUIRED: () => undefined,
  CHALLENGE_REQUIRED: () => undefined,
  RATE_LIMITED: () => undefined,
} satisfies Record<VoteRefusal, (facts: RefusalFacts) => Params>;

export function refusalError(refusal: VoteRefusal, facts: RefusalFacts): AppError {
  return new AppError(refusal, PARAMS[refusal](facts));
}
