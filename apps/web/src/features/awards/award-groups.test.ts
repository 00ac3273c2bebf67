import type { TAward } from '@casearena/contract';
import { describe, expect, it } from 'vitest';
import { groupByTheme } from './award-groups.ts';

const award = (id: string, themeId: string | null, themeTitle: string | null) =>
  ({
    id,
    ruleKey: 'tiers',
    kind: 'tiers',
    level: 'outstanding',
    levelOrder: 0,
    label: { 'zh-CN': '卓越', en: 'Outstanding' },
    themeId,
    themeTitle,
    trackKey: null,
    entryId: null,
    entryNumber: null,
    entryTitle: null,
    organizationId: '00000000-0000-4000-8000-000000000001',
    organizationName: '医院',
    figures: { value: null, rank: null, base: null, cut: null, tied: false, why: { 'zh-CN': '', en: '' } },
    honour: null,
    origin: 'computed',
    reason: null,
  }) satisfies TAward;

describe('groupByTheme (the awards preview)', () => {
  it('keeps the server order of themes and rows, and puts the call-wide awards (no theme) last', () => {
    const groups = groupByTheme([
      award('a', 't1', '主题一'),
      award('b', null, null),
      award('c', 't2', '主题二'),
      award('d', 't1', '主题一'),
      award('e', null, null),
    ]);
    expect(groups.map((g) => [g.key, g.title, g.awards.map((a) => a.id)])).toEqual([
      ['t1', '主题一', ['a', 'd']],
      ['t2', '主题二', ['c']],
      ['campaign', null, ['b', 'e']],
    ]);
  });
});
