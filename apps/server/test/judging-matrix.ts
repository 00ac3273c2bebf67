import { SEED_000_SHEET } from '@casearena/contract';
import { asc, eq, inArray } from 'drizzle-orm';
import { assignments, judgeConflicts, judgingRounds, panelMembers, scoreSheets } from '../src/db/schema.ts';
import type { Client, TestApp } from './app.ts';
import { buildOrganization, buildUser, signedInAs, signIn } from './factories.ts';
import { assign, judgeRow, judgingCampaign, judgingRound, type PassedEntry, passedEntry } from './judging.ts';

/**
 * The judging permission matrix's world (issue 10 item 8, X-4): one seed-000 call with two passed entries — X in
 * theme A (the entry every cell is about) and Y in theme B — and, per round state, two blind rounds over them built
 * from the rows test/judging.ts writes: `ranked` (judges do not see each other's scores) and `seeOthers` (they do).
 *
 * The judges, all on the call's panel:
 * - assigned: assigned X; other: also assigned X, the second sheet the assigned judge may see;
 * - notAssigned: assigned Y only; recused: assigned Y only, and declared X's hospital (never assignable X);
 * - lead: assigned Y only, lead judge (组长) of theme A — X's theme, so the lead sees its progress, never its scores.
 * Besides them: a judge of another organizer's pool, X's applicant, the organizer's manager and a platform admin.
 *
 * Sheets by state (the same in both rounds): draft — none; open — other 80 on X, notAssigned 70, recused 72 and
 * lead 74 on Y; closed, frozen, published — as open, plus the assigned judge's draft of 50 on X, left when the round
 * closed. Frozen and published rounds are frozen (and published) by the manager through the results routes.
 */
export const KINDS = [
  'assigned',
  'notAssigned',
  'recused',
  'lateRecused',
  'lead',
  'otherOrganizerJudge',
  'applicant',
  'manager',
  'admin',
] as const;
export type MatrixKind = (typeof KINDS)[number];

export const STATES = ['draft', 'open', 'closed', 'frozen', 'published'] as const;
export type MatrixState = (typeof STATES)[number];

type PanelJudge = 'assigned' | 'other' | 'notAssigned' | 'recused' | 'lateRecused' | 'lead';

export interface MatrixCall {
  manager: Client;
  campaignId: string;
  themeA: string;
  themeB: string;
  x: PassedEntry;
  y: PassedEntry;
  judges: Record<PanelJudge, { id: string; name: string }>;
  callers: Record<MatrixKind, Client>;
}

/** The call, its entries, its panel (with the recused judge's declared unit) and one signed-in client per kind. */
export async function matrixCall(t: TestApp): Promise<MatrixCall> {
  const { organizer, manager, campaign } = await judgingCampaign(t);
  const setup = { manager, campaign };
  // Independent accounts and entries are made side by side: their password hashes overlap on the thread pool.
  const [x, y] = await Promise.all([
    passedEntry(t, setup, { themeIndex: 0, title: '矩阵案例X' }),
    passedEntry(t, setup, { themeIndex: 1, title: '矩阵案例Y' }),
  ]);
  const themeA = campaign.themes[0]?.id as string;
  const themeB = campaign.themes[1]?.id as string;
  const panel: Record<PanelJudge, { themes: string[]; lead: string[] }> = {
    assigned: { themes: [themeA], lead: [] },
    other: { themes: [themeA], lead: [] },
    notAssigned: { themes: [themeA, themeB], lead: [] },
    recused: { themes: [themeA, themeB], lead: [] },
    lateRecused: { themes: [themeA, themeB], lead: [] },
    lead: { themes: [themeA, themeB], lead: [themeA] },
  };
  const made = await Promise.all(
    (Object.entries(panel) as [PanelJudge, (typeof panel)[PanelJudge]][]).map(async ([key, p]) => {
      const user = await buildUser(t, { name: `矩阵${key}专家` });
      const judge = await judgeRow(t, organizer.id, user);
      await t.app.ctx.db.insert(panelMembers).values({
        campaignId: campaign.id,
        judgeId: judge.id,
        themeIds: p.themes,
        leadThemeIds: p.lead,
        createdAt: t.clock.now(),
      });
      // The other judge only holds a sheet; it never calls.
      return [key, { id: judge.id, name: user.name }, key === 'other' ? null : await signIn(t, user)] as const;
    }),
  );
  const judges = Object.fromEntries(made.map(([key, judge]) => [key, judge])) as MatrixCall['judges'];
  const clients = Object.fromEntries(made.map(([key, , client]) => [key, client])) as Record<
    Exclude<PanelJudge, 'other'>,
    Client
  >;
  await t.app.ctx.db
    .insert(judgeConflicts)
    .values({ judgeId: judges.recused.id, organizationId: x.hospital.id, note: '曾在该院任职', createdAt: t.clock.now() });
  const [outsider, admin] = await Promise.all([
    (async () => {
      const elsewhere = await buildOrganization(t, { kind: 'media', level: null, grade: null });
      const user = await buildUser(t, { name: '他方专家' });
      await judgeRow(t, elsewhere.id, user);
      return signIn(t, user);
    })(),
    signedInAs(t, 'admin'),
  ]);
  return {
    manager,
    campaignId: campaign.id,
    themeA,
    themeB,
    x,
    y,
    judges,
    callers: {
      assigned: clients.assigned,
      notAssigned: clients.notAssigned,
      recused: clients.recused,
      lateRecused: clients.lateRecused,
      lead: clients.lead,
      otherOrganizerJudge: outsider,
      applicant: x.owner,
      manager,
      admin: admin.client,
    },
  };
}

