import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import type { TStageList, TStageState } from '@casearena/contract';
import { Button, Card, Empty, Flex, Grid, Spin, Table, Tag, Typography } from 'antd';
import { type HTMLAttributes, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useCampaign } from '../../api/campaigns.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { PageError } from '../organizer/PageError.tsx';
import { CreateStageDialog } from './CreateStageDialog.tsx';
import { useStageList } from './stage-api.ts';
import { STATE_COLORS, StageOpen } from './stage-links.tsx';

type Summary = TStageList['stages'][number];

/**
 * `/campaigns/:campaignId/stages`: a campaign's live-final stages (issue 11). The organizer's managers create one
 * from a frozen round and open its console or big screen; a stage's judges open their phone page.
 */
export function StagesPage() {
  const { campaignId = '' } = useParams();
  const { t } = useTranslation();
  const wide = Grid.useBreakpoint().md === true;
  const list = useStageList(campaignId);
  const campaign = useCampaign(campaignId);
  const [creating, setCreating] = useState(false);
  if (list.isPending) return <Spin size="large" style={{ display: 'block', margin: '64px auto' }} />;
  if (list.isError) return <PageError error={list.error} onRetry={() => void list.refetch()} />;
  const { stages, canCreate } = list.data;
  return (
    <Flex vertical gap={12} data-testid="stage-list-page">
      {canCreate ? (
        <LinkButton
          to={`/organizer/campaigns/${campaignId}`}
          type="link"
          icon={<ArrowLeftOutlined />}
          style={{ paddingLeft: 0, alignSelf: 'start' }}
        >
          {campaign.data?.title ?? ''}
        </LinkButton>
      ) : null}
      <Flex justify="space-between" align="center" wrap="wrap" gap={8}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('stage.list.title')}
          </Typography.Title>
          {campaign.data ? <Typography.Text type="secondary">{campaign.data.title}</Typography.Text> : null}
        </div>
        {canCreate && campaign.data ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="stage-create">
            {t('stage.list.create')}
          </Button>
        ) : null}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('stage.list.intro')}
      </Typography.Paragraph>
      {stages.length === 0 ? (
        <Card>
          <Empty description={t('stage.list.empty')} />
        </Card>
      ) : wide ? (
        <Table<Summary>
          rowKey="id"
          pagination={false}
          dataSource={stages}
          data-testid="stage-list"
          onRow={(s) => ({ 'data-testid': `stage-row-${s.id}` }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('stage.list.columns.label'), dataIndex: 'label' },
            { title: t('stage.list.columns.theme'), dataIndex: 'themeLabel' },
            {
              title: t('stage.list.columns.state'),
              dataIndex: 'state',
              render: (s: TStageState) => <Tag color={STATE_COLORS[s]}>{t(`stage.states.${s}`)}</Tag>,
            },
            { title: t('stage.list.columns.finalists'), dataIndex: 'finalists', width: 100 },
            { title: t('stage.list.columns.judges'), dataIndex: 'judges', width: 80 },
            { title: t('stage.list.columns.open'), key: 'open', render: (_, s) => <StageOpen stage={s} /> },
          ]}
        />
      ) : (
        <Flex vertical gap={8} data-testid="stage-list">
          {stages.map((s) => (
            <Card key={s.id} size="small" data-testid={`stage-row-${s.id}`}>
              <Flex vertical gap={6}>
                <Flex justify="space-between" gap={8}>
                  <Typography.Text strong>{s.label}</Typography.Text>
                  <Tag color={STATE_COLORS[s.state]}>{t(`stage.states.${s.state}`)}</Tag>
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {s.themeLabel} · {t('stage.list.columns.finalists')} {s.finalists} · {t('stage.list.columns.judges')} {s.judges}
                </Typography.Text>
                <StageOpen stage={s} />
              </Flex>
            </Card>
          ))}
        </Flex>
      )}
      {campaign.data && canCreate ? (
        <CreateStageDialog campaign={campaign.data} open={creating} onClose={() => setCreating(false)} />
      ) : null}
    </Flex>
  );
}
