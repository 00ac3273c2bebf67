import { MEDALS_S0_10, PRIZES_S2_6, type TAwardRule, type TPopularityGroup } from '@casearena/contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ComputedAward,
  computeAwardsOf,
  type EntryRow,
  type FinalistRow,
  problemsOf,
  type ResultRow,
  type SourceFacts,
  type SourceRows,
} from './awards-engine.ts';
import { defaultRules } from './default-rules.ts';

const T1 = 't1';
const T2 = 't2';
const R = 'round-1';
const S1 = 'stage-1';
const S2 = 'stage-2';

const entry = (id: string, org: string, theme = T1, trackKey: string | null = null, counted = true): EntryRow => ({
  id,
  number: `N-${id}`,
  themeId: theme,
  trackKey,
  organizationId: org,
  counted,
});

const facts = (over: Partial<SourceFacts> = {}): SourceFacts => ({
  rounds: [
    {
      id: R,
      ordinal: 1,
      label: '网络评审',
      frozen: true,
      tiers: [
        { key: 'outstanding', label: { 'zh-CN': '卓越', en: 'Outstanding' } },
        { key: 'excellent', label: { 'zh-CN': '优秀', en: 'Excellent' } },
      ],
    },
  ],
  stages: [{ id: S1, themeId: T1, trackKey: null, label: '主题一决赛', frozen: true, awards: MEDALS_S0_10 }],
  voting: 'ended',
  ...over,
});

const rows = (over: Partial<SourceRows> = {}): SourceRows => ({
  themes: [
    { id: T1, position: 1 },
    { id: T2, position: 2 },
  ],
  tracks: [],
  entries: [],
  results: [],
  finalists: [],
  popularity: [],
  ...over,
});

const result = (entryId: string, rank: number, score: number, tier: string | null): ResultRow => ({
  roundId: R,
  entryId,
  score,
  rank,
  tier,
});

const rule = <K extends TAwardRule['kind']>(kind: K, extra: Partial<Extract<TAwardRule, { kind: K }>> = {}) =>
  ({ key: kind, kind, label: { 'zh-CN': kind, en: kind }, honour: null, ...extra }) as Extract<TAwardRule, { kind: K }>;

const brief = (a: ComputedAward) => [a.ruleKey, a.level, a.entryId ?? a.organizationId, a.position, a.honourZh];

