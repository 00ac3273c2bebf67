export * from './accounts.ts';
export * from './audit.ts';
export * from './cjk.ts';
export * from './errors.ts';
export * from './fields.ts';
export * from './health.ts';
export * from './orgs.ts';
export * from './templates/seed-000.ts';
