import {
  JUDGE_TRANSITIONS,
  type JudgeRefusal,
  type JudgeStatus,
  type TJudgeAbilities,
  type TPanelInput,
} from '@casearena/contract';
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/client.ts';
import { platformAbilities } from '../accounts/index.ts';
import { organizerMembers } from '../campaigns/index.ts';

/**
 * Who the caller is to an organizer's expert pool: platform staff, the organizer's manager or screener, or nobody
 * (to whom the pool and every judge in it are NOT_FOUND).
 */
export type PoolAccess = 'platform' | 'manager' | 'screener' | null;

export async function poolAccess(db: Queryable, actor: Actor | null, organizerId: string): Promise<PoolAccess> {
  if (!actor) return null;
  if (platformAbilities.manageCampaigns(actor)) return 'platform';
  const [row] = await db
    .select({ role: organizerMembers.role })
    .from(organizerMembers)
    .where(and(eq(organizerMembers.organizationId, organizerId), eq(organizerMembers.userId, actor.id)));
  return row?.role ?? null;
}

const manages = (access: PoolAccess) => access === 'platform' || access === 'manager';

/** Seeing the pool and its judges: the organizer's own people and the platform; to others it does not exist. */
export const whyNotSeePool = (access: PoolAccess): 'NOT_FOUND' | null => (access === null ? 'NOT_FOUND' : null);

/** Inviting, removing, seating judges on panels: managers and the platform; a screener only looks. */
export function whyNotManagePool(access: PoolAccess): 'NOT_FOUND' | 'FORBIDDEN' | null {
  return whyNotSeePool(access) ?? (manages(access) ? null : 'FORBIDDEN');
}

/** The facts about one judge a decision needs: its status and whose account it is. */
export interface JudgeFacts {
  status: JudgeStatus;
  userId: string | null;
}

const isSelf = (actor: Actor | null, judge: JudgeFacts) => actor !== null && judge.userId === actor.id;

/**
 * Seeing one judge: the organizer's people, and the judge themself (their own row in an organizer's pool). To anyone
 * else a judge of another organizer is NOT_FOUND, never FORBIDDEN (X-4: a stranger cannot tell who judges).
 */
export function whyNotSeeJudge(access: PoolAccess, actor: Actor | null, judge: JudgeFacts): 'NOT_FOUND' | null {
  return access !== null || isSelf(actor, judge) ? null : 'NOT_FOUND';
}

/** Declaring conflicts: the judge themself or the managers, while the judge is invited or active. */
export function whyNotDeclareConflicts(access: PoolAccess, actor: Actor | null, judge: JudgeFacts): JudgeRefusal | null {
  const seen = whyNotSeeJudge(access, actor, judge);
  if (seen) return seen;
  if (!manages(access) && !isSelf(actor, judge)) return 'FORBIDDEN';
  return judge.status === 'invited' || judge.status === 'active' ? null : 'WRONG_STATUS';
}

/** Removing a judge from the pool (or withdrawing an open invitation): managers, along JUDGE_TRANSITIONS. */
export function whyNotRemoveJudge(access: PoolAccess, actor: Actor | null, judge: JudgeFacts): JudgeRefusal | null {
  const seen = whyNotSeeJudge(access, actor, judge);
  if (seen) return seen;
  if (!manages(access)) return 'FORBIDDEN';
  return (JUDGE_TRANSITIONS[judge.status] as readonly JudgeStatus[]).includes('removed') ? null : 'WRONG_STATUS';
}

/** Inviting a declined or removed judge again (a new link): managers, along JUDGE_TRANSITIONS. */
export function whyNotReinviteJudge(access: PoolAccess, actor: Actor | null, judge: JudgeFacts): JudgeRefusal | null {
  const seen = whyNotSeeJudge(access, actor, judge);
  if (seen) return seen;
  if (!manages(access)) return 'FORBIDDEN';
  return (JUDGE_TRANSITIONS[judge.status] as readonly JudgeStatus[]).includes('invited') ? null : 'WRONG_STATUS';
}

/**
 * Seating a judge on a campaign's panel: managers, and only an active judge (one who accepted). Panels are the
 * organizer's: to anyone outside it, the judge themself included, the panel route is NOT_FOUND.
 */
export function whyNotSeat(access: PoolAccess, _actor: Actor | null, judge: JudgeFacts): JudgeRefusal | null {
  const refusal = whyNotManagePool(access);
  if (refusal) return refusal;
  return judge.status === 'active' ? null : 'WRONG_STATUS';
}

/** The caller's abilities on a judge, from the same functions the write routes ask. */
export function judgeAbilities(access: PoolAccess, actor: Actor | null, judge: JudgeFacts): TJudgeAbilities {
  return {
    declareConflicts: whyNotDeclareConflicts(access, actor, judge) ?? true,
    remove: whyNotRemoveJudge(access, actor, judge) ?? true,
    reinvite: whyNotReinviteJudge(access, actor, judge) ?? true,
    seat: whyNotSeat(access, actor, judge) ?? true,
  };
}

/** One field problem of a panel, reported inside VALIDATION_FAILED. */
export interface PanelProblem {
  path: string;
  code: 'INVALID_CHOICE' | 'DUPLICATE' | 'INVALID';
}

/**
 * Checks a whole panel against the campaign's themes and the organizer's pool (pure): each judge is in the pool and
 * active, and listed once; each theme is the campaign's; a lead theme is one the judge sits on; one lead per theme.
 */
export function panelProblems(
  input: TPanelInput,
  facts: { themeIds: ReadonlySet<string>; judges: ReadonlyMap<string, JudgeStatus> },
): PanelProblem[] {
  const problems: PanelProblem[] = [];
  const seen = new Set<string>();
  const leadOf = new Map<string, string>();
  input.members.forEach((m, i) => {
    const at = `members.${i}`;
    const status = facts.judges.get(m.judgeId);
    if (status !== 'active') problems.push({ path: `${at}.judgeId`, code: 'INVALID_CHOICE' });
    else if (seen.has(m.judgeId)) problems.push({ path: `${at}.judgeId`, code: 'DUPLICATE' });
    seen.add(m.judgeId);
    m.themeIds.forEach((t, j) => {
      if (!facts.themeIds.has(t)) problems.push({ path: `${at}.themeIds.${j}`, code: 'INVALID_CHOICE' });
      else if (m.themeIds.indexOf(t) !== j) problems.push({ path: `${at}.themeIds.${j}`, code: 'DUPLICATE' });
    });
    m.leadThemeIds.forEach((t, j) => {
      const path = `${at}.leadThemeIds.${j}`;
      if (!m.themeIds.includes(t)) problems.push({ path, code: 'INVALID' });
      else if (leadOf.has(t) && leadOf.get(t) !== m.judgeId) problems.push({ path, code: 'DUPLICATE' });
      else if (m.leadThemeIds.indexOf(t) !== j) problems.push({ path, code: 'DUPLICATE' });
      else leadOf.set(t, m.judgeId);
    });
  });
  return problems;
}

/**
 * Accepting an invitation by its link: when an account uses the invited address (or was linked at invitation), only
 * that account, signed in, accepts (UNAUTHENTICATED, else FORBIDDEN), so a forwarded link never makes someone else a
 * judge; without such an account the link's holder accepts signed in as themself, or signed out with a new account.
 */
export function whyNotAcceptInvitation(accountId: string | null, actor: Actor | null): 'UNAUTHENTICATED' | 'FORBIDDEN' | null {
  if (!accountId) return null;
  if (!actor) return 'UNAUTHENTICATED';
  return actor.id === accountId ? null : 'FORBIDDEN';
}
