import { STAGE_ACTIONS, type TStageAbilities, type TStageAction, type TStageState } from '@casearena/contract';
import type { Actor } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { campaignAccess } from '../campaigns/index.ts';
import type { StageFacts } from './stage.repo.ts';

/**
 * Who runs a stage (issue 11): the host is a manager of the campaign's organizer or the platform (as judging's
 * `judgingAccess` decides a manager); a judge is a row of stage_judges whose account is the caller. Screeners and
 * everyone else meet a host route as if the stage did not exist (NOT_FOUND).
 */
export async function isHost(db: Queryable, actor: Actor | null, campaignId: string): Promise<boolean> {
  if (!actor) return false;
  const { access } = await campaignAccess(db, actor, campaignId);
  return access === 'platform' || access === 'manager';
}

/** A host route: signed out UNAUTHENTICATED, anyone but the host NOT_FOUND. Returns the host. */
export async function assertHost(db: Queryable, actor: Actor | null, campaignId: string): Promise<Actor> {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  if (!(await isHost(db, actor, campaignId))) throw new AppError('NOT_FOUND');
  return actor;
}

export type StageRefusal = 'FORBIDDEN' | 'WRONG_STATUS' | 'STAGE_INCOMPLETE';

const RUNNING: ReadonlySet<TStageState> = new Set(['presenting', 'qa']);

/**
 * The reveal without the judges who have not scored (their phone died, they left the hall), which the host asks
 * with a reason: only while scoring, with at least one judge not recused scored (a reveal of nobody would say
 * nothing) and at least one missing (else it is the plain reveal). The console's `revealAbsent`.
 */
export function whyNotRevealAbsent(host: boolean, facts: StageFacts): StageRefusal | null {
  if (!host) return 'FORBIDDEN';
  return facts.state === 'scoring' && facts.scored > 0 && facts.missing > 0 ? null : 'WRONG_STATUS';
}

/**
 * Whether the host may take a step now, from the stage's facts (read on the locked row by the action, so a second
 * console's click meets the first one's result). Out of order is WRONG_STATUS; a stage without finalists or judges
 * cannot be drawn or started (STAGE_INCOMPLETE); the reveal waits for every judge not recused (WRONG_STATUS, the
 * console shows who is missing); asked with a reason (`withReason`) it is whyNotRevealAbsent's reveal instead;
 * `next` is for every finalist but the last, `finish` for the last only. Whether the edge itself exists is the
 * writer's check against STAGE_TRANSITIONS; this says when it is allowed.
 */
export function whyNotStep(host: boolean, facts: StageFacts, action: TStageAction, withReason = false): StageRefusal | null {
  if (!host) return 'FORBIDDEN';
  const { state } = facts;
  const last = facts.currentIndex >= facts.finalists - 1;
  switch (action) {
    case 'draw':
      if (state !== 'draft') return 'WRONG_STATUS';
      return facts.finalists === 0 ? 'STAGE_INCOMPLETE' : null;
    case 'redraw':
      return state === 'drawn' ? null : 'WRONG_STATUS';
    case 'start':
      if (state !== 'drawn') return 'WRONG_STATUS';
      return facts.finalists === 0 || facts.judges === 0 ? 'STAGE_INCOMPLETE' : null;
    case 'present':
      return state === 'waiting' ? null : 'WRONG_STATUS';
    case 'qa':
      return state === 'presenting' ? null : 'WRONG_STATUS';
    case 'score':
      return state === 'qa' ? null : 'WRONG_STATUS';
    case 'reveal':
      // With a reason it is the reveal without the missing judges, nothing else: once everyone has scored after
      // all, the plain reveal (no reason) is the one offered, and the audit never holds a reason for no one absent.
      if (withReason) return whyNotRevealAbsent(host, facts);
      return state === 'scoring' && facts.missing === 0 ? null : 'WRONG_STATUS';
    case 'next':
      return state === 'revealed' && !last ? null : 'WRONG_STATUS';
    case 'finish':
      return state === 'revealed' && last ? null : 'WRONG_STATUS';
    case 'freeze':
      return state === 'finished' ? null : 'WRONG_STATUS';
    case 'pause':
      return RUNNING.has(state) && !facts.paused ? null : 'WRONG_STATUS';
    case 'resume':
      return RUNNING.has(state) && facts.paused ? null : 'WRONG_STATUS';
    case 'reopen':
      return state === 'scoring' || state === 'revealed' ? null : 'WRONG_STATUS';
  }
}

/**
 * Every host step's ability for the console (true or the refusal the action would give): each action as asked
 * without a reason (the plain buttons), and `revealAbsent`, the reveal asked with one.
 */
export function stageAbilities(host: boolean, facts: StageFacts): TStageAbilities {
  const steps = Object.fromEntries(STAGE_ACTIONS.map((a) => [a, whyNotStep(host, facts, a) ?? true]));
  return { ...steps, revealAbsent: whyNotRevealAbsent(host, facts) ?? true } as TStageAbilities;
}

/** What a judge's score is decided on (after the idempotency key found nothing stored). */
export interface ScoreFacts {
  state: TStageState;
  currentEntryId: string | null;
  recused: boolean;
  submitted: boolean;
}

export type ScoreRefusal = 'STAGE_NOT_SCORING' | 'NOT_PRESENTING' | 'RECUSED' | 'SHEET_SUBMITTED';

/**
 * A judge's score of `entryId`, in the design's order: the stage scoring (STAGE_NOT_SCORING — also after the
 * reveal), the finalist the one being scored (NOT_PRESENTING), the judge not recused from it (RECUSED, X-4), no
 * submitted score of theirs on it yet (SHEET_SUBMITTED). With `entryId` null it answers for the current finalist
 * (the phone's ability).
 */
export function whyNotScore(facts: ScoreFacts, entryId: string | null): ScoreRefusal | null {
  if (facts.state !== 'scoring') return 'STAGE_NOT_SCORING';
  if (facts.currentEntryId === null || (entryId !== null && entryId !== facts.currentEntryId)) return 'NOT_PRESENTING';
  if (facts.recused) return 'RECUSED';
  return facts.submitted ? 'SHEET_SUBMITTED' : null;
}
