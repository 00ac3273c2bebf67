import { and, asc, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { activeJudge, assign, judgingCampaign, judgingRound, passedEntry } from '../../../test/judging.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import type { Actor } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import { assignments, panelMembers, scoreSheets } from './judging.tables.ts';
import { ASSIGNMENT_TRANSITIONS } from './transition-assignment.ts';
import { SHEET_TRANSITIONS, transitionSheet } from './transition-sheet.ts';

/**
 * X-3, one writer per aggregate: abstaining moves the assignment through transitionAssignment in the sheet's
 * transaction, and a judge who abstained and is assigned the entry again (by hand or by a plan) gets the sheet back
 * as a draft (abstained -> draft), with what they had typed, audited as judging.sheet_reopened.
 */
let t: TestApp;
let setup: Awaited<ReturnType<typeof judgingCampaign>>;
let round: Awaited<ReturnType<typeof judgingRound>>;

beforeAll(async () => {
  t = await startTestApp();
  setup = await judgingCampaign(t);
  round = await judgingRound(t, setup.campaign.id);
}, 300_000);
afterAll(async () => t?.close());

const REASON = '曾在该院任职';
const OPEN = { save: true, submit: true, abstain: true };

/** A passed entry assigned to a fresh judge seated on the panel for its theme only, who saved a score and abstained. */
async function abstained(themeIndex = 0) {
  const entry = await passedEntry(t, setup, { themeIndex });
  const judge = await activeJudge(t, setup.organizer.id);
  await t.app.ctx.db
    .insert(panelMembers)
    .values({ campaignId: setup.campaign.id, judgeId: judge.judge.id, themeIds: [entry.themeId], createdAt: t.clock.now() });
  const assignment = await assign(t, round, entry, judge.judge.id);
  const base = `/api/judging/assignments/${assignment.id}`;
  const saved = await judge.client.put(`${base}/sheet`, { version: 0, scores: { demonstration: 8 }, comment: '示范性强' });
  if (saved.statusCode !== 200) throw new Error(saved.body);
  const gone = await judge.client.post(`${base}/abstain`, { reason: REASON });
  if (gone.statusCode !== 200) throw new Error(gone.body);
  return { entry, judge, assignment, base };
}

const person = (u: { id: string; name: string }): Actor => ({
  id: u.id,
  name: u.name,
  role: 'user',
  locale: 'zh-CN',
  organizationId: null,
});
const sheetOf = async (assignmentId: string) =>
  (await t.app.ctx.db.select().from(scoreSheets).where(eq(scoreSheets.assignmentId, assignmentId)))[0];
const statusOf = async (assignmentId: string) =>
  (await t.app.ctx.db.select({ status: assignments.status }).from(assignments).where(eq(assignments.id, assignmentId)))[0]
    ?.status;
const eventsOf = (subjectId: string, kind: string) =>
  t.app.ctx.db
    .select({ kind: auditEvents.kind, actorId: auditEvents.actorId, data: auditEvents.data })
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectId, subjectId), like(auditEvents.kind, kind)))
    .orderBy(asc(auditEvents.seq));

