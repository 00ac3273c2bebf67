// The accounts module's public face: other modules import from here only.

export { abilitiesOf, platformAbilities } from './accounts.policy.ts';
export { findUserIdByIdentifier } from './accounts.repo.ts';
export { type AccountRouteOptions, accountRoutes } from './accounts.routes.ts';
export { users } from './accounts.tables.ts';
export { findActor } from './find-actor.ts';
// Written for the orgs module (membership and certified title), which decides them.
export { type MembershipColumns, setCertifiedTitle, setMembershipIfUnchanged } from './org-columns.ts';
export { registerUser } from './register-user.ts';
