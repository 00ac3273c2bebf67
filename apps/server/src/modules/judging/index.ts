// The judging module's public face (issue 10: expert judging in rounds): app.ts, cli.ts, seed/, bench/ and tests
// outside it import from here only.
// Advancement and online tiers (H6, issue 10 item 6; S0-10, S2-6): a pure engine.
export {
  type AdvanceRule,
  advanceTop,
  assignTiers,
  frozenRowsOf,
  type MissReason,
  type PreviewCut,
  type PreviewGroup,
  type PreviewRow,
  type ProportionBase,
  quotaFor,
  type RankedRow,
  type Rounding,
  type RoundPreview,
  type TieRule,
  type TierRule,
  type TierSpec,
} from './advance.ts';
// Aggregation and panel quality (H2, issue 10 item 5): pure engines.
export {
  type EntryInRound,
  type JudgeScore,
  type PreparedRound,
  prepareRound,
  type RankedEntry,
  type RankInput,
  rankRound,
  type SheetScores,
  weightedTotal,
} from './aggregate.ts';
export {
  type Agreement,
  type AgreementInput,
  agreement,
  type GroupAgreement,
  type IccForm,
  type MissingSheets,
  type OutlierJudge,
} from './agreement.ts';
// Automatic assignment (H3, issue 10 item 3): a pure engine.
export {
  type AssignEntry,
  type AssignJudge,
  type AssignmentInput,
  type AssignmentPlan,
  type PlannedItem,
  planAssignment,
  type UncoveredEntry,
  type UncoveredReason,
} from './assign.ts';
// Assigning a round's judges (H8, issue 10 item 3): the facts, plan -> preview -> apply, and manual changes.
export { factsHash, loadFactsRound, loadRoundFacts, type RoundFacts } from './assignment-facts.ts';
export {
  applyAssignmentPlan,
  createAssignmentPlan,
  discardAssignmentPlan,
  readAssignmentPlan,
} from './assignment-plans.ts';
export { figuresOf, planItems } from './assignment-preview.ts';
export { addManualAssignment, listAssignments, removeAssignment } from './assignments-manual.ts';
// The blind projection (H5, S0-4): every judge-facing answer of a blind round goes through it.
export { type JudgeViewInput, judgeEntryView, MASK } from './blind.ts';
// Judging rounds (H1, issue 10 item 2): the demo seed saves, opens and closes rounds the way a manager does.
export { changeRoundStatus } from './change-round-status.ts';
// The organizer's expert pool (H7, issue 10 item 1): the seed invites and seats its demo judge the way a manager does.
export { answerJudgeInvitation } from './judges-answer.ts';
export { declareConflicts } from './judges-conflicts.ts';
export { invitationLink, inviteJudge } from './judges-invite.ts';
export { removeJudge } from './judges-remove.ts';
// The demo seed asks who it is to a campaign the way the rounds' routes do, before saving its rounds.
export { judgingAccess } from './judging.policy.ts';
export { judgingRoutes } from './judging.routes.ts';
// The live final (issue 11) reads a frozen round's results, the pool's judges and their declared conflicts (read
// only; writes go through this module's functions).
export { judgeConflicts, judges, judgingRounds, roundEntries, roundResults } from './judging.tables.ts';
export { findJudge, listJudges } from './pool.repo.ts';
export { readPanel, savePanel } from './pool-panel.ts';
// Recusal (H3, X-4): a pure rule.
export {
  type Conflict,
  conflictOf,
  type OrgTree,
  orgTreeOf,
  type RecusalEntry,
  type RecusalJudge,
  type RecusalReason,
  recusalIndex,
  relationOf,
  type UnitRelation,
} from './recusal.ts';
// A round's results (H9, issue 10 items 5-7): the demo seed and the live final freeze and publish as a manager does.
export { entryJudgingResults } from './result-entry.ts';
export { freezeResults } from './results-freeze.ts';
export { roundProgress } from './results-progress.ts';
export { publishResults } from './results-publish.ts';
export { rankingView } from './results-ranking.ts';
// The rounds' set (H1): the demo seed saves its preliminary round the way a manager does.
export { saveRounds } from './save-rounds.ts';
// The judges' score sheets (H5, issue 10 item 4): the demo seed writes sheets in every state the way a judge does.
export { abstainSheet } from './sheet-abstain.ts';
// The deadline reminder (issue 10 item 4): server.ts starts the sweep; tests run one pass.
export { reminderLeadMs, sendDeadlineReminders, startJudgingSweeps } from './sheet-reminders.ts';
export { saveSheet } from './sheet-save.ts';
export { submitSheet } from './sheet-submit.ts';
export { ASSIGNMENT_TRANSITIONS } from './transition-assignment.ts';
export { ASSIGNMENT_PLAN_TRANSITIONS } from './transition-assignment-plan.ts';
