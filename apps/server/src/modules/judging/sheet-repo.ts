import type { ScoreSheetSpec, TFormField, TJudgeEntry, TSheetView } from '@casearena/contract';
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Actor } from '../../platform/context.ts';
import type { Queryable, Tx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { formFields } from '../campaigns/index.ts';
import { findEntry } from '../entries/index.ts';
import { organizations } from '../orgs/index.ts';
import { weightedTotal } from './aggregate.ts';
import { type JudgeViewInput, judgeEntryView } from './blind.ts';
import { assignments, judges, judgingRounds, scoreSheets } from './judging.tables.ts';
import { recusedPairs } from './recusal-now.ts';
import { roundMaterialAttachments } from './round-materials.ts';
import { previewable } from './sheet-preview-convert.ts';

export type AssignmentRow = typeof assignments.$inferSelect;
export type RoundRow = typeof judgingRounds.$inferSelect;
export type SheetRow = typeof scoreSheets.$inferSelect;
/** Form versions read once per request, however many of its entries a judge has. */
export type FormCache = Map<string, Promise<TFormField[]>>;

/** A judge's assignment with its round and sheet (null until the first save). */
export interface JudgeAssignment {
  assignment: AssignmentRow;
  round: RoundRow;
  sheet: SheetRow | null;
}

/**
 * The signed-in judge's assignment, or NOT_FOUND (never FORBIDDEN, so nobody learns an entry is judged): the caller
 * must be the user of the assignment's judge, that judge active in the pool, the assignment not removed. With `tx`
 * the assignment and its sheet are locked (FOR UPDATE) and the round shared-locked (FOR SHARE) until the write's
 * transaction ends, so a concurrent save or a closing of the round waits and then meets this one's result.
 */
export async function loadJudgeAssignment(
  db: Queryable,
  actor: Actor,
  assignmentId: string,
  lock: { tx: Tx } | null = null,
): Promise<JudgeAssignment> {
  const query = db
    .select({ assignment: assignments })
    .from(assignments)
    .innerJoin(judges, eq(judges.id, assignments.judgeId))
    .where(
      and(
        eq(assignments.id, assignmentId),
        eq(judges.userId, actor.id),
        eq(judges.status, 'active'),
        ne(assignments.status, 'removed'),
      ),
    );
  const [found] = lock ? await query.for('update', { of: assignments }) : await query;
  if (!found) throw new AppError('NOT_FOUND');
  // A conflict declared (or a unit changed) after the assignment was made recuses the judge from then on.
  if ((await recusedPairs(db, [found.assignment])).size > 0) throw new AppError('NOT_FOUND');
  const roundQuery = db.select().from(judgingRounds).where(eq(judgingRounds.id, found.assignment.roundId));
  const [round] = lock ? await roundQuery.for('share') : await roundQuery;
  if (!round) throw new AppError('NOT_FOUND');
  const sheetQuery = db.select().from(scoreSheets).where(eq(scoreSheets.assignmentId, assignmentId));
  const [sheet] = lock ? await sheetQuery.for('update') : await sheetQuery;
  return { assignment: found.assignment, round, sheet: sheet ?? null };
}

/** Every assignment of the signed-in judge in the open rounds, with rounds and sheets (removed ones left out). */
export async function listJudgeAssignments(db: Queryable, actor: Actor): Promise<JudgeAssignment[]> {
  const rows = await db
    .select({ assignment: assignments, round: judgingRounds })
    .from(assignments)
    .innerJoin(judges, eq(judges.id, assignments.judgeId))
    .innerJoin(judgingRounds, eq(judgingRounds.id, assignments.roundId))
    .where(
      and(
        eq(judges.userId, actor.id),
        eq(judges.status, 'active'),
        ne(assignments.status, 'removed'),
        eq(judgingRounds.status, 'open'),
      ),
    )
    .orderBy(judgingRounds.closesAt, judgingRounds.id, assignments.createdAt, assignments.id);
  const recused = await recusedPairs(
    db,
    rows.map((r) => r.assignment),
  );
  const standing = rows.filter((r) => !recused.has(`${r.assignment.judgeId}/${r.assignment.entryId}`));
  if (standing.length === 0) return [];
  const sheets = await db
    .select()
    .from(scoreSheets)
    .where(
      inArray(
        scoreSheets.assignmentId,
        standing.map((r) => r.assignment.id),
      ),
    );
  const byAssignment = new Map(sheets.map((s) => [s.assignmentId, s]));
  return standing.map((r) => ({ ...r, sheet: byAssignment.get(r.assignment.id) ?? null }));
}

/**
 * The judge's sheet as the API shows it; an empty draft of version 0 before the first save. `total` is the weighted
 * total (aggregate.ts, as the ranking counts it) once every criterion is scored.
 */
export function presentSheet(sheet: SheetRow | null, spec: ScoreSheetSpec): TSheetView {
  if (!sheet)
    return {
      status: 'draft',
      version: 0,
      scores: {},
      comment: '',
      recommendation: null,
      abstainReason: null,
      savedAt: null,
      submittedAt: null,
      total: null,
    };
  return {
    status: sheet.status,
    version: sheet.version,
    scores: sheet.scores,
    comment: sheet.comment,
    recommendation: sheet.recommendation,
    abstainReason: sheet.abstainReason,
    savedAt: sheet.savedAt.toISOString(),
    submittedAt: sheet.submittedAt?.toISOString() ?? null,
    total: spec.criteria.every((c) => typeof sheet.scores[c.key] === 'number') ? weightedTotal(spec, sheet.scores) : null,
  };
}

export function presentRound(round: RoundRow) {
  return {
    id: round.id,
    campaignId: round.campaignId,
    key: round.key,
    label: round.label,
    status: round.status,
    opensAt: round.opensAt.toISOString(),
    closesAt: round.closesAt.toISOString(),
    blind: round.blind,
  };
}

/**
 * What an entry's judge view is made from (blind.ts): the round's materials (an empty list of field keys or
 * attachment slots shows every one; the round's extra slots always) and, in a blind round, the entering unit's and
 * the joint partners' names and aliases to mask.
 */
export async function judgeEntryInput(
  db: Queryable,
  round: RoundRow,
  entryId: string,
  forms: FormCache = new Map(),
): Promise<JudgeViewInput> {
  const found = await findEntry(db, entryId);
  if (!found) throw new AppError('NOT_FOUND');
  // The files the entry put in the round's own slots (round-materials.ts) are shown as its attachments.
  const extra = round.materials.extraSlots.length > 0 ? await roundMaterialAttachments(db, round.id, entryId) : [];
  const entry = extra.length > 0 ? { ...found, attachments: [...found.attachments, ...extra] } : found;
  const formKey = `${entry.campaignId}:${entry.formVersion}`;
  if (!forms.has(formKey)) forms.set(formKey, formFields(db, entry.campaignId, entry.formVersion));
  const fields = await (forms.get(formKey) as Promise<TFormField[]>);
  const { fieldKeys = [], attachmentKeys = [], extraSlots = [] } = round.materials;
  const units = round.blind
    ? await db
        .select({ name: organizations.name, aliases: organizations.aliases })
        .from(organizations)
        .where(inArray(organizations.id, [entry.organization.id, ...entry.partnerIds]))
    : [];
  return {
    entry,
    fields,
    materials: {
      fieldKeys: fieldKeys.length > 0 ? fieldKeys : undefined,
      attachmentSlots: attachmentKeys.length > 0 ? [...attachmentKeys, ...extraSlots.map((s) => s.key)] : undefined,
    },
    blind: round.blind,
    unitNames: units.flatMap((u) => [u.name, ...u.aliases]),
    extraSlots,
    previewable: (file) => previewable(file, round.blind),
  };
}

/** The entry as the round lets its judges see it. */
export async function judgeEntry(db: Queryable, round: RoundRow, entryId: string, forms?: FormCache): Promise<TJudgeEntry> {
  return judgeEntryView(await judgeEntryInput(db, round, entryId, forms));
}
