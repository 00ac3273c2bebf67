// The public notice's face (issue 12 item 2: 公示 for a period, objections, final results): app.ts, cli.ts, seed/,
// bench/ and tests outside it import from here only.
export { fileObjection } from './file-objection.ts';
export { noticeAction } from './notice-actions.ts';
export { noticeEndsAt, noticePhase } from './notice-period.ts';
export { noticeRoutes } from './notices.routes.ts';
export { objectionAction } from './objection-action.ts';
export { saveNoticeSettings } from './save-notice-settings.ts';
