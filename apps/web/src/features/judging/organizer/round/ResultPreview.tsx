import type { TResultPreview, TRoundRanking } from '@casearena/contract';
import { Card, Flex, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../../../i18n/index.ts';
import { entryName } from './AssignmentTab.tsx';
import { groupTitle, score } from './RankingGroup.tsx';

/**
 * The dry run of a rule, per theme/track: each tier's (or the advancement's) quota, how many it took, the score at
 * the cut and the entries tied out; then every entry with its place or why it has none.
 */
export function ResultPreview({ preview, ranking }: { preview: TResultPreview; ranking: TRoundRanking }) {
  const { t } = useTranslation();
  const lang = useLang();
  const groups = new Map(ranking.groups.map((g) => [g.groupKey, g]));
  const rows = new Map(ranking.groups.flatMap((g) => g.rows.map((r) => [r.entryId, r] as const)));
  return (
    <Flex vertical gap={12} style={{ minWidth: 0 }} data-testid="result-preview">
      {preview.groups.map((g) => {
        const group = groups.get(g.groupKey);
        const labelOf = (key: string) => g.cuts.find((c) => c.key === key)?.label?.[lang] ?? key;
        return (
          <Card
            key={g.groupKey}
            size="small"
            title={group ? groupTitle(group, (track) => t('judgingRound.ranking.track', { track })) : g.groupKey}
            styles={{ body: { paddingBlock: 8 } }}
          >
            <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
              {t('judgingRound.results.groupHead', { entries: g.entries, eligible: g.eligible, base: g.base ?? '—' })}
            </Typography.Paragraph>
            {g.cuts.map((c) => (
              <Typography.Paragraph key={c.key} style={{ marginBottom: 4 }}>
                {t('judgingRound.results.cut', {
                  label: c.label?.[lang] ?? (preview.kind === 'advance' ? t('judgingRound.ranking.advanced') : c.key),
                  quota: c.quota,
                  taken: c.taken,
                  score: score(c.boundaryScore),
                })}
                {c.tiedOut.length > 0 ? ` · ${t('judgingRound.results.tiedOut', { count: c.tiedOut.length })}` : ''}
              </Typography.Paragraph>
            ))}
            <List
              size="small"
              dataSource={g.rows}
              rowKey="entryId"
              renderItem={(r) => {
                const row = rows.get(r.entryId);
                return (
                  <List.Item style={{ display: 'block' }} data-testid="preview-row">
                    <Flex gap={8} wrap align="baseline">
                      <Typography.Text strong style={{ width: 32, flex: 'none' }}>
                        {r.rank ?? '—'}
                      </Typography.Text>
                      <Typography.Text style={{ flex: 1, minWidth: 140, wordBreak: 'break-word' }}>
                        {row ? entryName(row) : r.entryId}
                      </Typography.Text>
                      <Typography.Text strong>{score(r.score)}</Typography.Text>
                      {r.tier ? <Tag color="gold">{labelOf(r.tier)}</Tag> : null}
                      {r.advanced ? <Tag color="green">{t('judgingRound.ranking.advanced')}</Tag> : null}
                      {r.reason ? <Tag>{t(`judgingRound.results.reason.${r.reason}`)}</Tag> : null}
                    </Flex>
                  </List.Item>
                );
              }}
            />
          </Card>
        );
      })}
    </Flex>
  );
}
