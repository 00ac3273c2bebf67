import { accountRows } from './rows-accounts.ts';
import { awardsRows } from './rows-awards.ts';
import { campaignRows } from './rows-campaigns.ts';
import { certificatesRows } from './rows-certificates.ts';
import { entryRows } from './rows-entries.ts';
import { judgingAssignmentRows } from './rows-judging-assignments.ts';
import { judgingMaterialRows } from './rows-judging-materials.ts';
import { judgingPoolRows } from './rows-judging-pool.ts';
import { judgingResultRows } from './rows-judging-results.ts';
import { judgingRoundRows } from './rows-judging-rounds.ts';
import { judgingSheetRows } from './rows-judging-sheets.ts';
import { noticesRows } from './rows-notices.ts';
import { orgRows } from './rows-orgs.ts';
import { platformRows } from './rows-platform.ts';
import { stageRows } from './rows-stage.ts';
import { votingRows } from './rows-voting.ts';
import type { Row } from './table.ts';

/**
 * The permission table: at least one row per registered route (apps/server/test/permissions.test.ts fails on a route
 * without one). A new route gets its row in the rows-<area>.ts file of its module.
 */
export const PERMISSION_TABLE: Row[] = [
  ...accountRows,
  ...orgRows,
  ...campaignRows,
  ...entryRows,
  ...votingRows,
  ...judgingPoolRows,
  ...judgingRoundRows,
  ...judgingSheetRows,
  ...judgingAssignmentRows,
  ...judgingResultRows,
  ...judgingMaterialRows,
  ...stageRows,
  ...awardsRows,
  ...noticesRows,
  ...certificatesRows,
  ...platformRows,
];
