import { OUTBOX_STATUSES, type OutboxStatus, type TOutboxMessage } from '@casearena/contract';
import { Alert, App, Button, Card, Flex, Segmented, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOutbox, useRetryMessage } from './api.ts';

type Filter = OutboxStatus | 'all';

const COLOR = { pending: 'blue', sending: 'processing', sent: 'green', failed: 'red' } as const satisfies Record<
  OutboxStatus,
  string
>;

const when = (iso: string | null, locale: string) =>
  iso ? new Date(iso).toLocaleString(locale, { timeZone: 'Asia/Shanghai', hour12: false }) : '—';

/**
 * Platform staff watch mail and SMS delivery: counts per status, the newest messages of one status, and a retry for
 * a failed one. Bodies are never shown (they may hold one-time codes).
 */
export function AdminOutboxPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<Filter>('failed');
  const list = useOutbox(filter === 'all' ? undefined : filter);
  const retry = useRetryMessage();
  const counts = list.data?.counts;

  const onRetry = (m: TOutboxMessage) =>
    retry.mutate(m.id, {
      onSuccess: () => void message.success(t('outbox.retried')),
      onError: (err) => void message.error(err.message),
    });

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
        {t('outbox.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('outbox.intro')}
      </Typography.Paragraph>
      <Card>
        <Flex vertical gap={16}>
          <div style={{ overflowX: 'auto' }}>
            <Segmented<Filter>
              value={filter}
              onChange={setFilter}
              options={[
                ...OUTBOX_STATUSES.map((s) => ({
                  value: s,
                  label: `${t(`outbox.statuses.${s}`)}${counts ? ` (${counts[s]})` : ''}`,
                })),
                { value: 'all' as const, label: t('outbox.all') },
              ]}
              data-testid="outbox-status-filter"
            />
          </div>
          {list.error ? <Alert type="error" showIcon title={list.error.message} /> : null}
          <Table<TOutboxMessage>
            rowKey="id"
            size="small"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            pagination={false}
            scroll={{ x: 900 }}
            locale={{ emptyText: t('outbox.none') }}
            columns={[
              {
                key: 'status',
                title: t('outbox.status'),
                width: 110,
                render: (_, m) => <Tag color={COLOR[m.status]}>{t(`outbox.statuses.${m.status}`)}</Tag>,
              },
              {
                key: 'to',
                title: t('outbox.recipient'),
                width: 220,
                render: (_, m) => `${t(`outbox.channels.${m.channel}`)} · ${m.recipient}`,
              },
              { key: 'subject', title: t('outbox.subject'), render: (_, m) => m.subject },
              { key: 'attempts', title: t('outbox.attempts'), width: 90, render: (_, m) => m.attempts },
              {
                key: 'time',
                title: t('outbox.time'),
                width: 200,
                render: (_, m) =>
                  m.status === 'sent'
                    ? `${t('outbox.sentAt')} ${when(m.sentAt, i18n.language)}`
                    : m.status === 'pending'
                      ? `${t('outbox.nextAttempt')} ${when(m.nextAttemptAt, i18n.language)}`
                      : when(m.createdAt, i18n.language),
              },
              {
                key: 'error',
                title: t('outbox.lastError'),
                width: 220,
                render: (_, m) => (m.lastError ? <Typography.Text type="danger">{m.lastError}</Typography.Text> : '—'),
              },
              {
                key: 'actions',
                title: t('outbox.actions'),
                width: 110,
                render: (_, m) =>
                  m.status === 'failed' || m.status === 'pending' ? (
                    <Button
                      size="small"
                      onClick={() => onRetry(m)}
                      loading={retry.isPending && retry.variables === m.id}
                      data-testid={`outbox-retry-${m.id}`}
                    >
                      {t('outbox.retry')}
                    </Button>
                  ) : null,
              },
            ]}
          />
        </Flex>
      </Card>
    </Flex>
  );
}
