/**
 * Awards at scale (issue 12 item 7). Two figures, each on the server as `npm start` runs it (the embedded PGlite in
 * a data directory), or on PostgreSQL with DATABASE_URL (a fresh database):
 *
 * - freezeMs: computing and freezing every award of a seed-000 campaign with BENCH_AWARD_ENTRIES (default 100,000)
 *   passed entries in its ten themes — from a frozen online round (卓越 10 %, 优秀 20 % of each theme, S0-10), a
 *   frozen live stage per theme (seven finalists: gold, silver, bronze), the popularity ranking over the votes
 *   (S0-11), 最佳组织奖 and 最佳管理奖 over the counts (S0-12) — through the awards door (`awardSetAction` compute,
 *   then freeze) as the organizer's two clicks run it. Goal <= 5,000 ms.
 * - certificatesMs, rssGrowthMb: BENCH_CERTIFICATES (default 10,000) certificates of a final award set (a second
 *   call's 卓越 and 优秀 cases, 30 % of its entries) streamed as
 *   one zip to an HTTP client (GET /api/campaigns/:id/certificates.zip, read to the end and discarded), from the
 *   request to the last byte; the server's peak RSS during the download minus its RSS just before (sampled every
 *   50 ms). Goals <= 60,000 ms and <= 256 MB.
 *
 * The data is bulk-loaded through db/schema.ts (as the other benchmarks load theirs); every award write goes through
 * the awards module's door. Alone: `npm run bench -- awards`; the last line is one JSON object.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { DEFAULT_VOTE_RULES, MEDALS_S0_10, SEED_000_SHEET, type TResultRule } from '@casearena/contract';
import { sql } from 'drizzle-orm';
import {
  entries,
  judgingRounds,
  organizations,
  roundResults,
  sessions,
  stageFinalists,
  stages,
  users,
  voteCounts,
  voteRules,
} from '../apps/server/src/db/schema.ts';
import {
  awardSetAction,
  defaultRules,
  finalizeAwardSet,
  issueCertificates,
  listLiveAwards,
  readAwardSetState,
  updateRules,
} from '../apps/server/src/modules/awards/index.ts';
import { changeCampaignStatus, createCampaign } from '../apps/server/src/modules/campaigns/index.ts';
import { entrySearchColumns } from '../apps/server/src/modules/entries/index.ts';
import { searchGrams, searchText } from '../apps/server/src/modules/orgs/index.ts';
import { fixedClock } from '../apps/server/src/platform/clock/index.ts';
import type { Actor, AppContext } from '../apps/server/src/platform/context.ts';
import { inTransaction } from '../apps/server/src/platform/db/tx.ts';
import { benchApp } from './lib/bench-app.ts';

const ENTRIES = Number(process.env.BENCH_AWARD_ENTRIES ?? 100_000);
const CERTIFICATES = Number(process.env.BENCH_CERTIFICATES ?? 10_000);
const GOALS = { freezeMs: 5_000, certificatesMs: 60_000, rssGrowthMb: 256 };
const CHUNK = 2_000;
/** After the seed-000 template's 网络投票 (16-20 March 2022) and 全国总决赛 (27-28 May): every source is frozen. */
const AFTER_FINAL = '2022-06-01T02:00:00.000Z';

const TIER_RULE: TResultRule = {
  tiers: [
    { key: 'outstanding', label: { 'zh-CN': '卓越', en: 'Outstanding' }, percent: 10 },
    { key: 'excellent', label: { 'zh-CN': '优秀', en: 'Excellent' }, percent: 20 },
  ],
  rounding: 'round',
  ties: 'include-ties',
  advance: ['outstanding'],
};

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

