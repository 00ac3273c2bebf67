import type { Row } from './table.ts';

/** The judging sheets routes' rows (issue 10 item 8). */
export const judgingSheetRows: Row[] = [];
