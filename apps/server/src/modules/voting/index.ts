// The voting module's public face (issue 9): app.ts, cli.ts, seed/, bench/ and tests outside it import from here only.

export { votingRoutes } from './voting.routes.ts';
