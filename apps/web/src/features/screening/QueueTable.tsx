import { Button, Empty, Flex, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { TQueueItem } from '../../api/entries.ts';
import { formatDateTime } from '../../components/format.ts';
import { useLang } from '../../i18n/index.ts';
import { DecisionResult } from './DecisionResult.tsx';
import type { QueueViewProps } from './queue-view.ts';
import { SlaClock } from './SlaClock.tsx';

/** The queue on a desk: selectable rows for bulk decisions; a narrow window scrolls the table, never the page. */
export function QueueTable({ items, loading, decided, now, selected, onSelect, onRead }: QueueViewProps) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Table<TQueueItem>
      rowKey="id"
      size="middle"
      dataSource={items}
      loading={loading}
      // No horizontal scroll: with it antd renders a hidden measuring row holding a second, focusable select-all
      // checkbox (axe: aria-hidden-focus). The table is shown from 1280 px only, where the columns fit.
      pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
      locale={{ emptyText: <Empty description={decided ? t('screening.emptyTab') : t('screening.empty')} /> }}
      rowSelection={
        decided
          ? undefined
          : {
              selectedRowKeys: selected,
              onChange: (keys) => onSelect(keys.map(String)),
              getCheckboxProps: (e) => ({ 'aria-label': e.title }),
            }
      }
      onRow={(e) => ({ 'data-testid': `queue-row-${e.id}` }) as HTMLAttributes<HTMLElement>}
      columns={[
        {
          key: 'number',
          title: t('screening.number'),
          width: 140,
          render: (_, e) => <span style={{ whiteSpace: 'nowrap' }}>{e.number ?? '—'}</span>,
        },
        {
          key: 'title',
          title: t('screening.caseTitle'),
          width: 220,
          render: (_, e) => (
            <Flex vertical gap={2} align="start">
              <Typography.Link onClick={() => onRead(e)} data-testid={`queue-read-${e.id}`}>
                {e.title}
              </Typography.Link>
              {e.resubmission ? (
                <Tag color="purple" data-testid={`queue-resubmission-${e.id}`}>
                  {t('screening.resubmission')}
                </Tag>
              ) : null}
            </Flex>
          ),
        },
        { key: 'org', title: t('screening.hospital'), width: 150, render: (_, e) => e.organization.name },
        {
          key: 'theme',
          title: t('screening.theme'),
          width: 140,
          render: (_, e) => (
            <Typography.Text ellipsis={{ tooltip: e.theme.title }} style={{ maxWidth: 120 }}>
              {e.theme.code} {e.theme.title}
            </Typography.Text>
          ),
        },
        {
          key: 'submittedAt',
          title: t('screening.submittedAt'),
          width: 140,
          render: (_, e) => formatDateTime(e.submittedAt, lang),
        },
        decided
          ? {
              key: 'result',
              title: t('screening.result'),
              width: 260,
              render: (_, e) => <DecisionResult item={e} />,
            }
          : {
              key: 'due',
              title: t('screening.dueAt'),
              width: 190,
              render: (_, e) => <SlaClock dueAt={e.dueAt} overdue={e.overdue} now={now} />,
            },
        {
          key: 'actions',
          title: t('screening.actions'),
          width: 90,
          fixed: 'right',
          render: (_, e) => (
            <Button size="small" onClick={() => onRead(e)}>
              {t('screening.read')}
            </Button>
          ),
        },
      ]}
    />
  );
}
