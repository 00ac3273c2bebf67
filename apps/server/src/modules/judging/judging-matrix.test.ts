import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../../test/app.ts';
import { startTestApp } from '../../../test/app.ts';
import {
  declareLateConflict,
  freshAssignment,
  KINDS,
  type MatrixCall,
  type MatrixKind,
  type MatrixState,
  matrixCall,
  type Rounds,
  roundStatusOf,
  STATES,
  type StateWorld,
  snapshot,
  stateWorld,
} from '../../../test/judging-matrix.ts';
import type { Res } from '../../../test/permissions/table.ts';
import { assignments, scoreSheets } from './judging.tables.ts';

/**
 * The judging permission matrix (issue 10 item 8, X-4): every kind of caller × every round state × every action,
 * in one table. It lives beside the module rather than in test/permissions/: that table runs every route for
 * world.ts's KINDS, and adding the judge kinds (assigned, not assigned, recused, lead, another organizer's judge)
 * there would multiply every row of every module; here the kinds are this module's own, built on test/judging.ts.
 *
 * What the other tests already show and this one does not repeat: the sheet's abilities per sheet state
 * (sheet-abilities.test.ts), bad input and the deadline by the clock (sheets.test.ts), the blind scan
 * (sheet-blind.test.ts), the ranking's arithmetic (results-ranking.test.ts), freeze and publish (results-freeze).
 *
 * Independence: reads and refusals change nothing (each cell asserts that the state's rows are exactly as they were
 * just before it), so they share one world per round state (test/judging-matrix.ts); each allowed write runs on a
 * fresh round of its own in the cell's state, so no cell sees another's effect and the cells may run in any order.
 */
const ACTIONS = [
  'readEntry',
  'readMaterials',
  'save',
  'submit',
  'abstain',
  'seeOthersScores',
  'seeRanking',
  'seeProgress',
] as const;
type Action = (typeof ACTIONS)[number];

/** ok: allowed, its effect checked; otherwise the exact refusal. */
type Outcome = 'ok' | 'NOT_FOUND' | 'FORBIDDEN' | 'ROUND_NOT_OPEN' | 'ROUND_CLOSED';
const STATUS: Record<Exclude<Outcome, 'ok'>, number> = { NOT_FOUND: 404, FORBIDDEN: 403, ROUND_NOT_OPEN: 409, ROUND_CLOSED: 409 };

/** One outcome per state, in STATES' order: draft, open, closed, frozen, published. */
type ByState = [Outcome, Outcome, Outcome, Outcome, Outcome];
const all = (o: Outcome): ByState => [o, o, o, o, o];
const N = all('NOT_FOUND');
/** The assigned judge's writes: the round must be open. */
const WRITE: ByState = ['ROUND_NOT_OPEN', 'ok', 'ROUND_CLOSED', 'ROUND_CLOSED', 'ROUND_CLOSED'];

/**
 * The grid. The entry's routes know the assigned judge only: everyone else, recused or not, gets NOT_FOUND.
 * seeOthersScores reads the see-others round's ranking: each judge of the panel gets the entries they are assigned —
 * the assigned judge X with the other sheet anonymous; the others (the lead included) only Y, never X's scores —
 * and staff everything with names. seeRanking reads the other round's ranking: staff only; the panel FORBIDDEN.
 * seeProgress: staff every theme, the lead judge theme A only, the rest of the panel FORBIDDEN.
 */
