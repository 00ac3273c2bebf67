// The campaigns module's public face: other modules import from here only.
export { createCampaign } from './create-campaign.ts';
export { transitionCampaign } from './transition-campaign.ts';
