import type { Row } from './table.ts';

/** The judging assignments routes' rows (issue 10 item 8). */
export const judgingAssignmentRows: Row[] = [];
