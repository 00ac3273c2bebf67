import type { Readable } from 'node:stream';
import type { TAssignmentPlanView } from '@casearena/contract';
import ExcelJS from 'exceljs';
import type { Actor, AppContext } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { factsHash, loadRoundFacts } from './assignment-facts.ts';
import { presentPlan } from './assignment-plans.ts';
import { seenRound, whyNotChangeAssignments } from './assignment-policy.ts';
import type { PlanItem } from './assignment-preview.ts';
import { assignmentPlans } from './judging.tables.ts';
import { conflictOf } from './recusal.ts';

/** The workbook's columns: the organizer edits 案例编号 and 专家编号; the names are there to read. */
const COLUMNS = [
  { header: '案例编号 Entry number', key: 'number', width: 20 },
  { header: '案例标题 Title', key: 'title', width: 40 },
  { header: '专家编号 Judge ID', key: 'judgeId', width: 38 },
  { header: '专家 Judge', key: 'judge', width: 16 },
];
const SHEET = '分配 Assignments';
/** An assignment workbook is small (a row per pair); a larger upload is not one. */
const MAX_BYTES = 5 * 1024 * 1024;

/**
 * The round's assignment as an Excel workbook for organizers who plan offline (issue 10 item 3): a row per judge
 * assigned an entry, then the panel (each judge's ID and the themes' entries they may take) and the entries, so a new
 * row can be typed from the other two sheets. The organizer's people and the platform.
 */
export async function exportAssignments(ctx: AppContext, actor: Actor | null, roundId: string): Promise<Buffer> {
  const seen = await seenRound(ctx.db, actor, roundId, false);
  const facts = await loadRoundFacts(ctx.db, seen.round);
  const entry = new Map(facts.entries.map((e) => [e.id, e]));
  const judge = new Map(facts.judges.map((j) => [j.id, j]));
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(SHEET);
  sheet.columns = COLUMNS;
  const live = facts.assignments.filter((a) => a.status === 'assigned');
  const rows = live.map((a) => ({
    number: entry.get(a.entryId)?.number ?? '',
    title: entry.get(a.entryId)?.title ?? '',
    judgeId: a.judgeId,
    judge: judge.get(a.judgeId)?.name ?? '',
  }));
  rows.sort((a, b) => (a.number !== b.number ? (a.number < b.number ? -1 : 1) : a.judge.localeCompare(b.judge)));
  sheet.addRows(rows);
  const panel = book.addWorksheet('专家 Panel');
  panel.columns = [
    { header: '专家编号 Judge ID', key: 'id', width: 38 },
    { header: '专家 Judge', key: 'name', width: 16 },
    { header: '已分配 Assigned', key: 'load', width: 12 },
  ];
  panel.addRows(facts.judges.map((j) => ({ id: j.id, name: j.name, load: live.filter((a) => a.judgeId === j.id).length })));
  const list = book.addWorksheet('案例 Entries');
  list.columns = [
    { header: '案例编号 Entry number', key: 'number', width: 20 },
    { header: '案例标题 Title', key: 'title', width: 40 },
    { header: '已分配 Assigned', key: 'count', width: 12 },
  ];
  list.addRows(
    facts.entries.map((e) => ({ number: e.number ?? '', title: e.title, count: live.filter((a) => a.entryId === e.id).length })),
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > MAX_BYTES) throw new AppError('FILE_TOO_LARGE', { limit: '5 MB' });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const text = (value: unknown) => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'text' in (value as object)) return String((value as { text: unknown }).text).trim();
  return String(value).trim();
};

/**
 * An edited workbook back in, as a plan (issue 10 item 3): the same plan -> preview -> apply as the automatic one.
 * Each row names an entry by its number and a judge by their ID; the plan's items are the rows' pairs not assigned
 * yet (a pair already assigned is kept; an assignment missing from the file stays — removing is a manual step). Row
 * by row under the single assignment's rule: an unknown entry or a judge not on its theme's panel is a field error
 * naming the row (INVALID), a pair given twice DUPLICATE, a pair the judge abstained from INVALID, and a recused judge
 * ASSIGNMENT_RECUSED with conflictOf's reason and the row. Managers and the platform; figures against the round's own
 * judges per entry and maximum load.
 */
export async function importAssignmentPlan(
  ctx: AppContext,
  actor: Actor | null,
  roundId: string,
  stream: Readable,
): Promise<TAssignmentPlanView> {
  const at = ctx.clock.now();
  const bytes = await readAll(stream);
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'file', code: 'INVALID' }]);
  }
  const sheet = book.getWorksheet(SHEET) ?? book.worksheets[0];
  if (!sheet) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'file', code: 'INVALID' }]);
  const rows: { row: number; number: string; judgeId: string }[] = [];
  sheet.eachRow((r, n) => {
    if (n === 1) return;
    const number = text(r.getCell(1).value);
    const judgeId = text(r.getCell(3).value);
    if (number || judgeId) rows.push({ row: n, number, judgeId });
  });
  return inTransaction(ctx.db, async (tx) => {
    const seen = await seenRound(tx, actor, roundId, false);
    const refusal = whyNotChangeAssignments(seen.access, seen.round);
    if (refusal) throw new AppError(refusal);
    const facts = await loadRoundFacts(tx, seen.round);
    const byNumber = new Map(facts.entries.map((e) => [e.number ?? '', e]));
    const judge = new Map(facts.judges.map((j) => [j.id, j]));
    const existing = new Map(facts.assignments.map((a) => [`${a.entryId}:${a.judgeId}`, a.status]));
    const seenPairs = new Set<string>();
    const fields: { path: string; code: 'INVALID' | 'DUPLICATE'; params: { row: number } }[] = [];
    const items: PlanItem[] = [];
    for (const r of rows) {
      const e = byNumber.get(r.number);
      const j = judge.get(r.judgeId);
      const path = `rows.${r.row}`;
      const onPanel = (e && j?.themeIds.includes(e.themeId)) === true;
      if (!e || !j || !onPanel) {
        fields.push({ path, code: 'INVALID', params: { row: r.row } });
        continue;
      }
      const key = `${e.id}:${j.id}`;
      if (seenPairs.has(key)) {
        fields.push({ path, code: 'DUPLICATE', params: { row: r.row } });
        continue;
      }
      seenPairs.add(key);
      const conflict = conflictOf(j, e, facts.tree);
      if (conflict) throw new AppError('ASSIGNMENT_RECUSED', { reason: conflict.reason, row: r.row });
      const status = existing.get(key);
      if (status === 'abstained') fields.push({ path, code: 'INVALID', params: { row: r.row } });
      else if (status !== 'assigned') items.push({ entryId: e.id, judgeId: j.id, specialty: j.specialties.includes(e.themeId) });
    }
    if (fields.length > 0) throw new AppError('VALIDATION_FAILED', undefined, fields);
    const params = { perEntry: seen.round.judgesPerEntry, maxLoad: seen.round.maxLoad, seed: 0 };
    const [plan] = await tx
      .insert(assignmentPlans)
      .values({
        roundId,
        status: 'planned',
        items,
        params,
        fingerprint: factsHash(facts),
        createdBy: seen.actor.id,
        createdAt: at,
      })
      .returning();
    if (!plan) throw new AppError('INTERNAL');
    return presentPlan(plan, facts, seen.access);
  });
}
