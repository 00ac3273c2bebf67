import { LikeOutlined } from '@ant-design/icons';
import type { TCampaign } from '@casearena/contract';
import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LinkButton } from '../../components/LinkButton.tsx';
import { hasVoting, votePagePath } from './voting-campaign.ts';

/** "网络投票" on a campaign's page, when one of its phases carries canVote. */
export function PublicVotingLink({ campaign }: { campaign: TCampaign }) {
  const { t } = useTranslation();
  if (!hasVoting(campaign)) return null;
  return (
    <Flex gap={12} align="center" wrap="wrap" style={{ marginTop: 16 }}>
      <LinkButton
        to={votePagePath(campaign.id)}
        type="primary"
        size="large"
        icon={<LikeOutlined />}
        data-testid="public-voting-link"
      >
        {t('voting.publicVoting')}
      </LinkButton>
      <Typography.Text type="secondary">{t('voting.publicVotingHint')}</Typography.Text>
    </Flex>
  );
}
