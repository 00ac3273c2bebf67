// The judging module's public face (issue 10: expert judging in rounds): app.ts, cli.ts, seed/, bench/ and tests
// outside it import from here only.
export { judgingRoutes } from './judging.routes.ts';
