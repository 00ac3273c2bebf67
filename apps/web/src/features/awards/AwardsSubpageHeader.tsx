import { ArrowLeftOutlined } from '@ant-design/icons';
import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LinkButton } from '../../components/LinkButton.tsx';

/**
 * The head of a page under the awards manager (the notice, the certificates): back to the awards, the page's title
 * with its state, the campaign's title under it, and the page's own buttons on the right.
 */
export function AwardsSubpageHeader({
  campaignId,
  title,
  campaignTitle,
  state,
  extra,
}: {
  campaignId: string;
  title: string;
  campaignTitle: string;
  /** The state tag beside the title. */
  state?: ReactNode;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      <LinkButton
        to={`/organizer/campaigns/${campaignId}/awards`}
        type="link"
        icon={<ArrowLeftOutlined />}
        style={{ paddingLeft: 0, alignSelf: 'start' }}
      >
        {t('awards.manager.title')}
      </LinkButton>
      <Flex justify="space-between" align="center" wrap="wrap" gap={8}>
        <div>
          <Flex align="center" gap={8} wrap="wrap">
            <Typography.Title level={3} style={{ margin: 0 }}>
              {title}
            </Typography.Title>
            {state}
          </Flex>
          <Typography.Text type="secondary">{campaignTitle}</Typography.Text>
        </div>
        {extra}
      </Flex>
    </>
  );
}
