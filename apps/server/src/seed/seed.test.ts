import { SEED_002_SECOND_REVIEW_SLOTS } from '@casearena/contract';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../../test/app.ts';
import { expireReturnedEntries } from '../modules/entries/index.ts';
import { verifyVotes } from '../modules/voting/index.ts';
import { shanghaiDate, shanghaiMidnight } from '../platform/clock/index.ts';
import { DEMO_ORGANIZATIONS } from './demo-organizations.ts';
import { DEMO_ACCOUNTS, seedIfEmpty } from './seed.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('demo data', () => {
  it('loads once into an empty database: organizations with valid regions, the hierarchy, accounts', async () => {
    expect(await seedIfEmpty(t.app.ctx)).toBe(true);
    expect(await seedIfEmpty(t.app.ctx)).toBe(false);
    const names = DEMO_ORGANIZATIONS.map((o) => o.name);
    const result = (await t.app.ctx.db.execute(
      sql`select count(*)::int as n from organizations where name in (${sql.join(
        names.map((n) => sql`${n}`),
        sql`, `,
      )})`,
    )) as unknown as { rows: Array<{ n: number }> };
    const [count] = result.rows;
    expect(count?.n).toBe(DEMO_ORGANIZATIONS.length);
    const c = new Client(t.app);
    const county = (await c.get(`/api/orgs?q=${encodeURIComponent('禹州市卫健委')}`)).json().items[0];
    expect(county).toMatchObject({
      name: '禹州市卫生健康委员会',
      parent: { name: '许昌市卫生健康委员会' },
      regionPath: ['河南省', '许昌市', '禹州市'],
    });
    const login = await c.post('/api/auth/login', {
      identifier: DEMO_ACCOUNTS.staff.email,
      password: DEMO_ACCOUNTS.staff.password,
    });
    expect(login.json().abilities).toEqual([
      'reviewCertifications',
      'manageOrganizations',
      'manageCampaigns',
      'requestCertification',
      'manageOutbox',
    ]);
    const queue = (await c.get('/api/admin/certifications?status=pending')).json();
    const campaigns: Array<{ id: string; title: string; status: string; currentPhase: string | null }> = (
      await c.get('/api/campaigns')
    ).json().items;
    const byTitle = (title: string) => campaigns.find((x) => x.title === title);
    const historic = byTitle('第七季改善医疗服务行动全国医院擂台赛');
    const live = byTitle('第七季改善医疗服务行动全国医院擂台赛（演示·申报进行中）');
    const voting = byTitle('第七季改善医疗服务行动全国医院擂台赛（演示·网络投票进行中）');
    const judging = byTitle('第七季改善医疗服务行动全国医院擂台赛（演示·专家初评进行中）');
    const review = byTitle('第七季改善医疗服务行动全国医院擂台赛（演示·专家复评材料提交中）');
    const final = byTitle('第七季改善医疗服务行动全国医院擂台赛（演示·全国总决赛）');
    expect([
      campaigns.length,
      historic?.status,
      live?.status,
      live?.currentPhase,
      voting?.status,
      voting?.currentPhase,
      judging?.status,
      judging?.currentPhase,
      review?.status,
      review?.currentPhase,
      final?.status,
      final?.currentPhase,
    ]).toEqual([
      7,
      'published',
      'published',
      'submission',
      'published',
      'voting',
      'published',
      'preliminary',
      'published',
      'preliminary',
      'published',
      'final',
    ]);
    const passed = (await c.get(`/api/campaigns/${historic?.id}/entries`)).json();
    expect(passed.items.map((e: { number: string; organization: string }) => [e.number, e.organization])).toEqual([
      ['2022-T01-0001', '北京协和医院'],
      ['2022-T01-0002', '四川大学华西医院'],
      ['2022-T02-0001', '许昌市中心医院'],
      // Returned in 2022, corrected within its deadline and passed.
      ['2022-T02-0002', '郑州大学第一附属医院'],
      ['2022-T04-0001', '浙江大学医学院附属第一医院'],
      ['2022-T06-0001', '中南大学湘雅医院'],
    ]);
    expect(queue.items.map((q: { user: { name: string }; title: string }) => [q.user.name, q.title])).toEqual([
      ['李医生', '主治医师'],
    ]);
    // The whole demo seed runs in this test: on PGlite on a loaded machine it takes longer than the default 30 s.
  }, 180_000);

  it('S0-2 the demo applicant administers 许昌市中心医院 through an approved institution certification', async () => {
    const c = new Client(t.app);
    const { applicant } = DEMO_ACCOUNTS;
    const me = (await c.post('/api/auth/login', { identifier: applicant.email, password: applicant.password })).json();
    expect([me.user.organization?.name, me.user.organizationRole, me.user.certificationLevel]).toEqual([
      '许昌市中心医院',
      'admin',
      'institution',
    ]);
    const certs = (await c.get('/api/certifications/mine')).json().items;
    // Both were filed at the same (seed) instant: compare as a set.
    expect(certs.map((x: { kind: string; status: string }) => `${x.kind}:${x.status}`).sort()).toEqual([
      'institution:approved',
      'professional:pending',
    ]);
    const mine = (await c.get('/api/entries/mine')).json().items;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((e: { organization: { name: string } }) => e.organization.name === '许昌市中心医院')).toBe(true);
  });
});

