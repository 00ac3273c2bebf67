import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { applicantOf, completeEntry, organizerMember } from '../../../test/entries.ts';
import { buildOrganization, signedInAs } from '../../../test/factories.ts';
import { certify, NO_VOTE_GUARD, voteKey } from '../../../test/votes.ts';
import { verifyVotes } from './verify-votes.ts';
import { votes } from './voting.tables.ts';

/**
 * Seed 000's voting chapter (issue 9), continuing the entries story's campaign shape (entries/seed-000.story.test.ts:
 * 健康界传媒's call from the template, 故事市第一人民医院 and its east branch entering 老年患者 cases): after screening,
 * 网络投票 runs 2022-03-16..20 in Beijing time. Passed entries are on the ballot, a returned or draft one is not; each
 * voter votes once a day per entry over the five days with the weight of their certification (+1 / +15 / +50); the
 * leaderboard orders by the weighted total; the popularity ranking takes one place per theme by proportion (S0-11);
 * voting closes at 2022-03-20 23:59:59.999 Shanghai.
 */
let t: TestApp;
beforeAll(async () => {
  process.env.VOTE_GUARD = NO_VOTE_GUARD;
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
  delete process.env.VOTE_GUARD;
});

/** 10:00 in Shanghai on the given March 2022 day. */
const tenAm = (day: number) => `2022-03-${String(day).padStart(2, '0')}T02:00:00.000Z`;
const refusal = (res: { statusCode: number; json(): { error?: { code: string; params?: unknown } } }) => [
  res.statusCode,
  res.json().error?.code,
  res.json().error?.params,
];

