import type { JudgeStatus, TAssignmentsEnded, TPanel, TPanelInput } from '@casearena/contract';
import { asc, eq, sql } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/client.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { campaigns, campaignThemes } from '../campaigns/index.ts';
import { judges, panelMembers } from './judging.tables.ts';
import { type Departure, endLeftAssignments, openAssignmentCounts } from './panel-leave.ts';
import { panelProblems, poolAccess, whyNotManagePool, whyNotSeePool } from './pool.policy.ts';

async function campaignOf(db: Queryable, campaignId: string) {
  const [row] = await db.select({ organizerId: campaigns.organizerId }).from(campaigns).where(eq(campaigns.id, campaignId));
  return row ?? null;
}

const themesOf = (db: Queryable, campaignId: string) =>
  db
    .select({ id: campaignThemes.id, code: campaignThemes.code, title: campaignThemes.title })
    .from(campaignThemes)
    .where(eq(campaignThemes.campaignId, campaignId))
    .orderBy(asc(campaignThemes.position));

/**
 * GET /api/campaigns/:campaignId/judging/panel: who judges which themes and each theme's lead judge (组长), and per
 * member and theme they sit on their open assignments (what taking them off it would end), for the organizer's people
 * (the `edit` ability: managers); to anyone else the panel is NOT_FOUND.
 */
export async function readPanel(db: Queryable, actor: Actor | null, campaignId: string): Promise<TPanel> {
  const campaign = await campaignOf(db, campaignId);
  const access = campaign ? await poolAccess(db, actor, campaign.organizerId) : null;
  const hidden = whyNotSeePool(access);
  if (hidden) throw new AppError(hidden);
  const rows = await db
    .select({ m: panelMembers, j: judges })
    .from(panelMembers)
    .innerJoin(judges, eq(judges.id, panelMembers.judgeId))
    .where(eq(panelMembers.campaignId, campaignId))
    .orderBy(sql`${judges.name} collate "C"`, asc(judges.id));
  const themes = await themesOf(db, campaignId);
  const open = await openAssignmentCounts(db, campaignId);
  const openOn = (judgeId: string, themeIds: string[]) =>
    Object.fromEntries(themeIds.flatMap((t) => (open.get(judgeId)?.[t] ? [[t, open.get(judgeId)?.[t] as number]] : [])));
  return {
    campaignId,
    members: rows.map(({ m, j }) => ({
      judge: { id: j.id, name: j.name, status: j.status, organizationName: j.organizationName || null, title: j.title },
      themeIds: m.themeIds,
      leadThemeIds: m.leadThemeIds,
      openAssignments: openOn(j.id, m.themeIds),
    })),
    themes: themes.map((t) => ({
      ...t,
      judgeIds: rows.filter((r) => r.m.themeIds.includes(t.id)).map((r) => r.j.id),
      leadJudgeId: rows.find((r) => r.m.leadThemeIds.includes(t.id))?.j.id ?? null,
    })),
    abilities: { edit: whyNotManagePool(access) ?? (true as const) },
  };
}

/**
 * PUT /api/campaigns/:campaignId/judging/panel: a manager sets the whole panel (issue 10 item 1). The organizer's pool
 * rows are locked in id order first, so two saves of one organizer's panels run one after the other and no judge is
 * removed while being seated; the set is then checked on those rows (a judge not active: WRONG_STATUS, as the judge's
 * `seat` ability says; otherwise `panelProblems`: VALIDATION_FAILED naming each field), replaced, and `judging.panel_saved` written with each theme's judges and lead.
 * A judge taken off a theme gives up their standing assignments for its entries in the same transaction
 * (endLeftAssignments: those not submitted end, a draft sheet kept; submitted ones stay and count); the event names
 * the themes each judge left and the assignments ended and kept, and the answer counts them.
 */
export async function savePanel(
  ctx: AppContext,
  input: { actor: Actor; campaignId: string; panel: TPanelInput },
): Promise<TAssignmentsEnded> {
  const { actor, campaignId, panel } = input;
  const at = ctx.clock.now();
  return inTransaction(ctx.db, async (tx, afterCommit) => {
    const campaign = await campaignOf(tx, campaignId);
    const refusal = campaign ? whyNotManagePool(await poolAccess(tx, actor, campaign.organizerId)) : 'NOT_FOUND';
    if (refusal || !campaign) throw new AppError(refusal ?? 'NOT_FOUND');
    const pool = await tx
      .select({ id: judges.id, status: judges.status })
      .from(judges)
      .where(eq(judges.organizerId, campaign.organizerId))
      .orderBy(asc(judges.id))
      .for('update');
    // A judge of the pool who has not accepted (or left) is the seat ability's WRONG_STATUS, named by its field.
    const status = new Map<string, JudgeStatus>(pool.map((j) => [j.id, j.status]));
    const unseatable = panel.members.flatMap((m, i) => {
      const s = status.get(m.judgeId);
      return s && s !== 'active' ? [{ path: `members.${i}.judgeId`, code: 'INVALID_CHOICE' as const }] : [];
    });
    if (unseatable.length > 0) throw new AppError('WRONG_STATUS', undefined, unseatable);
    const themes = await themesOf(tx, campaignId);
    const problems = panelProblems(panel, {
      themeIds: new Set(themes.map((t) => t.id)),
      judges: status,
    });
    if (problems.length > 0) throw new AppError('VALIDATION_FAILED', undefined, problems);
    const before = await tx.delete(panelMembers).where(eq(panelMembers.campaignId, campaignId)).returning();
    if (panel.members.length > 0) {
      await tx.insert(panelMembers).values(
        panel.members.map((m) => ({
          campaignId,
          judgeId: m.judgeId,
          themeIds: m.themeIds,
          leadThemeIds: m.leadThemeIds,
          createdAt: at,
        })),
      );
    }
    // The themes each judge sat on and no longer does, in judge id order.
    const kept = new Map(panel.members.map((m) => [m.judgeId, new Set(m.themeIds)]));
    const departures: Departure[] = before
      .map((m) => ({ judgeId: m.judgeId, themeIds: m.themeIds.filter((t) => !kept.get(m.judgeId)?.has(t)).sort() }))
      .filter((d) => d.themeIds.length > 0)
      .sort((a, b) => (a.judgeId < b.judgeId ? -1 : 1));
    const ended = await endLeftAssignments({ tx, afterCommit, actor, campaignIds: [campaignId], departures, cause: 'panel', at });
    await appendAudit(tx, {
      kind: 'judging.panel_saved',
      actorId: actor.id,
      subjectType: 'campaign',
      subjectId: campaignId,
      campaignId,
      data: {
        themes: Object.fromEntries(
          themes.map((t) => [
            t.id,
            {
              judges: panel.members.filter((m) => m.themeIds.includes(t.id)).map((m) => m.judgeId),
              lead: panel.members.find((m) => m.leadThemeIds.includes(t.id))?.judgeId ?? null,
            },
          ]),
        ),
        left: departures,
        endedAssignments: ended.endedIds,
        keptSubmitted: ended.keptSubmittedIds,
      },
      at,
    });
    return { endedAssignments: ended.endedAssignments, keptSubmitted: ended.keptSubmitted };
  });
}