describe('demo data: a first run as each demo account (issue 8 item 9)', () => {
  const signIn = async (account: { email: string; password: string }) => {
    const c = new Client(t.app);
    const res = await c.post('/api/auth/login', { identifier: account.email, password: account.password });
    expect(res.statusCode).toBe(200);
    return {
      c,
      me: res.json() as { user: { role: string; organization: { name: string } | null; organizationRole: string | null } },
    };
  };
  const liveCall = async (c: Client) =>
    (await c.get('/api/campaigns')).json().items.find((x: { title: string }) => x.title.includes('申报进行中')) as { id: string };

  it('S3-5 the demo applicant’s returned case in the live call has its correction deadline ahead, and a sweep run at seed time leaves it returned', async () => {
    const { c } = await signIn(DEMO_ACCOUNTS.applicant);
    const live = await liveCall(c);
    const mine: Array<{ id: string; campaignId: string; status: string; title: string; correctionDeadline: string | null }> = (
      await c.get('/api/entries/mine')
    ).json().items;
    const returned = mine.filter((e) => e.status === 'returned');
    expect(returned.map((e) => [e.campaignId, e.title])).toEqual([[live.id, '门诊投诉“一站式”受理与医患沟通中心建设']]);
    // Seven days after the seed's clock, to the end of that Beijing day.
    expect(returned[0]?.correctionDeadline).toBe('2026-03-09T15:59:59.999Z');
    expect(
      mine
        .filter((e) => e.campaignId === live.id)
        .map((e) => e.status)
        .sort(),
    ).toEqual(['draft', 'returned']);
    // The server runs this sweep the moment it starts: nothing of the demo data is past its deadline then.
    expect(await expireReturnedEntries(t.app.ctx)).toBe(0);
    const after = (await c.get(`/api/entries/${returned[0]?.id}`)).json();
    expect([after.status, after.correctionDeadline]).toEqual(['returned', '2026-03-09T15:59:59.999Z']);
  });

  it('every seeded notification links to an entry or objection page its recipient may read (200 as that user)', async () => {
    const result = (await t.app.ctx.db.execute(
      sql`select n.kind, n.link, u.email from notifications n join users u on u.id = n.user_id order by n.kind, n.link`,
    )) as unknown as { rows: Array<{ kind: string; link: string; email: string }> };
    const rows = result.rows;
    expect([...new Set(rows.map((r) => r.kind))]).toEqual([
      'entry.excluded',
      'entry.passed',
      'entry.returned',
      'objection.dismissed',
      'objection.filed',
      'objection.received',
      'objection.upheld',
    ]);
    const accounts = new Map<string, { email: string; password: string }>(Object.values(DEMO_ACCOUNTS).map((a) => [a.email, a]));
    for (const row of rows) {
      // The web pages /entries/:id and /objections/:id read exactly /api/entries/:id and /api/objections/:id.
      expect(row.link).toMatch(/^\/(entries|objections)\/[0-9a-f-]{36}$/);
      // The historic call's other hospitals entered their cases through accounts of their own (password Demo12345).
      const account =
        accounts.get(row.email) ?? (row.email.startsWith('case-author-') ? { email: row.email, password: 'Demo12345' } : null);
      if (!account) throw new Error(`a seeded notification went to ${row.email}, who is no demo account`);
      const { c } = await signIn(account);
      const res = await c.get(`/api${row.link}`);
      expect([row.kind, row.link, res.statusCode]).toEqual([row.kind, row.link, 200]);
    }
  });

  it('each demo account signs in with the role the README states', async () => {
    const staff = await signIn(DEMO_ACCOUNTS.staff);
    const live = await liveCall(staff.c);
    const organizerId = (await t.app.ctx.db.execute(sql`select id from organizations where name = '健康界'`)) as unknown as {
      rows: Array<{ id: string }>;
    };
    const orgId = organizerId.rows[0]?.id;
    expect(staff.me.user.role).toBe('staff');

    const applicant = await signIn(DEMO_ACCOUNTS.applicant);
    expect([applicant.me.user.role, applicant.me.user.organization?.name, applicant.me.user.organizationRole]).toEqual([
      'user',
      '许昌市中心医院',
      'admin',
    ]);
    expect((await applicant.c.get(`/api/campaigns/${live.id}/screening-queue`)).statusCode).toBe(403);

    const organizer = await signIn(DEMO_ACCOUNTS.organizer);
    expect(organizer.me.user.role).toBe('user');
    const members = await organizer.c.get(`/api/organizations/${orgId}/organizer-members`);
    expect(members.statusCode).toBe(200);
    expect(
      members
        .json()
        .items.map((m: { email: string; role: string }) => `${m.email}:${m.role}`)
        .sort(),
    ).toEqual([`${DEMO_ACCOUNTS.organizer.email}:manager`, `${DEMO_ACCOUNTS.screener.email}:screener`]);

    const screener = await signIn(DEMO_ACCOUNTS.screener);
    expect(screener.me.user.role).toBe('user');
    expect((await screener.c.get(`/api/campaigns/${live.id}/screening-queue`)).statusCode).toBe(200);
    // A screener does not manage the organizer's people.
    expect((await screener.c.get(`/api/organizations/${orgId}/organizer-members`)).statusCode).toBe(403);
  });
});

