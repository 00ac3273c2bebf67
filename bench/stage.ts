/**
 * The live final under load (issue 11 item 7): 10 stages running at once, 15 judges on each, 500 big screens
 * subscribed (50 per stage) to GET /api/stages/:id/stream. Each stage runs its finalists as a host does, through
 * POST /api/stages/:id/actions (draw, start, then per finalist present -> qa -> score -> [the judges score] ->
 * reveal -> next); when scoring opens, each of its 15 judges submits POST /api/stages/:id/scores at a random moment
 * within BENCH_STAGE_WINDOW_MS (default 2,000 ms: the panel finishing its sheets), signed in (a session each) over
 * HTTP. Measured per submit: from the moment the judge's request is sent until the last of the stage's 50 screens has
 * received a `screen` event showing that judge's seat as scored on that finalist (fan-out: write, commit, announce,
 * every stream). A screen that never shows it counts as infinitely late. The screens run on a thread of their own
 * (lib/stage-screens-worker.mjs), the server and the driver on the main thread, on the embedded PGlite in a data
 * directory (as `npm start` runs it), or on PostgreSQL with DATABASE_URL (a fresh database; REDIS_URL fans out
 * through Redis). Data: a published seed-000 call, 10 themes, BENCH_STAGE_FINALISTS (default 4) passed entries in
 * each, bulk-loaded through db/schema.ts, and one stage per theme in `draft` with 15 active experts of the
 * organizer's pool; the host is a platform administrator. Goal: fan-out p95 <= 1,000 ms.
 * Alone: `npm run bench -- stage`; the last line is one JSON object.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { MEDALS_S0_10, SEED_000_SHEET, type TStageHostView } from '@casearena/contract';
import {
  entries,
  judges,
  organizations,
  sessions,
  stageFinalists,
  stageJudges,
  stages,
  users,
} from '../apps/server/src/db/schema.ts';
import { changeCampaignStatus, createCampaign } from '../apps/server/src/modules/campaigns/index.ts';
import { entrySearchColumns } from '../apps/server/src/modules/entries/index.ts';
import { searchGrams, searchText } from '../apps/server/src/modules/orgs/index.ts';
import type { AppContext } from '../apps/server/src/platform/context.ts';
import { benchApp } from './lib/bench-app.ts';

const STAGES = Number(process.env.BENCH_STAGES ?? 10);
const JUDGES = Number(process.env.BENCH_STAGE_JUDGES ?? 15);
const SCREENS = Number(process.env.BENCH_STAGE_SCREENS ?? 500);
const FINALISTS = Number(process.env.BENCH_STAGE_FINALISTS ?? 4);
const WINDOW_MS = Number(process.env.BENCH_STAGE_WINDOW_MS ?? 2000);
const GOAL_P95_MS = 1000;

const now = () => performance.timeOrigin + performance.now();
const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Loaded {
  hostCookie: string;
  csrf: string;
  stages: Array<{ id: string; judges: Array<{ seat: number; cookie: string }> }>;
}

/**
 * The data, in bulk through db/schema.ts (as bench/ and the vote storm load theirs): a published seed-000 call of a
 * new organizer, its ten themes each with FINALISTS passed entries of hospitals of their own, 15 × 10 experts with
 * accounts and sessions (active in the organizer's pool), one stage per theme in `draft` seating 15 of them (no
 * recusal: every judge scores every finalist), and a platform administrator as the host.
 */
