// The entries module's public face: other modules, app.ts, server.ts and seed/ import from here only.

export { createEntry } from './create-entry.ts';
// The judging module's round materials (issue 10 item 2): who the entry's editor is, and the same file checks.
export { entryRelation } from './entries.policy.ts';
export { findEntry } from './entries.repo.ts';
export { entryRoutes } from './entries.routes.ts';
// Voting joins on entries (read only; writes go through this module's functions).
export { entries } from './entries.tables.ts';
export { entrySearchColumns } from './entry-search.ts';
// The demo seed changes entries through the same locked write as the routes.
export { writeEntry } from './entry-write.ts';
// The demo seed's test runs the correction sweep at seed time.
export { expireReturnedEntries } from './expire-returned.ts';
export { allowedKinds, checkAttachment, typesLabel } from './file-checks.ts';
// The entries benchmark turns the public listing's page and count caches and its term index off and on.
export { setPublicCacheTtl, setPublicCountTtl } from './public-cache.ts';
export { buildPublicTermIndex, publicTermIndexSize, setPublicTermIndex } from './public-term-index.ts';
export { screenEntry } from './screen-entry.ts';
export { submitEntry } from './submit-entry.ts';
export { startEntrySweeps } from './sweeps.ts';
export { attachFromStream } from './uploads.ts';