/** Who is assigned what in a round, who has submitted (once the round has begun), and whose assignment is the cells'. */
interface Cast {
  assigned: Array<[PanelJudge, 'x' | 'y']>;
  submitted: Array<[PanelJudge, 'x' | 'y', number]>;
  /** The judge whose draft of 50 on X was left when the round closed (closed, frozen, published). */
  leftDraft: PanelJudge | null;
  holder: PanelJudge;
}

/** The header's rounds. */
const MAIN: Cast = {
  assigned: [
    ['assigned', 'x'],
    ['other', 'x'],
    ['notAssigned', 'y'],
    ['recused', 'y'],
    ['lead', 'y'],
  ],
  submitted: [
    ['other', 'x', 80],
    ['notAssigned', 'y', 70],
    ['recused', 'y', 72],
    ['lead', 'y', 74],
  ],
  leftDraft: 'assigned',
  holder: 'assigned',
};

/**
 * The late-recused judge's own rounds (kept apart so the main rounds' counts stay as they are): assigned X and Y
 * before declaring X's hospital, with the other judge's 80 on X to leak.
 */
const LATE: Cast = {
  assigned: [
    ['lateRecused', 'x'],
    ['lateRecused', 'y'],
    ['other', 'x'],
  ],
  submitted: [['other', 'x', 80]],
  leftDraft: null,
  holder: 'lateRecused',
};

/** The rows a round's status column stores for a state (published is frozen with its publication). */
export const roundStatusOf = (state: MatrixState) => (state === 'published' ? 'frozen' : state);

/** One round in the state with the cast's assignments and sheets; returns it and the holder's assignment on X. */
async function stateRound(t: TestApp, call: MatrixCall, state: MatrixState, seeOthers: boolean, cast: Cast) {
  const begun = state !== 'draft';
  const round = await judgingRound(t, call.campaignId, {
    status: state === 'frozen' || state === 'published' ? 'closed' : state,
    sheet: SEED_000_SHEET,
    blind: true,
  });
  await t.app.ctx.db
    .update(judgingRounds)
    .set({ seeOthers, scope: { kind: 'themes', themeIds: [call.themeA, call.themeB] } })
    .where(eq(judgingRounds.id, round.id));
  const entryOf = (e: 'x' | 'y') => (e === 'x' ? call.x : call.y);
  const ids = new Map<string, string>();
  for (const [key, e] of cast.assigned) ids.set(`${key}/${e}`, (await assign(t, round, entryOf(e), call.judges[key].id)).id);
  const now = t.clock.now();
  const sheet = (key: PanelJudge, e: 'x' | 'y', status: 'draft' | 'submitted', overall: number) => ({
    assignmentId: ids.get(`${key}/${e}`) as string,
    roundId: round.id,
    entryId: entryOf(e).id,
    judgeId: call.judges[key].id,
    status,
    scores: { overall },
    version: status === 'submitted' ? 2 : 1,
    savedAt: now,
    submittedAt: status === 'submitted' ? now : null,
  });
  if (begun) await t.app.ctx.db.insert(scoreSheets).values(cast.submitted.map(([key, e, v]) => sheet(key, e, 'submitted', v)));
  if (begun && state !== 'open' && cast.leftDraft)
    await t.app.ctx.db.insert(scoreSheets).values(sheet(cast.leftDraft, 'x', 'draft', 50));
  const base = `/api/judging/rounds/${round.id}/results`;
  if (state === 'frozen' || state === 'published') {
    const frozen = await call.manager.post(`${base}/freeze`, { advance: { n: 1 } });
    if (frozen.statusCode !== 200) throw new Error(`could not freeze: ${frozen.body}`);
  }
  if (state === 'published') {
    const published = await call.manager.post(`${base}/publish`);
    if (published.statusCode !== 200) throw new Error(`could not publish: ${published.body}`);
  }
  return { roundId: round.id, assignmentId: ids.get(`${cast.holder}/x`) as string };
}

