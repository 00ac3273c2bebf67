// The live final's public face (issue 11: a stage per theme, drawn order, host console, judges' phones, big
// screen, medals): app.ts, cli.ts, seed/, bench/ and tests outside it import from here only.
export { stageRoutes } from './stage.routes.ts';
export { stageStreamRoutes } from './stage-stream.routes.ts';
