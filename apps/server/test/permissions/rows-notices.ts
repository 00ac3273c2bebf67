import type { Row } from './table.ts';

/** The notices routes (issue 12): one row per route, each allowed cell checking the effect. */
export const noticesRows: Row[] = [];
