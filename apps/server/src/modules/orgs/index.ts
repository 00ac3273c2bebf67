// The orgs module's public face: other modules import from here only.
// app.ts hands this to the account routes (GET /api/auth/me), so accounts needs no import of orgs.
export { type AccountOrgFacts, accountOrgFacts } from './account-facts.ts';
export { assignMember } from './assign-member.ts';
export { certificationLevelOf, certificationLevelsOf } from './certification-level.ts';
export { decideCertification } from './decide-certification.ts';
export { orgRoutes } from './orgs.routes.ts';
// Tables other modules join on (read only; writes go through this module's functions).
export { organizations, regions } from './orgs.tables.ts';
export { ensureRegions, nationalRegions } from './regions.ts';
export { requestCertification } from './request-certification.ts';
export { createOrganization } from './save-organization.ts';
export { escapeLike, normalizeForSearch, queryGrams, searchGrams, searchText } from './search-grams.ts';
