// Every table, for drizzle-kit and the typed query builder. Modules own their tables; this file only gathers them.

export * from '../modules/accounts/accounts.tables.ts';
export * from '../modules/awards/awards.tables.ts';
export * from '../modules/campaigns/campaigns.tables.ts';
export * from '../modules/entries/entries.tables.ts';
export * from '../modules/judging/judging.tables.ts';
export * from '../modules/judging/round-materials.tables.ts';
export * from '../modules/notices/notices.tables.ts';
export * from '../modules/notifications/notifications.tables.ts';
export * from '../modules/orgs/orgs.tables.ts';
export * from '../modules/stage/stage.tables.ts';
export * from '../modules/voting/voting.tables.ts';
export * from '../platform/audit/audit.tables.ts';
export * from '../platform/auth/auth.tables.ts';
export * from '../platform/outbox/outbox.tables.ts';
export * from '../platform/storage/storage.tables.ts';
