import type { OperationDoc } from './operations.ts';

/** The awards routes' API description (issue 12), keyed exactly as Fastify registers them; spread into OPERATIONS. */
export const AWARDS_OPERATIONS = {
  'GET /api/campaigns/:campaignId/awards': {
    operationId: 'getAwardSet',
    summary:
      'The campaign’s award set: state, rules (the template’s defaults until saved), every award with its figures and why, the rules’ source problems, each step’s ability (organizer manager)',
    access: 'session',
  },
  'PUT /api/campaigns/:campaignId/awards/rules': {
    operationId: 'saveAwardRules',
    summary:
      'Save the award rules while draft or computed, compare-and-set on the version; a computed set is recomputed from them (organizer manager)',
    access: 'session',
  },
  'POST /api/campaigns/:campaignId/awards/actions': {
    operationId: 'stepAwardSet',
    summary:
      'Compute (from the frozen results; refused only when no rule has a frozen source) or freeze the computed set, compare-and-set on the version (organizer manager)',
    access: 'session',
  },
  'POST /api/campaigns/:campaignId/awards/adjustments': {
    operationId: 'adjustAwards',
    summary: 'Add or remove one award of the computed set, with a written reason (REASON_REQUIRED), audited (organizer manager)',
    access: 'session',
  },
  'GET /api/campaigns/:campaignId/awards/export.xlsx': {
    operationId: 'exportAwards',
    summary:
      'Every award as an Excel workbook — theme, award, entry, hospital, honour, ties, why; removed ones marked with the reason (organizer manager)',
    access: 'session',
    download: true,
  },
  'GET /api/public/campaigns/:campaignId/honours': {
    operationId: 'getHonourList',
    summary:
      'The honour list (榜单) per theme once the set is frozen (NOT_FOUND before); `final` once the notice has ended (public)',
    access: 'public',
  },
} satisfies Record<string, OperationDoc>;