async function load(ctx: AppContext): Promise<Loaded> {
  const { db } = ctx;
  const at = ctx.clock.now();
  const tag = randomBytes(3).toString('hex');
  const csrf = randomBytes(24).toString('base64url');
  const expires = new Date(at.getTime() + 86_400_000);
  const signedIn = async (rows: Array<typeof users.$inferInsert & { id: string }>) => {
    await db.insert(users).values(rows);
    const tokens = rows.map(() => randomBytes(32).toString('base64url'));
    await db.insert(sessions).values(
      rows.map((u, k) => ({
        tokenHash: tokenHash(tokens[k] as string),
        userId: u.id,
        createdAt: at,
        expiresAt: expires,
        lastSeenAt: at,
      })),
    );
    return tokens.map((t) => `ca_session=${t}; ca_csrf=${csrf}`);
  };
  const host = {
    id: randomUUID(),
    name: '现场主持人',
    email: `stage-host-${tag}@example.cn`,
    passwordHash: 'x',
    role: 'admin' as const,
    createdAt: at,
    updatedAt: at,
  };
  const [hostCookie] = await signedIn([host]);
  const staff = { id: host.id, name: host.name, role: 'admin' as const, locale: 'zh-CN' as const, organizationId: null };
  const [organizer] = await db
    .insert(organizations)
    .values({
      name: `压测主办方${tag}`,
      aliases: [],
      kind: 'media',
      searchText: searchText(['压测主办方']),
      searchGrams: searchGrams(['压测主办方']),
      createdAt: at,
      updatedAt: at,
    })
    .returning({ id: organizations.id });
  if (!organizer) throw new Error('no organizer');
  const draft = await createCampaign(ctx, staff, { templateKey: 'seed-000', organizerId: organizer.id });
  const campaign = await changeCampaignStatus({ ctx, actor: staff, id: draft.id, to: 'published' });
  const themes = campaign.themes.slice(0, STAGES);
  if (themes.length < STAGES) throw new Error(`seed-000 has ${campaign.themes.length} themes, BENCH_STAGES asks ${STAGES}`);

  const out: Loaded['stages'] = [];
  for (const [s, theme] of themes.entries()) {
    const hospitals = Array.from({ length: FINALISTS }, (_, i) => {
      const name = `压测${s + 1}-${i + 1}人民医院${tag}`;
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
    await db.insert(organizations).values(hospitals);
    const entryRows = hospitals.map((h, i) => {
      const number = `2022-${theme.code}-${String(i + 1).padStart(4, '0')}`;
      const title = `压测决赛案例${theme.code}-${i + 1}`;
      return {
        id: randomUUID(),
        campaignId: campaign.id,
        themeId: theme.id,
        organizationId: h.id,
        authorId: host.id,
        title,
        summary: '背景、目标、做法、成效。',
        status: 'passed' as const,
        number,
        consentAt: at,
        submittedAt: at,
        createdAt: at,
        updatedAt: at,
        ...entrySearchColumns({ title, number, organizationName: h.name }),
      };
    });
    await db.insert(entries).values(entryRows);
    const judgeUsers = Array.from({ length: JUDGES }, (_, j) => ({
      id: randomUUID(),
      name: `评委${s + 1}-${j + 1}`,
      email: `stage-judge-${tag}-${s + 1}-${j + 1}@example.cn`,
      passwordHash: 'x',
      createdAt: at,
      updatedAt: at,
    }));
    const cookies = await signedIn(judgeUsers);
    const judgeRows = judgeUsers.map((u) => ({
      id: randomUUID(),
      organizerId: organizer.id,
      userId: u.id,
      name: u.name,
      email: u.email,
      status: 'active' as const,
      invitedAt: at,
      answeredAt: at,
    }));
    await db.insert(judges).values(judgeRows);
    const [stage] = await db
      .insert(stages)
      .values({
        campaignId: campaign.id,
        themeId: theme.id,
        label: `${theme.title} · 压测场次`,
        sheet: SEED_000_SHEET,
        awards: MEDALS_S0_10,
        method: 'trimmed',
        createdBy: host.id,
        createdAt: at,
        updatedAt: at,
      })
      .returning({ id: stages.id });
    if (!stage) throw new Error('no stage');
    await db.insert(stageFinalists).values(entryRows.map((e) => ({ stageId: stage.id, entryId: e.id })));
    await db
      .insert(stageJudges)
      .values(judgeRows.map((j, k) => ({ stageId: stage.id, judgeId: j.id, userId: j.userId, seat: k + 1, name: j.name })));
    out.push({ id: stage.id, judges: cookies.map((cookie, k) => ({ seat: k + 1, cookie })) });
  }
  return { hostCookie: hostCookie as string, csrf, stages: out };
}

interface Submit {
  stageId: string;
  entryId: string;
  seat: number;
  sentAt: number;
  answeredAt: number;
  status: number;
}

const quantile = (sorted: number[], q: number) =>
  sorted.length === 0 ? Number.NaN : (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number);
const ms = (n: number) => (Number.isFinite(n) ? Math.round(n * 10) / 10 : n);

export async function benchStage() {
  // Each screen comes from an address of its own (X-Forwarded-For through the trusted proxy), as screens in many
  // halls would: a per-address cap on streams is not what is measured.
  const server = await benchApp('stage');
  const { app, kind } = server;
  const t0 = Date.now();
  const data = await load(app.ctx);
  const loadSeconds = (Date.now() - t0) / 1000;
  const url = await app.listen({ port: 0, host: '127.0.0.1' });

  const post = async (cookie: string, pathname: string, body: unknown) => {
    const res = await fetch(`${url}${pathname}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': data.csrf },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, text };
  };
  const act = async (stageId: string, version: number, action: string): Promise<TStageHostView> => {
    const res = await post(data.hostCookie, `/api/stages/${stageId}/actions`, { action, version });
    if (res.status !== 200) throw new Error(`${action} on ${stageId}: ${res.status} ${res.text}`);
    return JSON.parse(res.text) as TStageHostView;
  };

  // The screens: 50 per stage, each from an address of its own.
  const perStage = Math.floor(SCREENS / STAGES);
  const streams = data.stages.flatMap((s, i) =>
    Array.from({ length: perStage }, (_, k) => {
      const n = i * perStage + k;
      return { stageId: s.id, ip: `10.${(n >> 8) & 255}.${n & 255}.7` };
    }),
  );
  const worker = new Worker(new URL('./lib/stage-screens-worker.mjs', import.meta.url), { workerData: { url, streams } });
  const ready = await new Promise<number>((resolve, reject) => {
    worker.on('message', (m: { type: string; ms: number }) => {
      if (m.type === 'ready') resolve(m.ms);
    });
    worker.once('error', reject);
  });
  console.log(`stage: ${streams.length} screens connected and holding their first screen in ${ms(ready)} ms`);

  // Each stage runs its day on its own: draw, start, then each finalist.
  const submits: Submit[] = [];
  const cpu0 = process.cpuUsage();
  const wall0 = now();
  const refusals: Record<string, number> = {};
  const runStage = async (stage: Loaded['stages'][number], index: number) => {
    let view = await act(stage.id, 1, 'draw');
    view = await act(stage.id, view.version, 'start');
    for (let f = 0; f < FINALISTS; f++) {
      view = await act(stage.id, view.version, 'present');
      view = await act(stage.id, view.version, 'qa');
      view = await act(stage.id, view.version, 'score');
      const entryId = view.current?.entryId;
      if (!entryId) throw new Error('no finalist on stage while scoring');
      await Promise.all(
        stage.judges.map(async (judge) => {
          await sleep(Math.random() * WINDOW_MS);
          const sentAt = now();
          const res = await post(judge.cookie, `/api/stages/${stage.id}/scores`, {
            entryId,
            scores: { overall: 70 + ((judge.seat * 7 + f * 3 + index) % 30) },
            idempotencyKey: `bench-${stage.id.slice(0, 8)}-${f}-${judge.seat}-${randomBytes(4).toString('hex')}`,
          });
          submits.push({ stageId: stage.id, entryId, seat: judge.seat, sentAt, answeredAt: now(), status: res.status });
          if (res.status !== 200) {
            const code = (JSON.parse(res.text) as { error?: { code?: string } }).error?.code ?? String(res.status);
            refusals[code] = (refusals[code] ?? 0) + 1;
          }
        }),
      );
      view = await act(stage.id, view.version, 'reveal');
      view = await act(stage.id, view.version, f === FINALISTS - 1 ? 'finish' : 'next');
    }
  };
  await Promise.all(data.stages.map((s, i) => runStage(s, i)));
  const wall = (now() - wall0) / 1000;
  const cpu = process.cpuUsage(cpu0);

  const accepted = submits.filter((s) => s.status === 200);
  const expected = accepted.map((s) => ({ key: `${s.stageId}|${s.entryId}|${s.seat}`, screens: perStage }));
  const collected = await new Promise<{
    seen: Array<{ key: string; n: number; first: number; last: number }>;
    counters: { events: number; screens: number; reconnects: number; errors: number; bytes: number };
  }>((resolve) => {
    worker.on('message', (m: { type: string }) => {
      if (m.type === 'collected') resolve(m as never);
    });
    worker.postMessage({ type: 'collect', expected, timeoutMs: 10_000 });
  });
  await worker.terminate();
  await server.close();

  const byKey = new Map(collected.seen.map((s) => [s.key, s]));
  const fanout = accepted
    .map((s) => {
      const agg = byKey.get(`${s.stageId}|${s.entryId}|${s.seat}`);
      return agg && agg.n >= perStage ? agg.last - s.sentAt : Number.POSITIVE_INFINITY;
    })
    .sort((a, b) => a - b);
  const firstScreen = accepted
    .map((s) => (byKey.get(`${s.stageId}|${s.entryId}|${s.seat}`)?.first ?? Number.POSITIVE_INFINITY) - s.sentAt)
    .sort((a, b) => a - b);
  const answer = accepted.map((s) => s.answeredAt - s.sentAt).sort((a, b) => a - b);
  const incomplete = fanout.filter((x) => !Number.isFinite(x)).length;
  const p95 = quantile(fanout, 0.95);
  const met = p95 <= GOAL_P95_MS;
  const loadAvg = os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ');

  console.log(
    `stage: ${kind}${server.redis ? ' + Redis' : ''}; ${STAGES} stages × ${JUDGES} judges × ${FINALISTS} finalists, ${streams.length} screens (${perStage} per stage); judges submit within ${WINDOW_MS} ms of scoring opening; loaded in ${loadSeconds.toFixed(1)} s`,
  );
  console.log(
    `  submits: ${submits.length} sent, ${accepted.length} accepted${Object.keys(refusals).length ? `, refused ${JSON.stringify(refusals)}` : ''}; the whole day took ${wall.toFixed(1)} s; server+driver thread CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`,
  );
  console.log(
    `  submit answered (HTTP): p50 ${ms(quantile(answer, 0.5))} ms, p95 ${ms(quantile(answer, 0.95))} ms, max ${ms(answer.at(-1) ?? Number.NaN)} ms`,
  );
  console.log(`  first screen shows it: p50 ${ms(quantile(firstScreen, 0.5))} ms, p95 ${ms(quantile(firstScreen, 0.95))} ms`);
  console.log(
    `  every screen of the stage shows it (fan-out): p50 ${ms(quantile(fanout, 0.5))} ms, p95 ${ms(p95)} ms, p99 ${ms(quantile(fanout, 0.99))} ms, max ${ms(fanout.at(-1) ?? Number.NaN)} ms; ${incomplete} submits never reached every screen`,
  );
  console.log(
    `  screens: ${collected.counters.screens} screen events (${(collected.counters.bytes / 1e6).toFixed(1)} MB), ${collected.counters.reconnects} reconnects, ${collected.counters.errors} errors`,
  );
  console.log(
    `  goal fan-out p95 <= ${GOAL_P95_MS} ms: ${met ? 'MET' : 'NOT MET'}; load average (1/5/15 min) at the end: ${loadAvg} (${os.cpus().length} CPUs)`,
  );
  console.log(
    JSON.stringify({
      bench: 'stage',
      engine: kind,
      redis: server.redis,
      stages: STAGES,
      judgesPerStage: JUDGES,
      finalistsPerStage: FINALISTS,
      screens: streams.length,
      windowMs: WINDOW_MS,
      submits: submits.length,
      accepted: accepted.length,
      fanoutP50Ms: ms(quantile(fanout, 0.5)),
      fanoutP95Ms: ms(p95),
      fanoutP99Ms: ms(quantile(fanout, 0.99)),
      fanoutMaxMs: ms(fanout.at(-1) ?? Number.NaN),
      firstScreenP95Ms: ms(quantile(firstScreen, 0.95)),
      submitP50Ms: ms(quantile(answer, 0.5)),
      submitP95Ms: ms(quantile(answer, 0.95)),
      incomplete,
      screenEvents: collected.counters.screens,
      reconnects: collected.counters.reconnects,
      connectMs: ms(ready),
      goalP95Ms: GOAL_P95_MS,
      met,
    }),
  );
  return { p95, met };
}
