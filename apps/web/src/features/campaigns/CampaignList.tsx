import type { CampaignStage } from '@casearena/contract';
import { Card, Empty, Flex, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type CampaignSummary, useCampaigns } from '../../api/campaigns.ts';
import { shanghaiMinute } from './campaign-time.ts';

const SECTIONS: readonly CampaignStage[] = ['running', 'upcoming', 'finished'];
const STAGE_COLOR: Record<CampaignStage, string> = { running: 'green', upcoming: 'blue', finished: 'default' };

/**
 * The public calls on the home page, in three sections (running, upcoming, finished), each with its current phase
 * and next deadline as the server's clock sees them (issue 8 item 11). Empty upcoming/finished sections are left out.
 */
export function CampaignList() {
  const { t } = useTranslation();
  const { data, isLoading } = useCampaigns();
  const items = data?.items ?? [];
  if (!isLoading && items.length === 0)
    return (
      <Card title={t('campaigns.title')}>
        <Empty description={t('campaigns.none')} />
      </Card>
    );
  return (
    <Flex vertical gap={16} data-testid="campaign-sections">
      {SECTIONS.map((stage) => {
        const list = items.filter((c) => c.stage === stage);
        if (stage !== 'running' && list.length === 0) return null;
        return (
          <Card
            key={stage}
            data-testid={`campaigns-${stage}`}
            title={
              <Typography.Title level={3} style={{ margin: 0, fontSize: 18 }}>
                {t(`campaigns.sections.${stage}`)}
                {isLoading ? '' : `（${list.length}）`}
              </Typography.Title>
            }
          >
            <List
              loading={isLoading}
              locale={{ emptyText: t('campaigns.noneRunning') }}
              dataSource={list}
              renderItem={(c) => <CampaignItem c={c} />}
            />
          </Card>
        );
      })}
    </Flex>
  );
}

function CampaignItem({ c }: { c: CampaignSummary }) {
  const { t } = useTranslation();
  const phase =
    c.stage === 'finished'
      ? t('campaigns.statuses.closed')
      : c.stage === 'upcoming'
        ? c.opensAt && t('campaigns.opensAt', { time: shanghaiMinute(c.opensAt) })
        : c.currentPhaseLabel
          ? t('campaigns.phaseNow', { phase: c.currentPhaseLabel })
          : t('campaigns.betweenPhases');
  return (
    <List.Item
      data-testid={`campaign-item-${c.id}`}
      actions={[
        <Link key="v" to={`/campaigns/${c.id}`} aria-label={`${t('campaigns.view')}：${c.title}`}>
          {t('campaigns.view')}
        </Link>,
      ]}
    >
      <List.Item.Meta
        title={<Link to={`/campaigns/${c.id}`}>{c.title}</Link>}
        description={
          <Flex vertical gap={4}>
            <Typography.Text type="secondary">
              {t('campaigns.organizer')}：{c.organizer.name}
            </Typography.Text>
            <Flex gap={8} wrap="wrap" align="center">
              {phase ? <Tag color={STAGE_COLOR[c.stage]}>{phase}</Tag> : null}
              {c.nextDeadline ? (
                <Typography.Text strong data-testid={`campaign-deadline-${c.id}`}>
                  {t('campaigns.deadline', { label: c.nextDeadline.label, time: shanghaiMinute(c.nextDeadline.at) })}
                </Typography.Text>
              ) : null}
            </Flex>
          </Flex>
        }
      />
    </List.Item>
  );
}
