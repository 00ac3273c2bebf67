import type { TRoundRanking } from '@casearena/contract';
import { Card, Flex, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { entryName } from './AssignmentTab.tsx';
import { groupTitle } from './RankingGroup.tsx';

const fig = (n: number | null) => (n === null ? '—' : n.toFixed(3));

/**
 * Panel quality before the freeze (issue 10 item 5): agreement per theme (ICC with its form, Kendall's W), judges
 * whose scores deviate strongly, missing sheets and entries with too few of them, each named so it can be chased.
 */
export function PanelQuality({ ranking }: { ranking: TRoundRanking }) {
  const { t } = useTranslation();
  const a = ranking.agreement;
  if (!a) return null;
  const groups = new Map(ranking.groups.map((g) => [g.groupKey, g]));
  const entries = new Map(ranking.groups.flatMap((g) => g.rows.map((r) => [r.entryId, r] as const)));
  const title = (key: string) => {
    const g = groups.get(key);
    return g ? groupTitle(g, (track) => t('judgingRound.ranking.track', { track })) : key;
  };
  const entryText = (id: string) => {
    const r = entries.get(id);
    return r ? entryName(r) : id;
  };
  return (
    <Card size="small" title={t('judgingRound.ranking.agreement')} data-testid="panel-quality">
      <Flex vertical gap={12} style={{ minWidth: 0 }}>
        <List
          size="small"
          dataSource={a.byGroup}
          rowKey="groupKey"
          data-testid="agreement"
          renderItem={(g) => (
            <List.Item style={{ display: 'block' }}>
              <Typography.Text strong style={{ wordBreak: 'break-word' }}>
                {title(g.groupKey)}
              </Typography.Text>
              <Flex gap={12} wrap style={{ marginTop: 4 }}>
                <span>
                  {g.iccForm ?? t('judgingRound.ranking.icc')} = <b>{fig(g.icc)}</b>
                </span>
                <span>
                  {t('judgingRound.ranking.kendall')} = <b>{fig(g.kendallW)}</b>
                </span>
                <Typography.Text type="secondary">
                  {t('judgingRound.ranking.agreementRow', { judges: g.judges, entries: g.entries })}
                </Typography.Text>
                {g.complete ? null : <Typography.Text type="warning">{t('judgingRound.ranking.incomplete')}</Typography.Text>}
              </Flex>
            </List.Item>
          )}
        />
        <div>
          <Typography.Title level={5}>{t('judgingRound.ranking.outliers')}</Typography.Title>
          {a.outliers.length === 0 ? (
            <Typography.Text type="secondary">{t('judgingRound.plan.none')}</Typography.Text>
          ) : (
            <List
              size="small"
              dataSource={a.outliers}
              rowKey={(o) => `${o.judgeId}:${o.groupKey}`}
              data-testid="outliers"
              renderItem={(o) => (
                <List.Item style={{ display: 'block' }}>
                  <Tag color="red">{o.name}</Tag>
                  <Typography.Text type="secondary">{title(o.groupKey)}</Typography.Text>
                  <br />
                  {t('judgingRound.ranking.outlierRow', {
                    deviation: o.meanDeviation.toFixed(1),
                    z: o.z.toFixed(2),
                    entries: o.entries,
                  })}
                </List.Item>
              )}
            />
          )}
        </div>
        <div>
          <Typography.Title level={5}>{t('judgingRound.ranking.missing')}</Typography.Title>
          {a.missing.length === 0 ? (
            <Typography.Text type="secondary">{t('judgingRound.plan.none')}</Typography.Text>
          ) : (
            <List
              size="small"
              dataSource={a.missing}
              rowKey="judgeId"
              data-testid="missing-sheets"
              renderItem={(m) => (
                <List.Item style={{ display: 'block' }}>
                  <Typography.Text strong>{m.name}</Typography.Text>{' '}
                  <Typography.Text type="secondary">
                    {t('judgingRound.ranking.missingRow', {
                      assigned: m.assigned,
                      submitted: m.submitted,
                      count: m.missing.length,
                    })}
                  </Typography.Text>
                  <Typography.Paragraph style={{ margin: 0, wordBreak: 'break-word' }}>
                    {m.missing.map(entryText).join('；')}
                  </Typography.Paragraph>
                </List.Item>
              )}
            />
          )}
        </div>
        {a.tooFew.length > 0 ? (
          <div>
            <Typography.Title level={5}>{t('judgingRound.ranking.tooFewList')}</Typography.Title>
            <Typography.Paragraph style={{ wordBreak: 'break-word' }} data-testid="too-few">
              {a.tooFew.map(entryText).join('；')}
            </Typography.Paragraph>
          </div>
        ) : null}
      </Flex>
    </Card>
  );
}
