import { Card, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMyCampaigns } from '../../api/organizer.ts';

/** /screening — which of the calls the user works on to open (a screener usually works one call at a time). */
export function ScreeningIndexPage() {
  const { t } = useTranslation();
  const { data, isLoading } = useMyCampaigns();
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
