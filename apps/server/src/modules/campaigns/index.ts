// The campaigns module's public face: other modules import from here only.

export { storeDownload } from './campaign-downloads.ts';
export { findForm, formFields } from './campaign-forms.ts';
export { assertCampaignAbility, campaignAccess, canScreen } from './campaigns.policy.ts';
export { createCampaign } from './create-campaign.ts';
export { transitionCampaign } from './transition-campaign.ts';
