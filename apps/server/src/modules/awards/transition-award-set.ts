import { type AuditKind, AWARD_SET_TRANSITIONS, type TAwardSetAction, type TAwardSetState } from '@casearena/contract';
import { and, eq, sql } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import { auditActor, type WriterActor } from '../../platform/audit/system-actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { awardSets } from './awards.tables.ts';

/** The other columns a step sets with the state (the rules, the moments). */
export type AwardSetPatch = Partial<Pick<typeof awardSets.$inferInsert, 'rules' | 'computedAt' | 'frozenAt' | 'finalAt'>>;

/** What a step of the set is: one of the contract's actions, or the rules' edit (which keeps the state). */
export type AwardSetStep = TAwardSetAction | 'rules_updated';

/** The audit kind of a step: `awards.<step>`, each listed in the contract's AUDIT_KINDS. */
export const awardsAuditKind = (step: AwardSetStep): AuditKind => `awards.${step}`;

/** The edge each action takes; the rules' edit keeps the state and is allowed while draft or computed. */
const EDGE: Record<AwardSetStep, { from: readonly TAwardSetState[]; to: (from: TAwardSetState) => TAwardSetState }> = {
  rules_updated: { from: ['draft', 'computed'], to: (from) => from },
  compute: { from: ['draft', 'computed'], to: () => 'computed' },
  adjust: { from: ['computed'], to: () => 'computed' },
  freeze: { from: ['computed'], to: () => 'frozen' },
  amend: { from: ['frozen'], to: () => 'frozen' },
  finalize: { from: ['frozen'], to: () => 'final' },
};

export interface AwardSetStepInput {
  tx: Tx;
  actor: WriterActor;
  campaignId: string;
  step: AwardSetStep;
  /** The state the caller decided on (its locked row) … */
  from: TAwardSetState;
  /** … and the version the organizer's page showed (compare-and-set: STALE_VERSION when another step came first). */
  version: number;
  at: Date;
  patch?: AwardSetPatch;
  /** What the step carried, into the audit event (counts, the change and its reason, the problems). */
  data?: Record<string, unknown>;
}

/**
 * The one writer of an award set's state (issue 12, X-3), inside the caller's transaction (the caller has locked
 * the set's row and asked the policy on it). Checks the step's edge against AWARD_SET_TRANSITIONS (WRONG_STATUS
 * otherwise), writes the state with the step's other columns by compare-and-set on `from` and `version` (a lost race
 * gives WRONG_STATUS or STALE_VERSION, never a double step), raises the version and appends the audit event
 * `awards.<step>` in the same transaction. Returns the new version.
 */
export async function transitionAwardSet(input: AwardSetStepInput): Promise<number> {
  const { tx, from, at, step, campaignId } = input;
  const edge = EDGE[step];
  const to = edge.to(from);
  const allowed =
    edge.from.includes(from) && (step === 'rules_updated' || (AWARD_SET_TRANSITIONS[from] as readonly string[]).includes(to));
  if (!allowed) throw new AppError('WRONG_STATUS');
  const [row] = await tx
    .update(awardSets)
    .set({ ...input.patch, state: to, version: sql`${awardSets.version} + 1`, updatedAt: at })
    .where(and(eq(awardSets.campaignId, campaignId), eq(awardSets.state, from), eq(awardSets.version, input.version)))
    .returning({ version: awardSets.version });
  if (!row) {
    const [now] = await tx.select({ state: awardSets.state }).from(awardSets).where(eq(awardSets.campaignId, campaignId));
    throw new AppError(now && now.state === from ? 'STALE_VERSION' : 'WRONG_STATUS');
  }
  const who = auditActor(input.actor);
  await appendAudit(tx, {
    kind: awardsAuditKind(step),
    actorId: who.actorId,
    subjectType: 'award_set',
    subjectId: campaignId,
    campaignId,
    data: { from, to, version: row.version, ...input.data, ...who.data },
    at,
  });
  return row.version;
}
