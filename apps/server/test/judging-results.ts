import { type AggregationMethod, SEED_000_SHEET } from '@casearena/contract';
import { eq } from 'drizzle-orm';
import { assignments, judgingRounds, panelMembers, scoreSheets } from '../src/db/schema.ts';
import type { Client, TestApp } from './app.ts';
import { buildUser, signIn } from './factories.ts';
import { assign, judgeRow, judgingCampaign, judgingRound, type PassedEntry, passedEntry } from './judging.ts';

/**
 * A small scored call for the results tests (issue 10 items 5-7): seed 000's 100-point sheet; theme A with four
 * entries and four judges (A–D), theme B with two entries and judge E. Rows are written the way the sheet writer and
 * the assignment engine write them, through db/schema.ts, so these tests do not depend on those routes.
 *
 * Theme A's submitted scores (judges A, B, C, D):
 *   a1: 95, 80, 78, 40   mean 73.25, trimmed (80 + 78) / 2 = 79
 *   a2: 85, 84, 83, 82   mean 83.5,  trimmed 83.5
 *   a3: 70, 72, 74, 99   mean 78.75, trimmed (72 + 74) / 2 = 73
 *   a4: 60, 65, C abstained, D a draft of 50 — mean = trimmed (two sheets) 62.5
 * Theme B: b1 scored 88 by E, A has a draft; b2 assigned to E, no sheet.
 */
export const SCORES: Record<string, Record<string, number | 'draft' | 'abstained' | 'none'>> = {
  a1: { A: 95, B: 80, C: 78, D: 40 },
  a2: { A: 85, B: 84, C: 83, D: 82 },
  a3: { A: 70, B: 72, C: 74, D: 99 },
  a4: { A: 60, B: 65, C: 'abstained', D: 'draft' },
  b1: { E: 88, A: 'draft' },
  b2: { E: 'none' },
};

export type EntryKey = 'a1' | 'a2' | 'a3' | 'a4' | 'b1' | 'b2';
export type JudgeKey = 'A' | 'B' | 'C' | 'D' | 'E';

export interface ScoredCall {
  manager: Client;
  managerId: string;
  campaign: { id: string; themes: Array<{ id: string; code: string; title: string }> };
  organizerId: string;
  entries: Record<EntryKey, PassedEntry>;
  judges: Record<JudgeKey, { id: string; name: string; client: Client }>;
}

/** The call, its six passed entries and five judges on the panel; judge A leads (组长) theme A. */
export async function scoredCall(t: TestApp): Promise<ScoredCall> {
  const { organizer, manager, managerUser, campaign } = await judgingCampaign(t);
  const keys: EntryKey[] = ['a1', 'a2', 'a3', 'a4', 'b1', 'b2'];
  const made: Partial<Record<EntryKey, PassedEntry>> = {};
  for (const key of keys)
    made[key] = await passedEntry(t, { manager, campaign }, { themeIndex: key.startsWith('a') ? 0 : 1, title: `案例${key}` });
  const themeA = campaign.themes[0]?.id as string;
  const themeB = campaign.themes[1]?.id as string;
  const judges: Partial<ScoredCall['judges']> = {};
  for (const key of ['A', 'B', 'C', 'D', 'E'] as const) {
    const user = await buildUser(t, { name: `${key} 专家` });
    const judge = await judgeRow(t, organizer.id, user);
    await t.app.ctx.db.insert(panelMembers).values({
      campaignId: campaign.id,
      judgeId: judge.id,
      themeIds: key === 'E' ? [themeB] : key === 'A' ? [themeA, themeB] : [themeA],
      leadThemeIds: key === 'A' ? [themeA] : [],
      createdAt: t.clock.now(),
    });
    judges[key] = { id: judge.id, name: user.name, client: await signIn(t, user) };
  }
  return {
    manager,
    managerId: managerUser.id,
    campaign,
    organizerId: organizer.id,
    entries: made as ScoredCall['entries'],
    judges: judges as ScoredCall['judges'],
  };
}

/**
 * A round of the call with SCORES' assignments and sheets, in the given state (closed by default, ready to freeze).
 * The round's own rows only: the call's entries and judges are shared by its rounds.
 */
export async function scoredRound(
  t: TestApp,
  call: ScoredCall,
  options: { method?: AggregationMethod; status?: 'open' | 'closed'; blind?: boolean; seeOthers?: boolean } = {},
) {
  const round = await judgingRound(t, call.campaign.id, {
    status: options.status ?? 'closed',
    sheet: SEED_000_SHEET,
    blind: options.blind ?? true,
  });
  await t.app.ctx.db
    .update(judgingRounds)
    .set({
      method: options.method ?? 'mean',
      seeOthers: options.seeOthers ?? false,
      scope: { kind: 'themes', themeIds: call.campaign.themes.slice(0, 2).map((th) => th.id) },
    })
    .where(eq(judgingRounds.id, round.id));
  const now = t.clock.now();
  for (const [entryKey, byJudge] of Object.entries(SCORES)) {
    const entry = call.entries[entryKey as EntryKey];
    for (const [judgeKey, value] of Object.entries(byJudge)) {
      const judgeId = call.judges[judgeKey as JudgeKey].id;
      const a = await assign(t, round, entry, judgeId);
      if (value === 'none') continue;
      if (value === 'abstained')
        await t.app.ctx.db.update(assignments).set({ status: 'abstained' }).where(eq(assignments.id, a.id));
      await t.app.ctx.db.insert(scoreSheets).values({
        assignmentId: a.id,
        roundId: round.id,
        entryId: entry.id,
        judgeId,
        status: typeof value === 'number' ? 'submitted' : value,
        scores: typeof value === 'number' ? { overall: value } : value === 'draft' ? { overall: 50 } : {},
        abstainReason: value === 'abstained' ? '曾参与该案例指导' : null,
        version: typeof value === 'number' ? 2 : 1,
        savedAt: now,
        submittedAt: typeof value === 'number' ? now : null,
      });
    }
  }
  return round;
}

/** An entry's submitted sheets as the organizer's breakdown lists them: by judge id, labelled 1, 2, …; `dropped` for trimmed. */
export function sheetLines(call: ScoredCall, entry: EntryKey, dropped: JudgeKey[] = []) {
  const scored = Object.entries(SCORES[entry] ?? {}).filter(([, v]) => typeof v === 'number') as [JudgeKey, number][];
  return scored
    .map(([k, v]) => ({ judgeId: call.judges[k].id, name: call.judges[k].name, raw: v, k }))
    .sort((a, b) => (a.judgeId < b.judgeId ? -1 : 1))
    .map((j, i) => ({
      label: i + 1,
      judgeId: j.judgeId,
      name: j.name,
      self: false,
      raw: j.raw,
      normalized: null,
      dropped: dropped.includes(j.k),
      scores: { overall: j.raw },
    }));
}
