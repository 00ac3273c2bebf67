import { PRIZES_S2_6, type TPopularityGroup } from '@casearena/contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brief, entry, facts, R, result, rows, rule, S1, S2, T1, T2 } from './awards-engine.fixtures.ts';
import { computeAwardsOf, type FinalistRow, problemsOf } from './awards-engine.ts';
import { defaultRules } from './default-rules.ts';

/** The engine on the awards of one online round, one live stage and the public vote (S0-10, S2-6, S0-11). */
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
