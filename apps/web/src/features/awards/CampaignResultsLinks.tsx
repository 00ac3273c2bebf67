import { FileTextOutlined, TrophyOutlined } from '@ant-design/icons';
import type { TCampaign } from '@casearena/contract';
import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LinkButton } from '../../components/LinkButton.tsx';
import { shanghaiMinute } from '../campaigns/campaign-time.ts';
import { usePublicNotice } from '../notice/notice-api.ts';
import { NOTICE_STATE_COLORS } from '../notice/notice-states.ts';
import { useHonours } from './awards-api.ts';

const path = (campaignId: string, page: 'notice' | 'honours') => `/campaigns/${encodeURIComponent(campaignId)}/${page}`;

/**
 * A campaign page's links to its public notice (公示) and honour list (榜单), each shown only once the server serves
 * it: the notice once published (its public view is NOT_FOUND before, and its organizer's draft is not public), the
 * honour list once the awards are frozen (NOT_FOUND before). Nothing is asked before the call opens.
 */
export function CampaignResultsLinks({ campaign }: { campaign: TCampaign }) {
  const { t } = useTranslation();
  const asked = campaign.stage === 'upcoming' ? '' : campaign.id;
  const notice = usePublicNotice(asked);
  const honours = useHonours(asked);
  const n = notice.data && notice.data.state !== 'draft' ? notice.data : null;
  const listed = honours.isSuccess;
  if (!n && !listed) return null;
  const hint = !n
    ? null
    : n.state === 'open' && n.endsAt
      ? t('awards.results.objectUntil', { at: shanghaiMinute(n.endsAt) })
      : n.state === 'ended'
        ? t('awards.results.ended')
        : n.state === 'final'
          ? t('awards.results.final')
          : null;
  return (
    <Flex vertical gap={8} style={{ marginTop: 16 }} data-testid="campaign-results">
      <Typography.Text strong>{t('awards.results.title')}</Typography.Text>
      <Flex gap={12} align="center" wrap="wrap">
        {n ? (
          <LinkButton
            to={path(campaign.id, 'notice')}
            type="primary"
            size="large"
            icon={<FileTextOutlined />}
            data-testid="campaign-notice-link"
          >
            {t('awards.results.notice')}
          </LinkButton>
        ) : null}
        {listed ? (
          <LinkButton
            to={path(campaign.id, 'honours')}
            size="large"
            icon={<TrophyOutlined />}
            data-testid="campaign-honours-link"
          >
            {t('awards.results.honours')}
          </LinkButton>
        ) : null}
      </Flex>
      {n ? (
        <Typography.Text type="secondary" data-testid="campaign-notice-hint">
          <Tag color={NOTICE_STATE_COLORS[n.state]} data-state={n.state}>
            {t(`notice.states.${n.state}`)}
          </Tag>
          {hint}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}
