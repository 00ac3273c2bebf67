import { Card, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCampaigns } from '../../api/campaigns.ts';

/** /screening — which call's queue to open (a screener usually works one call at a time). */
export function ScreeningIndexPage() {
  const { t } = useTranslation();
  const { data, isLoading } = useCampaigns();
  return (
    <Card title={t('screening.pickCampaign')}>
      <Typography.Paragraph type="secondary">{t('screening.pickIntro')}</Typography.Paragraph>
      <List
        loading={isLoading}
        dataSource={data?.items ?? []}
        renderItem={(c) => (
          <List.Item>
            <List.Item.Meta
              title={
                <Link to={`/screening/${c.id}`} data-testid={`screening-campaign-${c.id}`}>
                  {c.title}
                </Link>
              }
              description={
                <Typography.Text type="secondary">
                  {c.organizer.name} <Tag>{t(`campaigns.statuses.${c.status}`)}</Tag>
                </Typography.Text>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
