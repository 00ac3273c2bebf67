import { Alert, Button, Card, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useMyCampaigns } from '../../api/organizer.ts';
import { CreateFromTemplate } from './CreateFromTemplate.tsx';
import { NotOrganizer } from './PageError.tsx';
import { STATUS_COLORS } from './status.ts';

/** `/organizer`: the campaigns this account manages or screens, drafts included. */
export function OrganizerPage() {
  const { t } = useTranslation();
  const mine = useMyCampaigns();
  if (mine.error instanceof ApiError && mine.error.status === 403) return <NotOrganizer />;
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap="wrap" gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('organizer.title')}
        </Typography.Title>
        <CreateFromTemplate />
      </Flex>
      <Typography.Text type="secondary">{t('organizer.intro')}</Typography.Text>
      <Card>
        {mine.isPending ? (
          <Skeleton active />
        ) : mine.isError ? (
          <Alert
            type="error"
            showIcon
            title={mine.error.message}
            action={<Button onClick={() => void mine.refetch()}>{t('common.retry')}</Button>}
          />
        ) : mine.data.items.length === 0 ? (
          // An account in no organizer gets an empty list too: say how one becomes a member.
          <Empty
            description={
              <Flex vertical gap={4}>
                <span>{t('organizer.none')}</span>
                <Typography.Text type="secondary">{t('organizer.notOrganizerHint')}</Typography.Text>
              </Flex>
            }
          />
        ) : (
          <Flex vertical>
            {mine.data.items.map((c) => (
              <Flex
                key={c.id}
                justify="space-between"
                align="center"
                wrap="wrap"
                gap={8}
                style={{ padding: '12px 0', borderBottom: '1px solid var(--ant-color-split, #f0f0f0)' }}
                data-testid={`organizer-campaign-${c.id}`}
              >
                <Flex vertical gap={2} style={{ minWidth: 0 }}>
                  <Flex gap={8} align="center" wrap="wrap">
                    <Link to={`/organizer/campaigns/${c.id}`} style={{ fontWeight: 600 }}>
                      {c.title}
                    </Link>
                    <Tag color={STATUS_COLORS[c.status]}>{t(`organizer.status.${c.status}`)}</Tag>
                  </Flex>
                  <Typography.Text type="secondary">{c.organizer.name}</Typography.Text>
                </Flex>
                <Flex gap={16} wrap="wrap">
                  <Link to={`/organizer/campaigns/${c.id}`}>{t('organizer.settings')}</Link>
                  <Link to={`/organizer/campaigns/${c.id}/form`}>{t('organizer.formEditor')}</Link>
                  <Link to={`/screening/${c.id}`}>{t('organizer.screening')}</Link>
                  <Link to={`/organizer/campaigns/${c.id}/judging`}>{t('judgingOrganizer.link')}</Link>
                  <Link to={`/organizer/${c.organizer.id}/judges`}>{t('judgingOrganizer.poolLink')}</Link>
                  <Link to={`/organizer/campaigns/${c.id}/awards`}>{t('awards.manager.link')}</Link>
                </Flex>
              </Flex>
            ))}
          </Flex>
        )}
      </Card>
    </Flex>
  );
}