describe('story: seed 000 voting, from passed entries to the popularity ranking', () => {
  it('S0-14 S0-11 walks the five voting days and the close', async () => {
    // The call, as in the entries story: 健康界传媒 publishes it from the template in November 2021.
    t.clock.set('2021-11-25T02:00:00.000Z');
    const organizer = await buildOrganization(t, { name: '健康界传媒', kind: 'media', level: null, grade: null });
    const { client: setUp } = await organizerMember(t, organizer.id, 'manager');
    const draft = (await setUp.post('/api/campaigns', { templateKey: 'seed-000', organizerId: organizer.id })).json();
    expect((await setUp.post(`/api/campaigns/${draft.id}/publish`)).json().status).toBe('published');
    const rules = (await new Client(t.app).get(`/api/campaigns/${draft.id}/vote-rules`)).json();
    expect([rules.rules.weights, rules.windows]).toEqual([
      { none: 1, professional: 15, institution: 50 }, // S0-14, the template's numbers
      [{ label: '网络投票', startsAt: '2022-03-15T16:00:00.000Z', endsAt: '2022-03-20T15:59:59.999Z' }],
    ]);
    const [t01, t02] = draft.themes as Array<{ id: string }>;

    // Friday 2022-03-11: hospitals enter; one case stays a draft.
    t.clock.set('2022-03-11T07:00:00.000Z');
    const { client: screener } = await organizerMember(t, organizer.id, 'screener');
    const hospital = await buildOrganization(t, { name: '故事市第一人民医院' });
    const branch = await buildOrganization(t, { name: '故事市第一人民医院东院区', parentId: hospital.id });
    const central = await buildOrganization(t, { name: '故事市中心医院' });
    const county = await buildOrganization(t, { name: '故事县人民医院' });
    const late = await buildOrganization(t, { name: '故事县中医院' });
    const enter = async (organizationId: string, themeId: string | undefined, title: string, submit = true) => {
      const { client } = await applicantOf(t, organizationId);
      const created = await client.post(`/api/campaigns/${draft.id}/entries`, { themeId, title });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      if (!submit) return { id, number: null };
      const version = await completeEntry(client, id);
      const submitted = (await client.post(`/api/entries/${id}/submit`, { version, consent: true })).json();
      return { id, number: submitted.number as string };
    };
    const a = await enter(hospital.id, t01?.id, '老年患者一站式出入院服务');
    const b = await enter(hospital.id, t02?.id, '胸痛中心一体化救治');
    const c = await enter(branch.id, t01?.id, '东院区适老化就医环境改造'); // S0-6: a branch enters the same theme
    const d = await enter(central.id, t01?.id, '老年综合评估门诊');
    const returned = await enter(county.id, t01?.id, '县域老年慢病随访');
    const unsent = await enter(late.id, t01?.id, '未提交的案例', false);
    expect([a.number, b.number, c.number, d.number, returned.number]).toEqual([
      '2022-T01-0001',
      '2022-T02-0001',
      '2022-T01-0002',
      '2022-T01-0003',
      '2022-T01-0004',
    ]);

    // Monday: screening passes four, returns one (never corrected).
    t.clock.set('2022-03-14T02:00:00.000Z');
    for (const e of [a, b, c, d]) {
      const res = await screener.post(`/api/entries/${e.id}/screening`, { decision: 'pass' });
      expect(res.statusCode, res.body).toBe(200);
    }
    const sentBack = await screener.post(`/api/entries/${returned.id}/screening`, {
      decision: 'return',
      reasons: 'PPT 缺少模板版权声明页',
      suggestions: '请保留版权声明页后重新提交',
      correctionDeadline: '2022-03-18',
    });
    expect(sentBack.statusCode, sentBack.body).toBe(200);

    // 15 March: voters register on the app; a doctor and a hospital have their certification approved.
    t.clock.set('2022-03-15T02:00:00.000Z');
    const registered = await signedInAs(t);
    const doctor = await signedInAs(t);
    await certify(t, doctor.user, 'professional');
    const institution = await signedInAs(t);
    await certify(t, institution.user, 'institution');
    const vote = (client: Client, entryId: string) => client.post(`/api/entries/${entryId}/votes`, { idempotencyKey: voteKey() });

    // The last instant before 网络投票: not open yet, with the dates in Beijing time.
    t.clock.set('2022-03-15T15:59:59.999Z');
    expect(refusal(await vote(registered.client, d.id))).toEqual([
      409,
      'VOTING_NOT_OPEN',
      { start: '2022-03-16 00:00', end: '2022-03-20 23:59' },
    ]);

    // Day one: a voter finds the case by its number (S0-14), votes; the returned and the unsent case are not votable.
    t.clock.set(tenAm(16));
    const found = (await registered.client.get(`/api/campaigns/${draft.id}/entries?q=T01-0003`)).json();
    expect(found.items.map((e: { id: string }) => e.id)).toEqual([d.id]);
    for (const e of [returned, unsent]) {
      const res = await vote(institution.client, e.id);
      expect([res.statusCode, res.json().error.code]).toEqual([409, 'NOT_VOTABLE']);
    }

    // Five days: the registered user votes for D every day and for A on the first two; the doctor for A every day
    // and for C on day three; the hospital's account for C on the first three days and for B on the last.
    const DAYS = [16, 17, 18, 19, 20];
    const schedule = [
      { who: registered, entry: d, weight: 1, days: DAYS },
      { who: registered, entry: a, weight: 1, days: [16, 17] },
      { who: doctor, entry: a, weight: 15, days: DAYS },
      { who: doctor, entry: c, weight: 15, days: [18] },
      { who: institution, entry: c, weight: 50, days: [16, 17, 18] },
      { who: institution, entry: b, weight: 50, days: [20] },
    ];
    const total = new Map<string, number>();
    for (const day of DAYS) {
      // The registered user's vote for D on the last day comes at its last instant, 23:59:59.999 in Shanghai.
      for (const { who, entry: e, weight } of schedule.filter((v) => v.days.includes(day))) {
        t.clock.set(day === 20 && who === registered && e === d ? '2022-03-20T15:59:59.999Z' : tenAm(day));
        const res = await vote(who.client, e.id);
        // The count answers at once: 票数+1 / +15 / +50 on the entry's total.
        total.set(e.id, (total.get(e.id) ?? 0) + weight);
        expect([res.statusCode, res.json().weight, res.json().count.weight], res.body).toEqual([200, weight, total.get(e.id)]);
        // The same day again: already voted, the next vote opens at the next 00:00 Beijing time.
        const again = await vote(who.client, e.id);
        expect(refusal(again)).toEqual([
          409,
          'ALREADY_VOTED_TODAY',
          { next: `2022-03-${String(day + 1).padStart(2, '0')} 00:00` },
        ]);
      }
    }

    // 21 March 00:00:00.000 in Shanghai: voting has closed.
    t.clock.set('2022-03-20T16:00:00.000Z');
    expect(refusal(await vote(registered.client, a.id))).toEqual([
      409,
      'VOTING_CLOSED',
      { start: '2022-03-16 00:00', end: '2022-03-20 23:59' },
    ]);

    // One row per voter, entry and Shanghai day (S0-14).
    const rows = await t.app.ctx.db
      .select({ voterId: votes.voterId, entryId: votes.entryId, day: votes.day, weight: votes.weight })
      .from(votes)
      .where(eq(votes.campaignId, draft.id))
      .orderBy(asc(votes.day));
    const daysOf = (voterId: string, entryId: string) =>
      rows.filter((r) => r.voterId === voterId && r.entryId === entryId).map((r) => r.day);
    const all = ['2022-03-16', '2022-03-17', '2022-03-18', '2022-03-19', '2022-03-20'];
    expect(daysOf(registered.user.id, d.id)).toEqual(all);
    expect(daysOf(registered.user.id, a.id)).toEqual(all.slice(0, 2));
    expect(daysOf(doctor.user.id, a.id)).toEqual(all);
    expect(daysOf(institution.user.id, c.id)).toEqual(all.slice(0, 3));
    expect(rows.length).toBe(5 + 2 + 5 + 1 + 3 + 1);
    expect((await verifyVotes(t.app.ctx.db, draft.id)).differences).toEqual([]);

    // The public leaderboard of T01 after the close: C 3×50 + 15 = 165, A 2×1 + 5×15 = 77, D 5×1 = 5; the returned
    // and the unsent case are not on it. T02: B 50.
    const board = async (themeId: string | undefined) =>
      (await new Client(t.app).get(`/api/campaigns/${draft.id}/themes/${themeId}/leaderboard`))
        .json()
        .rows.map((r: { rank: number; number: string; organizationName: string; weight: number; votes: number }) => [
          r.rank,
          r.number,
          r.organizationName,
          r.weight,
          r.votes,
        ]);
    expect(await board(t01?.id)).toEqual([
      [1, '2022-T01-0002', '故事市第一人民医院东院区', 165, 4],
      [2, '2022-T01-0001', '故事市第一人民医院', 77, 7],
      [3, '2022-T01-0003', '故事市中心医院', 5, 5],
    ]);
    expect(await board(t02?.id)).toEqual([[1, '2022-T02-0001', '故事市第一人民医院', 50, 1]]);

    // The popularity ranking (S0-11): by proportion (the template's 10%: ceil(0.1 × 3) = 1 place in T01), at most one
    // entry per hospital per theme. S0-6 already keeps one entry per organization and theme at entry time; the east
    // branch is its own organization, so it is ranked on its own (the code's reading of 每家医院: see popularity.ts).
    const { client: manager } = await organizerMember(t, organizer.id, 'manager');
    const popularity = (await manager.get(`/api/campaigns/${draft.id}/popularity`)).json();
    const groups = popularity.groups.map(
      (g: {
        theme: { code: string };
        votable: number;
        quota: number;
        rows: Array<{ number: string; position: number | null; outcome: string; reason: string | null }>;
      }) => [g.theme.code, g.votable, g.quota, g.rows.map((r) => [r.number, r.position, r.outcome, r.reason])],
    );
    expect(groups.slice(0, 2)).toEqual([
      [
        'T01',
        3,
        1,
        [
          ['2022-T01-0002', 1, 'taken', null],
          ['2022-T01-0001', 2, 'not_taken', 'BELOW_QUOTA'],
          ['2022-T01-0003', 3, 'not_taken', 'BELOW_QUOTA'],
        ],
      ],
      ['T02', 1, 1, [['2022-T02-0001', 1, 'taken', null]]],
    ]);
    for (const g of popularity.groups as Array<{ rows: Array<{ organizationId: string; outcome: string }> }>) {
      const ranked = g.rows.filter((r) => r.outcome !== 'skipped').map((r) => r.organizationId);
      expect(new Set(ranked).size).toBe(ranked.length);
    }
    // The vote card after the close: the count stays, voting is closed.
    const card = (await registered.client.get(`/api/entries/${c.id}/vote-card`)).json();
    expect([card.count, card.abilities.vote]).toEqual([
      { entryId: c.id, weight: 165, votes: 4, voidedVotes: 0 },
      'VOTING_CLOSED',
    ]);
  });
});
