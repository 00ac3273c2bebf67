import type { CertificationStatus } from '@casearena/contract';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const COLORS = {
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
  withdrawn: 'default',
} as const satisfies Record<CertificationStatus, string>;

export function CertificationStatusTag({ id, status }: { id: string; status: CertificationStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status]} data-testid={`cert-status-${id}`} data-status={status}>
      {t(`cert.statuses.${status}`)}
    </Tag>
  );
}
