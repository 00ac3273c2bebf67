import { SEED_000_SHEET, type TStageAward } from '@casearena/contract';
import { Client, type TestApp } from '../app.ts';
import { applicantOf, completeEntry, organizerMember } from '../entries.ts';
import { buildOrganization, signIn } from '../factories.ts';
import { assignmentsOf, invitedJudge, ok, type StoryJudge, scoreAndSubmit } from '../judging-story.ts';
import { runFinal, STAGE_SHEET, type StageWorld, stepOk } from '../stage.ts';

/**
 * The steps the award stories (issue 12 item 5) share, each through the routes the organizer, the hospitals and the
 * experts use: a call from a seed template, entries submitted and passed, an online round scored by every judge and
 * frozen with a rule, a live stage run to its freeze.
 */

export interface AwardCall {
  id: string;
  organizerId: string;
  manager: Client;
  managerId: string;
  managerEmail: string;
  themes: Array<{ id: string; code: string; title: string }>;
}

/** A call of a fresh organizer from the template, published by its manager at the clock's time. */
export async function awardCall(t: TestApp, templateKey: string, name: string, patch: object = {}): Promise<AwardCall> {
  const organizer = await buildOrganization(t, { name, kind: 'media', level: null, grade: null });
  const { client: manager, user } = await organizerMember(t, organizer.id, 'manager');
  const draft = ok<{ id: string }>(await manager.post('/api/campaigns', { templateKey, organizerId: organizer.id }), 201);
  if (Object.keys(patch).length > 0) ok(await manager.patch(`/api/campaigns/${draft.id}`, patch));
  const published = ok<{ id: string; themes: AwardCall['themes'] }>(await manager.post(`/api/campaigns/${draft.id}/publish`));
  return {
    id: draft.id,
    organizerId: organizer.id,
    manager,
    managerId: user.id,
    managerEmail: user.email,
    themes: published.themes,
  };
}

export interface AwardEntry {
  key: string;
  id: string;
  number: string;
  title: string;
  themeId: string;
  hospital: { id: string; name: string };
  owner: Client;
}

/** An entry of the hospital in the theme: created, completed and submitted by its admin (not screened). */
export async function submitted(
  call: AwardCall,
  t: TestApp,
  input: { key: string; hospital: { id: string; name: string }; themeId: string; title: string; trackKey?: string },
): Promise<AwardEntry> {
  const { client: owner } = await applicantOf(t, input.hospital.id, 'admin');
  const created = ok<{ id: string }>(
    await owner.post(`/api/campaigns/${call.id}/entries`, {
      themeId: input.themeId,
      title: input.title,
      ...(input.trackKey ? { trackKey: input.trackKey } : {}),
    }),
    201,
  );
  const version = await completeEntry(owner, created.id);
  const sent = ok<{ number: string }>(await owner.post(`/api/entries/${created.id}/submit`, { version, consent: true }));
  return {
    key: input.key,
    id: created.id,
    number: sent.number,
    title: input.title,
    themeId: input.themeId,
    hospital: input.hospital,
    owner,
  };
}

/** The tier rule of an online round (S0-10): 卓越 by proportion first, then 优秀 from the rest. */
export const tierRule = (outstanding: number, excellent: number) => ({
  tiers: [
    { key: 'outstanding', label: { 'zh-CN': '卓越', en: 'Outstanding' }, percent: outstanding },
    { key: 'excellent', label: { 'zh-CN': '优秀', en: 'Excellent' }, percent: excellent },
  ],
  rounding: 'round',
  ties: 'include-ties',
  advance: ['outstanding'],
});

/**
 * An online round over the themes (the seed-000 one-criterion sheet), every judge seated on every theme and scoring
 * every entry (`scores[entryId][judge index]`), closed, frozen with `rule` and published. Returns the round's id.
 */
