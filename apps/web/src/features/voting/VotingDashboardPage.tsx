import { ArrowLeftOutlined, ReloadOutlined, StopOutlined } from '@ant-design/icons';
import { errorMessage, type TVotingDashboard } from '@casearena/contract';
import { Button, Card, Col, Flex, Row, Spin, Statistic, Table, type TableColumnsType, Tabs, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useCampaign } from '../../api/campaigns.ts';
import { useVotingDashboard } from '../../api/voting-fraud.ts';
import { formatDateTime } from '../../components/format.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { useLang } from '../../i18n/index.ts';
import { PageError } from '../organizer/PageError.tsx';
import { HourlyChart, LevelChart, NewAccountsGauge } from './dashboard-charts.tsx';
import { FlagList } from './FlagList.tsx';
import { VoidFlowModal, type VoidFlowStart } from './VoidFlowModal.tsx';
import { VoidList } from './VoidList.tsx';

type Source = TVotingDashboard['topIps'][number];

function SourceTable({ rows, testId }: { rows: Source[]; testId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const columns: TableColumnsType<Source> = [
    {
      title: t('votingDashboard.source'),
      dataIndex: 'key',
      ellipsis: true,
      render: (k: string) => <Typography.Text code>{k}</Typography.Text>,
    },
    {
      title: t('votingDashboard.votes'),
      dataIndex: 'votes',
      width: 90,
      align: 'right',
      render: (n: number) => n.toLocaleString(lang),
    },
    {
      title: t('votingDashboard.voters'),
      dataIndex: 'voters',
      width: 90,
      align: 'right',
      render: (n: number) => n.toLocaleString(lang),
    },
  ];
  return (
    <Table<Source>
      data-testid={testId}
      rowKey="key"
      size="small"
      pagination={false}
      columns={columns}
      dataSource={rows}
      tableLayout="fixed"
    />
  );
}

/**
 * `/organizer/campaigns/:id/voting`: the organizer's voting dashboard (issue 9 item 5) — votes per hour per theme,
 * each entry's weight by voter level, new accounts' share, top sources, the detector's findings, and voiding through
 * plan -> preview -> apply with the list of past voids (revert). Buttons follow the server's abilities.
 */
export function VotingDashboardPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const campaign = useCampaign(id);
  const dashboard = useVotingDashboard(id);
  const [flow, setFlow] = useState<VoidFlowStart | null>(null);
  if (campaign.isPending || dashboard.isPending) return <Spin size="large" style={{ display: 'block', margin: '64px auto' }} />;
  if (campaign.isError) return <PageError error={campaign.error} onRetry={() => void campaign.refetch()} />;
  if (dashboard.isError) return <PageError error={dashboard.error} onRetry={() => void dashboard.refetch()} />;
  const d = dashboard.data;
  const can = d.abilities.void;
  const n = (v: number) => v.toLocaleString(lang);

  return (
    <Flex vertical gap={16} data-testid="voting-dashboard">
      <div>
        {/* A long campaign title wraps on a phone instead of widening the page. */}
        <LinkButton
          to={`/organizer/campaigns/${id}`}
          type="link"
          icon={<ArrowLeftOutlined />}
          style={{ paddingLeft: 0, whiteSpace: 'normal', height: 'auto', textAlign: 'left' }}
        >
          {campaign.data.title}
        </LinkButton>
      </div>
      <Flex align="center" justify="space-between" gap={8} wrap="wrap">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('votingDashboard.title', { campaign: campaign.data.title })}
        </Typography.Title>
        <Flex gap={8} wrap="wrap">
          <Tooltip title={can === true ? null : errorMessage(can, lang)}>
            <Button
              icon={<StopOutlined />}
              danger
              disabled={can !== true}
              onClick={() => setFlow({ mode: 'plan', flagKeys: [] })}
              data-testid="dashboard-plan-by-ids"
            >
              {t('votingDashboard.planByIds')}
            </Button>
          </Tooltip>
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void dashboard.refetch()}
            loading={dashboard.isFetching}
            data-testid="dashboard-refresh"
          >
            {t('votingDashboard.refresh')}
          </Button>
        </Flex>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('votingDashboard.intro')} {t('votingDashboard.generatedAt', { time: formatDateTime(d.generatedAt, lang) })}
      </Typography.Paragraph>

      <Row gutter={[16, 16]} data-testid="dashboard-totals">
        {(['votes', 'weight', 'voters', 'voidedVotes'] as const).map((k) => (
          <Col key={k} xs={12} md={6}>
            <Card size="small">
              <Statistic title={t(`votingDashboard.totals.${k}`)} value={n(d.totals[k])} data-testid={`dashboard-total-${k}`} />
            </Card>
          </Col>
        ))}
      </Row>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card title={t('votingDashboard.hourly')} size="small">
            <HourlyChart dashboard={d} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('votingDashboard.newAccounts')} size="small" data-testid="dashboard-new-accounts">
            <NewAccountsGauge share={d.newAccounts.share} />
            <Typography.Paragraph type="secondary" style={{ margin: 0, textAlign: 'center' }}>
              {t('votingDashboard.newAccountsHint', { votes: n(d.newAccounts.votes), voters: n(d.newAccounts.voters) })}
            </Typography.Paragraph>
          </Card>
        </Col>
      </Row>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t('votingDashboard.byLevel')} size="small">
            <LevelChart dashboard={d} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('votingDashboard.sourceTitle')} size="small" data-testid="dashboard-sources">
            <Tabs
              size="small"
              items={[
                {
                  key: 'ips',
                  label: t('votingDashboard.sources.ips'),
                  children: <SourceTable rows={d.topIps} testId="dashboard-top-ips" />,
                },
                {
                  key: 'subnets',
                  label: t('votingDashboard.sources.subnets'),
                  children: <SourceTable rows={d.topSubnets} testId="dashboard-top-subnets" />,
                },
                {
                  key: 'devices',
                  label: t('votingDashboard.sources.devices'),
                  children: <SourceTable rows={d.topDevices} testId="dashboard-top-devices" />,
                },
              ]}
            />
          </Card>
        </Col>
      </Row>

      <FlagList dashboard={d} onPlan={(flagKeys) => setFlow({ mode: 'plan', flagKeys })} />
      <VoidList campaignId={id} onOpen={(voteVoid) => setFlow({ mode: 'view', voteVoid })} />
      {flow ? <VoidFlowModal campaignId={id} dashboard={d} start={flow} onClose={() => setFlow(null)} /> : null}
    </Flex>
  );
}
