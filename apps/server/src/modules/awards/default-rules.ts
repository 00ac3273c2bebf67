import type { TAwardRule } from '@casearena/contract';

const SUMMIT = { 'zh-CN': '总决赛/峰会邀请', en: 'Invited to the final / summit' };

/**
 * The rules a campaign's set starts with (seed 000 §六): the online tiers 卓越 then 优秀 (S0-10) with the summit
 * invitation for at most 2 per theme (S0-15), the live final's medals (S0-10 gold / silver / bronze, or whatever
 * awards the stage was created with: S2-6 first / second / third), the popularity award with at most 1 invitee per
 * theme (S0-11, S0-15), 最佳组织奖 and 最佳管理奖 (S0-12). The one template today is seed-000; a campaign without a
 * template gets the same rules, which the organizer edits (e.g. the S3-1 quotas) before computing.
 */
export function defaultRules(_templateKey: string | null): TAwardRule[] {
  return [
    {
      key: 'tiers',
      kind: 'tiers',
      label: { 'zh-CN': '优秀案例', en: 'Case tiers' },
      honour: { label: SUMMIT, perTheme: 2 },
      roundId: null,
      tiers: ['outstanding', 'excellent'],
      tierLabels: {
        outstanding: { 'zh-CN': '卓越案例', en: 'Outstanding case' },
        excellent: { 'zh-CN': '优秀案例', en: 'Excellent case' },
      },
    },
    {
      key: 'medals',
      kind: 'medals',
      label: { 'zh-CN': '现场决赛奖项', en: 'Live final awards' },
      honour: null,
      stageIds: [],
    },
    {
      key: 'popularity',
      kind: 'popularity',
      label: { 'zh-CN': '最佳人气案例', en: 'Most popular case' },
      honour: { label: SUMMIT, perTheme: 1 },
    },
    {
      key: 'best_organization',
      kind: 'most_entries',
      label: { 'zh-CN': '最佳组织奖', en: 'Best organization award' },
      honour: null,
    },
    {
      key: 'best_management',
      kind: 'most_tier',
      label: { 'zh-CN': '最佳管理奖', en: 'Best management award' },
      honour: null,
      roundId: null,
      tier: 'outstanding',
    },
  ];
}

/** The tier names judging's seed-000 rounds use, for a frozen round whose rule gave a tier no label. */
export const TIER_LABELS: Record<string, { 'zh-CN': string; en: string }> = {
  outstanding: { 'zh-CN': '卓越', en: 'Outstanding' },
  excellent: { 'zh-CN': '优秀', en: 'Excellent' },
};