describe('abstained -> draft when the assignment is made again (X-3)', () => {
  it('X-3: the edge tables — a sheet reopens only from abstained; an assignment is restored only from removed', () => {
    expect(SHEET_TRANSITIONS).toEqual({ draft: ['submitted', 'abstained'], submitted: [], abstained: ['draft'] });
    expect(ASSIGNMENT_TRANSITIONS).toEqual({
      assigned: ['abstained', 'removed'],
      abstained: ['removed'],
      removed: ['assigned'],
    });
  });

  it('X-3: abstaining turns the assignment abstained through transitionAssignment in the same transaction; the sheet’s event is its record', async () => {
    const { assignment } = await abstained();
    expect(await statusOf(assignment.id)).toBe('abstained');
    expect(await eventsOf(assignment.id, 'judging.assignment%')).toEqual([]);
    const sheet = await sheetOf(assignment.id);
    expect((await eventsOf(sheet?.id as string, 'judging.sheet_abstained')).map((e) => e.data)).toEqual([
      {
        from: 'draft',
        to: 'abstained',
        version: 2,
        assignmentId: assignment.id,
        roundId: round.id,
        entryId: assignment.entryId,
        reason: REASON,
      },
    ]);
  }, 300_000);

  it('X-3: an abstention that loses the race to a removal is WRONG_STATUS from transitionAssignment, and the sheet stays a draft', async () => {
    const entry = await passedEntry(t, setup);
    const judge = await activeJudge(t, setup.organizer.id);
    const assignment = await assign(t, round, entry, judge.judge.id);
    const base = `/api/judging/assignments/${assignment.id}`;
    expect((await judge.client.put(`${base}/sheet`, { version: 0, scores: { demonstration: 9 } })).statusCode).toBe(200);
    const sheet = await sheetOf(assignment.id);
    if (!sheet) throw new Error('no sheet');
    // The organizer's removal committed between the judge's read and the write.
    await t.app.ctx.db.update(assignments).set({ status: 'removed' }).where(eq(assignments.id, assignment.id));
    const write = inTransaction(t.app.ctx.db, (tx, afterCommit) =>
      transitionSheet({
        tx,
        afterCommit,
        actor: person(judge.user),
        sheet,
        campaignId: setup.campaign.id,
        from: 'draft',
        to: 'abstained',
        version: sheet.version,
        at: t.clock.now(),
        reason: REASON,
      }),
    );
    await expect(write).rejects.toMatchObject({ code: 'WRONG_STATUS' });
    expect([(await sheetOf(assignment.id))?.status, (await sheetOf(assignment.id))?.version]).toEqual(['draft', 1]);
    expect(await eventsOf(sheet.id, 'judging.sheet_abstained')).toEqual([]);
  }, 300_000);

  it('X-3: removed and assigned again by hand, the abstained sheet is a draft again with the scores typed; audited with the reason; the judge then submits', async () => {
    const { entry, judge, assignment, base } = await abstained();
    const removed = await setup.manager.post(`/api/judging/assignments/${assignment.id}/remove`);
    expect([removed.statusCode, removed.json().status, removed.json().sheetStatus]).toEqual([200, 'removed', 'abstained']);
    const again = await setup.manager.post(`/api/judging/rounds/${round.id}/assignments`, {
      entryId: entry.id,
      judgeId: judge.judge.id,
    });
    expect([again.statusCode, again.json().id, again.json().status, again.json().sheetStatus]).toEqual([
      201,
      assignment.id,
      'assigned',
      'draft',
    ]);
    const sheet = await sheetOf(assignment.id);
    expect([sheet?.status, sheet?.version, sheet?.abstainReason, sheet?.scores, sheet?.comment]).toEqual([
      'draft',
      3,
      null,
      { demonstration: 8 },
      '示范性强',
    ]);
    expect(await eventsOf(sheet?.id as string, 'judging.sheet_reopened')).toEqual([
      {
        kind: 'judging.sheet_reopened',
        actorId: setup.managerUser.id,
        data: {
          from: 'abstained',
          to: 'draft',
          version: 3,
          assignmentId: assignment.id,
          roundId: round.id,
          entryId: entry.id,
          judgeId: judge.judge.id,
          abstainReason: REASON,
        },
      },
    ]);
    const view = (await judge.client.get(base)).json();
    expect([view.sheet.status, view.sheet.version, view.abilities]).toEqual(['draft', 3, OPEN]);
    const full = { demonstration: 8, deployment: 15, potential: 20, innovation: 0, value: 12 };
    expect((await judge.client.put(`${base}/sheet`, { version: 3, scores: full, comment: '示范性强' })).statusCode).toBe(200);
    const submitted = await judge.client.post(`${base}/sheet/submit`, { version: 4 });
    expect([submitted.statusCode, submitted.json().sheet.status]).toEqual([200, 'submitted']);
  }, 300_000);

  it('X-3: a plan that assigns the removed pair again reopens the abstained sheet too; a judge never abstained keeps their draft', async () => {
    const { entry, judge, assignment } = await abstained(1);
    expect((await setup.manager.post(`/api/judging/assignments/${assignment.id}/remove`)).statusCode).toBe(200);
    // The judge is the only one seated on theme 2: a plan of one judge per entry picks them for its entry again.
    const plans = `/api/judging/rounds/${round.id}/assignment-plans`;
    const plan = (await setup.manager.post(plans, { perEntry: 1, maxLoad: 50 })).json();
    const mine = plan.items.filter((i: { entryId: string }) => i.entryId === entry.id);
    expect(mine.map((i: { judgeId: string }) => i.judgeId)).toEqual([judge.judge.id]);
    const applied = await setup.manager.post(`${plans}/${plan.id}/apply`);
    expect([applied.statusCode, applied.json().status]).toEqual([200, 'applied']);
    expect(await statusOf(assignment.id)).toBe('assigned');
    const sheet = await sheetOf(assignment.id);
    expect([sheet?.status, sheet?.version, sheet?.abstainReason, sheet?.scores]).toEqual([
      'draft',
      3,
      null,
      { demonstration: 8 },
    ]);
    expect((await eventsOf(sheet?.id as string, 'judging.sheet_reopened')).map((e) => [e.actorId, e.data])).toEqual([
      [
        setup.managerUser.id,
        {
          from: 'abstained',
          to: 'draft',
          version: 3,
          assignmentId: assignment.id,
          roundId: round.id,
          entryId: entry.id,
          judgeId: judge.judge.id,
          abstainReason: REASON,
        },
      ],
    ]);
  }, 300_000);

  it('X-3: a submitted sheet is never reopened (WRONG_STATUS from the edge table)', async () => {
    const entry = await passedEntry(t, setup);
    const judge = await activeJudge(t, setup.organizer.id);
    const assignment = await assign(t, round, entry, judge.judge.id);
    const base = `/api/judging/assignments/${assignment.id}`;
    const full = { demonstration: 8, deployment: 15, potential: 20, innovation: 0, value: 12 };
    expect((await judge.client.put(`${base}/sheet`, { version: 0, scores: full, comment: '好' })).statusCode).toBe(200);
    expect((await judge.client.post(`${base}/sheet/submit`, { version: 1 })).statusCode).toBe(200);
    const sheet = await sheetOf(assignment.id);
    if (!sheet) throw new Error('no sheet');
    const write = inTransaction(t.app.ctx.db, (tx, afterCommit) =>
      transitionSheet({
        tx,
        afterCommit,
        actor: person(setup.managerUser),
        sheet,
        campaignId: setup.campaign.id,
        from: 'submitted',
        to: 'draft',
        version: sheet.version,
        at: t.clock.now(),
      }),
    );
    await expect(write).rejects.toMatchObject({ code: 'WRONG_STATUS' });
    expect((await sheetOf(assignment.id))?.status).toBe('submitted');
  }, 300_000);
});