export interface Rounds {
  /** The round whose judges do not see each other's scores: the entry, materials, sheet, ranking and progress cells. */
  ranked: { roundId: string; assignmentId: string };
  /** Its twin that lets judges see each other's scores: the see-others cells. */
  seeOthers: { roundId: string; assignmentId: string };
}

export interface StateWorld extends Rounds {
  state: MatrixState;
  /** The late-recused judge's rounds, where the assignment on X is theirs. */
  late: Rounds;
  /** X's PPT as the assigned judge's view lists it. */
  fileId: string;
  /** The assigned judge's sheet version on X (what a save must send so that only permission and state decide). */
  version: number;
}

export async function stateWorld(t: TestApp, call: MatrixCall, state: MatrixState): Promise<StateWorld> {
  const ranked = await stateRound(t, call, state, false, MAIN);
  const seeOthers = await stateRound(t, call, state, true, MAIN);
  const late = { ranked: await stateRound(t, call, state, false, LATE), seeOthers: await stateRound(t, call, state, true, LATE) };
  const view = await call.callers.assigned.get(`/api/judging/assignments/${ranked.assignmentId}`);
  if (view.statusCode !== 200) throw new Error(`the assigned judge cannot read X: ${view.body}`);
  const fileId = view.json().entry.attachments[0]?.fileId as string;
  return { state, ranked, seeOthers, late, fileId, version: state === 'draft' || state === 'open' ? 0 : 1 };
}

/**
 * The late-recused judge declares X's hospital through the pool's own route (PUT /api/judges/:judgeId/conflicts),
 * after every round assigned them X: from then on X is an entry of a unit they are tied to.
 */
export async function declareLateConflict(call: MatrixCall): Promise<void> {
  const c = call.callers.lateRecused;
  const mine = (await c.get('/api/me/judges')).json().items as Array<{ id: string; version: number }>;
  const row = mine.find((j) => j.id === call.judges.lateRecused.id);
  const res = await c.put(`/api/judges/${call.judges.lateRecused.id}/conflicts`, {
    version: row?.version,
    items: [{ organizationId: call.x.hospital.id, note: '受聘为该院顾问' }],
  });
  if (res.statusCode !== 200) throw new Error(`could not declare the conflict: ${res.body}`);
}

/**
 * A fresh round in the state's status with X assigned to the assigned judge, for an allowed write that must not leak
 * into other cells (a spec that allowed a write in a closed round would meet that round's refusal here, not pass).
 */
export async function freshAssignment(t: TestApp, call: MatrixCall, state: MatrixState): Promise<string> {
  const round = await judgingRound(t, call.campaignId, { sheet: SEED_000_SHEET, blind: true, status: roundStatusOf(state) });
  return (await assign(t, round, call.x, call.judges.assigned.id)).id;
}

/** Every sheet and assignment of the state's rounds, and their status: what a refused cell must leave as it was. */
export async function snapshot(t: TestApp, w: StateWorld) {
  const roundIds = [w.ranked, w.seeOthers, w.late.ranked, w.late.seeOthers].map((r) => r.roundId);
  const sheets = await t.app.ctx.db
    .select({ id: scoreSheets.id, status: scoreSheets.status, version: scoreSheets.version, scores: scoreSheets.scores })
    .from(scoreSheets)
    .where(inArray(scoreSheets.roundId, roundIds))
    .orderBy(asc(scoreSheets.id));
  const standing = await t.app.ctx.db
    .select({ id: assignments.id, status: assignments.status })
    .from(assignments)
    .where(inArray(assignments.roundId, roundIds))
    .orderBy(asc(assignments.id));
  const rounds = await t.app.ctx.db
    .select({ id: judgingRounds.id, status: judgingRounds.status, version: judgingRounds.version })
    .from(judgingRounds)
    .where(inArray(judgingRounds.id, roundIds))
    .orderBy(asc(judgingRounds.id));
  return { sheets, assignments: standing, rounds };
}