describe('demo data: the live call', () => {
  it('holds 300 generated entries in every state, numbered per theme, with overdue ones in the queue', async () => {
    const result = (await t.app.ctx.db.execute(
      sql`select e.status, count(*)::int as n from entries e join campaigns c on c.id = e.campaign_id
          join users u on u.id = e.author_id
          where c.title like '%演示%' and u.email = 'demo-author@demo.casearena.cn' group by e.status order by e.status`,
    )) as unknown as { rows: Array<{ status: string; n: number }> };
    const counts = Object.fromEntries(result.rows.map((r) => [r.status, r.n]));
    expect(Object.keys(counts).sort()).toEqual(['draft', 'excluded', 'passed', 'returned', 'submitted', 'withdrawn']);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(300);
    const c = new Client(t.app);
    await c.post('/api/auth/login', { identifier: DEMO_ACCOUNTS.staff.email, password: DEMO_ACCOUNTS.staff.password });
    const live = (await c.get('/api/campaigns')).json().items.find((x: { title: string }) => x.title.includes('申报进行中'));
    const queue = (await c.get(`/api/campaigns/${live.id}/screening-queue`)).json().items;
    expect(queue.length).toBe(counts.submitted);
    expect(queue.some((q: { overdue: boolean }) => q.overdue)).toBe(true);
    expect(queue.some((q: { overdue: boolean }) => !q.overdue)).toBe(true);
    const search = (await c.get(`/api/campaigns/${live.id}/entries?q=${encodeURIComponent('人民医院')}`)).json();
    expect(search.total).toBeGreaterThan(0);
    expect(
      search.items.every((e: { organization: string; title: string }) => `${e.organization}${e.title}`.includes('人民医院')),
    ).toBe(true);
  });
});

