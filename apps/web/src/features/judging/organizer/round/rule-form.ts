import type { TResultRule } from '@casearena/contract';

/** The results form's values: one shape for both modes, turned into the contract's rule on submit. */
export interface RuleValues {
  mode: 'advance' | 'tiers';
  by: 'count' | 'percent';
  n?: number | null;
  percent?: number | null;
  rounding: 'ceil' | 'floor' | 'round';
  base: 'entries' | 'eligible';
  ties: 'include-ties' | 'strict';
  tiers: Array<{ key: string; zh: string; en: string; by: 'count' | 'percent'; value?: number | null }>;
  advanceTiers: string[];
}

/** S0-10's default: 卓越 then 优秀 from the rest, by proportion; the organizer sets both figures. */
export const defaultRuleValues = (labels: { outstanding: [string, string]; excellent: [string, string] }): RuleValues => ({
  mode: 'tiers',
  by: 'count',
  n: 10,
  percent: 30,
  rounding: 'round',
  base: 'entries',
  ties: 'include-ties',
  tiers: [
    { key: 'outstanding', zh: labels.outstanding[0], en: labels.outstanding[1], by: 'percent', value: 10 },
    { key: 'excellent', zh: labels.excellent[0], en: labels.excellent[1], by: 'percent', value: 20 },
  ],
  advanceTiers: [],
});

export function ruleOf(v: RuleValues): TResultRule {
  if (v.mode === 'advance')
    return v.by === 'count'
      ? { advance: { n: v.n ?? 0, ties: v.ties } }
      : { advance: { percent: v.percent ?? 0, rounding: v.rounding, base: v.base, ties: v.ties } };
  return {
    tiers: v.tiers.map((tier) => ({
      key: tier.key,
      label: { 'zh-CN': tier.zh || tier.key, en: tier.en || tier.key },
      ...(tier.by === 'count' ? { count: tier.value ?? 0 } : { percent: tier.value ?? 0 }),
    })),
    rounding: v.rounding,
    base: v.base,
    ties: v.ties,
    ...(v.advanceTiers.length > 0 ? { advance: v.advanceTiers } : {}),
  };
}
