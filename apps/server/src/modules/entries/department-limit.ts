import type { TEntry, TEntryRules } from '@casearena/contract';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { entries } from './entries.tables.ts';

/**
 * A call may limit how many cases one department of an organization enters (`maxPerDepartment`), by the answer to
 * the form's department field. Counted on submission among the organization's live entries in the call.
 */
export async function assertDepartmentLimit(db: Queryable, rules: TEntryRules, entry: TEntry): Promise<void> {
  const max = rules.maxPerDepartment ?? null;
  const field = rules.departmentField ?? 'department';
  const department = entry.answers[field];
  if (max === null || typeof department !== 'string' || !department.trim()) return;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(entries)
    .where(
      and(
        eq(entries.campaignId, entry.campaignId),
        eq(entries.organizationId, entry.organization.id),
        ne(entries.id, entry.id),
        inArray(entries.status, ['submitted', 'returned', 'passed']),
        sql`trim(${entries.answers} ->> ${field}) = ${department.trim()}`,
      ),
    );
  if ((row?.n ?? 0) >= max) throw new AppError('NOT_ELIGIBLE', { rule: 'maxPerDepartment', department: department.trim(), max });
}
