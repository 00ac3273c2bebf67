// The campaigns module's public face: other modules import from here only.

export { storeDownload } from './campaign-downloads.ts';
export { findForm, formFields } from './campaign-forms.ts';
export { assertCampaignAbility, campaignAccess, canScreen } from './campaigns.policy.ts';
export { campaignRoutes } from './campaigns.routes.ts';
// Tables other modules join on (read only; writes go through this module's functions).
export { campaignPhases, campaigns, campaignThemes, organizerMembers } from './campaigns.tables.ts';
export { changeCampaignStatus } from './change-campaign-status.ts';
export { createCampaign } from './create-campaign.ts';
// The theme's entry counter, advanced by entries' submitEntry in its transaction.
export { takeEntryNumber } from './entry-numbers.ts';
// The demo seed adds its organizer's staff the way a manager would.
export { addOrganizerMember } from './organizer-members.ts';
export {
  type CampaignPhases,
  loadCampaignPhases,
  type PhaseRefusal,
  phaseAllows,
  whyNotLive,
  whyNotPhase,
  whyNotScore,
  whyNotScreenPhase,
  whyNotSubmit,
  whyNotVote,
} from './phase-rules.ts';
