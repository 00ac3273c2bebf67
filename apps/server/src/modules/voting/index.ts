// The voting module's public face (issue 9): app.ts, cli.ts, seed/, bench/ and tests outside it import from here only.

// The awards (issue 12) read the popularity ranking's taken rows (S0-11; never read by expert awards).
export { popularityOf } from './popularity-model.ts';
// bench/votes.ts prints the detector's figures on the simulated campaign (issue 9 item 5).
export { measureDetector, simulateVoting } from './simulate.ts';
// cli.ts `votes verify --campaign <id>`: recounts every count from the vote rows.
export { type CountDifference, runVotesVerify, verifyVotes } from './verify-votes.ts';
export { votingRoutes } from './voting.routes.ts';
