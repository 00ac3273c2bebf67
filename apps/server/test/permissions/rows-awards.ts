import type { Row } from './table.ts';

/** The awards routes (issue 12): one row per route, each allowed cell checking the effect. */
export const awardsRows: Row[] = [];