describe('tiers (S0-10)', () => {
  const entries = ['a', 'b', 'c', 'd', 'e'].map((id, i) => entry(id, `h${i}`));
  const results = [
    result('a', 1, 95, 'outstanding'),
    result('b', 2, 90, 'outstanding'),
    result('c', 3, 85, 'excellent'),
    result('d', 4, 80, 'excellent'),
    result('e', 5, 70, null),
  ];

  it('S0-10: 卓越 then 优秀 from the frozen round, one tier per entry (higher excluded from lower), with the figures', () => {
    const tiers = rule('tiers', { roundId: null, tiers: ['outstanding', 'excellent'] });
    const { awards, problems } = computeAwardsOf([tiers], facts(), rows({ entries, results }));
    expect(problems).toEqual([]);
    expect(awards.map((a) => [a.level, a.levelOrder, a.labelZh, a.entryId, a.position])).toEqual([
      ['outstanding', 0, '卓越', 'a', 0],
      ['outstanding', 0, '卓越', 'b', 1],
      ['excellent', 1, '优秀', 'c', 0],
      ['excellent', 1, '优秀', 'd', 1],
    ]);
    expect(new Set(awards.map((a) => a.entryId)).size).toBe(awards.length);
    expect(awards[1]?.figures).toEqual({
      value: 90,
      rank: 2,
      base: 5,
      cut: 2,
      tied: false,
      why: { 'zh-CN': '网络评审 第 2 名 / 共 5 · 得分 90 · 卓越 2 名', en: '网络评审: rank 2 of 5 · score 90 · Outstanding: 2' },
    });
  });

  it('S0-10: a tier rule names its awards 卓越案例 / 优秀案例 (tierLabels, as the default seed-000 rule does), the figures still cite the round', () => {
    const tiers = defaultRules('seed-000').find((r) => r.kind === 'tiers');
    if (!tiers) throw new Error('the seed-000 rules have a tier rule');
    const { awards } = computeAwardsOf([tiers], facts(), rows({ entries, results }));
    expect(awards.map((a) => [a.entryId, a.labelZh, a.labelEn])).toEqual([
      ['a', '卓越案例', 'Outstanding case'],
      ['b', '卓越案例', 'Outstanding case'],
      ['c', '优秀案例', 'Excellent case'],
      ['d', '优秀案例', 'Excellent case'],
    ]);
    expect(awards[1]?.figures.why['zh-CN']).toBe('网络评审 第 2 名 / 共 5 · 得分 90 · 卓越 2 名');
  });

  it('S0-15: the honour goes to the first perTheme recipients per theme, best tier first', () => {
    const tiers = rule('tiers', {
      roundId: null,
      tiers: ['outstanding', 'excellent'],
      honour: { label: { 'zh-CN': '峰会邀请', en: 'Summit' }, perTheme: 3 },
    });
    const more = [...entries, entry('f', 'h9', T2)];
    const { awards } = computeAwardsOf(
      [tiers],
      facts(),
      rows({ entries: more, results: [...results, result('f', 1, 88, 'excellent')] }),
    );
    expect(awards.map(brief)).toEqual([
      ['tiers', 'outstanding', 'a', 0, '峰会邀请'],
      ['tiers', 'outstanding', 'b', 1, '峰会邀请'],
      ['tiers', 'excellent', 'c', 0, '峰会邀请'],
      ['tiers', 'excellent', 'd', 1, null],
      ['tiers', 'excellent', 'f', 0, '峰会邀请'],
    ]);
  });

  it('S0-10: a round not frozen yet is AWARD_SOURCE_NOT_FROZEN; no round at all AWARD_SOURCE_MISSING; no award for either', () => {
    const tiers = rule('tiers', { roundId: null, tiers: ['outstanding'] });
    const live = facts({ rounds: [{ id: R, ordinal: 1, label: '网络评审', frozen: false, tiers: [] }] });
    expect(computeAwardsOf([tiers], live, rows({ entries, results }))).toEqual({
      awards: [],
      problems: [{ ruleKey: 'tiers', code: 'AWARD_SOURCE_NOT_FROZEN' }],
    });
    expect(problemsOf([tiers], facts({ rounds: [] }))).toEqual([{ ruleKey: 'tiers', code: 'AWARD_SOURCE_MISSING' }]);
    expect(problemsOf([{ ...tiers, roundId: '00000000-0000-4000-8000-000000000000' }], facts())).toEqual([
      { ruleKey: 'tiers', code: 'AWARD_SOURCE_MISSING' },
    ]);
  });

  it('S0-10 property: every tiered entry the rule names gets exactly one award, of its own tier', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('outstanding', 'excellent', null), { minLength: 0, maxLength: 40 }), (tiers) => {
        const es = tiers.map((_, i) => entry(`e${i}`, `h${i % 7}`, i % 2 ? T1 : T2));
        const rs = tiers.map((tier, i) => result(`e${i}`, i + 1, 100 - i, tier));
        const { awards } = computeAwardsOf(
          [rule('tiers', { roundId: null, tiers: ['outstanding', 'excellent'] })],
          facts(),
          rows({ entries: es, results: rs }),
        );
        expect(awards.length).toBe(tiers.filter((x) => x !== null).length);
        for (const a of awards) expect(a.level).toBe(tiers[Number(a.entryId?.slice(1))]);
      }),
    );
  });
});