describe('demo data: the voting call (issue 9)', () => {
  const votingCall = async (c: Client) => {
    const { id } = (await c.get('/api/campaigns'))
      .json()
      .items.find((x: { title: string }) => x.title.includes('网络投票进行中'));
    return (await c.get(`/api/campaigns/${id}`)).json() as { id: string; themes: Array<{ id: string }> };
  };

  it('S0-14 its two voting days hold simulated votes whose counts equal their rows, and today is free for the demo voters', async () => {
    const c = new Client(t.app);
    const campaign = await votingCall(c);
    const check = await verifyVotes(t.app.ctx.db, campaign.id);
    expect(check.differences).toEqual([]);
    expect(check.votes).toBeGreaterThan(1_000);
    const today = (await t.app.ctx.db.execute(
      sql`select count(*)::int as n from votes where campaign_id = ${campaign.id} and cast_at >= ${shanghaiMidnight(shanghaiDate(t.app.ctx.clock.now()))}`,
    )) as unknown as { rows: Array<{ n: number }> };
    expect(today.rows[0]?.n).toBe(0);
    const theme = campaign.themes[0];
    const board = (await c.get(`/api/campaigns/${campaign.id}/themes/${theme?.id}/leaderboard`)).json();
    expect([board.countsShown, board.rows.length, board.rows[0]?.rank]).toEqual([true, 20, 1]);
    expect(board.rows[0].weight).toBeGreaterThan(0);
  });

  it('S0-14 the organizer’s dashboard flags the planted brushing rings of each shape, and the demo voters vote +1, +15 and +50', async () => {
    const organizer = new Client(t.app);
    await organizer.post('/api/auth/login', {
      identifier: DEMO_ACCOUNTS.organizer.email,
      password: DEMO_ACCOUNTS.organizer.password,
    });
    const campaign = await votingCall(organizer);
    const dashboard = await organizer.get(`/api/campaigns/${campaign.id}/voting/dashboard`);
    expect(dashboard.statusCode).toBe(200);
    const kinds = new Set(dashboard.json().flags.map((f: { kind: string }) => f.kind));
    expect(kinds.size).toBeGreaterThanOrEqual(3);
    const [entry] = (await organizer.get(`/api/campaigns/${campaign.id}/entries`)).json().items as Array<{ id: string }>;
    const weights: number[] = [];
    for (const account of [DEMO_ACCOUNTS.voter, DEMO_ACCOUNTS.doctor, DEMO_ACCOUNTS.applicant]) {
      const voter = new Client(t.app);
      expect((await voter.post('/api/auth/login', { identifier: account.email, password: account.password })).statusCode).toBe(
        200,
      );
      const vote = await voter.post(`/api/entries/${entry?.id}/votes`, { idempotencyKey: `seed-test-${weights.length}-key` });
      expect([vote.statusCode, vote.statusCode === 200 ? '' : vote.body]).toEqual([200, '']);
      weights.push(vote.json().weight);
    }
    expect(weights).toEqual([1, 15, 50]);
  });
});

