import type { TCampaign, TResultRule } from '@casearena/contract';
import {
  changeRoundStatus,
  freezeResults,
  listAssignments,
  listJudges,
  savePanel,
  submitSheet,
} from '../modules/judging/index.ts';
import { endOfShanghaiDay, fixedClock, shanghaiDate } from '../platform/clock/index.ts';
import type { Actor, AppContext } from '../platform/context.ts';
import { generateEntries } from './demo-generator.ts';
import { openPreliminaryRound, PRELIMINARY_JUDGES_PER_ENTRY as PER_ENTRY } from './demo-preliminary-round.ts';

const DAY = 24 * 3600 * 1000;
/** Generated entries: 10 hospitals, a case in each of the first four themes (demo-generator's layout). */
const FINAL_ENTRIES = 40;
const MAX_LOAD = 36;
/**
 * 卓越 by proportion of each theme's online scores (S0-10): 70% of a theme's ten cases, so the demo's final has seven
 * finalists (gold 1, silver 2-3, bronze 4-6 and one without a medal); then 优秀 20% of the theme from the rest.
 */
const TIER_RULE: TResultRule = {
  tiers: [
    { key: 'outstanding', label: { 'zh-CN': '卓越', en: 'Outstanding' }, percent: 70 },
    { key: 'excellent', label: { 'zh-CN': '优秀', en: 'Excellent' }, percent: 20 },
  ],
  rounding: 'round',
  ties: 'include-ties',
  advance: ['outstanding'],
};

/**
 * A demo call's 40 screened cases and its 专家初评 (seed 000 §六.1-2; S0-10), as the organizer and the experts make
 * them: entered and passed ten days before submission closed; scored by four experts of the pool without a demo
 * account (three per case, each sheet submitted within the round's weeks); closed the morning after its deadline
 * and frozen that afternoon with 卓越 70 % then 优秀 20 % of each theme. The final and the awards demos start here.
 */
export async function seedFrozenRound(
  ctx: AppContext,
  staff: Actor,
  organizerId: string,
  campaign: TCampaign,
  accounts: { judge: { email: string }; leadJudge: { email: string } },
  /** The generated entries' author account (one per demo call: the email is its key). */
  author: string,
): Promise<{ roundId: string; experts: Array<{ judgeId: string; actor: Actor }> }> {
  const atTime = (t: number) => ({ ...ctx, clock: fixedClock(new Date(t)) });
  const phase = (key: string) => {
    const p = campaign.phases.find((x) => x.key === key);
    if (!p) throw new Error(`the seed-000 template has a ${key} phase`);
    return { start: new Date(p.startsAt).getTime(), end: new Date(p.endsAt).getTime() };
  };
  const submission = phase('submission');
  const preliminary = phase('preliminary');
  // Entered and screened ten days before the submission phase ended.
  await generateEntries(atTime(submission.end - 10 * DAY), staff, campaign, FINAL_ENTRIES, {
    author,
    allPassed: true,
  });
  const themes = campaign.themes.slice(0, 4).map((t) => t.id);

  // The preliminary round's panel: the pool's four experts without a demo account (the judging demo seated them).
  const pool = await listJudges(ctx.db, organizerId);
  const demoEmails = new Set([accounts.judge.email, accounts.leadJudge.email]);
  const experts = pool.filter((j) => j.status === 'active' && j.email && !demoEmails.has(j.email) && j.userId);
  if (experts.length < PER_ENTRY) throw new Error('the judging demo seats the pool before the final is seeded');
  const actorOf = (j: (typeof pool)[number]): Actor => ({
    id: j.userId ?? '',
    name: j.name,
    role: 'user',
    locale: 'zh-CN',
    organizationId: null,
  });
  await savePanel(atTime(preliminary.start - 2 * DAY), {
    actor: staff,
    campaignId: campaign.id,
    panel: { members: experts.map((j, i) => ({ judgeId: j.id, themeIds: themes, leadThemeIds: i === 0 ? themes : [] })) },
  });
  // Saved the day before the phase; opened at 09:00 (Beijing time) on its first day and assigned at once; every
  // sheet submitted in its weeks.
  const roundId = await openPreliminaryRound({
    saving: atTime(preliminary.start - DAY),
    staff,
    campaignId: campaign.id,
    themeIds: themes,
    opensAt: new Date(preliminary.start).toISOString(),
    closesAt: endOfShanghaiDay(shanghaiDate(new Date(preliminary.end))).toISOString(),
    maxLoad: MAX_LOAD,
  });
  const { assignments } = await listAssignments(ctx, staff, roundId);
  const numbers = [...new Set(assignments.map((a) => a.number ?? ''))].sort();
  for (const [k, a] of assignments.entries()) {
    const j = experts.findIndex((e) => e.id === a.judgeId);
    const expert = experts[j];
    if (!expert) continue;
    const n = numbers.indexOf(a.number ?? '');
    await submitSheet({
      ctx: atTime(preliminary.start + (1 + (k % 30)) * DAY + (2 + (k % 8)) * 3600_000),
      actor: actorOf(expert),
      assignmentId: a.id,
      body: { version: 0, scores: { overall: quality(n, j) } },
    });
  }
  // Closed the morning after its deadline; frozen that afternoon with the tiers by proportion.
  const closedAt = endOfShanghaiDay(shanghaiDate(new Date(preliminary.end))).getTime();
  await changeRoundStatus({ ctx: atTime(closedAt + 3 * 3600_000), actor: staff, roundId, to: 'closed' });
  await freezeResults({ ctx: atTime(closedAt + 8 * 3600_000), actor: staff, roundId, rule: TIER_RULE });
  return { roundId, experts: experts.map((j) => ({ judgeId: j.id, actor: actorOf(j) })) };
}

/** An entry's online score, 62..94 by its position plus a little per expert: the same ranking on every start. */
const quality = (n: number, j: number) => 62 + ((n * 37) % 33) + (((n * 13 + j * 7) % 9) - 4) / 2;
