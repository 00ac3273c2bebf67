import { ArrowLeftOutlined, DesktopOutlined } from '@ant-design/icons';
import type { TStageHostView } from '@casearena/contract';
import { Alert, Badge, Button, Card, Col, Flex, Row, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { LinkButton } from '../../components/LinkButton.tsx';
import { PageError } from '../organizer/PageError.tsx';
import { DrawCard } from './host/DrawCard.tsx';
import { HostActions } from './host/HostActions.tsx';
import { JudgeProgress } from './host/JudgeProgress.tsx';
import { StandingsCard } from './host/StandingsCard.tsx';
import { ClockText, useClockReading } from './StageClock.tsx';
import { refetchStage, useStageHost } from './stage-api.ts';
import { STAGE_POLL_MS, useStageStream } from './use-stage-stream.ts';

const CLOCK_COLORS = { normal: '#141414', warn: '#d46b08', over: '#cf1322' };

function CurrentCard({ view, receivedAt }: { view: TStageHostView; receivedAt: number }) {
  const { t } = useTranslation();
  const reading = useClockReading(view.clock, receivedAt);
  const c = view.current;
  const total = view.finalists.length;
  const phase = view.state === 'presenting' ? t('stage.host.clockPresent') : view.state === 'qa' ? t('stage.host.clockQa') : null;
  return (
    <Card title={t('stage.host.current')}>
      <Flex vertical gap={12}>
        {c ? (
          <Flex vertical gap={2}>
            <Typography.Text type="secondary">
              {c.position !== null ? t('stage.host.position', { n: c.position, total }) : null}
            </Typography.Text>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="stage-current-title">
              {c.title}
            </Typography.Title>
            <Typography.Text type="secondary">
              {c.entryNumber ? `${c.entryNumber} · ` : ''}
              {c.organization}
            </Typography.Text>
          </Flex>
        ) : (
          <Typography.Text type="secondary">
            {view.state === 'finished' || view.state === 'frozen' ? t('stage.host.over') : t('stage.host.noCurrent')}
          </Typography.Text>
        )}
        <Flex align="baseline" gap={16} wrap="wrap">
          {reading ? (
            <>
              <Typography.Text strong>{phase}</Typography.Text>
              <ClockText reading={reading} testId="stage-clock" colors={CLOCK_COLORS} style={{ fontSize: 56, lineHeight: 1 }} />
              {reading.paused ? <Tag color="orange">{t('stage.host.paused')}</Tag> : null}
              {reading.overtime ? <Tag color="red">{t('stage.host.overtime')}</Tag> : null}
            </>
          ) : (
            <Typography.Text type="secondary">{t('stage.host.clockNone')}</Typography.Text>
          )}
        </Flex>
        <HostActions view={view} />
      </Flex>
    </Card>
  );
}

/**
 * `/stages/:stageId/host`: the host's console (issue 11 item 2). The view comes from GET /api/stages/:id (abilities
 * included); the public stream's `screen` event says something changed (a judge scored, another console stepped),
 * so the view is read again; while the stream is down the page polls.
 */
export function HostConsolePage() {
  const { stageId = '' } = useParams();
  const { t } = useTranslation();
  const stream = useStageStream(
    stageId,
    () => void refetchStage(stageId),
    () => void refetchStage(stageId),
  );
  const host = useStageHost(stageId, stream.live ? false : STAGE_POLL_MS);
  if (host.isPending) return <Spin size="large" style={{ display: 'block', margin: '64px auto' }} />;
  if (host.isError) return <PageError error={host.error} onRetry={() => void host.refetch()} />;
  const view = host.data;
  return (
    <Flex vertical gap={16} data-testid="stage-console">
      <Flex justify="space-between" align="center" wrap="wrap" gap={8}>
        <LinkButton
          to={`/campaigns/${view.campaignId}/stages`}
          type="link"
          icon={<ArrowLeftOutlined />}
          style={{ paddingLeft: 0 }}
        >
          {t('stage.back')}
        </LinkButton>
        <Flex gap={8} align="center">
          <Badge status={stream.live ? 'success' : 'warning'} text={stream.live ? t('stage.live') : t('stage.offline')} />
          <Button icon={<DesktopOutlined />} href={`/stages/${view.id}/screen`} target="_blank" data-testid="stage-open-screen">
            {t('stage.list.screen')}
          </Button>
        </Flex>
      </Flex>
      <Flex justify="space-between" align="center" wrap="wrap" gap={8}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {view.label}
          </Typography.Title>
          <Typography.Text type="secondary">
            {view.themeLabel} · {t('stage.host.title')} · {t(`stage.method.${view.method}`)}
          </Typography.Text>
        </div>
        <Flex gap={8} align="center">
          <Tag color="blue" style={{ fontSize: 16, padding: '4px 12px' }}>
            {t(`stage.states.${view.state}`)}
          </Tag>
          <Typography.Text code data-testid="stage-state">
            {view.state}
          </Typography.Text>
        </Flex>
      </Flex>
      {!stream.live ? <Alert type="warning" showIcon title={t('stage.offline')} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Flex vertical gap={16}>
            <CurrentCard view={view} receivedAt={host.dataUpdatedAt} />
            <StandingsCard view={view} />
          </Flex>
        </Col>
        <Col xs={24} lg={10}>
          <Flex vertical gap={16}>
            <JudgeProgress view={view} />
            <DrawCard view={view} />
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}