async function chunked<T>(rows: T[], insert: (part: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/** An administrator with a session (cookie and CSRF token for HTTP), the platform's staff actor for the doors. */
async function administrator(ctx: AppContext) {
  const at = ctx.clock.now();
  const id = randomUUID();
  await ctx.db.insert(users).values({
    id,
    name: '颁奖压测管理员',
    email: `awards-admin-${randomBytes(3).toString('hex')}@example.cn`,
    passwordHash: 'x',
    role: 'admin',
    createdAt: at,
    updatedAt: at,
  });
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  await ctx.db.insert(sessions).values({
    tokenHash: tokenHash(token),
    userId: id,
    createdAt: at,
    expiresAt: new Date(at.getTime() + 86_400_000),
    lastSeenAt: at,
  });
  const actor: Actor = { id, name: '颁奖压测管理员', role: 'admin', locale: 'zh-CN', organizationId: null };
  return { actor, cookie: `ca_session=${token}; ca_csrf=${csrf}`, csrf };
}

/**
 * A published seed-000 call with `count` passed entries spread over its ten themes, each of a hospital of its own
 * within its theme (one hospital enters every theme, as the rules allow), a frozen online round with tiers over all
 * of them (score falling with the index), and, when `stagesToo`, a frozen stage of seven finalists per theme and
 * votes on every entry.
 */
async function campaignWith(ctx: AppContext, actor: Actor, count: number, stagesToo: boolean) {
  const { db } = ctx;
  const at = ctx.clock.now();
  const tag = randomBytes(3).toString('hex');
  const [organizer] = await db
    .insert(organizations)
    .values({
      name: `颁奖压测主办方${tag}`,
      aliases: [],
      kind: 'media',
      searchText: searchText(['颁奖压测主办方']),
      searchGrams: searchGrams(['颁奖压测主办方']),
      createdAt: at,
      updatedAt: at,
    })
    .returning({ id: organizations.id });
  if (!organizer) throw new Error('no organizer');
  const draft = await createCampaign(ctx, actor, { templateKey: 'seed-000', organizerId: organizer.id });
  const campaign = await changeCampaignStatus({ ctx, actor, id: draft.id, to: 'published' });
  const themes = campaign.themes;
  const perTheme = Math.ceil(count / themes.length);
  const hospitals = Array.from({ length: perTheme }, (_, i) => {
    const name = `颁奖压测${i + 1}号人民医院${tag}`;
    return {
      id: randomUUID(),
      name,
      aliases: [],
      kind: 'general_hospital',
      searchText: searchText([name]),
      searchGrams: searchGrams([name]),
      createdAt: at,
      updatedAt: at,
    };
  });
  await chunked(hospitals, (part) => db.insert(organizations).values(part));
  const made = Array.from({ length: count }, (_, k) => {
    const theme = themes[k % themes.length] as (typeof themes)[number];
    const i = Math.floor(k / themes.length);
    const hospital = hospitals[i] as (typeof hospitals)[number];
    const number = `2022-${theme.code}-${String(i + 1).padStart(5, '0')}`;
    const title = `颁奖压测案例${theme.code}-${i + 1}`;
    return {
      id: randomUUID(),
      campaignId: campaign.id,
      themeId: theme.id,
      organizationId: hospital.id,
      authorId: actor.id,
      title,
      summary: '背景、目标、做法、成效。',
      status: 'passed' as const,
      number,
      consentAt: at,
      submittedAt: at,
      createdAt: at,
      updatedAt: at,
      ...entrySearchColumns({ title, number, organizationName: hospital.name }),
    };
  });
  await chunked(made, (part) => db.insert(entries).values(part));

  const [round] = await db
    .insert(judgingRounds)
    .values({
      campaignId: campaign.id,
      key: 'preliminary',
      label: '专家初评',
      ordinal: 1,
      opensAt: new Date('2022-03-21T00:00:00+08:00'),
      closesAt: new Date('2022-04-30T23:59:59+08:00'),
      status: 'frozen',
      scope: { kind: 'themes', themeIds: themes.map((th) => th.id) },
      sheet: SEED_000_SHEET,
      materials: { fieldKeys: ['title'], attachmentKeys: [], extraSlots: [] },
      createdAt: at,
      updatedAt: at,
    })
    .returning({ id: judgingRounds.id });
  if (!round) throw new Error('no round');
  // Within each theme: rank i + 1 for the theme's i-th entry; 卓越 the first 10 %, 优秀 the next 20 %.
  const ofTheme = perTheme;
  const results = made.map((e, k) => ({ e, i: Math.floor(k / themes.length) }));
  await chunked(results, (part) =>
    db.insert(roundResults).values(
      part.map(({ e, i }) => {
        const tier = i < ofTheme * 0.1 ? 'outstanding' : i < ofTheme * 0.3 ? 'excellent' : null;
        return {
          roundId: round.id,
          entryId: e.id,
          score: 100 - (i * 90) / ofTheme,
          rank: i + 1,
          tier,
          advanced: tier === 'outstanding',
          breakdown: { rule: TIER_RULE },
          frozenAt: at,
        };
      }),
    ),
  );
  if (stagesToo) {
    for (const [s, theme] of themes.entries()) {
      const [stage] = await db
        .insert(stages)
        .values({
          campaignId: campaign.id,
          themeId: theme.id,
          label: `${theme.title} · 总决赛`,
          sourceRoundId: round.id,
          state: 'frozen',
          sheet: SEED_000_SHEET,
          awards: MEDALS_S0_10,
          drawSeed: 'ab'.repeat(16),
          drawnAt: at,
          frozenAt: at,
          createdBy: actor.id,
          createdAt: at,
          updatedAt: at,
        })
        .returning({ id: stages.id });
      if (!stage) throw new Error('no stage');
      const finalists = made.filter((_, k) => k % themes.length === s).slice(0, 7);
      const medal = (rank: number) => (rank === 1 ? 'gold' : rank <= 3 ? 'silver' : rank <= 6 ? 'bronze' : null);
      await db.insert(stageFinalists).values(
        finalists.map((e, i) => ({
          stageId: stage.id,
          entryId: e.id,
          position: i + 1,
          final: 95 - i,
          rank: i + 1,
          award: medal(i + 1),
        })),
      );
    }
    await db.insert(voteRules).values({
      campaignId: campaign.id,
      rules: DEFAULT_VOTE_RULES,
      updatedBy: actor.id,
      updatedAt: at,
    });
    const counted = made.map((e, k) => ({ e, k }));
    await chunked(counted, (part) =>
      db.insert(voteCounts).values(
        part.map(({ e, k }) => ({
          entryId: e.id,
          campaignId: campaign.id,
          themeId: e.themeId,
          weight: (k * 7919) % 5000,
          votes: (k * 7919) % 300,
          lastVoteAt: at,
        })),
      ),
    );
  }
  // The statistics autovacuum would have gathered by the time an organizer computes (days after the last vote):
  // without them PostgreSQL plans 100,000 freshly loaded rows as a handful (nested loops, 3x slower reads).
  await db.execute(sql`analyze`);
  return campaign.id;
}

async function computeAndFreeze(ctx: AppContext, actor: Actor, campaignId: string) {
  const before = await readAwardSetState(ctx.db, campaignId);
  const computed = await awardSetAction({ ctx, actor, campaignId, action: 'compute', version: before?.version ?? 0 });
  const frozen = await awardSetAction({ ctx, actor, campaignId, action: 'freeze', version: computed.version });
  return { problems: computed.problems, version: frozen.version };
}

export async function benchAwards() {
  const clock = fixedClock(AFTER_FINAL);
  const server = await benchApp('awards', { clock });
  const { app, kind } = server;
  const ctx = app.ctx;
  const admin = await administrator(ctx);

  // 1. Compute and freeze at 100,000 entries.
  let t0 = performance.now();
  const big = await campaignWith(ctx, admin.actor, ENTRIES, true);
  const loadSeconds = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const { problems } = await computeAndFreeze(ctx, admin.actor, big);
  const freezeMs = Math.round(performance.now() - t0);
  const awardCount = (await listLiveAwards(ctx.db, big)).length;
  console.log(`awards: ${kind}; ${ENTRIES} entries loaded in ${loadSeconds.toFixed(1)} s; compute + freeze ${freezeMs} ms`);

  // 2. 10,000 certificates of a final set (one 卓越 per entry of a smaller call), streamed as a zip.
  const small = await campaignWith(ctx, admin.actor, Math.ceil(CERTIFICATES / 0.3), false);
  // Only the tier award: every hospital of the smaller call has as many entries as any other, so the campaign-wide
  // awards would go to all of them (tied) and the count would not be the one asked.
  const tiersOnly = defaultRules('seed-000').filter((r) => r.kind === 'tiers');
  const unset = await readAwardSetState(ctx.db, small);
  await updateRules({ ctx, actor: admin.actor, campaignId: small, body: { version: unset?.version ?? 0, rules: tiersOnly } });
  await computeAndFreeze(ctx, admin.actor, small);
  await inTransaction(ctx.db, async (tx) => {
    await finalizeAwardSet({ ctx, tx, afterCommit: () => {}, actor: admin.actor, campaignId: small });
  });
  const issued = await issueCertificates({ ctx, actor: admin.actor, campaignId: small });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  global.gc?.();
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  t0 = performance.now();
  const res = await fetch(`${url}/api/campaigns/${small}/certificates.zip`, { headers: { cookie: admin.cookie } });
  if (res.status !== 200 || !res.body) throw new Error(`certificates.zip answered ${res.status}: ${await res.text()}`);
  let bytes = 0;
  for await (const chunk of res.body) bytes += (chunk as Uint8Array).byteLength;
  const certificatesMs = Math.round(performance.now() - t0);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const rssGrowthMb = Math.round(((peak - rss0) / 1024 / 1024) * 10) / 10;
  await server.close();

  const met = {
    freeze: freezeMs <= GOALS.freezeMs,
    certificates: certificatesMs <= GOALS.certificatesMs,
    rss: rssGrowthMb <= GOALS.rssGrowthMb,
  };
  console.log(
    `awards: compute + freeze ${freezeMs} ms (${awardCount} awards, ${problems.length} rules with problems) — goal <= ${GOALS.freezeMs} ms: ${met.freeze ? 'MET' : 'NOT MET'}`,
  );
  console.log(
    `  ${issued.issued} certificates issued; zip of ${(bytes / 1024 / 1024).toFixed(1)} MB streamed in ${certificatesMs} ms — goal <= ${GOALS.certificatesMs} ms: ${met.certificates ? 'MET' : 'NOT MET'}; RSS growth ${rssGrowthMb} MB — goal <= ${GOALS.rssGrowthMb} MB: ${met.rss ? 'MET' : 'NOT MET'}`,
  );
  const figures = {
    bench: 'awards',
    engine: kind,
    entries: ENTRIES,
    awards: awardCount,
    freezeMs,
    certificates: issued.issued,
    zipMb: Math.round((bytes / 1024 / 1024) * 10) / 10,
    certificatesMs,
    rssGrowthMb,
    goals: GOALS,
    met: met.freeze && met.certificates && met.rss,
  };
  console.log(JSON.stringify(figures));
  return figures;
}
