import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { activeJudge, assign, judgingCampaign, judgingRound, type PassedEntry, passedEntry } from '../../../test/judging.ts';
import { blockedOrFinished } from '../../../test/lock-wait.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import { assignments, judgingRounds, scoreSheets } from './judging.tables.ts';

/**
 * A judge taken off a theme of the panel (PUT .../judging/panel) or out of the pool (POST /api/judges/:id/remove)
 * gives up their standing assignments for that theme's entries in the same transaction (issue 10, X-3): those still
 * assigned and not submitted end through transitionAssignment with audit, the draft sheet kept; submitted ones stay
 * and count; frozen rounds are not touched. The panel says beforehand how many each seat would end.
 */
let t: TestApp;
let setup: Awaited<ReturnType<typeof judgingCampaign>>;
let open: Awaited<ReturnType<typeof judgingRound>>;
let closed: Awaited<ReturnType<typeof judgingRound>>;
let frozen: Awaited<ReturnType<typeof judgingRound>>;
let A: string;
let B: string;

beforeAll(async () => {
  t = await startTestApp();
  setup = await judgingCampaign(t);
  [A, B] = setup.campaign.themes.map((th) => th.id) as [string, string];
  open = await judgingRound(t, setup.campaign.id);
  closed = await judgingRound(t, setup.campaign.id, { status: 'closed' });
  frozen = await judgingRound(t, setup.campaign.id, { status: 'frozen' });
}, 300_000);
afterAll(async () => t?.close());

const FULL = { demonstration: 8, deployment: 15, potential: 20, innovation: 0, value: 12 };
const panelUrl = () => `/api/campaigns/${setup.campaign.id}/judging/panel`;
type Judge = Awaited<ReturnType<typeof activeJudge>>;

async function putPanel(members: Array<{ judgeId: string; themeIds: string[] }>) {
  const res = await setup.manager.put(panelUrl(), { members });
  if (res.statusCode !== 200) throw new Error(res.body);
  return res.json();
}

const statusOf = async (ids: string[]) =>
  Object.fromEntries(
    (
      await t.app.ctx.db
        .select({ id: assignments.id, status: assignments.status })
        .from(assignments)
        .where(inArray(assignments.id, ids))
    ).map((r) => [r.id, r.status]),
  );
const sheetOf = async (assignmentId: string) =>
  (await t.app.ctx.db.select().from(scoreSheets).where(eq(scoreSheets.assignmentId, assignmentId)))[0];
const events = (kind: string, subjectIds: string[]) =>
  t.app.ctx.db
    .select({ subjectId: auditEvents.subjectId, actorId: auditEvents.actorId, data: auditEvents.data })
    .from(auditEvents)
    .where(and(eq(auditEvents.kind, kind), inArray(auditEvents.subjectId, subjectIds)))
    .orderBy(asc(auditEvents.seq));

/** The judge saves a draft (scores typed, a comment) on the assignment; `submit` submits it as well. */
async function score(judge: Judge, assignmentId: string, submit: boolean) {
  const base = `/api/judging/assignments/${assignmentId}`;
  const saved = await judge.client.put(`${base}/sheet`, {
    version: 0,
    scores: submit ? FULL : { demonstration: 8 },
    comment: '示范性强',
  });
  if (saved.statusCode !== 200) throw new Error(saved.body);
  if (!submit) return;
  const done = await judge.client.post(`${base}/sheet/submit`, { version: 1 });
  if (done.statusCode !== 200) throw new Error(done.body);
}

/**
 * A judge seated on themes A and B with, in the open round, one submitted, one draft and one untouched assignment of
 * theme A and an untouched one of theme B; one untouched of theme A in the closed round and one in the frozen round;
 * and a colleague seated on A sharing the submitted entry.
 */
async function judgeWithWork() {
  const judge = await activeJudge(t, setup.organizer.id);
  const colleague = await activeJudge(t, setup.organizer.id);
  await putPanel([
    { judgeId: judge.judge.id, themeIds: [A, B] },
    { judgeId: colleague.judge.id, themeIds: [A] },
  ]);
  const entry = async (themeIndex: number): Promise<PassedEntry> => passedEntry(t, setup, { themeIndex });
  const [a1, a2, a3, a4, a5, b1] = [
    await entry(0),
    await entry(0),
    await entry(0),
    await entry(0),
    await entry(0),
    await entry(1),
  ];
  const mine = {
    submitted: await assign(t, open, a1 as PassedEntry, judge.judge.id),
    draft: await assign(t, open, a2 as PassedEntry, judge.judge.id),
    untouched: await assign(t, open, a3 as PassedEntry, judge.judge.id),
    closed: await assign(t, closed, a4 as PassedEntry, judge.judge.id),
    frozen: await assign(t, frozen, a5 as PassedEntry, judge.judge.id),
    themeB: await assign(t, open, b1 as PassedEntry, judge.judge.id),
  };
  const colleagues = await assign(t, open, a1 as PassedEntry, colleague.judge.id);
  await score(judge, mine.submitted.id, true);
  await score(judge, mine.draft.id, false);
  return { judge, colleague, mine, colleagues, a1: a1 as PassedEntry, a2: a2 as PassedEntry };
}

