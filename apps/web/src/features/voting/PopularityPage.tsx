import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import type { PopularityOutcome, TPopularity, TPopularityGroup, TPopularityRow } from '@casearena/contract';
import { Button, Card, Empty, Flex, Spin, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useCampaign } from '../../api/campaigns.ts';
import { usePopularity } from '../../api/voting.ts';
import { formatDateTime } from '../../components/format.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { useLang } from '../../i18n/index.ts';
import { PageError } from '../organizer/PageError.tsx';

const OUTCOME_COLORS = { taken: 'green', not_taken: 'default', skipped: 'orange' } as const satisfies Record<
  PopularityOutcome,
  string
>;

function GroupTable({ campaignId, group }: { campaignId: string; group: TPopularityGroup }) {
  const { t } = useTranslation();
  const lang = useLang();
  const byId = new Map(group.rows.map((r) => [r.entryId, r]));
  const columns: TableColumnsType<TPopularityRow> = [
    { title: t('voting.rank'), dataIndex: 'position', width: 72, render: (p: number | null) => p ?? '—' },
    {
      title: t('voting.entry'),
      key: 'entry',
      render: (_: unknown, r) => (
        <Link to={`/campaigns/${encodeURIComponent(campaignId)}/entries/${encodeURIComponent(r.entryId)}`}>
          <Tag>{r.number}</Tag>
          {r.title}
        </Link>
      ),
    },
    { title: t('voting.hospital'), dataIndex: 'organizationName', width: 200 },
    {
      title: t('voting.weight'),
      dataIndex: 'weight',
      align: 'right',
      width: 110,
      render: (w: number, r) => (
        <span title={t('voting.votes', { n: r.votes.toLocaleString(lang) })}>{w.toLocaleString(lang)}</span>
      ),
    },
    {
      title: t('popularity.outcome'),
      dataIndex: 'outcome',
      width: 110,
      render: (o: PopularityOutcome) => <Tag color={OUTCOME_COLORS[o]}>{t(`popularity.outcomes.${o}`)}</Tag>,
    },
    {
      title: t('voting.skipReason'),
      key: 'reason',
      width: 300,
      render: (_: unknown, r) => {
        if (!r.reason) return null;
        const above = r.skippedFor ? byId.get(r.skippedFor) : undefined;
        return (
          <Typography.Text type="secondary" data-testid={`popularity-reason-${r.entryId}`}>
            {t(`popularity.reasons.${r.reason}`, { number: above?.number ?? '' })}
          </Typography.Text>
        );
      },
    },
  ];
  return (
    <Card
      data-testid={`popularity-group-${group.theme.id}${group.track ? `-${group.track.key}` : ''}`}
      title={`${group.theme.code} ${group.theme.title}${group.track ? ` · ${group.track.label}` : ''}`}
      extra={
        <Typography.Text type="secondary">
          {t('popularity.quota', { quota: group.quota, votable: group.votable, taken: group.taken })}
        </Typography.Text>
      }
    >
      {group.rows.length === 0 ? (
        <Typography.Text type="secondary">{t('voting.noRows')}</Typography.Text>
      ) : (
        <Table<TPopularityRow>
          rowKey="entryId"
          size="small"
          pagination={false}
          columns={columns}
          dataSource={group.rows}
          scroll={{ x: 900 }}
          tableLayout="fixed"
          rowClassName={(r) => `popularity-${r.outcome}`}
          onRow={(r) => ({ 'data-testid': `popularity-row-${r.entryId}` }) as React.HTMLAttributes<HTMLElement>}
        />
      )}
    </Card>
  );
}

/** `/organizer/campaigns/:id/popularity`: the popularity ranking per theme (and track), skipped entries with why. */
export function PopularityPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const campaign = useCampaign(id);
  const ranking = usePopularity<TPopularity>(id);
  if (campaign.isPending || ranking.isPending) return <Spin size="large" style={{ display: 'block', margin: '64px auto' }} />;
  if (campaign.isError) return <PageError error={campaign.error} onRetry={() => void campaign.refetch()} />;
  if (ranking.isError) return <PageError error={ranking.error} onRetry={() => void ranking.refetch()} />;
  const r = ranking.data;
  return (
    <Flex vertical gap={16}>
      <div>
        <LinkButton to={`/organizer/campaigns/${id}`} type="link" icon={<ArrowLeftOutlined />} style={{ paddingLeft: 0 }}>
          {campaign.data.title}
        </LinkButton>
      </div>
      <Flex align="center" justify="space-between" gap={8} wrap="wrap">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('voting.popularityTitle', { campaign: campaign.data.title })}
        </Typography.Title>
        <Button
          icon={<ReloadOutlined />}
          onClick={() => void ranking.refetch()}
          loading={ranking.isFetching}
          data-testid="popularity-refresh"
        >
          {t('popularity.refresh')}
        </Button>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('voting.popularityIntro')}{' '}
        {t('popularity.asOf', { time: formatDateTime(r.asOf, lang), percent: Math.round(r.proportion * 1000) / 10 })}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('popularity.order')}
      </Typography.Paragraph>
      {r.groups.length === 0 ? <Empty description={t('voting.noRows')} /> : null}
      {r.groups.map((g) => (
        <GroupTable key={`${g.theme.id}-${g.track?.key ?? ''}`} campaignId={id} group={g} />
      ))}
    </Flex>
  );
}
