import { fieldMessage } from '@casearena/contract';
import { Alert, Button, Input, Modal, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n/index.ts';

interface Props {
  open: boolean;
  title: string;
  /** What the reason is for (the award removed, the change an uphold makes …), above the text box. */
  children?: ReactNode;
  okText: string;
  danger?: boolean;
  loading: boolean;
  /** The server's refusal, shown in the dialog so the reason typed is kept. */
  error?: string | null;
  /** False while something above the reason (a choice) is still missing. */
  ready?: boolean;
  maxLength?: number;
  testId: string;
  onOk: (reason: string) => void;
  onCancel: () => void;
}

/** Every change by hand needs a written reason (audited, X-3): at least 2 characters, as the server asks too. */
export function ReasonModal(p: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  useEffect(() => {
    if (p.open) {
      setReason('');
      setTried(false);
    }
  }, [p.open]);
  const short = reason.trim().length < 2;
  return (
    <Modal
      open={p.open}
      title={p.title}
      onCancel={p.onCancel}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={p.onCancel}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="ok"
          type="primary"
          danger={p.danger}
          loading={p.loading}
          disabled={p.ready === false}
          data-testid={`${p.testId}-ok`}
          onClick={() => {
            setTried(true);
            if (!short) p.onOk(reason.trim());
          }}
        >
          {p.okText}
        </Button>,
      ]}
    >
      {p.children}
      <Typography.Text>{t('awards.reason.label')}</Typography.Text>
      <Input.TextArea
        data-testid={`${p.testId}-reason`}
        value={reason}
        autoSize={{ minRows: 3, maxRows: 6 }}
        maxLength={p.maxLength ?? 500}
        showCount
        status={tried && short ? 'error' : undefined}
        placeholder={t('awards.reason.placeholder')}
        onChange={(e) => setReason(e.target.value)}
      />
      {tried && short ? (
        <Typography.Text type="danger" style={{ fontSize: 13 }} data-testid={`${p.testId}-reason-error`}>
          {fieldMessage('REASON_REQUIRED', lang)}
        </Typography.Text>
      ) : null}
      {p.error ? <Alert type="error" showIcon style={{ marginTop: 12 }} title={p.error} /> : null}
    </Modal>
  );
}
