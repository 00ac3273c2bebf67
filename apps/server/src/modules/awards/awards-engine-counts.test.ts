import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entry, facts, result, rows, rule, T1, T2 } from './awards-engine.fixtures.ts';
import { computeAwardsOf } from './awards-engine.ts';
import { defaultRules } from './default-rules.ts';

/** The engine on campaign-wide counts, quotas per nominee type and the seed-000 default rules (S0-12, S3-1, S0-15). */
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
