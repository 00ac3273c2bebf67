import { ArrowLeftOutlined, PhoneOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Flex, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useMe } from '../../api/me.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { useLang } from '../../i18n/index.ts';
import { AwardsByTheme } from '../awards/AwardsByTheme.tsx';
import { shanghaiMinute } from '../campaigns/campaign-time.ts';
import { MyObjections } from './MyObjections.tsx';
import { usePublicNotice } from './notice-api.ts';
import { NOTICE_STATE_COLORS } from './notice-states.ts';
import { noticeRefusalText } from './notice-text.ts';
import { ObjectionForm } from './ObjectionForm.tsx';

/**
 * `/campaigns/:campaignId/notice`: the public notice (公示, S3-7), phone first. The period in Beijing time, the
 * organizer's contact, the awards by theme, how many objections were filed; a signed-in visitor files an objection
 * under a real name while the period runs and follows their own objections. Objectors are never shown here.
 */
export function NoticePage() {
  const { campaignId = '' } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const location = useLocation();
  const me = useMe();
  const notice = usePublicNotice(campaignId);
  const [filing, setFiling] = useState(false);
  if (notice.isPending) return <Spin size="large" style={{ display: 'block', margin: '64px auto' }} />;
  if (notice.isError)
    return notice.error instanceof ApiError && notice.error.status === 404 ? (
      <Empty description={t('notice.public.none')} data-testid="notice-none" />
    ) : (
      <Alert type="error" showIcon title={notice.error.message} />
    );
  const n = notice.data;
  const object = n.abilities.object;
  const signedIn = Boolean(me.data);
  return (
    <Flex vertical gap={12} style={{ maxWidth: 920, width: '100%', margin: '0 auto' }} data-testid="notice-page">
      <Link to={`/campaigns/${encodeURIComponent(n.campaignId)}`}>
        <ArrowLeftOutlined /> {t('notice.public.back')}
      </Link>
      <div>
        <Flex align="center" gap={8} wrap="wrap">
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('notice.public.title')}
          </Typography.Title>
          <Tag color={NOTICE_STATE_COLORS[n.state]} data-testid="notice-state" data-state={n.state}>
            {t(`notice.states.${n.state}`)}
          </Tag>
        </Flex>
        <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
          {n.campaignTitle}
        </Typography.Text>
      </div>
      {n.state === 'final' ? <Alert type="success" showIcon title={t('notice.public.final')} data-testid="notice-final" /> : null}
      <Card size="small">
        <Descriptions
          column={1}
          size="small"
          items={[
            {
              key: 'period',
              label: t('notice.public.period'),
              children: (
                <span data-testid="notice-period">
                  {n.startsAt && n.endsAt
                    ? t('notice.public.periodValue', { start: shanghaiMinute(n.startsAt), end: shanghaiMinute(n.endsAt) })
                    : t('notice.public.notStarted')}
                </span>
              ),
            },
            {
              key: 'days',
              label: t('notice.public.days'),
              children: t(`notice.dayKinds.${n.dayKind}`, { days: n.days }),
            },
            {
              key: 'ends',
              label: t('notice.public.endsAt'),
              children: (
                <Typography.Text strong data-testid="notice-ends-at">
                  {n.endsAt ? t('notice.public.beijing', { at: shanghaiMinute(n.endsAt) }) : '—'}
                </Typography.Text>
              ),
            },
            {
              key: 'contact',
              label: t('notice.public.contact'),
              children: (
                <span data-testid="notice-contact" style={{ overflowWrap: 'anywhere' }}>
                  {n.contactName} <PhoneOutlined /> <a href={`tel:${n.contactPhone}`}>{n.contactPhone}</a>
                  {n.contactEmail ? (
                    <>
                      {' · '}
                      <a href={`mailto:${n.contactEmail}`}>{n.contactEmail}</a>
                    </>
                  ) : null}
                </span>
              ),
            },
            {
              key: 'objections',
              label: t('notice.public.objections'),
              children: (
                <span data-testid="notice-objection-counts">
                  {t('notice.public.objectionCounts', { open: n.openObjections, closed: n.closedObjections })}
                </span>
              ),
            },
          ]}
        />
        {n.body ? (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '8px 0 0' }} data-testid="notice-body">
            {n.body}
          </Typography.Paragraph>
        ) : null}
      </Card>
      <Flex vertical gap={8}>
        {object === true ? (
          filing ? null : (
            <Button type="primary" size="large" block onClick={() => setFiling(true)} data-testid="notice-object">
              {t('notice.public.object')}
            </Button>
          )
        ) : object === 'UNAUTHENTICATED' ? (
          <Alert
            type="info"
            showIcon
            data-testid="notice-object-refusal"
            data-code={object}
            title={t('notice.public.signInToObject')}
            action={
              <LinkButton to={`/login?next=${encodeURIComponent(location.pathname)}`} type="primary" size="small">
                {t('nav.login')}
              </LinkButton>
            }
          />
        ) : (
          <Alert
            type={n.state === 'final' ? 'success' : 'warning'}
            showIcon
            data-testid="notice-object-refusal"
            data-code={object}
            title={noticeRefusalText(object, n, lang)}
          />
        )}
        {filing && object === true ? <ObjectionForm notice={n} onDone={() => setFiling(false)} /> : null}
      </Flex>
      {signedIn ? <MyObjections campaignId={n.campaignId} /> : null}
      <AwardsByTheme themes={n.themes} testId={{ prefix: 'notice', row: (_, __, a) => `notice-award-${a.awardId}` }} />
      <Link to={`/campaigns/${encodeURIComponent(n.campaignId)}/honours`} data-testid="notice-honours-link">
        {t('notice.public.honours')}
      </Link>
    </Flex>
  );
}
