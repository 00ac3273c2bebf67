import type { TAwardFigures, TAwardRule, TPopularityGroup, TStageAward } from '@casearena/contract';
import {
  type Ctx,
  type Draft,
  medalsRule,
  mostRule,
  popularityRule,
  quotaLabel,
  quotaRule,
  tierAwardLabel,
  tierLabel,
  tiersRule,
} from './award-rule-kinds.ts';

/**
 * The awards engine (issue 12 item 1): a pure function from the rules and the frozen source rows to the awards,
 * each with the figures that explain it (`why` in zh-CN and en). It never reads a database; awards-sources.ts loads
 * the rows and compute-awards.ts writes the answer.
 *
 * - tiers (S0-10): a frozen round's tiers — judging's tier engine already gave each entry at most one tier, higher
 *   tiers taken first and excluded from lower ones; one award per entry of each tier the rule names.
 * - medals (S0-10 gold 1 / silver 2-3 / bronze 4-6; S2-6 first / second / third): a frozen stage's finalists'
 *   award keys, labels and order from the stage's own awards.
 * - popularity (S0-11): voting's ranking rows that are `taken` (by proportion, one per hospital per theme: voting's
 *   ranking decided that). No expert rule reads it.
 * - most_entries / most_tier (S0-12): campaign-wide, the hospital(s) with the most submitted entries, or the most
 *   entries of a round's tier; ties all win and say so (`tied`, stated in `why`). No award when nobody has one.
 * - quota (S3-1): per track, the best-scored entries of a frozen round up to the quota; entries tied with the last
 *   one in are stated (`tied`), and taken beyond the quota only when `tiesTaken`.
 * - honours (S0-15): per theme, the first `perTheme` recipients of a rule (best level first, then best placed) get
 *   the rule's honour label.
 * A rule whose source is missing or not frozen is a problem and gives no award; the others are computed.
 */

export type Label = { 'zh-CN': string; en: string };

export interface SourceRound {
  id: string;
  ordinal: number;
  label: string;
  /** Frozen: status frozen with result rows. */
  frozen: boolean;
  /** The tiers its frozen rule assigned, highest first, with labels; empty for an advancement round. */
  tiers: { key: string; label: Label | null }[];
}

export interface SourceStage {
  id: string;
  themeId: string;
  trackKey: string | null;
  label: string;
  frozen: boolean;
  awards: TStageAward[];
}

/** The cheap facts every rule's problem is decided on (no result rows). */
export interface SourceFacts {
  rounds: SourceRound[];
  stages: SourceStage[];
  /** Voting: none (no voting phase / not enabled), running (not ended), ended (counts as frozen). */
  voting: 'none' | 'running' | 'ended';
}

export interface EntryRow {
  id: string;
  number: string | null;
  themeId: string;
  trackKey: string | null;
  organizationId: string;
  /** Counts for most_entries: submitted and not withdrawn nor excluded. */
  counted: boolean;
}

export interface ResultRow {
  roundId: string;
  entryId: string;
  score: number | null;
  rank: number | null;
  tier: string | null;
}

export interface FinalistRow {
  stageId: string;
  entryId: string;
  rank: number | null;
  final: number | null;
  award: string | null;
}

export interface SourceRows {
  themes: { id: string; position: number }[];
  tracks: { key: string; label: string }[];
  entries: EntryRow[];
  results: ResultRow[];
  finalists: FinalistRow[];
  /** voting's ranking groups (only `taken` rows are read). */
  popularity: TPopularityGroup[];
}

export type ProblemCode = 'AWARD_SOURCE_NOT_FROZEN' | 'AWARD_SOURCE_MISSING';
export interface RuleProblem {
  ruleKey: string;
  code: ProblemCode;
}

export interface ComputedAward {
  ruleKey: string;
  kind: TAwardRule['kind'];
  level: string;
  levelOrder: number;
  labelZh: string;
  labelEn: string;
  themeId: string | null;
  trackKey: string | null;
  entryId: string | null;
  organizationId: string;
  position: number;
  figures: TAwardFigures;
  honourZh: string | null;
  honourEn: string | null;
}

