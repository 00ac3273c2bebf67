import { RollbackOutlined } from '@ant-design/icons';
import type { TEntry } from '@casearena/contract';
import { Alert, App, Button, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useWithdrawEntry } from '../../api/entries.ts';

/** Withdrawing is final, so it asks first and takes an optional reason for the organizer. */
export function WithdrawButton({ entry, onWithdrawn }: { entry: TEntry; onWithdrawn?: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const withdraw = useWithdrawEntry();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const confirm = () => {
    setProblem(null);
    withdraw.mutate(
      { id: entry.id, reason },
      {
        onSuccess: () => {
          setOpen(false);
          message.success(t('entries.withdrawn'));
          onWithdrawn?.();
        },
        onError: (err) => setProblem(err.message),
      },
    );
  };
  return (
    <>
      <Button danger icon={<RollbackOutlined />} onClick={() => setOpen(true)} data-testid="entry-withdraw">
        {t('entries.withdraw')}
      </Button>
      <Modal
        open={open}
        title={t('entries.withdrawTitle')}
        okText={t('entries.withdraw')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true, loading: withdraw.isPending, 'data-testid': 'entry-withdraw-confirm' }}
        onOk={confirm}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('entries.withdrawBody')}</Typography.Paragraph>
        {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
        <Input.TextArea
          rows={3}
          maxLength={500}
          showCount
          placeholder={t('entries.withdrawReason')}
          aria-label={t('entries.withdrawReason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </>
  );
}