describe('demo data: the judging call (issue 10)', () => {
  const signedIn = async (account: { email: string; password: string }) => {
    const c = new Client(t.app);
    const res = await c.post('/api/auth/login', { identifier: account.email, password: account.password });
    expect(res.statusCode).toBe(200);
    return c;
  };
  interface MyRound {
    round: { id: string; campaignId: string; key: string; label: string; status: string; blind: boolean; closesAt: string };
    progress: Record<string, number>;
    items: Array<{
      assignmentId: string;
      entry: { id: string; number: string; theme: { code: string } };
      sheet: { status: string; version: number; total: number | null };
      abilities: Record<string, unknown>;
    }>;
  }
  const judgeRound = async () => {
    const judge = await signedIn(DEMO_ACCOUNTS.judge);
    const res = await judge.get('/api/judging/me/assignments');
    expect(res.statusCode).toBe(200);
    return { judge, body: res.body, rounds: res.json().rounds as MyRound[] };
  };
  const rows = async <T>(query: ReturnType<typeof sql>) => ((await t.app.ctx.db.execute(query)) as unknown as { rows: T[] }).rows;

  it('S0-13 X-4 the demo judge finds the open blind 专家初评 round of the seed-000 judging call, with sheets in every state', async () => {
    const { judge, body, rounds } = await judgeRound();
    expect(rounds.map((g) => [g.round.key, g.round.label, g.round.status, g.round.blind])).toEqual([
      ['preliminary', '专家初评', 'open', true],
    ]);
    const [group] = rounds as [MyRound];
    // Two weeks after the seed's clock (T0, 2 March 2026), to the end of that Beijing day.
    expect(group.round.closesAt).toBe('2026-03-16T15:59:59.999Z');
    const campaign = (await judge.get(`/api/campaigns/${group.round.campaignId}`)).json();
    expect([campaign.title, campaign.templateKey, campaign.currentPhase]).toEqual([
      '第七季改善医疗服务行动全国医院擂台赛（演示·专家初评进行中）',
      'seed-000',
      'preliminary',
    ]);
    expect(group.progress).toEqual({ total: 8, notStarted: 2, draft: 2, submitted: 3, abstained: 1 });
    // Each state with what the judge may do with it now: a new or drafted sheet is saved and submitted, a submitted
    // one is locked, an abstained one is done with.
    const states = group.items
      .map((i) => [i.sheet.status === 'draft' && i.sheet.version === 0 ? 'notStarted' : i.sheet.status, i.abilities])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    const open = { save: true, submit: true, abstain: true };
    const locked = { save: 'SHEET_SUBMITTED', submit: 'SHEET_SUBMITTED', abstain: 'SHEET_SUBMITTED' };
    const done = { save: 'WRONG_STATUS', submit: 'WRONG_STATUS', abstain: 'WRONG_STATUS' };
    expect(states).toEqual([
      ['abstained', done],
      ['draft', open],
      ['draft', open],
      ['notStarted', open],
      ['notStarted', open],
      ['submitted', locked],
      ['submitted', locked],
      ['submitted', locked],
    ]);
    // Two entries in each of the four themes (recused from the other two of each).
    expect(group.items.map((i) => i.entry.theme.code).sort()).toEqual(['T01', 'T01', 'T02', 'T02', 'T03', 'T03', 'T04', 'T04']);
    // Blind (S0-4): nothing the judge receives names an entering hospital.
    const units = await rows<{ name: string }>(
      sql`select distinct o.name from round_entries re join entries e on e.id = re.entry_id
          join organizations o on o.id = e.organization_id where re.round_id = ${group.round.id} order by o.name`,
    );
    expect(units.length).toBe(4);
    const answers = [body];
    for (const item of group.items) answers.push((await judge.get(`/api/judging/assignments/${item.assignmentId}`)).body);
    for (const { name } of units) expect([name, answers.some((a) => a.includes(name))]).toEqual([name, false]);
  });

  it('X-4 recusal holds: no expert is assigned an entry of their own unit or of one they declared, though the round holds such entries', async () => {
    const { rounds } = await judgeRound();
    const roundId = rounds[0]?.round.id;
    const [breaches] = await rows<{ n: number }>(
      sql`select count(*)::int as n from assignments a join judges j on j.id = a.judge_id join entries e on e.id = a.entry_id
          where a.round_id = ${roundId} and (e.organization_id = j.organization_id
            or e.organization_id in (select c.organization_id from judge_conflicts c where c.judge_id = j.id))`,
    );
    expect(breaches?.n).toBe(0);
    // The demo judge works for one entering hospital and declared another: four entries each, none assigned to them.
    const judgeUnits = await rows<{ kind: string; n: number; assigned: number }>(
      sql`select u.kind, count(*)::int as n, count(a.id)::int as assigned
          from (select 'own' as kind, j.id as judge_id, j.organization_id from judges j
                  join users us on us.id = j.user_id where us.email = ${DEMO_ACCOUNTS.judge.email}
                union all
                select 'declared', c.judge_id, c.organization_id from judge_conflicts c
                  join judges j on j.id = c.judge_id join users us on us.id = j.user_id
                  where us.email = ${DEMO_ACCOUNTS.judge.email}) u
          join entries e on e.organization_id = u.organization_id
          join round_entries re on re.entry_id = e.id and re.round_id = ${roundId}
          left join assignments a on a.entry_id = e.id and a.judge_id = u.judge_id and a.round_id = ${roundId}
          group by u.kind order by u.kind`,
    );
    expect(judgeUnits).toEqual([
      { kind: 'declared', n: 4, assigned: 0 },
      { kind: 'own', n: 4, assigned: 0 },
    ]);
    // The automatic engine's plan was applied: every entry has its three judges.
    const [coverage] = await rows<{ entries: number; assignments: number; applied: number }>(
      sql`select (select count(*)::int from round_entries where round_id = ${roundId}) as entries,
                 (select count(*)::int from assignments where round_id = ${roundId}) as assignments,
                 (select count(*)::int from assignment_plans where round_id = ${roundId} and status = 'applied') as applied`,
    );
    expect(coverage).toEqual({ entries: 16, assignments: 48, applied: 1 });
  });

  it('issue 10 the demo applicant finds the draft 专家复评 asking each of their two advancing cases for seed 002’s PPT and video: empty, upload allowed', async () => {
    const applicant = await signedIn(DEMO_ACCOUNTS.applicant);
    const campaigns: Array<{ id: string; title: string; currentPhase: string | null }> = (
      await applicant.get('/api/campaigns')
    ).json().items;
    const call = campaigns.find((x) => x.title === '第七季改善医疗服务行动全国医院擂台赛（演示·专家复评材料提交中）');
    expect(call?.currentPhase).toBe('preliminary');
    const rounds = await rows<{ id: string; key: string; status: string }>(
      sql`select id, key, status from judging_rounds where campaign_id = ${call?.id} order by ordinal`,
    );
    expect(rounds.map((r) => [r.key, r.status])).toEqual([
      ['preliminary', 'frozen'],
      ['review', 'draft'],
    ]);
    const mine: Array<{ id: string; campaignId: string; status: string; title: string }> = (
      await applicant.get('/api/entries/mine')
    ).json().items;
    const cases = mine.filter((e) => e.campaignId === call?.id);
    expect(cases.map((e) => [e.title, e.status]).sort()).toEqual([
      ['区域胸痛救治网络“上车即入院”实践', 'passed'],
      ['老年患者“一站式”综合服务门诊建设', 'passed'],
    ]);
    // The 专家复评 takes what the frozen 专家初评 advanced (the top two of each theme): both of the applicant's cases.
    const [advanced] = await rows<{ n: number }>(
      sql`select count(*)::int as n from round_results where round_id = ${rounds[0]?.id} and advanced
          and entry_id in (${sql.join(
            cases.map((e) => sql`${e.id}::uuid`),
            sql`, `,
          )})`,
    );
    expect(advanced?.n).toBe(2);
    for (const entry of cases) {
      const res = await applicant.get(`/api/entries/${entry.id}/round-materials`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        rounds: [
          {
            roundId: rounds[1]?.id,
            label: '专家复评',
            status: 'draft',
            // Seven days after the seed's clock (T0, 2 March 2026), at 00:00 Beijing time.
            opensAt: '2026-03-08T16:00:00.000Z',
            slots: SEED_002_SECOND_REVIEW_SLOTS.map((slot) => ({ ...slot, file: null })),
            abilities: { upload: true },
          },
        ],
      });
    }
  });

  it('the organizer sees the panel’s progress and a ranking with scores; the lead judge (组长) sees the two themes they lead', async () => {
    const { rounds } = await judgeRound();
    const roundId = rounds[0]?.round.id;
    const organizer = await signedIn(DEMO_ACCOUNTS.organizer);
    const progress = (await organizer.get(`/api/judging/rounds/${roundId}/progress`)).json();
    expect(progress.totals).toEqual({ assigned: 48, draft: 2, submitted: 23, abstained: 1, missing: 24 });
    expect(progress.themes.map((x: { code: string }) => x.code)).toEqual(['T01', 'T02', 'T03', 'T04']);
    expect(progress.judges.map((j: { name: string; submitted: number }) => [j.name, j.submitted])).toEqual([
      ['陈主任医师', 3],
      ['刘主任', 4],
      ['孙主任护师', 4],
      ['吴副主任医师', 4],
      ['赵研究员', 4],
      ['周教授', 4],
    ]);
    const ranking = (await organizer.get(`/api/judging/rounds/${roundId}/ranking`)).json();
    expect(ranking.groups.map((g: { themeCode: string; rows: unknown[] }) => [g.themeCode, g.rows.length])).toEqual([
      ['T01', 4],
      ['T02', 4],
      ['T03', 4],
      ['T04', 4],
    ]);
    const lead = await signedIn(DEMO_ACCOUNTS.leadJudge);
    const led = await lead.get(`/api/judging/rounds/${roundId}/progress`);
    expect([led.statusCode, led.json().scope, led.json().themes.map((x: { code: string }) => x.code)]).toEqual([
      200,
      'lead',
      ['T01', 'T02'],
    ]);
  });
});