/** The round a rule reads: the one named, else the last frozen one (that assigned tiers, for tier rules). */
export function roundOf(
  rule: { roundId: string | null },
  rounds: readonly SourceRound[],
  needTiers: boolean,
): SourceRound | ProblemCode {
  if (rule.roundId !== null) {
    const named = rounds.find((r) => r.id === rule.roundId);
    if (!named) return 'AWARD_SOURCE_MISSING';
    return named.frozen ? named : 'AWARD_SOURCE_NOT_FROZEN';
  }
  const frozen = rounds.filter((r) => r.frozen && (!needTiers || r.tiers.length > 0)).sort((a, b) => b.ordinal - a.ordinal);
  if (frozen[0]) return frozen[0];
  // Some round is still running: its results may yet give what the rule reads.
  return rounds.some((r) => !r.frozen) ? 'AWARD_SOURCE_NOT_FROZEN' : 'AWARD_SOURCE_MISSING';
}

function stagesOf(rule: { stageIds: string[] }, stages: readonly SourceStage[]): SourceStage[] | ProblemCode {
  const picked = rule.stageIds.length > 0 ? stages.filter((s) => rule.stageIds.includes(s.id)) : [...stages];
  if (picked.length === 0 || picked.length < rule.stageIds.length) return 'AWARD_SOURCE_MISSING';
  return picked.every((s) => s.frozen) ? picked : 'AWARD_SOURCE_NOT_FROZEN';
}

/** Each rule's problem, if it has one (its source missing or not frozen). */
export function problemsOf(rules: readonly TAwardRule[], facts: SourceFacts): RuleProblem[] {
  const problems: RuleProblem[] = [];
  for (const rule of rules) {
    let code: ProblemCode | null = null;
    switch (rule.kind) {
      case 'tiers':
      case 'most_tier':
      case 'quota': {
        const r = roundOf(rule, facts.rounds, rule.kind !== 'quota');
        code = typeof r === 'string' ? r : null;
        break;
      }
      case 'medals': {
        const s = stagesOf(rule, facts.stages);
        code = typeof s === 'string' ? s : null;
        break;
      }
      case 'popularity':
        code = facts.voting === 'none' ? 'AWARD_SOURCE_MISSING' : facts.voting === 'running' ? 'AWARD_SOURCE_NOT_FROZEN' : null;
        break;
      case 'most_entries':
        break;
    }
    if (code) problems.push({ ruleKey: rule.key, code });
  }
  return problems;
}

/** The levels a rule gives, with their order and labels (for an adjustment that adds an award). */
export function levelsOf(
  rule: TAwardRule,
  facts: SourceFacts,
  tracks: readonly { key: string; label: string }[],
): { level: string; levelOrder: number; label: Label }[] {
  switch (rule.kind) {
    case 'tiers': {
      const round = roundOf(rule, facts.rounds, true);
      const known = typeof round === 'string' ? [] : round.tiers;
      return rule.tiers.map((key, i) => ({ level: key, levelOrder: i, label: tierAwardLabel(rule, key, known) }));
    }
    case 'medals': {
      const picked = rule.stageIds.length > 0 ? facts.stages.filter((s) => rule.stageIds.includes(s.id)) : facts.stages;
      const seen = new Map<string, { level: string; levelOrder: number; label: Label }>();
      for (const s of picked)
        s.awards.forEach((a, i) => {
          if (!seen.has(a.key)) seen.set(a.key, { level: a.key, levelOrder: i, label: a.label });
        });
      return [...seen.values()];
    }
    case 'quota':
      return rule.quotas.map((q, i) => ({
        level: q.trackKey ?? 'none',
        levelOrder: i,
        label: quotaLabel(rule.label, q.trackKey, tracks),
      }));
    case 'popularity':
      return [{ level: 'popularity', levelOrder: 0, label: rule.label }];
    case 'most_entries':
    case 'most_tier':
      return [{ level: 'best', levelOrder: 0, label: rule.label }];
  }
}

