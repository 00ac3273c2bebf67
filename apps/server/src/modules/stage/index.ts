// The live final's public face (issue 11: a stage per theme, drawn order, host console, judges' phones, big
// screen, medals): app.ts, cli.ts, seed/, bench/ and tests outside it import from here only.
// The demo seed, the benchmark and the e2e story set up and run a stage the way the host and the judges do.
export { createStage } from './create-stage.ts';
export { stageRoutes } from './stage.routes.ts';
// The awards (issue 12) read the frozen stages' finalists, ranks and awards (read only).
export { stageFinalists, stages } from './stage.tables.ts';
export { stageAction } from './stage-actions.ts';
export { submitStageScore } from './stage-score.ts';
export { stageStreamRoutes } from './stage-stream.routes.ts';
