import type { Actor } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { platformAbilities } from '../accounts/index.ts';

/** Refuses unless the actor may maintain the organizations registry (platform staff). */
export function assertCanManageOrganizations(actor: Actor | null): Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  if (!platformAbilities.manageOrganizations(actor)) throw new AppError('FORBIDDEN');
  return actor;
}

/** Refuses unless the actor reviews certification requests (platform staff). */
export function assertCanReviewCertifications(actor: Actor | null): Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  if (!platformAbilities.reviewCertifications(actor)) throw new AppError('FORBIDDEN');
  return actor;
}

/** A request and its licence file are visible to the applicant and to reviewers only. */
export function canSeeCertification(actor: Actor, ownerId: string): boolean {
  return actor.id === ownerId || platformAbilities.reviewCertifications(actor);
}

/** Only the applicant withdraws; a reviewer decides instead. */
export function canWithdrawCertification(actor: Actor, ownerId: string): boolean {
  return actor.id === ownerId;
}