describe('medals (S0-10, S2-6)', () => {
  const entries = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id, i) => entry(id, `h${i}`));
  const finalists: FinalistRow[] = entries.map((e, i) => ({
    stageId: S1,
    entryId: e.id,
    rank: i + 1,
    final: 95 - i,
    award: i === 0 ? 'gold' : i < 3 ? 'silver' : i < 6 ? 'bronze' : null,
  }));

  it('S0-10: gold 1 / silver 2-3 / bronze 4-6 from the frozen stage, labels and order from its awards', () => {
    const { awards } = computeAwardsOf([rule('medals', { stageIds: [] })], facts(), rows({ entries, finalists }));
    expect(awards.map((a) => [a.level, a.levelOrder, a.labelZh, a.entryId, a.position])).toEqual([
      ['gold', 0, '金奖', 'a', 0],
      ['silver', 1, '银奖', 'b', 0],
      ['silver', 1, '银奖', 'c', 1],
      ['bronze', 2, '铜奖', 'd', 0],
      ['bronze', 2, '铜奖', 'e', 1],
      ['bronze', 2, '铜奖', 'f', 2],
    ]);
    expect(awards[0]?.figures.why['zh-CN']).toBe('主题一决赛 现场决赛第 1 名 / 共 7 · 得分 95 · 金奖');
  });

  it('S2-6: first / second / third from a stage created with those awards', () => {
    const f = facts({ stages: [{ id: S2, themeId: T2, trackKey: null, label: '决赛', frozen: true, awards: PRIZES_S2_6 }] });
    const fin = finalists.map((x) => ({
      ...x,
      stageId: S2,
      award: x.award === 'gold' ? 'first' : x.award === 'silver' ? 'second' : x.award === 'bronze' ? 'third' : null,
    }));
    const { awards } = computeAwardsOf([rule('medals', { stageIds: [S2] })], f, rows({ entries, finalists: fin }));
    expect(awards.map((a) => [a.labelZh, a.entryId, a.themeId])).toEqual([
      ['一等奖', 'a', T2],
      ['二等奖', 'b', T2],
      ['二等奖', 'c', T2],
      ['三等奖', 'd', T2],
      ['三等奖', 'e', T2],
      ['三等奖', 'f', T2],
    ]);
  });

  it('S2-6: a stage not frozen gives AWARD_SOURCE_NOT_FROZEN and no medal; no stage AWARD_SOURCE_MISSING', () => {
    const live = facts({ stages: [{ id: S1, themeId: T1, trackKey: null, label: 'x', frozen: false, awards: PRIZES_S2_6 }] });
    expect(computeAwardsOf([rule('medals', { stageIds: [] })], live, rows({ entries, finalists }))).toEqual({
      awards: [],
      problems: [{ ruleKey: 'medals', code: 'AWARD_SOURCE_NOT_FROZEN' }],
    });
    expect(problemsOf([rule('medals', { stageIds: [] })], facts({ stages: [] }))).toEqual([
      { ruleKey: 'medals', code: 'AWARD_SOURCE_MISSING' },
    ]);
  });
});

describe('popularity (S0-11)', () => {
  const group: TPopularityGroup = {
    theme: { id: T1, code: 'T01', title: '主题一' },
    track: null,
    votable: 4,
    quota: 2,
    taken: 2,
    rows: [
      {
        position: 1,
        entryId: 'a',
        number: 'N-a',
        title: 'A',
        organizationId: 'h1',
        organizationName: 'H1',
        trackKey: null,
        weight: 30,
        votes: 20,
        lastVoteAt: null,
        outcome: 'taken',
        reason: null,
        skippedFor: null,
      },
      {
        position: 2,
        entryId: 'c',
        number: 'N-c',
        title: 'C',
        organizationId: 'h2',
        organizationName: 'H2',
        trackKey: null,
        weight: 20,
        votes: 12,
        lastVoteAt: null,
        outcome: 'taken',
        reason: null,
        skippedFor: null,
      },
      {
        position: 3,
        entryId: 'd',
        number: 'N-d',
        title: 'D',
        organizationId: 'h3',
        organizationName: 'H3',
        trackKey: null,
        weight: 5,
        votes: 5,
        lastVoteAt: null,
        outcome: 'not_taken',
        reason: 'BELOW_QUOTA',
        skippedFor: null,
      },
      {
        position: null,
        entryId: 'b',
        number: 'N-b',
        title: 'B',
        organizationId: 'h1',
        organizationName: 'H1',
        trackKey: null,
        weight: 25,
        votes: 18,
        lastVoteAt: null,
        outcome: 'skipped',
        reason: 'SAME_HOSPITAL',
        skippedFor: 'a',
      },
    ],
  };

  it('S0-11: only the ranking’s taken rows (one per hospital per theme), the honour at most 1 per theme (S0-15)', () => {
    const pop = rule('popularity', { honour: { label: { 'zh-CN': '峰会邀请', en: 'Summit' }, perTheme: 1 } });
    const { awards } = computeAwardsOf([pop], facts(), rows({ popularity: [group] }));
    expect(awards.map(brief)).toEqual([
      ['popularity', 'popularity', 'a', 0, '峰会邀请'],
      ['popularity', 'popularity', 'c', 1, null],
    ]);
    expect(awards[0]?.figures).toMatchObject({ value: 30, rank: 1, base: 4, cut: 2, tied: false });
  });

  it('S0-11: popularity is never read by an expert award, and an expert award never by popularity', () => {
    const entries = [entry('a', 'h1'), entry('c', 'h2')];
    const results = [result('a', 2, 80, 'outstanding'), result('c', 1, 90, 'outstanding')];
    const expert = rule('tiers', { roundId: null, tiers: ['outstanding'] });
    const without = computeAwardsOf([expert], facts(), rows({ entries, results }));
    const withVotes = computeAwardsOf([expert], facts(), rows({ entries, results, popularity: [group] }));
    expect(withVotes).toEqual(without);
    const popOnly = computeAwardsOf([rule('popularity')], facts(), rows({ popularity: [group] }));
    const popWithTiers = computeAwardsOf([rule('popularity')], facts(), rows({ entries, results, popularity: [group] }));
    expect(popWithTiers).toEqual(popOnly);
  });

  it('S0-11: voting still running is AWARD_SOURCE_NOT_FROZEN, no voting AWARD_SOURCE_MISSING', () => {
    expect(problemsOf([rule('popularity')], facts({ voting: 'running' }))).toEqual([
      { ruleKey: 'popularity', code: 'AWARD_SOURCE_NOT_FROZEN' },
    ]);
    expect(problemsOf([rule('popularity')], facts({ voting: 'none' }))).toEqual([
      { ruleKey: 'popularity', code: 'AWARD_SOURCE_MISSING' },
    ]);
  });
});

