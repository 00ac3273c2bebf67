import type { EntryStatus } from '@casearena/contract';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const COLORS = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  passed: 'success',
  excluded: 'error',
  withdrawn: 'default',
} as const satisfies Record<EntryStatus, string>;

export function EntryStatusTag({ id, status }: { id: string; status: EntryStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status]} data-testid={`entry-status-${id}`} data-status={status} style={{ marginInlineEnd: 0 }}>
      {t(`entries.statuses.${status}`)}
    </Tag>
  );
}
