import type { RoundStatus } from '@casearena/contract';
import { AppError } from '../../platform/http/errors.ts';
import type { JudgingAccess } from './judging.policy.ts';
import type { ResultCaller, RoundRow } from './result-facts.ts';

/**
 * Who sees and decides a round's results (issue 10 items 5-7, X-4). Organizer staff (the organizer's managers and
 * screeners, platform staff) read progress, ranking, agreement and previews; managers and the platform freeze and
 * publish. A lead judge (组长) reads the progress of the themes they lead. A judge of the round reads the ranking only
 * when the round lets judges see each other's scores (see_others), and only for the entries they are assigned.
 * Anyone else: the round does not exist for them (NOT_FOUND, never FORBIDDEN); signed out UNAUTHENTICATED.
 */

const manages = (access: JudgingAccess) => access === 'platform' || access === 'manager';

/** Freezing: managers and the platform, a closed round only (an open one takes sheets still; a frozen one is final). */
export function whyNotFreeze(access: JudgingAccess, round: { status: RoundStatus }): 'FORBIDDEN' | 'WRONG_STATUS' | null {
  if (!manages(access)) return 'FORBIDDEN';
  return round.status === 'closed' ? null : 'WRONG_STATUS';
}

/** Publishing: managers and the platform, a frozen round not yet published. */
export function whyNotPublish(
  access: JudgingAccess,
  round: { status: RoundStatus },
  publishedAt: string | null,
): 'FORBIDDEN' | 'WRONG_STATUS' | null {
  if (!manages(access)) return 'FORBIDDEN';
  return round.status === 'frozen' && publishedAt === null ? null : 'WRONG_STATUS';
}

/** Organizer staff only (ranking's full view, previews); a judge of the panel FORBIDDEN, anyone else NOT_FOUND. */
export function assertOrganizerStaff(caller: ResultCaller): void {
  if (caller.access !== null) return;
  throw new AppError(caller.panel ? 'FORBIDDEN' : 'NOT_FOUND');
}

/** Managers and the platform; other organizer staff and the panel FORBIDDEN; anyone else NOT_FOUND. */
export function assertManages(caller: ResultCaller): void {
  assertOrganizerStaff(caller);
  if (!manages(caller.access)) throw new AppError('FORBIDDEN');
}

/**
 * The ranking's view for the caller: 'organizer' for staff; 'judge' for a judge with a standing assignment in the
 * round when it lets judges see others' scores (FORBIDDEN when it does not); NOT_FOUND for everyone else.
 */
export function rankingViewOf(
  caller: ResultCaller,
  round: RoundRow,
  assignedEntries: ReadonlySet<string>,
): 'organizer' | 'judge' {
  if (caller.access !== null) return 'organizer';
  if (!caller.panel || assignedEntries.size === 0) throw new AppError('NOT_FOUND');
  if (!round.seeOthers) throw new AppError('FORBIDDEN');
  return 'judge';
}
