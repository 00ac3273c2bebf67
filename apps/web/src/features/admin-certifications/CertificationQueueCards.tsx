import { PaperClipOutlined } from '@ant-design/icons';
import { professionalTitleLabel } from '@casearena/contract';
import { Card, Empty, Flex, Pagination, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { certificationFileUrl } from '../../api/certifications.ts';
import { CertificationStatusTag } from '../../components/CertificationStatusTag.tsx';
import { formatBytes, formatDateTime } from '../../components/format.ts';
import { useLang } from '../../i18n/index.ts';
import { QueueActions } from './QueueActions.tsx';
import type { QueueViewProps } from './queue-view.ts';

/** The review queue on a phone: one card per request, the decision buttons full width under it. */
export function CertificationQueueCards({ items, loading, approvingId, onApprove, onReject, pagination }: QueueViewProps) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Spin spinning={loading}>
      <Flex vertical gap={12}>
        {items.length === 0 && !loading ? <Empty description={t('admin.empty')} /> : null}
        {items.map((c) => (
          <Card key={c.id} size="small">
            <Flex vertical gap={6}>
              <Flex justify="space-between" align="center" gap={8}>
                <Typography.Text strong>{c.user.name}</Typography.Text>
                <CertificationStatusTag id={c.id} status={c.status} />
              </Flex>
              <Typography.Text>
                {t(`cert.kinds.${c.kind}`)} · {c.organization.name}
                {c.title ? ` · ${professionalTitleLabel(c.title, lang)}` : ''}
              </Typography.Text>
              {c.note ? <Typography.Text type="secondary">{c.note}</Typography.Text> : null}
              <a href={certificationFileUrl(c.id)} target="_blank" rel="noopener" data-testid={`cert-file-${c.id}`}>
                <PaperClipOutlined /> {c.file.name} ({formatBytes(c.file.size)})
              </a>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {formatDateTime(c.createdAt, lang)}
              </Typography.Text>
              {c.decisionReason ? <Typography.Text type="secondary">{c.decisionReason}</Typography.Text> : null}
              {c.abilities.decide === true ? (
                <QueueActions cert={c} approvingId={approvingId} onApprove={onApprove} onReject={onReject} block />
              ) : null}
            </Flex>
          </Card>
        ))}
        {pagination.total > pagination.pageSize ? (
          <Pagination simple size="small" {...pagination} showSizeChanger={false} style={{ textAlign: 'center' }} />
        ) : null}
      </Flex>
    </Spin>
  );
}