describe('campaign-wide awards (S0-12)', () => {
  it('S0-12: 最佳组织奖 goes to the hospital with the most submitted entries (withdrawn / excluded not counted)', () => {
    const entries = [
      entry('a', 'h1'),
      entry('b', 'h1', T2),
      entry('c', 'h2'),
      entry('d', 'h2', T1, null, false),
      entry('e', 'h2', T2, null, false),
    ];
    const { awards } = computeAwardsOf([rule('most_entries')], facts(), rows({ entries }));
    expect(awards.map((a) => [a.organizationId, a.entryId, a.themeId, a.figures.tied, a.figures.value])).toEqual([
      ['h1', null, null, false, 2],
    ]);
    expect(awards[0]?.figures.why).toEqual({
      'zh-CN': '申报案例 2 件，2 家医院中最多',
      en: '2 entries submitted, the most of 2 hospitals',
    });
  });

  it('S0-12: 最佳管理奖 goes to the hospital with the most 卓越 entries; a tie gives every tied hospital the award, stated', () => {
    const entries = [entry('a', 'h1'), entry('b', 'h1'), entry('c', 'h2'), entry('d', 'h2'), entry('e', 'h3')];
    const results = [
      result('a', 1, 95, 'outstanding'),
      result('b', 4, 80, 'excellent'),
      result('c', 2, 92, 'outstanding'),
      result('d', 5, 70, null),
      result('e', 3, 90, 'excellent'),
    ];
    const { awards } = computeAwardsOf(
      [rule('most_tier', { roundId: null, tier: 'outstanding' })],
      facts(),
      rows({ entries, results }),
    );
    expect(awards.map((a) => [a.organizationId, a.figures.tied, a.figures.value])).toEqual([
      ['h1', true, 1],
      ['h2', true, 1],
    ]);
    expect(awards[0]?.figures.why).toEqual({
      'zh-CN': '卓越案例 1 件，3 家医院中最多（2 家并列，均获奖）',
      en: '1 Outstanding entries, the most of 3 hospitals (2 tied, all awarded)',
    });
  });

  it('S0-12: nobody with a 卓越 entry gives no 最佳管理奖', () => {
    const { awards } = computeAwardsOf(
      [rule('most_tier', { roundId: null, tier: 'outstanding' })],
      facts(),
      rows({ entries: [entry('a', 'h1')], results: [result('a', 1, 80, 'excellent')] }),
    );
    expect(awards).toEqual([]);
  });
});

