import { EyeOutlined } from '@ant-design/icons';
import type { TObjection } from '@casearena/contract';
import { Alert, App, Button, Card, Col, Empty, Flex, Row, Spin, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useCampaign } from '../../api/campaigns.ts';
import { applyApiError } from '../../components/api-error.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { useLang } from '../../i18n/index.ts';
import { AwardsSubpageHeader } from '../awards/AwardsSubpageHeader.tsx';
import { shanghaiMinute } from '../campaigns/campaign-time.ts';
import { PageError } from '../organizer/PageError.tsx';
import { NoticeSettingsForm } from './NoticeSettingsForm.tsx';
import { useCampaignObjections, useNoticeAction, useNoticeManager } from './notice-api.ts';
import { NOTICE_STATE_COLORS, OBJECTION_STATE_COLORS } from './notice-states.ts';
import { noticeRefusalText } from './notice-text.ts';

/**
 * `/organizer/campaigns/:id/notice`: the public notice (公示, S3-7) as its organizer runs it: the period and the
 * contact while draft, publish (once the awards are frozen), the objections with the objectors' identities, and
 * finalize once the period has ended and every objection is closed (the awards become final).
 */
export function NoticeManagerPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const { message, modal } = App.useApp();
  const campaign = useCampaign(id);
  const notice = useNoticeManager(id);
  const objections = useCampaignObjections(id);
  const action = useNoticeAction(id);
  if (notice.isPending) return <Spin size="large" style={{ display: 'block', margin: '64px auto' }} />;
  if (notice.isError) return <PageError error={notice.error} onRetry={() => void notice.refetch()} />;
  const n = notice.data;
  const run = (name: 'publish' | 'finalize') =>
    action.mutate(
      { action: name, version: n.version },
      {
        onSuccess: () => void message.success(t(`notice.manager.${name}Done`)),
        onError: (err) => void message.error(applyApiError(null, err)),
      },
    );
  return (
    <Flex vertical gap={16} data-testid="notice-manager">
      <AwardsSubpageHeader
        campaignId={id}
        title={t('notice.manager.title')}
        campaignTitle={campaign.data?.title ?? n.campaignTitle}
        state={
          <Tag color={NOTICE_STATE_COLORS[n.state]} data-testid="notice-manager-state" data-state={n.state}>
            {t(`notice.states.${n.state}`)}
          </Tag>
        }
        extra={
          <Button href={`/campaigns/${id}/notice`} target="_blank" icon={<EyeOutlined />}>
            {t('notice.manager.publicPage')}
          </Button>
        }
      />
      {n.startsAt && n.endsAt ? (
        <Alert
          type={n.state === 'final' ? 'success' : 'info'}
          showIcon
          data-testid="notice-manager-period"
          title={t('notice.public.periodValue', { start: shanghaiMinute(n.startsAt), end: shanghaiMinute(n.endsAt) })}
          description={t('notice.public.objectionCounts', { open: n.openObjections, closed: n.closedObjections })}
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('notice.manager.settings')}>
            <NoticeSettingsForm key={`${n.version}-${n.state}`} notice={n} />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('notice.manager.steps')}>
            <Flex vertical gap={12}>
              {n.state === 'draft' ? (
                <Flex vertical gap={4}>
                  <Button
                    type="primary"
                    disabled={n.abilities.publish !== true}
                    loading={action.isPending && action.variables?.action === 'publish'}
                    data-testid="notice-publish"
                    style={{ alignSelf: 'start' }}
                    onClick={() =>
                      modal.confirm({
                        title: t('notice.manager.publishConfirm'),
                        content: t('notice.manager.publishHint', {
                          days: n.days,
                          kind: t(`notice.dayKinds.${n.dayKind}`, { days: n.days }),
                        }),
                        okText: t('notice.manager.publish'),
                        onOk: () => run('publish'),
                      })
                    }
                  >
                    {t('notice.manager.publish')}
                  </Button>
                  {n.abilities.publish !== true ? (
                    <Typography.Text
                      type="secondary"
                      style={{ fontSize: 13 }}
                      data-testid="notice-publish-refusal"
                      data-code={n.abilities.publish}
                    >
                      {noticeRefusalText(n.abilities.publish, n, lang)}
                    </Typography.Text>
                  ) : null}
                </Flex>
              ) : null}
              {n.state === 'final' ? (
                <Flex vertical gap={8} align="start" data-testid="notice-manager-final">
                  <Typography.Text type="success">{t('notice.manager.isFinal')}</Typography.Text>
                  <LinkButton to={`/organizer/campaigns/${id}/certificates`} type="primary">
                    {t('certificates.manager.link')}
                  </LinkButton>
                </Flex>
              ) : null}
              {n.state === 'open' || n.state === 'ended' ? (
                <Flex vertical gap={4}>
                  <Button
                    type={n.abilities.finalize === true ? 'primary' : 'default'}
                    disabled={n.abilities.finalize !== true}
                    loading={action.isPending && action.variables?.action === 'finalize'}
                    data-testid="notice-finalize"
                    style={{ alignSelf: 'start' }}
                    onClick={() =>
                      modal.confirm({
                        title: t('notice.manager.finalizeConfirm'),
                        content: t('notice.manager.finalizeHint'),
                        okText: t('notice.manager.finalize'),
                        onOk: () => run('finalize'),
                      })
                    }
                  >
                    {t('notice.manager.finalize')}
                  </Button>
                  {n.abilities.finalize !== true ? (
                    <Typography.Text
                      type="secondary"
                      style={{ fontSize: 13 }}
                      data-testid="notice-finalize-refusal"
                      data-code={n.abilities.finalize}
                    >
                      {noticeRefusalText(n.abilities.finalize, n, lang)}
                    </Typography.Text>
                  ) : null}
                </Flex>
              ) : null}
            </Flex>
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('notice.manager.objections')}>
        {objections.isError ? (
          <Alert type="error" showIcon title={objections.error.message} />
        ) : (objections.data?.objections.length ?? 0) === 0 && !objections.isPending ? (
          <Empty description={t('notice.manager.noObjections')} />
        ) : (
          <Table<TObjection>
            rowKey="id"
            size="small"
            loading={objections.isPending}
            pagination={false}
            scroll={{ x: 720 }}
            dataSource={objections.data?.objections ?? []}
            data-testid="notice-objections"
            onRow={(o) => ({ 'data-testid': `notice-objection-${o.id}` }) as HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('notice.manager.filedAt'), key: 'at', render: (_, o) => shanghaiMinute(o.createdAt), width: 140 },
              { title: t('notice.manager.entry'), key: 'entry', render: (_, o) => `${o.entryNumber ?? ''} ${o.entryTitle}` },
              { title: t('notice.manager.objector'), key: 'who', render: (_, o) => `${o.realName} · ${o.phone}` },
              {
                title: t('notice.manager.state'),
                key: 'state',
                render: (_, o) => <Tag color={OBJECTION_STATE_COLORS[o.state]}>{t(`notice.objectionStates.${o.state}`)}</Tag>,
                width: 100,
              },
              {
                title: '',
                key: 'open',
                width: 80,
                render: (_, o) => (
                  <Link to={`/objections/${o.id}`} data-testid={`notice-objection-open-${o.id}`}>
                    {t('notice.manager.handle')}
                  </Link>
                ),
              },
            ]}
          />
        )}
      </Card>
    </Flex>
  );
}
