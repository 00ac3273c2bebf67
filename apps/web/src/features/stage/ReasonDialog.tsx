import { fieldMessage } from '@casearena/contract';
import { Button, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n/index.ts';

interface Props {
  open: boolean;
  title: string;
  loading: boolean;
  onOk: (reason: string) => void;
  onCancel: () => void;
}

/** A re-draw or a reopened score needs a reason (audited, X-3); the server asks at least 2 characters too. */
export function ReasonDialog({ open, title, loading, onOk, onCancel }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  useEffect(() => {
    if (open) {
      setReason('');
      setTried(false);
    }
  }, [open]);
  const short = reason.trim().length < 2;
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onCancel}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onCancel}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="ok"
          type="primary"
          loading={loading}
          data-testid="stage-reason-ok"
          onClick={() => {
            setTried(true);
            if (!short) onOk(reason.trim());
          }}
        >
          {t('stage.host.reasonOk')}
        </Button>,
      ]}
    >
      <Input.TextArea
        data-testid="stage-reason"
        value={reason}
        autoFocus
        autoSize={{ minRows: 3, maxRows: 6 }}
        maxLength={500}
        showCount
        status={tried && short ? 'error' : undefined}
        placeholder={t('stage.host.reasonPlaceholder')}
        onChange={(e) => setReason(e.target.value)}
      />
      {tried && short ? (
        <Typography.Text type="danger" style={{ fontSize: 13 }}>
          {fieldMessage('REASON_REQUIRED', lang)}
        </Typography.Text>
      ) : null}
    </Modal>
  );
}
