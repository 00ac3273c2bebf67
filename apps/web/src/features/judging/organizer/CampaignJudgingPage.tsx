import { ArrowLeftOutlined, TeamOutlined } from '@ant-design/icons';
import { Flex, Spin, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { useCampaign } from '../../../api/campaigns.ts';
import { LinkButton } from '../../../components/LinkButton.tsx';
import { PageError } from '../../organizer/PageError.tsx';
import { PanelTab } from './setup/PanelTab.tsx';
import { RoundsTab } from './setup/RoundsTab.tsx';

const TABS = ['panel', 'rounds'] as const;
type Tab = (typeof TABS)[number];

/**
 * `/organizer/campaigns/:id/judging`: a campaign's judging set-up (issue 10 items 1-2), the panel per theme and the
 * rounds. The tab is in the address (`?tab=rounds`), so a reload or a shared link opens the same one.
 */
export function CampaignJudgingPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const campaign = useCampaign(id);
  const tab: Tab = (TABS as readonly string[]).includes(search.get('tab') ?? '') ? (search.get('tab') as Tab) : 'panel';
  if (campaign.isPending) return <Spin size="large" style={{ display: 'block', margin: '64px auto' }} />;
  if (campaign.isError) return <PageError error={campaign.error} onRetry={() => void campaign.refetch()} />;
  const c = campaign.data;
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap="wrap" gap={8}>
        <LinkButton to={`/organizer/campaigns/${c.id}`} type="link" icon={<ArrowLeftOutlined />} style={{ paddingLeft: 0 }}>
          {t('judgingOrganizer.back')}
        </LinkButton>
        <LinkButton to={`/organizer/${c.organizer.id}/judges`} icon={<TeamOutlined />} data-testid="judging-pool-link">
          {t('judgingOrganizer.poolLink')}
        </LinkButton>
      </Flex>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('judgingOrganizer.campaign.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{c.title}</Typography.Text>
      </div>
      <Tabs
        activeKey={tab}
        onChange={(k) => setSearch(k === 'panel' ? {} : { tab: k }, { replace: true })}
        items={[
          { key: 'panel', label: t('judgingOrganizer.campaign.tabs.panel'), children: <PanelTab campaign={c} /> },
          { key: 'rounds', label: t('judgingOrganizer.campaign.tabs.rounds'), children: <RoundsTab campaign={c} /> },
        ]}
      />
    </Flex>
  );
}