const SPEC: Record<Action, Record<MatrixKind, ByState>> = {
  readEntry: {
    assigned: all('ok'),
    notAssigned: N,
    recused: N,
    lateRecused: N,
    lead: N,
    otherOrganizerJudge: N,
    applicant: N,
    manager: N,
    admin: N,
  },
  readMaterials: {
    assigned: all('ok'),
    notAssigned: N,
    recused: N,
    lateRecused: N,
    lead: N,
    otherOrganizerJudge: N,
    applicant: N,
    manager: N,
    admin: N,
  },
  save: {
    assigned: WRITE,
    notAssigned: N,
    recused: N,
    lateRecused: N,
    lead: N,
    otherOrganizerJudge: N,
    applicant: N,
    manager: N,
    admin: N,
  },
  submit: {
    assigned: WRITE,
    notAssigned: N,
    recused: N,
    lateRecused: N,
    lead: N,
    otherOrganizerJudge: N,
    applicant: N,
    manager: N,
    admin: N,
  },
  abstain: {
    assigned: WRITE,
    notAssigned: N,
    recused: N,
    lateRecused: N,
    lead: N,
    otherOrganizerJudge: N,
    applicant: N,
    manager: N,
    admin: N,
  },
  seeOthersScores: {
    assigned: all('ok'),
    notAssigned: all('ok'),
    recused: all('ok'),
    lateRecused: all('ok'),
    lead: all('ok'),
    otherOrganizerJudge: N,
    applicant: N,
    manager: all('ok'),
    admin: all('ok'),
  },
  seeRanking: {
    assigned: all('FORBIDDEN'),
    notAssigned: all('FORBIDDEN'),
    recused: all('FORBIDDEN'),
    lateRecused: all('FORBIDDEN'),
    lead: all('FORBIDDEN'),
    otherOrganizerJudge: N,
    applicant: N,
    manager: all('ok'),
    admin: all('ok'),
  },
  seeProgress: {
    assigned: all('FORBIDDEN'),
    notAssigned: all('FORBIDDEN'),
    recused: all('FORBIDDEN'),
    lateRecused: all('FORBIDDEN'),
    lead: all('ok'),
    otherOrganizerJudge: N,
    applicant: N,
    manager: all('ok'),
    admin: all('ok'),
  },
};

interface Cell {
  kind: MatrixKind;
  state: MatrixState;
  action: Action;
  expect: Outcome;
}
const CELLS: Cell[] = STATES.flatMap((state, s) =>
  ACTIONS.flatMap((action) => KINDS.map((kind) => ({ kind, state, action, expect: SPEC[action][kind][s] as Outcome }))),
);

const WRITES: ReadonlySet<Action> = new Set(['save', 'submit', 'abstain']);

let t: TestApp;
let call: MatrixCall;
const worlds = new Map<MatrixState, StateWorld>();

beforeAll(async () => {
  t = await startTestApp();
  call = await matrixCall(t);
  for (const state of STATES) worlds.set(state, await stateWorld(t, call, state));
  await declareLateConflict(call);
}, 120_000);
afterAll(async () => t?.close());

const judgeUrl = (assignmentId: string) => `/api/judging/assignments/${assignmentId}`;

/** The cell's request; writes go to `assignmentId` (the state's own, or a fresh one for an allowed write). */
function request(c: Client, w: StateWorld, rounds: Rounds, action: Action, assignmentId: string): Promise<Res> {
  const base = judgeUrl(assignmentId);
  const version = assignmentId === w.ranked.assignmentId ? w.version : 0;
  switch (action) {
    case 'readEntry':
      return c.get(base);
    case 'readMaterials':
      return c.get(`${base}/files/${w.fileId}`);
    case 'save':
      return c.put(`${base}/sheet`, { version, scores: { overall: 88.5 } });
    case 'submit':
      return c.post(`${base}/sheet/submit`, { version, scores: { overall: 90 } });
    case 'abstain':
      return c.post(`${base}/abstain`, { reason: '与申报单位有合作' });
    case 'seeOthersScores':
      return c.get(`/api/judging/rounds/${rounds.seeOthers.roundId}/ranking`);
    case 'seeRanking':
      return c.get(`/api/judging/rounds/${rounds.ranked.roundId}/ranking`);
    case 'seeProgress':
      return c.get(`/api/judging/rounds/${rounds.ranked.roundId}/progress`);
  }
}

const sheetRow = async (assignmentId: string) =>
  (await t.app.ctx.db.select().from(scoreSheets).where(eq(scoreSheets.assignmentId, assignmentId)))[0] ?? null;
