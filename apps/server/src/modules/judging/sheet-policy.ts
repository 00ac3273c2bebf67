import type { SheetRefusal, SheetStatus, TSheetAbilities } from '@casearena/contract';
import { formatShanghai } from '../../platform/clock/index.ts';
import { AppError } from '../../platform/http/errors.ts';
import { type CampaignPhases, whyNotScore } from '../campaigns/index.ts';
import type { judgingRounds } from './judging.tables.ts';

type RoundFacts = Pick<typeof judgingRounds.$inferSelect, 'status' | 'opensAt' | 'closesAt'>;

/**
 * Whether a round takes scores now (issue 10 item 4): it is open, between its opening and its deadline (both
 * included), and its campaign runs a phase that allows scoring (canScore, the campaigns module's phase rule). Before
 * that ROUND_NOT_OPEN; after the deadline, a closed or frozen round, or a campaign past its scoring phases
 * ROUND_CLOSED. Time is the caller's `now` (ctx.clock).
 */
export function whyNotScoreRound(
  round: RoundFacts,
  phases: CampaignPhases | null,
  now: Date,
): 'ROUND_NOT_OPEN' | 'ROUND_CLOSED' | null {
  if (round.status === 'draft') return 'ROUND_NOT_OPEN';
  if (round.status === 'closed' || round.status === 'frozen' || now > round.closesAt) return 'ROUND_CLOSED';
  if (now < round.opensAt) return 'ROUND_NOT_OPEN';
  const phase = phases ? whyNotScore(phases, now) : 'WRONG_PHASE';
  if (phase === 'PHASE_CLOSED') return 'ROUND_CLOSED';
  if (phase === 'WRONG_PHASE') return 'ROUND_NOT_OPEN';
  return null;
}

/** What the sheet's state allows: a submitted sheet is locked for good, an abstained one is out of the judge's hands. */
const SHEET_STATE: Record<SheetStatus, SheetRefusal | null> = {
  draft: null,
  submitted: 'SHEET_SUBMITTED',
  abstained: 'WRONG_STATUS',
};

export interface SheetQuestion {
  round: RoundFacts;
  phases: CampaignPhases | null;
  /** The sheet's status; 'draft' when none was saved yet. */
  sheetStatus: SheetStatus;
  assignmentStatus: 'assigned' | 'abstained' | 'removed';
  now: Date;
}

/**
 * Why the judge may not change the sheet now (save, submit and abstain share it): the sheet's state first (a lock is
 * final), then the round's window.
 */
export function whyNotWriteSheet(q: SheetQuestion): SheetRefusal | null {
  if (q.assignmentStatus !== 'assigned') return SHEET_STATE[q.sheetStatus] ?? 'WRONG_STATUS';
  return SHEET_STATE[q.sheetStatus] ?? whyNotScoreRound(q.round, q.phases, q.now);
}

export function sheetAbilities(q: SheetQuestion): TSheetAbilities {
  const refusal = whyNotWriteSheet(q) ?? (true as const);
  return { save: refusal, submit: refusal, abstain: refusal };
}

/** Throws the refusal as the error the routes answer with (ROUND_CLOSED names the deadline in Beijing time). */
export function assertWriteSheet(q: SheetQuestion): void {
  const refusal = whyNotWriteSheet(q);
  if (refusal === 'ROUND_CLOSED') throw new AppError(refusal, { deadline: formatShanghai(q.round.closesAt) });
  if (refusal) throw new AppError(refusal);
}
