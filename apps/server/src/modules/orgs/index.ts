// The orgs module's public face: other modules import from here only.
export { assignMember } from './assign-member.ts';
export { certificationLevelOf } from './certification-level.ts';
export { decideCertification } from './decide-certification.ts';
export { ensureRegions } from './regions.ts';
export { requestCertification } from './request-certification.ts';
export { createOrganization } from './save-organization.ts';
