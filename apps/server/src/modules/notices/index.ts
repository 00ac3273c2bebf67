// The public notice's face (issue 12 item 2: 公示 for a period, objections, final results): app.ts, cli.ts, seed/,
// bench/ and tests outside it import from here only.
export { noticeRoutes } from './notices.routes.ts';
