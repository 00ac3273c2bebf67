import { PaperClipOutlined } from '@ant-design/icons';
import { professionalTitleLabel, type TCertificationView as TCertification } from '@casearena/contract';
import { Empty, Flex, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { certificationFileUrl } from '../../api/certifications.ts';
import { CertificationStatusTag } from '../../components/CertificationStatusTag.tsx';
import { formatBytes, formatDateTime } from '../../components/format.ts';
import { useLang } from '../../i18n/index.ts';
import { QueueActions } from './QueueActions.tsx';
import type { QueueViewProps } from './queue-view.ts';

/** The review queue on a desk; a narrow window scrolls the table sideways inside its card, never the page. */
export function CertificationQueueTable({ items, loading, approvingId, onApprove, onReject, pagination }: QueueViewProps) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Table<TCertification>
      rowKey="id"
      dataSource={items}
      loading={loading}
      scroll={{ x: 1100 }}
      locale={{ emptyText: <Empty description={t('admin.empty')} /> }}
      pagination={{ ...pagination, showSizeChanger: false, hideOnSinglePage: true }}
      columns={[
        { key: 'applicant', title: t('admin.applicant'), render: (_, c) => c.user.name, width: 100 },
        { key: 'kind', title: t('admin.kind'), render: (_, c) => t(`cert.kinds.${c.kind}`), width: 120 },
        {
          key: 'org',
          title: t('admin.organization'),
          render: (_, c) => (
            <Flex vertical>
              <span>{c.organization.name}</span>
              {c.title ? <Typography.Text type="secondary">{professionalTitleLabel(c.title, lang)}</Typography.Text> : null}
            </Flex>
          ),
        },
        {
          key: 'note',
          title: t('cert.note'),
          render: (_, c) => (
            <Typography.Paragraph ellipsis={{ rows: 2, tooltip: c.note }} style={{ margin: 0 }}>
              {c.note}
            </Typography.Paragraph>
          ),
          width: 160,
        },
        {
          key: 'file',
          title: t('admin.file'),
          width: 120,
          render: (_, c) => (
            // Opens in a new tab: the reviewer compares the licence with the request side by side.
            <a
              href={certificationFileUrl(c.id)}
              target="_blank"
              rel="noopener"
              title={c.file.name}
              data-testid={`cert-file-${c.id}`}
            >
              <PaperClipOutlined /> {t('admin.view')}{' '}
              <Typography.Text type="secondary">({formatBytes(c.file.size)})</Typography.Text>
            </a>
          ),
        },
        { key: 'createdAt', title: t('admin.submittedAt'), render: (_, c) => formatDateTime(c.createdAt, lang), width: 140 },
        {
          key: 'status',
          title: t('admin.status'),
          width: 150,
          render: (_, c) => (
            <Flex vertical gap={4}>
              <div>
                <CertificationStatusTag id={c.id} status={c.status} />
              </div>
              {c.decisionReason ? <Typography.Text type="secondary">{c.decisionReason}</Typography.Text> : null}
            </Flex>
          ),
        },
        {
          key: 'actions',
          title: t('admin.actions'),
          width: 170,
          render: (_, c) =>
            c.abilities.decide === true ? (
              <QueueActions cert={c} approvingId={approvingId} onApprove={onApprove} onReject={onReject} />
            ) : null,
        },
      ]}
    />
  );
}
