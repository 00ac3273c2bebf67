import { MEDALS_S0_10, type TAwardRule } from '@casearena/contract';
import type { ComputedAward, EntryRow, ResultRow, SourceFacts, SourceRows } from './awards-engine.ts';

/** The small worlds the engine's tests compute on: two themes, one round, stages, entries and results. */
export const T1 = 't1';
export const T2 = 't2';
export const R = 'round-1';
export const S1 = 'stage-1';
export const S2 = 'stage-2';

export const entry = (id: string, org: string, theme = T1, trackKey: string | null = null, counted = true): EntryRow => ({
  id,
  number: `N-${id}`,
  themeId: theme,
  trackKey,
  organizationId: org,
  counted,
});

export const facts = (over: Partial<SourceFacts> = {}): SourceFacts => ({
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

export const rows = (over: Partial<SourceRows> = {}): SourceRows => ({
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

export const result = (entryId: string, rank: number, score: number, tier: string | null): ResultRow => ({
  roundId: R,
  entryId,
  score,
  rank,
  tier,
});

export const rule = <K extends TAwardRule['kind']>(kind: K, extra: Partial<Extract<TAwardRule, { kind: K }>> = {}) =>
  ({ key: kind, kind, label: { 'zh-CN': kind, en: kind }, honour: null, ...extra }) as Extract<TAwardRule, { kind: K }>;

export const brief = (a: ComputedAward) => [a.ruleKey, a.level, a.entryId ?? a.organizationId, a.position, a.honourZh];
