import type { Row } from './table.ts';

/** The judging pool routes' rows (issue 10 item 8). */
export const judgingPoolRows: Row[] = [];
