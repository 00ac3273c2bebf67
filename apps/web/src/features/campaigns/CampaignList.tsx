import { Card, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCampaigns } from '../../api/campaigns.ts';

/** The public calls, for the home page. */
export function CampaignList() {
  const { t } = useTranslation();
  const { data, isLoading } = useCampaigns();
  return (
    <Card title={t('campaigns.title')}>
      <List
        loading={isLoading}
        locale={{ emptyText: t('campaigns.none') }}
        dataSource={data?.items ?? []}
        renderItem={(c) => (
          <List.Item
            actions={[
              <Link key="v" to={`/campaigns/${c.id}`}>
                {t('campaigns.view')}
              </Link>,
            ]}
          >
            <List.Item.Meta
              title={<Link to={`/campaigns/${c.id}`}>{c.title}</Link>}
              description={
                <Typography.Text type="secondary">
                  {t('campaigns.organizer')}：{c.organizer.name}{' '}
                  <Tag color={c.status === 'published' ? 'blue' : 'default'}>{t(`campaigns.statuses.${c.status}`)}</Tag>
                </Typography.Text>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
