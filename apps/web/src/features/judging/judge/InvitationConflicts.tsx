import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { OrgPicker } from '../../../components/OrgPicker.tsx';

export interface ConflictRow {
  organizationId: string | null;
  note: string;
}

/** The units the expert declares at once when accepting: never assigned their entries. */
export function InvitationConflicts({ rows, onChange }: { rows: ConflictRow[]; onChange: (rows: ConflictRow[]) => void }) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<ConflictRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Flex vertical gap={8} data-testid="invitation-conflicts">
      <Typography.Text strong>{t('judgingJudge.invitation.conflictsTitle')}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {t('judgingJudge.invitation.conflictsHint')}
      </Typography.Text>
      {rows.map((row, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity before an organization is chosen
        <Flex key={i} gap={8} wrap="wrap" align="center">
          <div style={{ flex: '1 1 220px', minWidth: 0 }}>
            <OrgPicker
              value={row.organizationId}
              onChange={(id) => set(i, { organizationId: id })}
              data-testid={`invitation-conflict-org-${i}`}
            />
          </div>
          <Input
            style={{ flex: '1 1 160px' }}
            value={row.note}
            maxLength={200}
            placeholder={t('judgingJudge.invitation.conflictNote')}
            onChange={(e) => set(i, { note: e.target.value })}
          />
          <Button
            icon={<DeleteOutlined />}
            aria-label={t('judgingJudge.invitation.remove')}
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          />
        </Flex>
      ))}
      <div>
        <Button icon={<PlusOutlined />} onClick={() => onChange([...rows, { organizationId: null, note: '' }])}>
          {t('judgingJudge.invitation.addConflict')}
        </Button>
      </div>
    </Flex>
  );
}
