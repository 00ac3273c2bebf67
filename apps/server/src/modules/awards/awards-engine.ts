import type { TAwardFigures, TAwardRule, TPopularityGroup, TStageAward } from '@casearena/contract';
import { TIER_LABELS } from './default-rules.ts';

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

function tierLabel(key: string, known: readonly { key: string; label: Label | null }[]): Label {
  return known.find((t) => t.key === key)?.label ?? TIER_LABELS[key] ?? { 'zh-CN': key, en: key };
}

/** A tier award's name: the rule's own for the tier (卓越案例), else the round's tier name (rules stored before). */
function tierAwardLabel(
  rule: Extract<TAwardRule, { kind: 'tiers' }>,
  key: string,
  known: readonly { key: string; label: Label | null }[],
): Label {
  return rule.tierLabels?.[key] ?? tierLabel(key, known);
}

function quotaLabel(label: Label, trackKey: string | null, tracks: readonly { key: string; label: string }[]): Label {
  const track = trackKey === null ? undefined : tracks.find((t) => t.key === trackKey);
  if (!track) return label;
  return { 'zh-CN': `${label['zh-CN']}（${track.label}）`, en: `${label.en} (${track.label})` };
}

const fmt = (n: number | null) => (n === null ? '—' : String(Math.round(n * 100) / 100));

function figures(f: Omit<TAwardFigures, 'why' | 'tied'> & { tied?: boolean }, zh: string, en: string): TAwardFigures {
  return { value: f.value, rank: f.rank, base: f.base, cut: f.cut, tied: f.tied ?? false, why: { 'zh-CN': zh, en } };
}