describe('demo data: the national final (issue 11)', () => {
  const signedIn = async (account: { email: string; password: string }) => {
    const c = new Client(t.app);
    const res = await c.post('/api/auth/login', { identifier: account.email, password: account.password });
    expect(res.statusCode).toBe(200);
    return c;
  };
  const rows = async <T>(query: ReturnType<typeof sql>) => ((await t.app.ctx.db.execute(query)) as unknown as { rows: T[] }).rows;
  const finalCall = async (c: Client) =>
    ((await c.get('/api/campaigns')).json().items as Array<{ id: string; title: string; currentPhase: string | null }>).find(
      (x) => x.title === '第七季改善医疗服务行动全国医院擂台赛（演示·全国总决赛）',
    );
  const stageJudges = [
    DEMO_ACCOUNTS.judge,
    DEMO_ACCOUNTS.leadJudge,
    DEMO_ACCOUNTS.stageJudge3,
    DEMO_ACCOUNTS.stageJudge4,
    DEMO_ACCOUNTS.stageJudge5,
  ];

  it('S0-10 S0-13 X-4 the organizer hosts a draft stage of the first theme: its seven 卓越 cases of the frozen 专家初评, five judges, one recused from the case of their own hospital', async () => {
    const organizer = await signedIn(DEMO_ACCOUNTS.organizer);
    const call = await finalCall(organizer);
    expect(call?.currentPhase).toBe('final');
    const list = (await organizer.get(`/api/campaigns/${call?.id}/stages`)).json();
    expect(list.canCreate).toBe(true);
    expect(
      list.stages.map((s: Record<string, unknown>) => [s.label, s.themeLabel, s.state, s.finalists, s.judges, s.role]),
    ).toEqual([['改善老年人就医体验 · 全国总决赛', '改善老年人就医体验', 'draft', 7, 5, 'host']]);
    const view = (await organizer.get(`/api/stages/${list.stages[0].id}`)).json();
    expect([view.state, view.method, view.presentSeconds, view.qaSeconds, view.clock.warnSeconds, view.draw]).toEqual([
      'draft',
      'trimmed',
      480,
      420,
      60,
      null,
    ]);
    expect(view.judges.map((j: { seat: number; name: string }) => [j.seat, j.name])).toEqual([
      [1, '陈主任医师'],
      [2, '周教授'],
      [3, '钱主任医师'],
      [4, '郑教授'],
      [5, '冯主任护师'],
    ]);
    expect(view.awards.map((a: { key: string; count: number }) => [a.key, a.count])).toEqual([
      ['gold', 1],
      ['silver', 2],
      ['bronze', 3],
    ]);
    // Ready to run: the host's first step is the draw.
    expect(view.abilities.draw).toBe(true);
    expect(view.abilities.start).toBe('WRONG_STATUS');
    // The finalists are exactly the theme's 卓越 entries of the frozen round (70% of its ten), none drawn yet.
    const outstanding = await rows<{ entry_id: string; status: string }>(
      sql`select rr.entry_id, r.status from round_results rr join judging_rounds r on r.id = rr.round_id
          join entries e on e.id = rr.entry_id
          where r.campaign_id = ${call?.id} and rr.tier = 'outstanding' and e.theme_id = ${view.themeId} order by rr.entry_id`,
    );
    expect(outstanding.map((r) => r.status)).toEqual(Array(7).fill('frozen'));
    expect(view.finalists.map((f: { entryId: string }) => f.entryId).sort()).toEqual(outstanding.map((r) => r.entry_id));
    expect(
      view.finalists.every((f: { position: number | null; reveal: unknown }) => f.position === null && f.reveal === null),
    ).toBe(true);
    // One recusal (X-4): seat 3 works for the hospital of the finalist ranked fourth online.
    const recused = await rows<{ seat: number; reason: string; rank: number; same: boolean }>(
      sql`select sj.seat, sr.reason, rr.rank, e.organization_id = j.organization_id as same
          from stage_recusals sr join stage_judges sj on sj.stage_id = sr.stage_id and sj.judge_id = sr.judge_id
          join judges j on j.id = sr.judge_id join entries e on e.id = sr.entry_id
          join round_results rr on rr.entry_id = sr.entry_id and rr.round_id = ${view.sourceRoundId}
          where sr.stage_id = ${view.id}`,
    );
    expect(recused).toEqual([{ seat: 3, reason: 'own_unit', rank: 4, same: true }]);
  });

  it('X-4 each of the five stage judges signs in and finds the stage as a judge: their seat, nothing to score before the host starts', async () => {
    const organizer = await signedIn(DEMO_ACCOUNTS.organizer);
    const call = await finalCall(organizer);
    for (const [i, account] of stageJudges.entries()) {
      const judge = await signedIn(account);
      const list = (await judge.get(`/api/campaigns/${call?.id}/stages`)).json();
      expect([account.email, list.canCreate, list.stages.map((s: { role: string; state: string }) => [s.role, s.state])]).toEqual(
        [account.email, false, [['judge', 'draft']]],
      );
      const mine = (await judge.get(`/api/stages/${list.stages[0].id}/judge`)).json();
      expect([mine.seat, mine.state, mine.current, mine.abilities.submit]).toEqual([i + 1, 'draft', null, 'STAGE_NOT_SCORING']);
      // The host's console is the organizer's: a judge is not the host.
      expect((await judge.get(`/api/stages/${list.stages[0].id}`)).statusCode).toBe(404);
    }
  });
});

