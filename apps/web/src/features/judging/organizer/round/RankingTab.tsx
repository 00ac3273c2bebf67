import type { TRoundRanking } from '@casearena/contract';
import { Alert, Button, Card, Descriptions, Flex, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { rankingXlsxUrl, sheetsXlsxUrl, useRoundRanking } from '../../../../api/judging-round.ts';
import { formatDateTime } from '../../../../components/format.ts';
import { useLang } from '../../../../i18n/index.ts';
import { PanelQuality } from './PanelQuality.tsx';
import { RankingGroup } from './RankingGroup.tsx';
import { roundErrorText } from './round-errors.ts';
import { ScoreChart } from './ScoreChart.tsx';

/** The published formula (issue 10 item 5): method, criteria with weights and maxima, the stated tie-break order. */
function Formula({ ranking }: { ranking: TRoundRanking }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { formula } = ranking;
  const criteria = new Map(formula.sheet.criteria.map((c) => [c.key, c.label[lang]]));
  const tieBreak = formula.tieBreak.map((tb) =>
    tb === 'submittedAt'
      ? t('judgingRound.ranking.tieBreakSubmittedAt')
      : t('judgingRound.ranking.tieBreakCriterion', { label: criteria.get(tb.slice('criterion:'.length)) ?? tb }),
  );
  return (
    <Descriptions
      size="small"
      column={1}
      data-testid="ranking-formula"
      items={[
        { key: 'method', label: t('judgingRound.ranking.formula'), children: t(`judgingRound.ranking.method.${formula.method}`) },
        {
          key: 'criteria',
          label: t('judgingRound.ranking.criteria'),
          children: formula.sheet.criteria.map((c) => `${c.label[lang]} ${c.weight} / ${c.max}`).join('；'),
        },
        {
          key: 'tieBreak',
          label: t('judgingRound.ranking.tieBreak'),
          children: tieBreak.length > 0 ? tieBreak.join(' → ') : t('judgingRound.ranking.noTieBreak'),
        },
      ]}
    />
  );
}

/**
 * The ranking per theme with every entry's breakdown, the panel-quality figures and the per-judge score
 * distributions (issue 10 items 5 and 7). A frozen round shows the frozen rows and the formula stored with them.
 */
export function RankingTab({ roundId }: { roundId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const ranking = useRoundRanking(roundId);
  if (ranking.isPending) return <Skeleton active />;
  if (ranking.isError) return <Alert type="error" showIcon title={roundErrorText(ranking.error, lang)} />;
  const r = ranking.data;
  const organizer = r.view === 'organizer';
  return (
    <Flex vertical gap={16} style={{ minWidth: 0 }} data-testid="ranking-tab">
      <Card size="small" title={t('judgingRound.ranking.formula')}>
        {organizer ? (
          <Flex gap={8} wrap style={{ marginBottom: 8 }}>
            <Button href={sheetsXlsxUrl(roundId)} data-testid="sheets-export">
              {t('judgingRound.ranking.exportSheets')}
            </Button>
            <Button href={rankingXlsxUrl(roundId)} data-testid="ranking-export">
              {t('judgingRound.ranking.exportRanking')}
            </Button>
          </Flex>
        ) : null}
        <Formula ranking={r} />
        {r.frozenAt ? (
          <Typography.Paragraph type="success" style={{ margin: 0 }}>
            {t('judgingRound.ranking.frozenAt', { at: formatDateTime(r.frozenAt, lang) })}
            {r.publishedAt ? ` · ${t('judgingRound.ranking.publishedAt', { at: formatDateTime(r.publishedAt, lang) })}` : ''}
          </Typography.Paragraph>
        ) : null}
      </Card>
      {organizer ? <PanelQuality ranking={r} /> : null}
      {r.distributions ? (
        <Card size="small" title={t('judgingRound.ranking.distribution')}>
          {r.distributions.some((d) => d.sheets > 0) ? (
            <>
              <ScoreChart
                ranking={r}
                sheetLabel={t('judgingRound.ranking.sheets')}
                boxLabel={t('judgingRound.ranking.distribution')}
              />
              <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0 }}>
                {t('judgingRound.ranking.distributionNote')}
              </Typography.Paragraph>
            </>
          ) : (
            <Typography.Text type="secondary">{t('judgingRound.ranking.noDistribution')}</Typography.Text>
          )}
        </Card>
      ) : null}
      {r.groups.map((g) => (
        <RankingGroup key={g.groupKey} group={g} ranking={r} />
      ))}
    </Flex>
  );
}
