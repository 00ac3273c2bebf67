import { CERTIFICATION_STATUSES, type CertificationStatus, type TCertificationView as TCertification } from '@casearena/contract';
import { Alert, App, Card, Flex, Grid, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCertificationQueue, useDecideCertification } from '../../api/certifications.ts';
import { CertificationQueueCards } from './CertificationQueueCards.tsx';
import { CertificationQueueTable } from './CertificationQueueTable.tsx';
import type { QueueViewProps } from './queue-view.ts';
import { RejectModal } from './RejectModal.tsx';

type Filter = CertificationStatus | 'all';
const PAGE_SIZE = 20;

/** Reviewers work the pending queue first; the other statuses are there to look things up. */
export function AdminCertificationsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const wide = Grid.useBreakpoint().md === true;
  const [filter, setFilter] = useState<Filter>('pending');
  const [page, setPage] = useState(1);
  const [rejecting, setRejecting] = useState<TCertification | null>(null);
  const queue = useCertificationQueue(filter === 'all' ? undefined : filter, page, PAGE_SIZE);
  const decide = useDecideCertification();
  const approvingId = decide.isPending && decide.variables?.decision === 'approve' ? decide.variables.id : null;

  const approve = (cert: TCertification) =>
    decide.mutate(
      { id: cert.id, decision: 'approve' },
      { onSuccess: () => void message.success(t('admin.approved')), onError: (err) => void message.error(err.message) },
    );

  const view: QueueViewProps = {
    items: queue.data?.items ?? [],
    loading: queue.isFetching,
    approvingId,
    onApprove: approve,
    onReject: setRejecting,
    pagination: { current: page, pageSize: PAGE_SIZE, total: queue.data?.total ?? 0, onChange: setPage },
  };

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('admin.certsTitle')}
      </Typography.Title>
      <Card>
        <Flex vertical gap={16}>
          {/* Five statuses do not fit a phone's width in English: the filter scrolls on its own. */}
          <div style={{ overflowX: 'auto' }}>
            <Segmented<Filter>
              value={filter}
              onChange={(v) => {
                setFilter(v);
                setPage(1);
              }}
              options={[
                ...CERTIFICATION_STATUSES.map((s) => ({ value: s, label: t(`cert.statuses.${s}`) })),
                { value: 'all' as const, label: t('admin.allStatuses') },
              ]}
              data-testid="cert-status-filter"
            />
          </div>
          {queue.error ? <Alert type="error" showIcon title={queue.error.message} /> : null}
          {wide ? <CertificationQueueTable {...view} /> : <CertificationQueueCards {...view} />}
        </Flex>
      </Card>
      <RejectModal cert={rejecting} onClose={() => setRejecting(null)} />
    </Flex>
  );
}