describe('quotas (S3-1)', () => {
  const tracks = [
    { key: 'hospital', label: '标杆医院' },
    { key: 'department', label: '标杆科室' },
  ];
  const make = (n: number, track: string, scores: (i: number) => number) =>
    Array.from({ length: n }, (_, i) => ({
      e: entry(`${track}${i}`, `o${track}${i}`, T1, track),
      r: result(`${track}${i}`, i + 1, scores(i), null),
    }));

  it('S3-1: 5 / 10 per nominee type (track), best scores first, labelled with the track', () => {
    const all = [...make(8, 'hospital', (i) => 100 - i), ...make(12, 'department', (i) => 90 - i)];
    const quota = rule('quota', {
      roundId: null,
      quotas: [
        { trackKey: 'hospital', quota: 5 },
        { trackKey: 'department', quota: 10 },
      ],
      tiesTaken: false,
    });
    const { awards } = computeAwardsOf(
      [quota],
      facts(),
      rows({ tracks, entries: all.map((x) => x.e), results: all.map((x) => x.r) }),
    );
    expect(awards.filter((a) => a.level === 'hospital').map((a) => a.entryId)).toEqual([
      'hospital0',
      'hospital1',
      'hospital2',
      'hospital3',
      'hospital4',
    ]);
    expect(awards.filter((a) => a.level === 'department').length).toBe(10);
    expect(awards[0]?.labelZh).toBe('quota（标杆医院）');
    expect(awards.every((a) => !a.figures.tied)).toBe(true);
  });

  it('S3-1: a tie at the cut is stated; tied entries beyond the quota are taken only when tiesTaken', () => {
    // Scores 100, 99, 98, 97, 96, 96, 96, 90: places 5-7 tie at 96.
    const scores = [100, 99, 98, 97, 96, 96, 96, 90];
    const all = make(8, 'hospital', (i) => scores[i] as number);
    const base = { roundId: null, quotas: [{ trackKey: 'hospital', quota: 5 }] };
    const strict = computeAwardsOf(
      [rule('quota', { ...base, tiesTaken: false })],
      facts(),
      rows({ tracks, entries: all.map((x) => x.e), results: all.map((x) => x.r) }),
    );
    expect(strict.awards.map((a) => [a.entryId, a.figures.tied])).toEqual([
      ['hospital0', false],
      ['hospital1', false],
      ['hospital2', false],
      ['hospital3', false],
      ['hospital4', true],
    ]);
    expect(strict.awards[4]?.figures.why['zh-CN']).toBe(
      '网络评审 得分 96 · 第 5 名 / 共 8 · 名额 5 · 与第 5 名并列（3 个同分），按排名、编号取满 5 名',
    );
    const loose = computeAwardsOf(
      [rule('quota', { ...base, tiesTaken: true })],
      facts(),
      rows({ tracks, entries: all.map((x) => x.e), results: all.map((x) => x.r) }),
    );
    expect(loose.awards.map((a) => [a.entryId, a.figures.tied])).toEqual([
      ['hospital0', false],
      ['hospital1', false],
      ['hospital2', false],
      ['hospital3', false],
      ['hospital4', true],
      ['hospital5', true],
      ['hospital6', true],
    ]);
  });

  it('S3-1 property: without tiesTaken a track never gets more than its quota; with it, only entries tied at the cut exceed it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 60, max: 70 }), { maxLength: 30 }),
        fc.integer({ min: 1, max: 10 }),
        fc.boolean(),
        (scores, quota, tiesTaken) => {
          const all = make(scores.length, 'hospital', (i) => scores[i] as number);
          const { awards } = computeAwardsOf(
            [rule('quota', { roundId: null, quotas: [{ trackKey: 'hospital', quota }], tiesTaken })],
            facts(),
            rows({ tracks, entries: all.map((x) => x.e), results: all.map((x) => x.r) }),
          );
          const sorted = [...scores].sort((a, b) => b - a);
          const cut = sorted[quota - 1];
          if (!tiesTaken || cut === undefined) expect(awards.length).toBe(Math.min(quota, scores.length));
          else expect(awards.length).toBe(sorted.filter((s) => s >= cut).length);
        },
      ),
    );
  });
});

describe('the default rules (seed 000 §六)', () => {
  it('S0-10, S0-11, S0-12, S0-15: tiers with 2 summit invitees per theme, medals, popularity with 1, 最佳组织奖, 最佳管理奖 on 卓越', () => {
    const rules = defaultRules('seed-000');
    expect(rules.map((r) => [r.key, r.kind, r.label['zh-CN'], r.honour?.perTheme ?? null])).toEqual([
      ['tiers', 'tiers', '优秀案例', 2],
      ['medals', 'medals', '现场决赛奖项', null],
      ['popularity', 'popularity', '最佳人气案例', 1],
      ['best_organization', 'most_entries', '最佳组织奖', null],
      ['best_management', 'most_tier', '最佳管理奖', null],
    ]);
    expect(rules[0]?.honour?.label['zh-CN']).toBe('总决赛/峰会邀请');
  });

  it('a rule with a problem gives no award while the others are computed', () => {
    const entries = [entry('a', 'h1')];
    const { awards, problems } = computeAwardsOf(
      defaultRules('seed-000'),
      facts({ stages: [], voting: 'running' }),
      rows({ entries, results: [result('a', 1, 90, 'outstanding')] }),
    );
    expect(problems).toEqual([
      { ruleKey: 'medals', code: 'AWARD_SOURCE_MISSING' },
      { ruleKey: 'popularity', code: 'AWARD_SOURCE_NOT_FROZEN' },
    ]);
    expect(awards.map((a) => [a.ruleKey, a.level, a.honourZh])).toEqual([
      ['tiers', 'outstanding', '总决赛/峰会邀请'],
      ['best_organization', 'best', null],
      ['best_management', 'best', null],
    ]);
  });
});
