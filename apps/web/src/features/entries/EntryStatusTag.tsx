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

/** Statuses in which the organization may still change the text (the server decides; this only shapes the page). */
export const EDITABLE = {
  draft: true,
  submitted: false,
  returned: true,
  passed: false,
  excluded: false,
  withdrawn: false,
} as const satisfies Record<EntryStatus, boolean>;

export const WITHDRAWABLE = {
  draft: true,
  submitted: true,
  returned: true,
  passed: false,
  excluded: false,
  withdrawn: false,
} as const satisfies Record<EntryStatus, boolean>;

export function EntryStatusTag({ id, status }: { id: string; status: EntryStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status]} data-testid={`entry-status-${id}`} data-status={status} style={{ marginInlineEnd: 0 }}>
      {t(`entries.statuses.${status}`)}
    </Tag>
  );
}
