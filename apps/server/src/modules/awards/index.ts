// The awards' public face (issue 12: award rules, compute -> preview -> adjust -> freeze, honour lists, certificates):
// app.ts, cli.ts, seed/, bench/, the notices module and tests outside it import from here only.
export { awardsRoutes } from './awards.routes.ts';
export { certificateRoutes } from './certificates.routes.ts';