export async function onlineRound(
  call: AwardCall,
  input: {
    judges: StoryJudge[];
    themeIds: string[];
    opensAt: string;
    closesAt: string;
    scores: Map<string, number[]>;
    rule: object;
  },
): Promise<string> {
  const m = call.manager;
  ok(
    await m.put(`/api/campaigns/${call.id}/judging/panel`, {
      members: input.judges.map((j) => ({ judgeId: j.id, themeIds: input.themeIds, leadThemeIds: [] })),
    }),
  );
  const entries = input.scores.size;
  const saved = ok<{ rounds: Array<{ id: string }> }>(
    await m.put(`/api/campaigns/${call.id}/judging/rounds`, {
      rounds: [
        {
          key: 'preliminary',
          label: '专家初评',
          ordinal: 1,
          opensAt: input.opensAt,
          closesAt: input.closesAt,
          scope: { kind: 'themes', themeIds: input.themeIds },
          sheet: SEED_000_SHEET,
          materials: { fieldKeys: ['title', 'summary'], attachmentKeys: [], extraSlots: [] },
          blind: true,
          seeOthers: false,
          judgesPerEntry: input.judges.length,
          maxLoad: entries,
          method: 'mean',
          tieBreak: ['submittedAt'],
        },
      ],
    }),
  );
  const roundId = saved.rounds[0]?.id as string;
  ok(await m.post(`/api/judging/rounds/${roundId}/open`));
  const plan = ok<{ id: string }>(
    await m.post(`/api/judging/rounds/${roundId}/assignment-plans`, { perEntry: input.judges.length, maxLoad: entries, seed: 7 }),
    201,
  );
  ok(await m.post(`/api/judging/rounds/${roundId}/assignment-plans/${plan.id}/apply`));
  for (const [j, judge] of input.judges.entries()) {
    const mine = await assignmentsOf(judge, roundId);
    for (const [entryId, scores] of input.scores) {
      const assignmentId = mine.get(entryId);
      if (!assignmentId) throw new Error(`judge ${j + 1} has no assignment for ${entryId}`);
      await scoreAndSubmit(judge, assignmentId, scores[j] as number);
    }
  }
  ok(await m.post(`/api/judging/rounds/${roundId}/close`));
  ok(await m.post(`/api/judging/rounds/${roundId}/results/freeze`, input.rule));
  ok(await m.post(`/api/judging/rounds/${roundId}/results/publish`));
  return roundId;
}

/**
 * A live stage for the theme's finalists from the frozen round (its `tiers`, or the advanced entries when `tiers` is
 * empty), the judges seated in order, run as the host and the judges do (`totals[entryId][seat - 1]`), finished and
 * frozen. Returns the stage's id.
 */
export async function liveStage(
  call: AwardCall,
  input: {
    roundId: string;
    themeId: string;
    tiers: string[];
    judges: StoryJudge[];
    awards: TStageAward[];
    totals: Map<string, number[]>;
  },
): Promise<string> {
  const created = ok<{ id: string }>(
    await call.manager.post(`/api/campaigns/${call.id}/stages`, {
      label: '总决赛',
      themeId: input.themeId,
      trackKey: null,
      sourceRoundId: input.roundId,
      tiers: input.tiers,
      judgeIds: input.judges.map((j) => j.id),
      presentSeconds: 480,
      qaSeconds: 420,
      warnSeconds: 60,
      method: 'mean',
      sheet: STAGE_SHEET,
      awards: input.awards,
    }),
    201,
  );
  await stepOk(call.manager, created.id, 'draw');
  const world = {
    campaignId: call.id,
    themeId: input.themeId,
    organizerId: call.organizerId,
    manager: call.manager,
    roundId: input.roundId,
    finalists: [],
    other: '',
    judges: input.judges.map((j) => ({ judgeId: j.id, client: j.client, userId: '' })),
  } satisfies StageWorld;
  await runFinal(world, created.id, new Map([...input.totals].map(([k, v]) => [k, v as Array<number | null>])));
  await stepOk(call.manager, created.id, 'freeze');
  return created.id;
}

/** Experts of the organizer's pool, each invited by mail and accepting with a new account (signed in). */
export async function experts(t: TestApp, call: AwardCall, names: string[]): Promise<StoryJudge[]> {
  const out: StoryJudge[] = [];
  for (const name of names) {
    const unit = await buildOrganization(t, { name: `${name}所在单位` });
    out.push(
      await invitedJudge(
        t,
        {
          organizerId: call.organizerId,
          manager: call.manager,
          managerId: call.managerId,
          managerEmail: call.managerEmail,
          campaign: call,
        },
        { name, organizationId: unit.id },
      ),
    );
  }
  return out;
}

/** The answer's status and error code and params, for refusals. */
export const refusal = (res: { statusCode: number; json(): { error?: { code: string; params?: unknown } } }) => [
  res.statusCode,
  res.json().error?.code,
  res.json().error?.params,
];

export const anonymous = (t: TestApp) => new Client(t.app);

/**
 * Moves the story's clock to `at` (weeks or months on, past the 14-day sessions): the manager and the experts sign in
 * again, as people do when they come back.
 */
export async function moveTo(t: TestApp, call: AwardCall, at: string, judges: StoryJudge[] = []): Promise<void> {
  t.clock.set(at);
  call.manager = await signIn(t, { email: call.managerEmail });
  for (const judge of judges) judge.client = await signIn(t, judge);
}
