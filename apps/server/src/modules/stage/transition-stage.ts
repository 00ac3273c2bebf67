import { type AuditKind, STAGE_TRANSITIONS, type TStageAction, type TStageState } from '@casearena/contract';
import { and, eq, sql } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import { auditActor, type WriterActor } from '../../platform/audit/system-actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { AfterCommit } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { stages } from './stage.tables.ts';
import { announceStage } from './stage-live.ts';

/** The other columns a step sets with the state (the clock, the current finalist, the draw, the freeze). */
export type StagePatch = Partial<
  Pick<
    typeof stages.$inferInsert,
    'currentIndex' | 'drawSeed' | 'drawnAt' | 'phaseStartedAt' | 'pausedAt' | 'pausedMs' | 'frozenAt'
  >
>;

/** The audit kind of a stage event: `stage.created` and `stage.<action>`, each listed in the contract's AUDIT_KINDS. */
export const stageAuditKind = (what: 'created' | TStageAction): AuditKind => `stage.${what}`;

/** Each edge of STAGE_TRANSITIONS is one host action, so the audit kind follows from the edge. */
const ACTION_OF: Record<string, TStageAction> = {
  'draft>drawn': 'draw',
  'drawn>drawn': 'redraw',
  'drawn>waiting': 'start',
  'waiting>presenting': 'present',
  'presenting>qa': 'qa',
  'qa>scoring': 'score',
  'scoring>revealed': 'reveal',
  'revealed>waiting': 'next',
  'revealed>finished': 'finish',
  'revealed>scoring': 'reopen',
  'finished>frozen': 'freeze',
};

interface StepInput {
  ctx: Pick<AppContext, 'db' | 'clock' | 'realtime' | 'log'>;
  tx: Tx;
  afterCommit: AfterCommit;
  actor: WriterActor;
  id: string;
  campaignId: string;
  /** The state the caller decided on (its locked row) … */
  from: TStageState;
  /** … and the version the console showed (compare-and-set: STALE_VERSION when another step came first). */
  version: number;
  at: Date;
  patch?: StagePatch;
  /** What the step carried, into the audit event (the seed and order of a draw, the reason of a redraw). */
  data?: Record<string, unknown>;
}

async function write(input: StepInput, to: TStageState, kind: TStageAction): Promise<number> {
  const { tx, from, at } = input;
  const [row] = await tx
    .update(stages)
    .set({ ...input.patch, state: to, version: sql`${stages.version} + 1`, updatedAt: at })
    .where(and(eq(stages.id, input.id), eq(stages.state, from), eq(stages.version, input.version)))
    .returning({ version: stages.version });
  if (!row) {
    const [now] = await tx.select({ state: stages.state }).from(stages).where(eq(stages.id, input.id));
    throw new AppError(now && now.state === from ? 'STALE_VERSION' : 'WRONG_STATUS');
  }
  const who = auditActor(input.actor);
  await appendAudit(tx, {
    kind: stageAuditKind(kind),
    actorId: who.actorId,
    subjectType: 'stage',
    subjectId: input.id,
    campaignId: input.campaignId,
    data: { from, to, version: row.version, ...input.data, ...who.data },
    at,
  });
  const { ctx, id } = input;
  // Every screen learns the new state once it is committed (a rolled-back step shows nothing).
  input.afterCommit(() => announceStage(ctx, id));
  return row.version;
}

/**
 * The one writer of a stage's state (issue 11, X-3), inside the caller's transaction (the caller has locked the
 * stage's row and asked the policy on it). Checks the edge against STAGE_TRANSITIONS (WRONG_STATUS otherwise),
 * writes the state with the step's other columns by compare-and-set on `from` and `version` (a lost race gives
 * WRONG_STATUS or STALE_VERSION, never a double step), raises the version, appends the audit event `stage.<action>`
 * in the same transaction and, after commit, publishes the new screen. Returns the new version.
 */
export async function transitionStage(input: StepInput & { to: TStageState }): Promise<number> {
  const { from, to } = input;
  if (!(STAGE_TRANSITIONS[from] as readonly TStageState[]).includes(to)) throw new AppError('WRONG_STATUS');
  return write(input, to, ACTION_OF[`${from}>${to}`] as TStageAction);
}

/**
 * The writer's sibling for the steps that keep the state (pause, resume, a reopen while scoring): the same
 * compare-and-set on state and version, version bump, audit and announcement, the state written back unchanged.
 */
export async function stepStage(input: StepInput & { action: 'pause' | 'resume' | 'reopen' }): Promise<number> {
  return write(input, input.from, input.action);
}
