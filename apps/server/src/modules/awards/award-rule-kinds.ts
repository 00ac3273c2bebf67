import type { TAwardFigures, TAwardRule } from '@casearena/contract';
import type {
  ComputedAward,
  EntryRow,
  Label,
  ResultRow,
  SourceFacts,
  SourceRound,
  SourceRows,
  SourceStage,
} from './awards-engine.ts';
import { TIER_LABELS } from './default-rules.ts';

/**
 * The awards of one rule of each kind (awards-engine.ts decides which rules run and positions what they give):
 * the drafts with their labels and the figures that explain them, zh-CN and en.
 */
export function tierLabel(key: string, known: readonly { key: string; label: Label | null }[]): Label {
  return known.find((t) => t.key === key)?.label ?? TIER_LABELS[key] ?? { 'zh-CN': key, en: key };
}

/** A tier award's name: the rule's own for the tier (卓越案例), else the round's tier name (rules stored before). */
export function tierAwardLabel(
  rule: Extract<TAwardRule, { kind: 'tiers' }>,
  key: string,
  known: readonly { key: string; label: Label | null }[],
): Label {
  return rule.tierLabels?.[key] ?? tierLabel(key, known);
}

export function quotaLabel(label: Label, trackKey: string | null, tracks: readonly { key: string; label: string }[]): Label {
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

export type Draft = Omit<ComputedAward, 'position' | 'honourZh' | 'honourEn'> & { order: number };

export interface Ctx {
  rows: SourceRows;
  facts: SourceFacts;
  entryOf: Map<string, EntryRow>;
  themePos: Map<string, number>;
}

export function tiersRule(rule: Extract<TAwardRule, { kind: 'tiers' }>, round: SourceRound, c: Ctx): Draft[] {
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

export function medalsRule(rule: Extract<TAwardRule, { kind: 'medals' }>, stages: SourceStage[], c: Ctx): Draft[] {
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

export function popularityRule(rule: Extract<TAwardRule, { kind: 'popularity' }>, c: Ctx): Draft[] {
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
export function mostRule(
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

export function quotaRule(rule: Extract<TAwardRule, { kind: 'quota' }>, round: SourceRound, c: Ctx): Draft[] {
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
