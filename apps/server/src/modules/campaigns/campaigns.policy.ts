import type { CampaignStatus } from '@casearena/contract';
import type { Actor } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { platformAbilities } from '../accounts/index.ts';

export function assertCanManageCampaigns(actor: Actor | null): Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  if (!platformAbilities.manageCampaigns(actor)) throw new AppError('FORBIDDEN');
  return actor;
}

/** A draft is invisible (NOT_FOUND) to everyone but those who manage campaigns. */
export function canSeeCampaign(actor: Actor | null, status: CampaignStatus): boolean {
  return status !== 'draft' || (actor !== null && platformAbilities.manageCampaigns(actor));
}
