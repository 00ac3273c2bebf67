import type { Row } from './table.ts';

/** The judging results routes' rows (issue 10 item 8). */
export const judgingResultRows: Row[] = [];
