import type { Row } from './table.ts';

/** The judging rounds routes' rows (issue 10 item 8). */
export const judgingRoundRows: Row[] = [];
