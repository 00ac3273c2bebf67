// The voting module's public face (issue 9): app.ts, cli.ts, seed/, bench/ and tests outside it import from here only.

// cli.ts `votes verify --campaign <id>`: recounts every count from the vote rows.
export { type CountDifference, runVotesVerify, verifyVotes } from './verify-votes.ts';
export { votingRoutes } from './voting.routes.ts';
