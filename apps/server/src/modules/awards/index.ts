// The awards' public face (issue 12: award rules, compute -> preview -> adjust -> freeze, honour lists, certificates):
// app.ts, cli.ts, seed/, bench/, the notices module and tests outside it import from here only.

// The door the notices and certificates modules use (read the set and its live awards, amend, finalize).
export { awardsAccess } from './awards.policy.ts';
export { type LiveAward, listLiveAwards, readAwardSetState } from './awards.repo.ts';
export { awardsRoutes } from './awards.routes.ts';
// The benchmark and the demo seed compute and freeze as the organizer does; updateRules sets a campaign's rules.
export { type AwardChange, amendAwards, awardSetAction, finalizeAwardSet, updateRules } from './awards-write.ts';
// The benchmark and the demo seed issue certificates and write a campaign's zip as the organizer does.
export { issueCertificates } from './certificate-issue.ts';
export { writeCertificatesZip } from './certificate-zip.ts';
export { certificateRoutes } from './certificates.routes.ts';
export { defaultRules } from './default-rules.ts';
