// The accounts module's public face: other modules import from here only.
export { abilitiesOf, platformAbilities } from './accounts.policy.ts';
export { findUserIdByIdentifier } from './accounts.repo.ts';
export { users } from './accounts.tables.ts';
