// The voting module's public face (issue 9): app.ts, cli.ts, seed/, bench/ and tests outside it import from here only.

// bench/votes.ts prints the detector's figures on the simulated campaign (issue 9 item 5).
export { measureDetector, simulateVoting } from './simulate.ts';
// cli.ts `votes verify --campaign <id>`: recounts every count from the vote rows.
export { type CountDifference, runVotesVerify, verifyVotes } from './verify-votes.ts';
export { votingRoutes } from './voting.routes.ts';