const progressOf = async (judgeId: string) =>
  ((await setup.manager.get(`/api/judging/rounds/${open.id}/progress`)).json().judges as Array<{ judgeId: string }>).find(
    (j) => j.judgeId === judgeId,
  );
const rankingRowOf = async (entryId: string) =>
  (
    (await setup.manager.get(`/api/judging/rounds/${open.id}/ranking`)).json().groups as Array<{
      rows: Array<{ entryId: string }>;
    }>
  )
    .flatMap((g) => g.rows)
    .find((r) => r.entryId === entryId);

describe('a judge taken off a theme of the panel gives up their standing assignments there (issue 10, X-3)', () => {
  it('X-3: the panel counts the open assignments per seat; taking the judge off theme A ends the two unsubmitted ones of the open round and the closed round’s, keeps the submitted one counted, the draft sheet, theme B and the frozen round', async () => {
    const { judge, colleague, mine, colleagues, a1 } = await judgeWithWork();
    const J = judge.judge.id;
    const members = (panel: { members: Array<{ judge: { id: string } }> }) =>
      Object.fromEntries(panel.members.map((m) => [m.judge.id, m]));
    const before = members((await setup.manager.get(panelUrl())).json());
    expect(before[J]).toMatchObject({ themeIds: [A, B], openAssignments: { [A]: 3, [B]: 1 } });
    expect(before[colleague.judge.id]).toMatchObject({ themeIds: [A], openAssignments: { [A]: 1 } });
    const progressBefore = await progressOf(J);
    expect(progressBefore).toMatchObject({ assigned: 4, draft: 1, submitted: 1, abstained: 0, missing: 3 });
    const rankedBefore = await rankingRowOf(a1.id);
    expect(rankedBefore).toMatchObject({ sheets: 1, perJudge: [{ judgeId: J }] });

    const res = await setup.manager.put(panelUrl(), {
      members: [
        { judgeId: J, themeIds: [B] },
        { judgeId: colleague.judge.id, themeIds: [A] },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().ended).toEqual({ endedAssignments: 3, keptSubmitted: 1 });
    const after = members(res.json());
    expect(after[J]).toMatchObject({ themeIds: [B], openAssignments: { [B]: 1 } });
    expect(after[colleague.judge.id]).toMatchObject({ openAssignments: { [A]: 1 } });

    const ended = [mine.draft.id, mine.untouched.id, mine.closed.id];
    expect(await statusOf([...Object.values(mine).map((a) => a.id), colleagues.id])).toEqual({
      [mine.submitted.id]: 'assigned',
      [mine.draft.id]: 'removed',
      [mine.untouched.id]: 'removed',
      [mine.closed.id]: 'removed',
      [mine.frozen.id]: 'assigned',
      [mine.themeB.id]: 'assigned',
      [colleagues.id]: 'assigned',
    });
    const draft = await sheetOf(mine.draft.id);
    expect([draft?.status, draft?.version, draft?.scores, draft?.comment]).toEqual([
      'draft',
      1,
      { demonstration: 8 },
      '示范性强',
    ]);
    expect((await sheetOf(mine.submitted.id))?.status).toBe('submitted');

    const removed = await events('judging.assignment_removed', ended);
    expect(removed.map((e) => [e.subjectId, e.actorId, e.data])).toEqual(
      [
        [mine.draft, 'draft'],
        [mine.untouched, null],
        [mine.closed, null],
      ]
        .map(([a, sheetStatus]) => {
          const row = a as typeof mine.draft;
          return [
            row.id,
            setup.managerUser.id,
            {
              from: 'assigned',
              to: 'removed',
              roundId: row.roundId,
              entryId: row.entryId,
              judgeId: J,
              cause: 'panel',
              themeId: A,
              sheetStatus,
            },
          ];
        })
        .sort((x, y) => ((x[0] as string) < (y[0] as string) ? -1 : 1)),
    );
    const [saved] = (await events('judging.panel_saved', [setup.campaign.id])).slice(-1);
    expect(saved?.data).toMatchObject({
      left: [{ judgeId: J, themeIds: [A] }],
      endedAssignments: [...ended].sort(),
      keptSubmitted: [mine.submitted.id],
    });

    // The submitted sheet still counts: the ranking row is the same, the progress keeps it.
    expect(await rankingRowOf(a1.id)).toEqual(rankedBefore);
    expect(await progressOf(J)).toMatchObject({ assigned: 2, draft: 0, submitted: 1, abstained: 0, missing: 1 });
    // The judge no longer reaches the ended assignment.
    expect((await judge.client.get(`/api/judging/assignments/${mine.draft.id}`)).statusCode).toBe(404);
  }, 300_000);

  it('X-3: seated again and assigned again by hand, the judge gets the same assignment back with the draft as typed; a save that takes no seat away ends nothing', async () => {
    const { judge, colleague, mine, a2 } = await judgeWithWork();
    const J = judge.judge.id;
    const off = await putPanel([
      { judgeId: J, themeIds: [B] },
      { judgeId: colleague.judge.id, themeIds: [A] },
    ]);
    expect(off.ended).toEqual({ endedAssignments: 3, keptSubmitted: 1 });
    const back = await putPanel([
      { judgeId: J, themeIds: [A, B] },
      { judgeId: colleague.judge.id, themeIds: [A] },
    ]);
    expect(back.ended).toEqual({ endedAssignments: 0, keptSubmitted: 0 });
    const restored = await setup.manager.post(`/api/judging/rounds/${open.id}/assignments`, { entryId: a2.id, judgeId: J });
    expect([restored.statusCode, restored.json().id, restored.json().status, restored.json().sheetStatus]).toEqual([
      201,
      mine.draft.id,
      'assigned',
      'draft',
    ]);
    const view = (await judge.client.get(`/api/judging/assignments/${mine.draft.id}`)).json();
    expect([view.sheet.status, view.sheet.version, view.sheet.scores, view.sheet.comment]).toEqual([
      'draft',
      1,
      { demonstration: 8 },
      '示范性强',
    ]);
    expect((await events('judging.assignment_added', [mine.draft.id])).map((e) => e.data)).toMatchObject([
      { from: 'removed', to: 'assigned', judgeId: J },
    ]);
  }, 300_000);
});

describe('the locks follow the order of a judge’s sheet write (assignment, then round)', () => {
  it('X-3: a panel save that meets a sheet save in progress waits for it without a deadlock, and the draft then kept has what the judge saved', async () => {
    const { judge, colleague, mine } = await judgeWithWork();
    let locked = () => {};
    let release = () => {};
    const hasLock = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The locks a judge's sheet save takes (loadJudgeAssignment): the assignment FOR UPDATE, then the round FOR SHARE.
    const save = inTransaction(t.app.ctx.db, async (tx) => {
      await tx.select({ id: assignments.id }).from(assignments).where(eq(assignments.id, mine.draft.id)).for('update');
      locked();
      await released;
      await tx.select({ id: judgingRounds.id }).from(judgingRounds).where(eq(judgingRounds.id, open.id)).for('share');
      await tx.update(scoreSheets).set({ comment: '又补了一句' }).where(eq(scoreSheets.assignmentId, mine.draft.id));
    });
    await hasLock;
    const put = setup.manager.put(panelUrl(), {
      members: [
        { judgeId: judge.judge.id, themeIds: [B] },
        { judgeId: colleague.judge.id, themeIds: [A] },
      ],
    });
    await blockedOrFinished(t, put);
    release();
    await save;
    const res = await put;
    expect([res.statusCode, res.json().ended]).toEqual([200, { endedAssignments: 3, keptSubmitted: 1 }]);
    expect(await statusOf([mine.draft.id])).toEqual({ [mine.draft.id]: 'removed' });
    expect((await sheetOf(mine.draft.id))?.comment).toBe('又补了一句');
  }, 300_000);
});

describe('a judge taken out of the pool gives up their standing assignments of every theme (issue 10, X-3)', () => {
  it('X-3: removal ends every unsubmitted assignment of rounds not frozen, keeps the submitted one and the draft sheet, and says so in the answer and the judge’s event', async () => {
    const { judge, colleague, mine, colleagues } = await judgeWithWork();
    const J = judge.judge.id;
    const res = await setup.manager.post(`/api/judges/${J}/remove`, {});
    expect(res.statusCode).toBe(200);
    expect([res.json().status, res.json().ended]).toEqual(['removed', { endedAssignments: 4, keptSubmitted: 1 }]);
    expect(await statusOf([...Object.values(mine).map((a) => a.id), colleagues.id])).toEqual({
      [mine.submitted.id]: 'assigned',
      [mine.draft.id]: 'removed',
      [mine.untouched.id]: 'removed',
      [mine.closed.id]: 'removed',
      [mine.frozen.id]: 'assigned',
      [mine.themeB.id]: 'removed',
      [colleagues.id]: 'assigned',
    });
    expect((await sheetOf(mine.draft.id))?.scores).toEqual({ demonstration: 8 });
    const ended = [mine.draft.id, mine.untouched.id, mine.closed.id, mine.themeB.id].sort();
    expect((await events('judging.assignment_removed', ended)).map((e) => [e.subjectId, e.data.cause, e.data.themeId])).toEqual(
      ended.map((id) => [id, 'pool', id === mine.themeB.id ? B : A]),
    );
    const [removed] = await events('judge.removed', [J]);
    expect(removed?.data).toMatchObject({
      panels: [setup.campaign.id],
      endedAssignments: ended,
      keptSubmitted: [mine.submitted.id],
    });
    const panel = (await setup.manager.get(panelUrl())).json();
    expect(panel.members.map((m: { judge: { id: string } }) => m.judge.id)).toEqual([colleague.judge.id]);
  }, 300_000);
});
