// The orgs module's public face: other modules import from here only.
export { certificationLevelOf } from './certification-level.ts';
export { ensureRegions } from './regions.ts';
export { requestCertification } from './request-certification.ts';
export { createOrganization } from './save-organization.ts';