const assignmentStatus = async (assignmentId: string) =>
  (await t.app.ctx.db.select({ status: assignments.status }).from(assignments).where(eq(assignments.id, assignmentId)))[0]
    ?.status;

type RankingRow = { entryId: string; score: number | null; rank: number | null; perJudge: JudgeLine[] };
type JudgeLine = { judgeId: string | null; name: string | null; self: boolean; raw: number };
const rowsOf = (body: { groups: { rows: RankingRow[] }[] }) => body.groups.flatMap((g) => g.rows);
const begun = (state: MatrixState) => state !== 'draft';
const STAFF: ReadonlySet<MatrixKind> = new Set(['manager', 'admin']);

/** What an allowed cell did, checked on the answer and in the rows. */
async function effect(cell: Cell, w: StateWorld, res: Res, assignmentId: string) {
  const { kind, state, action } = cell;
  const body = safeJson(res);
  switch (action) {
    case 'readEntry': {
      expect([body.assignmentId, body.entry.id, body.entry.organization, body.round.status]).toEqual([
        w.ranked.assignmentId,
        call.x.id,
        null,
        roundStatusOf(state),
      ]);
      expect([body.sheet.status, body.sheet.version]).toEqual(['draft', w.version]);
      expect(res.body.includes(call.x.hospital.name)).toBe(false);
      return;
    }
    case 'readMaterials': {
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.presentationml.presentation');
      expect(res.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('案例PPT.pptx')}`);
      expect(res.rawPayload.length).toBeGreaterThan(0);
      return;
    }
    case 'save': {
      expect(body.sheet).toMatchObject({ status: 'draft', version: 1, scores: { overall: 88.5 } });
      const row = await sheetRow(assignmentId);
      expect([row?.status, row?.version, row?.scores]).toEqual(['draft', 1, { overall: 88.5 }]);
      return;
    }
    case 'submit': {
      expect(body.sheet).toMatchObject({ status: 'submitted', version: 2, scores: { overall: 90 }, total: 90 });
      const locked = await call.callers.assigned.put(`${judgeUrl(assignmentId)}/sheet`, { version: 2, scores: { overall: 1 } });
      expect([locked.statusCode, locked.json().error.code]).toEqual([409, 'SHEET_SUBMITTED']);
      const row = await sheetRow(assignmentId);
      expect([row?.status, row?.version, row?.scores]).toEqual(['submitted', 2, { overall: 90 }]);
      return;
    }
    case 'abstain': {
      expect(body.sheet).toMatchObject({ status: 'abstained', abstainReason: '与申报单位有合作' });
      expect([(await sheetRow(assignmentId))?.status, await assignmentStatus(assignmentId)]).toEqual(['abstained', 'abstained']);
      return;
    }
    case 'seeOthersScores': {
      const rows = rowsOf(body);
      const x = rows.find((r) => r.entryId === call.x.id);
      const others = begun(state) ? [80] : [];
      if (STAFF.has(kind)) {
        expect(body.view).toBe('organizer');
        expect(x?.perJudge.map((j) => [j.judgeId, j.name, j.raw])).toEqual(
          begun(state) ? [[call.judges.other.id, call.judges.other.name, 80]] : [],
        );
      } else if (kind === 'assigned') {
        expect([body.view, rows.map((r) => r.entryId)]).toEqual(['judge', [call.x.id]]);
        // The other judge's score, anonymous in a blind round; the assigned judge's own draft is no score.
        expect(x?.perJudge.map((j) => [j.judgeId, j.name, j.self, j.raw])).toEqual(others.map((v) => [null, null, false, v]));
        expect(res.body.includes(call.x.hospital.name)).toBe(false);
      } else {
        // The panel's other judges, the lead judge of X's theme among them, see only Y: nothing of X.
        expect([body.view, rows.map((r) => r.entryId)]).toEqual(['judge', [call.y.id]]);
        expect(res.body.includes(call.x.id)).toBe(false);
      }
      return;
    }
    case 'seeRanking': {
      expect([body.view, body.status]).toEqual(['organizer', roundStatusOf(state)]);
      expect(rowsOf(body).map((r) => [r.entryId, r.score, r.rank])).toEqual(
        begun(state)
          ? [
              [call.x.id, 80, 1],
              [call.y.id, 72, 1],
            ]
          : [
              [call.x.id, null, null],
              [call.y.id, null, null],
            ],
      );
      expect([body.frozenAt !== null, body.publishedAt !== null]).toEqual([
        state === 'frozen' || state === 'published',
        state === 'published',
      ]);
      return;
    }
    case 'seeProgress': {
      // Theme A: the assigned judge (no sheet before the round closes, then a draft) and the other judge (80).
      const themeA = state === 'draft' ? [2, 0, 0, 2] : state === 'open' ? [2, 0, 1, 1] : [2, 1, 1, 1];
      const themeB = state === 'draft' ? [3, 0, 0, 3] : [3, 0, 3, 0];
      const counts = (c: { assigned: number; draft: number; submitted: number; missing: number }) => [
        c.assigned,
        c.draft,
        c.submitted,
        c.missing,
      ];
      const themes = body.themes.map((th: { themeId: string }) => th.themeId);
      if (kind === 'lead') {
        expect([body.scope, themes, counts(body.themes[0])]).toEqual(['lead', [call.themeA], themeA]);
      } else {
        expect([body.scope, themes, body.themes.map(counts)]).toEqual([
          'organizer',
          [call.themeA, call.themeB],
          [themeA, themeB],
        ]);
      }
      return;
    }
  }
}

function safeJson(res: Res) {
  return res.headers['content-type']?.toString().startsWith('application/json') ? res.json() : null;
}

describe('the judging permission matrix: kind × round state × action (issue 10 item 8, X-4)', () => {
  it(`X-4 the grid holds every cell: ${KINDS.length} kinds × ${STATES.length} states × ${ACTIONS.length} actions`, () => {
    expect(CELLS.length).toBe(KINDS.length * STATES.length * ACTIONS.length);
  });

  it('X-4 the recused judge is recused by the product’s own rule: assigning them X is ASSIGNMENT_RECUSED', async () => {
    const w = worlds.get('open') as StateWorld;
    const res = await call.manager.post(`/api/judging/rounds/${w.ranked.roundId}/assignments`, {
      entryId: call.x.id,
      judgeId: call.judges.recused.id,
    });
    expect([res.statusCode, res.json().error.code]).toEqual([409, 'ASSIGNMENT_RECUSED']);
  });

  for (const state of STATES)
    describe(`round ${state}`, () => {
      for (const cell of CELLS.filter((c) => c.state === state)) {
        const outcome = cell.expect === 'ok' ? 'allowed' : `${STATUS[cell.expect]} ${cell.expect}`;
        it(`X-4 ${state} · ${cell.kind} · ${cell.action} → ${outcome}`, async () => {
          const w = worlds.get(state) as StateWorld;
          const fresh = cell.expect === 'ok' && WRITES.has(cell.action);
          const rounds = cell.kind === 'lateRecused' ? w.late : w;
          const assignmentId = fresh ? await freshAssignment(t, call, state) : rounds.ranked.assignmentId;
          const before = await snapshot(t, w);
          const res = await request(call.callers[cell.kind], w, rounds, cell.action, assignmentId);
          if (cell.expect === 'ok') {
            expect(res.statusCode).toBe(200);
            await effect(cell, w, res, assignmentId);
          } else {
            expect([res.statusCode, res.json().error.code]).toEqual([STATUS[cell.expect], cell.expect]);
            expect(res.body.includes(call.x.title)).toBe(false);
            expect(res.body.includes(call.x.hospital.name)).toBe(false);
          }
          // This cell's own doing only: compared with the rows just before it, so a refusal that wrote would fail
          // here and not in the cells after it.
          expect(await snapshot(t, w)).toEqual(before);
        });
      }
    });
});