/** The awards of every rule without a problem, positioned and with their honours; and the problems. */
export function computeAwardsOf(
  rules: readonly TAwardRule[],
  facts: SourceFacts,
  rows: SourceRows,
): { awards: ComputedAward[]; problems: RuleProblem[] } {
  const problems = problemsOf(rules, facts);
  const blocked = new Set(problems.map((p) => p.ruleKey));
  const c: Ctx = {
    rows,
    facts,
    entryOf: new Map(rows.entries.map((e) => [e.id, e])),
    themePos: new Map(rows.themes.map((t) => [t.id, t.position])),
  };
  const all: ComputedAward[] = [];
  for (const rule of rules) {
    if (blocked.has(rule.key)) continue;
    let drafts: Draft[] = [];
    switch (rule.kind) {
      case 'tiers':
        drafts = tiersRule(rule, roundOf(rule, facts.rounds, true) as SourceRound, c);
        break;
      case 'medals':
        drafts = medalsRule(rule, stagesOf(rule, facts.stages) as SourceStage[], c);
        break;
      case 'popularity':
        drafts = popularityRule(rule, c);
        break;
      case 'most_entries': {
        const counts = new Map<string, number>();
        for (const e of rows.entries) if (e.counted) counts.set(e.organizationId, (counts.get(e.organizationId) ?? 0) + 1);
        drafts = mostRule(rule, counts, { zh: '申报案例', en: 'entries submitted' });
        break;
      }
      case 'most_tier': {
        const round = roundOf(rule, facts.rounds, true) as SourceRound;
        const counts = new Map<string, number>();
        for (const r of rows.results) {
          if (r.roundId !== round.id) continue;
          const e = c.entryOf.get(r.entryId);
          if (e) counts.set(e.organizationId, (counts.get(e.organizationId) ?? 0) + (r.tier === rule.tier ? 1 : 0));
        }
        const label = tierLabel(rule.tier, round.tiers);
        drafts = mostRule(rule, counts, { zh: `${label['zh-CN']}案例`, en: `${label.en} entries` });
        break;
      }
      case 'quota':
        drafts = quotaRule(rule, roundOf(rule, facts.rounds, false) as SourceRound, c);
        break;
    }
    all.push(...place(drafts, rule, c));
  }
  return { awards: all, problems };
}

/** Positions within (level, theme) and the rule's honour for the first `perTheme` recipients per theme (S0-15). */
function place(drafts: Draft[], rule: TAwardRule, c: Ctx): ComputedAward[] {
  const num = (d: Draft) => (d.entryId ? (c.entryOf.get(d.entryId)?.number ?? '') : '');
  const theme = (d: Draft) => (d.themeId === null ? Number.MAX_SAFE_INTEGER : (c.themePos.get(d.themeId) ?? 0));
  drafts.sort(
    (a, b) =>
      theme(a) - theme(b) ||
      a.levelOrder - b.levelOrder ||
      a.order - b.order ||
      (num(a) < num(b) ? -1 : num(a) > num(b) ? 1 : 0) ||
      (a.organizationId < b.organizationId ? -1 : 1),
  );
  const position = new Map<string, number>();
  const honoured = new Map<string, number>();
  return drafts.map(({ order: _order, ...d }) => {
    const key = `${d.themeId}/${d.level}`;
    const p = position.get(key) ?? 0;
    position.set(key, p + 1);
    let honourZh: string | null = null;
    let honourEn: string | null = null;
    if (rule.honour) {
      const h = honoured.get(`${d.themeId}`) ?? 0;
      if (h < rule.honour.perTheme) {
        honoured.set(`${d.themeId}`, h + 1);
        honourZh = rule.honour.label['zh-CN'];
        honourEn = rule.honour.label.en;
      }
    }
    return { ...d, position: p, honourZh, honourEn };
  });
}
