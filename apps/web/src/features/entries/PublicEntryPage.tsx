import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Card, Descriptions, Flex, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { usePublicEntry } from '../../api/entries.ts';
import { VoteCard } from '../voting/VoteCard.tsx';

/** A passed entry as the public sees it (S0-8): number, title, hospital, theme and summary. */
export function PublicEntryPage() {
  const { id = '', campaignId: fromPath } = useParams();
  const [search] = useSearchParams();
  const campaignId = fromPath ?? search.get('campaign');
  const { t } = useTranslation();
  const entry = usePublicEntry(id);
  const back = campaignId ? (
    <Link to={`/campaigns/${encodeURIComponent(campaignId)}`}>
      <ArrowLeftOutlined /> {t('publicEntry.backToCampaign')}
    </Link>
  ) : null;
  if (entry.isPending) return <Skeleton active style={{ marginTop: 24 }} />;
  if (entry.isError)
    return (
      <Flex vertical gap={16}>
        {back}
        <Alert type="warning" showIcon title={t('publicEntry.notFound')} description={entry.error.message} />
      </Flex>
    );
  const e = entry.data;
  return (
    <Flex vertical gap={16} style={{ maxWidth: 920, width: '100%', margin: '0 auto' }}>
      {back}
      <Card>
        <Flex vertical gap={12}>
          <div>
            <Tag color="blue" data-testid="public-entry-number">
              {e.number}
            </Tag>
          </div>
          <Typography.Title level={3} style={{ margin: 0, overflowWrap: 'anywhere' }} data-testid="public-entry-title">
            {e.title}
          </Typography.Title>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('entries.hospital')}>{e.organization}</Descriptions.Item>
            <Descriptions.Item label={t('entries.theme')}>
              {e.theme.code} {e.theme.title}
            </Descriptions.Item>
          </Descriptions>
          <VoteCard entryId={e.id} compact />
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('entries.summary')}
          </Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{e.summary || '—'}</Typography.Paragraph>
        </Flex>
      </Card>
    </Flex>
  );
}
