import type { OperationDoc } from './operations.ts';

/**
 * The judging routes' API description (issue 10), kept beside operations.ts so the pool, round and sheet routes add
 * their lines here: keyed exactly as Fastify registers them, `'METHOD /api/path/:param'`.
 */
export const JUDGING_OPERATIONS = {
  // pool (organizer's experts)
  'GET /api/organizers/:organizerId/judges': {
    operationId: 'listJudges',
    summary: 'An organizer’s expert pool with each judge’s status, conflicts and the caller’s abilities (organizer staff)',
    access: 'session',
  },
  'POST /api/organizers/:organizerId/judges': {
    operationId: 'inviteJudge',
    summary: 'Invite an expert by email or mobile; an account using it is linked, the invitation goes by mail or SMS (managers)',
    access: 'session',
  },
  'GET /api/me/judges': {
    operationId: 'listMyJudgeRows',
    summary: 'The caller’s own rows in organizers’ expert pools, with their abilities (declare conflicts)',
    access: 'session',
  },
  'GET /api/judges/:judgeId': {
    operationId: 'getJudge',
    summary: 'One judge of a pool with the caller’s abilities (organizer staff, or the judge themself)',
    access: 'session',
  },
  'PUT /api/judges/:judgeId/conflicts': {
    operationId: 'declareJudgeConflicts',
    summary: 'Replace the units a judge declared being tied to (the judge themself or the organizer’s managers)',
    access: 'session',
  },
  'POST /api/judges/:judgeId/remove': {
    operationId: 'removeJudge',
    summary:
      'Take a judge out of the pool or withdraw an open invitation; the judge leaves every panel, their unsubmitted assignments end (managers)',
    access: 'session',
  },
  'POST /api/judges/:judgeId/reinvite': {
    operationId: 'reinviteJudge',
    summary: 'Invite a declined or removed judge again: a new single-use link to the addresses on the row (managers)',
    access: 'session',
  },
  'GET /api/judging/invitations/:token': {
    operationId: 'getJudgeInvitation',
    summary: 'An open judge invitation by its link, and how accepting works for the caller',
    access: 'optional',
  },
  'POST /api/judging/invitations/:token/accept': {
    operationId: 'acceptJudgeInvitation',
    summary: 'Accept a judge invitation: as the linked account signed in, or with a password for a new account (signed in)',
    access: 'optional',
  },
  'POST /api/judging/invitations/:token/decline': {
    operationId: 'declineJudgeInvitation',
    summary: 'Decline a judge invitation by its link',
    access: 'public',
  },
  'GET /api/campaigns/:campaignId/judging/panel': {
    operationId: 'getJudgingPanel',
    summary: 'A campaign’s panel: the judges of each theme and its lead judge (organizer staff)',
    access: 'session',
  },
  'PUT /api/campaigns/:campaignId/judging/panel': {
    operationId: 'saveJudgingPanel',
    summary:
      'Set a campaign’s whole panel: judges per theme and one lead judge per theme; a judge’s unsubmitted assignments of themes left end (managers)',
    access: 'session',
  },
  // rounds
  'GET /api/campaigns/:campaignId/judging/rounds': {
    operationId: 'listJudgingRounds',
    summary: 'A campaign’s judging rounds with the caller’s abilities and the scoring phases (organizer staff)',
    access: 'session',
  },
  'PUT /api/campaigns/:campaignId/judging/rounds': {
    operationId: 'saveJudgingRounds',
    summary: 'Save a campaign’s judging rounds as a whole set, validated together (organizer managers)',
    access: 'session',
  },
  'POST /api/judging/rounds/:roundId/open': {
    operationId: 'openJudgingRound',
    summary: 'Open a judging round for scoring in a scoring phase; a draft round takes its entries from its scope',
    access: 'session',
  },
  'POST /api/judging/rounds/:roundId/close': {
    operationId: 'closeJudgingRound',
    summary: 'Close an open judging round (no more score sheets)',
    access: 'session',
  },
  // sheets (judges' workspace)
  'GET /api/judging/me/assignments': {
    operationId: 'listMyJudgingAssignments',
    summary: 'The signed-in judge’s entries in every open round, with progress (never saved / draft / submitted / abstained)',
    access: 'session',
  },
  'GET /api/judging/assignments/:assignmentId': {
    operationId: 'getJudgingAssignment',
    summary:
      'One assigned entry as this judge may see it (blind rounds hide the unit and people), the score sheet spec, the judge’s sheet and abilities (404 to anyone else)',
    access: 'session',
  },
  'GET /api/judging/assignments/:assignmentId/files/:fileId': {
    operationId: 'downloadJudgingMaterial',
    summary:
      'A file of an assigned entry that the round shows its judges (a blind round’s PPTX as a masked copy; byte ranges served)',
    access: 'session',
    download: true,
  },
  'PUT /api/judging/assignments/:assignmentId/sheet': {
    operationId: 'saveScoreSheet',
    summary: 'Save the judge’s sheet as a draft; a stale version answers 409 STALE_VERSION with the server’s copy',
    access: 'session',
  },
  'POST /api/judging/assignments/:assignmentId/sheet/submit': {
    operationId: 'submitScoreSheet',
    summary: 'Submit the judge’s sheet, checked in full, and lock it (until the round’s deadline)',
    access: 'session',
  },
  'POST /api/judging/assignments/:assignmentId/abstain': {
    operationId: 'abstainFromAssignment',
    summary: 'Abstain from an assigned entry with a reason; the assignment goes back to the organizer for reassignment',
    access: 'session',
  },
  // assignments (plan -> preview -> apply, manual changes)
  'GET /api/judging/rounds/:roundId/assignments': {
    operationId: 'listRoundAssignments',
    summary: 'Every assignment of a round with judge, entry, sheet status and the caller’s abilities (organizer staff)',
    access: 'session',
  },
  'POST /api/judging/rounds/:roundId/assignments': {
    operationId: 'addRoundAssignment',
    summary: 'Assign one panel judge to one entry of the round; a recused judge is refused with the reason (managers)',
    access: 'session',
  },
  'POST /api/judging/assignments/:assignmentId/remove': {
    operationId: 'removeRoundAssignment',
    summary: 'Take a judge off an entry (assigned or abstained); not once the sheet is submitted (managers)',
    access: 'session',
  },
  'POST /api/judging/assignments/:assignmentId/swap': {
    operationId: 'swapRoundAssignment',
    summary: 'Swap an assignment’s judge for another of the theme’s panel in one change, under the recusal rule (managers)',
    access: 'session',
  },
  'POST /api/judging/rounds/:roundId/assignment-plans': {
    operationId: 'planRoundAssignment',
    summary:
      'Plan an automatic, balanced assignment with recusal and answer its preview: coverage, loads, overlap, conflicts (managers)',
    access: 'session',
  },
  'GET /api/judging/rounds/:roundId/assignment-plans/:planId': {
    operationId: 'getAssignmentPlan',
    summary: 'An assignment plan’s preview against the facts now, stale when they changed (organizer staff)',
    access: 'session',
  },
  'POST /api/judging/rounds/:roundId/assignment-plans/:planId/apply': {
    operationId: 'applyAssignmentPlan',
    summary:
      'Apply exactly the previewed plan, all or nothing; PLAN_STALE when the panel, conflicts, entries or assignments changed (managers)',
    access: 'session',
  },
  'GET /api/judging/rounds/:roundId/assignments.xlsx': {
    operationId: 'exportRoundAssignments',
    summary: 'The round’s assignment as an Excel workbook (assignments, panel, entries) for planning offline (organizer staff)',
    access: 'session',
    download: true,
  },
  'POST /api/judging/rounds/:roundId/assignment-plans/import': {
    operationId: 'importAssignmentPlan',
    summary:
      'An edited assignment workbook back in as a plan, checked row by row under the recusal rule, answered as its preview (managers)',
    access: 'session',
    body: 'multipart',
  },
  'POST /api/judging/rounds/:roundId/assignment-plans/:planId/discard': {
    operationId: 'discardAssignmentPlan',
    summary: 'Discard an assignment plan that will not be applied (managers)',
    access: 'session',
  },
  // results
  'GET /api/judging/rounds/:roundId/progress': {
    operationId: 'getJudgingProgress',
    summary:
      'A round’s progress per theme and per judge: assigned, draft, submitted, abstained, missing (organizer staff; a lead judge their themes)',
    access: 'session',
  },
  'GET /api/judging/rounds/:roundId/ranking': {
    operationId: 'getJudgingRanking',
    summary:
      'A round’s ranking per theme with each entry’s breakdown, agreement (ICC, Kendall’s W, outliers, missing) and per-judge distributions (organizer staff; judges of a see-others round their entries)',
    access: 'session',
  },
  'POST /api/judging/rounds/:roundId/results/preview': {
    operationId: 'previewJudgingResults',
    summary:
      'Preview advancing the top N or X%, or tiers by proportion (卓越 first, then 优秀 from the rest), per theme (organizer staff)',
    access: 'session',
  },
  'POST /api/judging/rounds/:roundId/results/freeze': {
    operationId: 'freezeJudgingResults',
    summary:
      'Freeze a closed round’s results from its sheets now with the rule: one row per entry with its breakdown, audited (managers)',
    access: 'session',
  },
  'POST /api/judging/rounds/:roundId/results/publish': {
    operationId: 'publishJudgingResults',
    summary: 'Publish a frozen round’s results to the entries’ applicants, once (managers)',
    access: 'session',
  },
  'GET /api/entries/:entryId/judging-results': {
    operationId: 'getEntryJudgingResults',
    summary:
      'An entry’s published results per round: score, rank, tier, the formula and breakdown, judges unnamed in a blind round (its applicants; organizer staff also unpublished)',
    access: 'session',
  },
  'GET /api/judging/rounds/:roundId/sheets.xlsx': {
    operationId: 'exportJudgingSheets',
    summary:
      'Every score sheet of a round as an Excel workbook: entry, theme, judge, each criterion’s points, total, comment, state, times in Beijing time (organizer staff)',
    access: 'session',
    download: true,
  },
  'GET /api/judging/rounds/:roundId/ranking.xlsx': {
    operationId: 'exportJudgingRanking',
    summary:
      'A round’s ranking per theme as an Excel workbook with the formula’s figures and every judge’s scores; the frozen results once frozen (organizer staff)',
    access: 'session',
    download: true,
  },
  // a round's own materials, asked of advancing entries before it opens
  'GET /api/entries/:entryId/round-materials': {
    operationId: 'getEntryRoundMaterials',
    summary:
      'The rounds asking this entry for materials of their own (seed 002: 汇报 PPT, MP4 <= 8 min): slots with their rules, the file in each, abilities.upload (its applicants)',
    access: 'session',
  },
  'POST /api/judging/rounds/:roundId/entries/:entryId/materials/:slotKey': {
    operationId: 'uploadRoundMaterial',
    summary:
      'Put a file in one of a round’s own slots, checked like an entry’s attachment, while the round is a draft and asks the entry (the entering unit; ROUND_MATERIALS_LOCKED once begun)',
    access: 'session',
    body: 'multipart',
  },
  'GET /api/judging/assignments/:assignmentId/files/:fileId/preview.pdf': {
    operationId: 'previewJudgeFile',
    summary:
      'A PDF preview of an assigned entry’s PPT/PPTX, made once with LibreOffice where it is installed and served with byte ranges; a blind round’s from the masked deck; 503 PREVIEW_UNAVAILABLE otherwise (the judge)',
    access: 'session',
    download: true,
  },
} as const satisfies Record<string, OperationDoc>;
