import type { TRankingRow, TRoundRanking } from '@casearena/contract';
import { Button, Card, Descriptions, Flex, List, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../../../i18n/index.ts';
import { entryName } from './AssignmentTab.tsx';

type Group = TRoundRanking['groups'][number];
type Criterion = TRoundRanking['formula']['sheet']['criteria'][number];

export const score = (n: number | null | undefined) => (n === null || n === undefined ? '—' : String(Math.round(n * 100) / 100));

/** A tier's key in the words the frozen rule gave it (卓越 / Outstanding), else the key itself. */
export function tierLabel(ranking: Pick<TRoundRanking, 'rule'>, key: string, lang: 'zh-CN' | 'en'): string {
  const rule = ranking.rule;
  const tier = rule && 'tiers' in rule ? rule.tiers.find((x) => x.key === key) : undefined;
  return tier?.label?.[lang] ?? key;
}

export const groupTitle = (g: Group, trackLabel: (track: string) => string) =>
  [`${g.themeCode} ${g.themeTitle}`, g.trackKey ? trackLabel(g.trackKey) : null].filter(Boolean).join(' · ');

/** One entry's figures: each judge's sheet (raw, normalized for z-scores, struck through when trimmed away). */
function Breakdown({ row, criteria, showNormalized }: { row: TRankingRow; criteria: Criterion[]; showNormalized: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const many = criteria.length > 1;
  return (
    <Flex vertical gap={8} style={{ marginTop: 8, minWidth: 0 }} data-testid="ranking-breakdown">
      {row.perJudge.map((j) => (
        <Flex key={j.label} gap={8} wrap align="baseline">
          <Typography.Text strong style={{ minWidth: 88 }}>
            {j.name ?? `${t('judgingRound.judge')} ${j.label}`}
          </Typography.Text>
          <Typography.Text delete={j.dropped}>
            {t('judgingRound.ranking.raw')} {score(j.raw)}
          </Typography.Text>
          {showNormalized ? (
            <Typography.Text>
              {t('judgingRound.ranking.normalized')} {score(j.normalized)}
            </Typography.Text>
          ) : null}
          {j.dropped ? <Tag>{t('judgingRound.ranking.dropped')}</Tag> : null}
          {many ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {criteria.map((c) => `${c.label[lang]} ${score(j.scores[c.key])}`).join(' · ')}
            </Typography.Text>
          ) : null}
        </Flex>
      ))}
      {many ? (
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, md: 3 }}
          title={<span style={{ fontSize: 13 }}>{t('judgingRound.ranking.perCriterion')}</span>}
          items={criteria.map((c) => ({ key: c.key, label: c.label[lang], children: score(row.perCriterion[c.key]) }))}
        />
      ) : null}
    </Flex>
  );
}

/** A theme's (or theme + track's) ranking, one card per entry so a phone reads it without sideways scrolling. */
export function RankingGroup({ group, ranking }: { group: Group; ranking: TRoundRanking }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <Card
      size="small"
      title={groupTitle(group, (track) => t('judgingRound.ranking.track', { track }))}
      data-testid="ranking-group"
      styles={{ body: { paddingBlock: 0 } }}
    >
      <List
        dataSource={group.rows}
        rowKey="entryId"
        renderItem={(r) => (
          <List.Item style={{ display: 'block' }} data-testid="ranking-row">
            <Flex gap={8} align="baseline" wrap>
              <Typography.Text strong style={{ width: 32, flex: 'none' }}>
                {r.rank ?? '—'}
              </Typography.Text>
              <Flex vertical style={{ flex: 1, minWidth: 160 }}>
                <Typography.Text style={{ wordBreak: 'break-word' }}>{entryName(r)}</Typography.Text>
                {r.organization ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-word' }}>
                    {r.organization.name}
                  </Typography.Text>
                ) : null}
              </Flex>
              <Flex gap={6} align="center" wrap>
                <Typography.Text strong style={{ fontSize: 16 }} data-testid="ranking-score">
                  {score(r.score)}
                </Typography.Text>
                <Tag>
                  {t('judgingRound.ranking.sheets')} {r.sheets}
                </Tag>
                {r.tooFewSheets ? <Tag color="warning">{t('judgingRound.ranking.tooFew')}</Tag> : null}
                {r.tier ? <Tag color="gold">{tierLabel(ranking, r.tier, lang)}</Tag> : null}
                {r.advanced ? <Tag color="green">{t('judgingRound.ranking.advanced')}</Tag> : null}
                {r.perJudge.length > 0 ? (
                  <Button size="small" type="link" onClick={() => toggle(r.entryId)} aria-expanded={open.has(r.entryId)}>
                    {t('judgingRound.ranking.breakdown')}
                  </Button>
                ) : null}
              </Flex>
            </Flex>
            {open.has(r.entryId) ? (
              <Breakdown row={r} criteria={ranking.formula.sheet.criteria} showNormalized={ranking.formula.method === 'zscore'} />
            ) : null}
          </List.Item>
        )}
      />
    </Card>
  );
}
