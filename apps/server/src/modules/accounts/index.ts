// The accounts module's public face: other modules import from here only.
// biome-ignore-all assist/source/organizeImports: the tables load first, because orgs (reached through accounts.repo and accounts.routes) reads `users` at load time while this file is still loading.
export { users } from './accounts.tables.ts';
export { abilitiesOf, platformAbilities } from './accounts.policy.ts';
export { findUserIdByIdentifier } from './accounts.repo.ts';
export { type AccountRouteOptions, accountRoutes } from './accounts.routes.ts';
export { findActor } from './find-actor.ts';
export { registerUser } from './register-user.ts';