describe('demo data: the awards call (issue 12)', () => {
  const awardsCall = async () =>
    ((await new Client(t.app).get('/api/campaigns')).json().items as Array<{ id: string; title: string }>).find(
      (x) => x.title === '第七季改善医疗服务行动全国医院擂台赛（演示·颁奖与公示）',
    );

  it('S0-10 S3-7 X-7 its awards are final after a week of notice with one objection upheld and one dismissed; the honour list is public and every certificate verifies', async () => {
    const call = await awardsCall();
    expect(call).toBeDefined();
    const id = call?.id as string;
    const anyone = new Client(t.app);
    const notice = (await anyone.get(`/api/public/campaigns/${id}/notice`)).json();
    expect([notice.state, notice.openObjections, notice.closedObjections, notice.days, notice.dayKind]).toEqual([
      'final',
      0,
      2,
      7,
      'natural',
    ]);
    const honours = (await anyone.get(`/api/public/campaigns/${id}/honours`)).json();
    const labels = honours.themes.flatMap((th: { awards: Array<{ label: { 'zh-CN': string } }> }) =>
      th.awards.map((a) => a.label['zh-CN']),
    );
    expect([honours.final, labels.filter((l: string) => l === '金奖').length, labels.includes('最佳组织奖')]).toEqual([
      true,
      1,
      true,
    ]);
    const manager = new Client(t.app);
    await manager.post('/api/auth/login', {
      identifier: DEMO_ACCOUNTS.organizer.email,
      password: DEMO_ACCOUNTS.organizer.password,
    });
    const objections = (await manager.get(`/api/campaigns/${id}/objections`)).json().objections;
    expect(objections.map((o: { state: string }) => o.state).sort()).toEqual(['dismissed', 'upheld']);
    const certificates = (await manager.get(`/api/campaigns/${id}/certificates`)).json().certificates as Array<{
      verifyUrl: string;
    }>;
    expect(certificates.length).toBe(labels.length);
    const first = certificates[0] as { verifyUrl: string };
    const [number, code] = (first.verifyUrl.split('/v/')[1] as string).split('.');
    const verified = await anyone.get(`/api/public/certificates/${number}?code=${code}`);
    expect([verified.statusCode, verified.json().status]).toEqual([200, 'valid']);
  });
});
