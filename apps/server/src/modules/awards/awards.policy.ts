import type { TAwardSetAbilities, TAwardSetState } from '@casearena/contract';
import type { Actor } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { campaignAccess } from '../campaigns/index.ts';

/**
 * Who runs a campaign's awards (issue 12): a manager of the campaign's organizer or the platform (as the stage's
 * host). Everyone else meets the organizer's routes as if the set did not exist (NOT_FOUND).
 */
export async function awardsAccess(db: Queryable, actor: Actor | null, campaignId: string): Promise<boolean> {
  if (!actor) return false;
  const { access } = await campaignAccess(db, actor, campaignId);
  return access === 'platform' || access === 'manager';
}

/** An organizer route: signed out UNAUTHENTICATED, anyone but the organizer's manager NOT_FOUND. */
export async function assertAwardsAccess(db: Queryable, actor: Actor | null, campaignId: string): Promise<Actor> {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  if (!(await awardsAccess(db, actor, campaignId))) throw new AppError('NOT_FOUND');
  return actor;
}

export type SourceRefusal = 'AWARD_SOURCE_NOT_FROZEN' | 'AWARD_SOURCE_MISSING';

/** What the set's abilities are decided on: the state and, for compute, what every rule's source says. */
export interface AwardSetFacts {
  state: TAwardSetState;
  /** One per rule with a problem (its source not frozen, or missing). */
  problems: readonly { code: SourceRefusal }[];
  rules: number;
}

/**
 * Compute is refused only when no rule can be computed: every rule has a problem (AWARD_SOURCE_NOT_FROZEN when some
 * source is merely not frozen yet, else AWARD_SOURCE_MISSING). A set where some rules can be computed computes them
 * and lists the others' problems in the preview, so the organizer sees the tiers before the live final ends.
 */
export function whyNotCompute(manager: boolean, facts: AwardSetFacts) {
  if (!manager) return 'FORBIDDEN' as const;
  if (facts.state !== 'draft' && facts.state !== 'computed') return 'WRONG_STATUS' as const;
  if (facts.problems.length >= facts.rules) {
    return facts.problems.some((p) => p.code === 'AWARD_SOURCE_NOT_FROZEN')
      ? ('AWARD_SOURCE_NOT_FROZEN' as const)
      : ('AWARD_SOURCE_MISSING' as const);
  }
  return null;
}

const only = (manager: boolean, ok: boolean) => (!manager ? ('FORBIDDEN' as const) : ok ? null : ('WRONG_STATUS' as const));

/** Rules are edited until the set is frozen; adjusting and freezing need a computed set (the preview). */
export const whyNotEditRules = (manager: boolean, state: TAwardSetState) =>
  only(manager, state === 'draft' || state === 'computed');
export const whyNotAdjust = (manager: boolean, state: TAwardSetState) => only(manager, state === 'computed');
export const whyNotFreeze = (manager: boolean, state: TAwardSetState) => only(manager, state === 'computed');
export const whyNotIssue = (manager: boolean, state: TAwardSetState) => only(manager, state === 'final');

export function awardSetAbilities(manager: boolean, facts: AwardSetFacts): TAwardSetAbilities {
  return {
    editRules: whyNotEditRules(manager, facts.state) ?? true,
    compute: whyNotCompute(manager, facts) ?? true,
    adjust: whyNotAdjust(manager, facts.state) ?? true,
    freeze: whyNotFreeze(manager, facts.state) ?? true,
    issueCertificates: whyNotIssue(manager, facts.state) ?? true,
  };
}
