import type { CampaignStatus } from '@casearena/contract';

/** Tag colours by campaign status; a new status fails the build here until it has one. */
export const STATUS_COLORS = {
  draft: 'default',
  published: 'blue',
  closed: 'default',
} as const satisfies Record<CampaignStatus, string>;