/** Entries by score (highest first), then rank, then number, then id: the order a quota or a list takes them. */
function byScore(a: { score: number | null; rank: number | null; number: string | null; id: string }, b: typeof a) {
  const sa = a.score ?? Number.NEGATIVE_INFINITY;
  const sb = b.score ?? Number.NEGATIVE_INFINITY;
  if (sa !== sb) return sb - sa;
  const ra = a.rank ?? Number.MAX_SAFE_INTEGER;
  const rb = b.rank ?? Number.MAX_SAFE_INTEGER;
  if (ra !== rb) return ra - rb;
  const na = a.number ?? '';
  const nb = b.number ?? '';
  if (na !== nb) return na < nb ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

type Draft = Omit<ComputedAward, 'position' | 'honourZh' | 'honourEn'> & { order: number };

interface Ctx {
  rows: SourceRows;
  facts: SourceFacts;
  entryOf: Map<string, EntryRow>;
  themePos: Map<string, number>;
}

function tiersRule(rule: Extract<TAwardRule, { kind: 'tiers' }>, round: SourceRound, c: Ctx): Draft[] {
  const results = c.rows.results.filter((r) => r.roundId === round.id);
  const groupSize = new Map<string, number>();
  const tierCount = new Map<string, number>();
  const keyOf = (e: EntryRow) => `${e.themeId}/${e.trackKey ?? ''}`;
  for (const r of results) {
    const e = c.entryOf.get(r.entryId);
    if (!e) continue;
    groupSize.set(keyOf(e), (groupSize.get(keyOf(e)) ?? 0) + 1);
    if (r.tier) tierCount.set(`${keyOf(e)}/${r.tier}`, (tierCount.get(`${keyOf(e)}/${r.tier}`) ?? 0) + 1);
  }
  const out: Draft[] = [];
  rule.tiers.forEach((key, levelOrder) => {
    const label = tierAwardLabel(rule, key, round.tiers);
    const tierName = tierLabel(key, round.tiers);
    for (const r of results) {
      if (r.tier !== key) continue;
      const e = c.entryOf.get(r.entryId);
      if (!e) continue;
      const base = groupSize.get(keyOf(e)) ?? 0;
      const cut = tierCount.get(`${keyOf(e)}/${key}`) ?? 0;
      out.push({
        ruleKey: rule.key,
        kind: 'tiers',
        level: key,
        levelOrder,
        labelZh: label['zh-CN'],
        labelEn: label.en,
        themeId: e.themeId,
        trackKey: e.trackKey,
        entryId: e.id,
        organizationId: e.organizationId,
        order: r.rank ?? Number.MAX_SAFE_INTEGER,
        figures: figures(
          { value: r.score, rank: r.rank, base, cut },
          `${round.label} 第 ${r.rank ?? '—'} 名 / 共 ${base} · 得分 ${fmt(r.score)} · ${tierName['zh-CN']} ${cut} 名`,
          `${round.label}: rank ${r.rank ?? '—'} of ${base} · score ${fmt(r.score)} · ${tierName.en}: ${cut}`,
        ),
      });
    }
  });
  return out;
}

function medalsRule(rule: Extract<TAwardRule, { kind: 'medals' }>, stages: SourceStage[], c: Ctx): Draft[] {
  const out: Draft[] = [];
  for (const stage of stages) {
    const finalists = c.rows.finalists.filter((f) => f.stageId === stage.id);
    for (const f of finalists) {
      if (f.award === null) continue;
      const levelOrder = stage.awards.findIndex((a) => a.key === f.award);
      const award = stage.awards[levelOrder];
      const e = c.entryOf.get(f.entryId);
      if (!award || !e) continue;
      out.push({
        ruleKey: rule.key,
        kind: 'medals',
        level: award.key,
        levelOrder,
        labelZh: award.label['zh-CN'],
        labelEn: award.label.en,
        themeId: stage.themeId,
        trackKey: stage.trackKey,
        entryId: e.id,
        organizationId: e.organizationId,
        order: f.rank ?? Number.MAX_SAFE_INTEGER,
        figures: figures(
          { value: f.final, rank: f.rank, base: finalists.length, cut: award.count },
          `${stage.label} 现场决赛第 ${f.rank ?? '—'} 名 / 共 ${finalists.length} · 得分 ${fmt(f.final)} · ${award.label['zh-CN']}`,
          `${stage.label}: live final rank ${f.rank ?? '—'} of ${finalists.length} · score ${fmt(f.final)} · ${award.label.en}`,
        ),
      });
    }
  }
  return out;
}

function popularityRule(rule: Extract<TAwardRule, { kind: 'popularity' }>, c: Ctx): Draft[] {
  const out: Draft[] = [];
  for (const g of c.rows.popularity)
    for (const row of g.rows) {
      if (row.outcome !== 'taken') continue;
      out.push({
        ruleKey: rule.key,
        kind: 'popularity',
        level: 'popularity',
        levelOrder: 0,
        labelZh: rule.label['zh-CN'],
        labelEn: rule.label.en,
        themeId: g.theme.id,
        trackKey: row.trackKey,
        entryId: row.entryId,
        organizationId: row.organizationId,
        order: row.position ?? Number.MAX_SAFE_INTEGER,
        figures: figures(
          { value: row.weight, rank: row.position, base: g.votable, cut: g.quota },
          `公众投票第 ${row.position ?? '—'} 名 / 共 ${g.votable} · 加权票数 ${row.weight}（${row.votes} 票）· 按比例取 ${g.quota} 名，每家医院每主题 1 个`,
          `Public vote: rank ${row.position ?? '—'} of ${g.votable} · weighted total ${row.weight} (${row.votes} votes) · ${g.quota} taken by proportion, one per hospital per theme`,
        ),
      });
    }
  return out;
}

/** Campaign-wide: the organization(s) with the highest count; ties all win (S0-12). */
function mostRule(
  rule: Extract<TAwardRule, { kind: 'most_entries' | 'most_tier' }>,
  counts: Map<string, number>,
  what: { zh: string; en: string },
): Draft[] {
  let max = 0;
  for (const n of counts.values()) max = Math.max(max, n);
  if (max === 0) return [];
  const winners = [...counts.entries()].filter(([, n]) => n === max).map(([org]) => org);
  winners.sort();
  const tied = winners.length > 1;
  return winners.map((organizationId) => ({
    ruleKey: rule.key,
    kind: rule.kind,
    level: 'best',
    levelOrder: 0,
    labelZh: rule.label['zh-CN'],
    labelEn: rule.label.en,
    themeId: null,
    trackKey: null,
    entryId: null,
    organizationId,
    order: 0,
    figures: figures(
      { value: max, rank: 1, base: counts.size, cut: null, tied },
      `${what.zh} ${max} 件，${counts.size} 家医院中最多${tied ? `（${winners.length} 家并列，均获奖）` : ''}`,
      `${max} ${what.en}, the most of ${counts.size} hospitals${tied ? ` (${winners.length} tied, all awarded)` : ''}`,
    ),
  }));
}

function quotaRule(rule: Extract<TAwardRule, { kind: 'quota' }>, round: SourceRound, c: Ctx): Draft[] {
  const out: Draft[] = [];
  const results = c.rows.results.filter((r) => r.roundId === round.id && r.score !== null);
  rule.quotas.forEach((q, levelOrder) => {
    const label = quotaLabel(rule.label, q.trackKey, c.rows.tracks);
    const group = results
      .map((r) => ({ r, e: c.entryOf.get(r.entryId) }))
      .filter((x): x is { r: ResultRow; e: EntryRow } => x.e !== undefined && x.e.trackKey === q.trackKey)
      .map((x) => ({ ...x, score: x.r.score, rank: x.r.rank, number: x.e.number, id: x.e.id }))
      .sort(byScore);
    const last = group[q.quota - 1];
    const cutScore = last ? last.score : null;
    const atCut = cutScore === null ? 0 : group.filter((x) => x.score === cutScore).length;
    const inside = cutScore === null ? group.length : group.filter((x) => (x.score ?? 0) > cutScore).length;
    const beyond = cutScore === null ? 0 : inside + atCut - q.quota;
    const take = rule.tiesTaken || beyond <= 0 ? Math.min(group.length, inside + atCut) : q.quota;
    group.slice(0, take).forEach((x, i) => {
      const tied = beyond > 0 && x.score === cutScore;
      const tieZh = tied
        ? rule.tiesTaken
          ? ` · 与第 ${q.quota} 名并列（${atCut} 个同分），并列者均录取`
          : ` · 与第 ${q.quota} 名并列（${atCut} 个同分），按排名、编号取满 ${q.quota} 名`
        : '';
      const tieEn = tied
        ? rule.tiesTaken
          ? ` · tied at place ${q.quota} (${atCut} equal scores), all tied taken`
          : ` · tied at place ${q.quota} (${atCut} equal scores), filled to ${q.quota} by rank and number`
        : '';
      out.push({
        ruleKey: rule.key,
        kind: 'quota',
        level: q.trackKey ?? 'none',
        levelOrder,
        labelZh: label['zh-CN'],
        labelEn: label.en,
        themeId: null,
        trackKey: q.trackKey,
        entryId: x.e.id,
        organizationId: x.e.organizationId,
        order: i,
        figures: figures(
          { value: x.score, rank: i + 1, base: group.length, cut: q.quota, tied },
          `${round.label} 得分 ${fmt(x.score)} · 第 ${i + 1} 名 / 共 ${group.length} · 名额 ${q.quota}${tieZh}`,
          `${round.label}: score ${fmt(x.score)} · place ${i + 1} of ${group.length} · quota ${q.quota}${tieEn}`,
        ),
      });
    });
  });
  return out;
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
